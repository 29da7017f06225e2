package server

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUIPages checks what the error center's pages say, without a browser:
// the search page's count, marks, filters and suggestions; the entry page's
// verdict in plain words and its link to the published page; the domain
// overview; and decode of a whole curl -i response.
func TestUIPages(t *testing.T) {
	dir := t.TempDir()
	cat := `domain:
  id: pub.example
  name: Published example
  locales: [en]
  wire_format: problem
  code_kind: string
  source: {file: pub.html, url: "https://docs.example.com/errors"}
entries:
  - code: Rate.Limited
    http_status: 429
    category: resource_exhausted
    retryable: true
    message: {en: "Too many requests."}
    source: {file: pub.html, line: 4}
`
	if err := os.WriteFile(filepath.Join(dir, "pub.yaml"), []byte(cat), 0o644); err != nil {
		t.Fatal(err)
	}
	_, ts := newTestServer(t, func(c *Config) { c.Dirs = append(c.Dirs, dir) })
	tests := []struct {
		path string
		want []string
	}{
		{"/search?q=throttling&lang=en", []string{`id="hit-count"`, "<mark>", `href="/search?category=resource_exhausted&amp;q=throttling"`, "Rate.<wbr>Limited"}},
		{"/search?q=throttling&category=resource_exhausted&domain=pub.example&lang=en", []string{`aria-current="true"`, "<strong>1</strong> results", "× clear"}},
		{"/search?q=clustr&lang=en", []string{"Nearest words", `href="/search?q=cluster"`}},
		{"/search?q=clustr&lang=zh-CN", []string{"相近的词", "cluster"}},
		{"/domains/pub.example/errors/Rate.Limited?lang=en", []string{`id="source-url" href="https://docs.example.com/errors"`, "limit reached.", "Retrying can succeed"}},
		{"/domains/pub.example/errors/Rate.Limited?lang=zh-CN", []string{"超出限额", "重试可能成功", "发布页面"}},
		{"/domains/aliyun.polardb?lang=en", []string{`<svg class="chart"`, "Codes by HTTP status", "Lint findings by rule", "Codes without a translation"}},
		{"/domains/aliyun.polardb?lang=zh-CN", []string{"请求参数错误", "按类别统计"}},
	}
	for _, tt := range tests {
		r := do(t, ts, "GET", tt.path, nil, nil)
		if r.status != 200 {
			t.Errorf("%s: status %d", tt.path, r.status)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(string(r.body), w) {
				t.Errorf("%s: no %q", tt.path, w)
			}
		}
	}
}
