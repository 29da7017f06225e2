package server

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/search"
)

// heldBuild returns a search index builder whose builds after the first
// free ones wait until release is closed, and counts the builds begun.
func heldBuild(free int32, release <-chan struct{}, begun *atomic.Int32) func(*catalog.Set) *search.Index {
	return func(set *catalog.Set) *search.Index {
		if begun.Add(1) > free {
			<-release
		}
		return search.Build(set)
	}
}

// readyOf returns the search member of a /healthz or /readyz body.
func readyOf(tb testing.TB, r response) string {
	tb.Helper()
	var v struct{ Search string }
	if err := json.Unmarshal(r.body, &v); err != nil {
		tb.Fatalf("%s: %v", r.body, err)
	}
	return v.Search
}

// TestSearchBeforeIndexReady serves a server whose search index build is
// held back: look-ups, pages and health answer, searches are refused with
// 503 and Retry-After, and answer once the index is built.
func TestSearchBeforeIndexReady(t *testing.T) {
	release := make(chan struct{})
	var begun atomic.Int32
	s, ts := newTestServer(t, func(c *Config) { c.buildIndex = heldBuild(0, release, &begun) })
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
	})

	type got struct {
		Status     int
		RetryAfter string
		Refresh    string
		Has        bool // the body holds want
	}
	zh := http.Header{"Accept-Language": {"zh-CN"}}
	before := []struct {
		name, path string
		header     http.Header
		want       string // in the body
		wantGot    got
	}{
		{"api search", "/v1/search?q=css", nil, "The search index is being built; retry after 5 seconds.", got{503, "5", "", true}},
		{"api search, Chinese", "/v1/search?q=css", zh, "搜索索引正在构建，请在 5 秒后重试。", got{503, "5", "", true}},
		{"search page", "/search?q=css", nil, "The search index is being built.", got{503, "5", "5", true}},
		{"search page, Chinese", "/search?q=css&lang=zh-CN", nil, "搜索索引正在构建。", got{503, "5", "5", true}},
		{"search page, no query", "/search", nil, `id="q"`, got{200, "", "", true}},
		{"entry", "/v1/domains/huaweicloud.css/errors/CSS.0001", nil, `"code":"CSS.0001"`, got{200, "", "", true}},
		{"entry page", "/domains/huaweicloud.css/errors/CSS.0001", nil, "CSS.0001", got{200, "", "", true}},
		{"domain page", "/domains/test.example", nil, "test.example", got{200, "", "", true}},
		{"decode", "/v1/decode?status=429", nil, `"retryable"`, got{200, "", "", true}},
		{"healthz", "/healthz", nil, `"search":"building"`, got{200, "", "", true}},
		{"readyz", "/readyz", nil, `"search":"building"`, got{503, "5", "", true}},
	}
	for _, tc := range before {
		t.Run("before/"+tc.name, func(t *testing.T) {
			var r response
			if strings.HasPrefix(tc.path, "/v1/decode") {
				r = do(t, ts, "POST", tc.path, tc.header, strings.NewReader(`{"error":{"code":429,"message":"slow down","status":"RESOURCE_EXHAUSTED"}}`))
			} else {
				r = do(t, ts, "GET", tc.path, tc.header, nil)
			}
			g := got{r.status, r.header.Get("Retry-After"), r.header.Get("Refresh"), strings.Contains(string(r.body), tc.want)}
			if diff := cmp.Diff(tc.wantGot, g); diff != "" {
				t.Errorf("%s (-want +got):\n%s\nbody: %.600s", tc.path, diff, r.body)
			}
		})
	}
	if p := checkProblem(t, do(t, ts, "GET", "/v1/search?q=css", nil, nil), 503, "SearchNotReady"); p.Code != "SearchNotReady" {
		t.Errorf("code %q", p.Code)
	}
	if s.SearchReady() {
		t.Fatal("SearchReady() before the build was released")
	}

	close(release)
	waitSearch(t, s)
	if !s.SearchReady() {
		t.Fatal("SearchReady() = false after WaitSearch")
	}
	r := do(t, ts, "GET", "/v1/search?q=CSS.0001", nil, nil)
	var sr SearchJSON
	if err := json.Unmarshal(r.body, &sr); err != nil || r.status != 200 {
		t.Fatalf("search after ready: %d %s", r.status, r.body)
	}
	if len(sr.Hits) == 0 || sr.Hits[0].Entry.Code != "CSS.0001" {
		t.Errorf("search after ready: hits %+v", sr.Hits)
	}
	if r := do(t, ts, "GET", "/search?q=CSS.0001", nil, nil); r.status != 200 || !strings.Contains(string(r.body), `id="hit-count"`) {
		t.Errorf("search page after ready: %d", r.status)
	}
	for _, p := range []string{"/healthz", "/readyz"} {
		if r := do(t, ts, "GET", p, nil, nil); r.status != 200 || readyOf(t, r) != "ready" {
			t.Errorf("%s after ready: %d %s", p, r.status, r.body)
		}
	}
	if n := begun.Load(); n != 1 {
		t.Errorf("%d index builds, want 1", n)
	}
}

// TestSearchOldIndexWhileReloading: while a reload's index is built, the
// previous snapshot's index answers searches and the new catalogs answer
// look-ups; then searches find the new entries.
func TestSearchOldIndexWhileReloading(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "reload.test.yaml")
	t0 := time.Now().Add(-time.Hour)
	writeCatalog(t, file, catalogYAML("reload.test", 2), t0)
	release := make(chan struct{})
	var begun atomic.Int32
	s, ts := newTestServer(t, func(c *Config) {
		c.Dirs, c.AllowDrop, c.buildIndex = []string{dir}, true, heldBuild(1, release, &begun)
	})
	t.Cleanup(func() { close(release) })
	waitSearch(t, s)

	writeCatalog(t, file, catalogYAML("reload.test", 5), t0.Add(time.Minute))
	// A file written in place is read at the second check that finds it.
	_, _ = s.Reload()
	if swapped, err := s.Reload(); err != nil || !swapped {
		t.Fatalf("Reload() = %v, %v", swapped, err)
	}
	codes := func() []string {
		r := do(t, ts, "GET", "/v1/search?q=C4&domain=reload.test", nil, nil)
		var sr SearchJSON
		if err := json.Unmarshal(r.body, &sr); err != nil || r.status != 200 {
			t.Fatalf("search: %d %s", r.status, r.body)
		}
		var codes []string
		for _, h := range sr.Hits {
			if h.Reason == search.ReasonCode {
				codes = append(codes, h.Entry.Code)
			}
		}
		return codes
	}
	type state struct {
		Health, Ready string
		ReadyStatus   int
		EntryStatus   int
		Codes         []string
	}
	now := func() state {
		h, rd := do(t, ts, "GET", "/healthz", nil, nil), do(t, ts, "GET", "/readyz", nil, nil)
		return state{readyOf(t, h), readyOf(t, rd), rd.status, do(t, ts, "GET", "/v1/domains/reload.test/errors/C4", nil, nil).status, codes()}
	}
	if diff := cmp.Diff(state{"updating", "updating", 200, 200, nil}, now()); diff != "" {
		t.Errorf("while the new index is built (-want +got):\n%s", diff)
	}
	release <- struct{}{}
	waitSearch(t, s)
	if diff := cmp.Diff(state{"ready", "ready", 200, 200, []string{"C4"}}, now()); diff != "" {
		t.Errorf("once it is built (-want +got):\n%s", diff)
	}
}
