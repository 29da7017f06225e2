package server

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/search"
	"github.com/errcat/errcat/internal/source"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// newTestServer serves the built-in catalogs plus testdata/catalogs over
// real HTTP with the server's own limits.
func newTestServer(tb testing.TB, mod func(*Config)) (*Server, *httptest.Server) {
	tb.Helper()
	builtin, err := source.Builtin()
	if err != nil {
		tb.Fatal(err)
	}
	cfg := Config{Builtin: builtin, Dirs: []string{"testdata/catalogs"}, Reload: -1, RateLimit: 1000, RateBurst: 1000}
	if mod != nil {
		mod(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	if cfg.buildIndex == nil {
		waitSearch(tb, s)
	}
	ts := httptest.NewUnstartedServer(s)
	hs := s.HTTPServer("")
	ts.Config.ReadHeaderTimeout = hs.ReadHeaderTimeout
	ts.Config.ReadTimeout = hs.ReadTimeout
	ts.Config.WriteTimeout = hs.WriteTimeout
	ts.Config.MaxHeaderBytes = hs.MaxHeaderBytes
	ts.Start()
	tb.Cleanup(ts.Close)
	return s, ts
}

// waitSearch waits until s answers searches over the catalogs it serves
// now: its search index is built in the background.
func waitSearch(tb testing.TB, s *Server) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := s.WaitSearch(ctx); err != nil {
		tb.Fatalf("search index: %v", err)
	}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func do(tb testing.TB, ts *httptest.Server, method, path string, header http.Header, body io.Reader) response {
	tb.Helper()
	req, err := http.NewRequest(method, ts.URL+path, body)
	if err != nil {
		tb.Fatal(err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, b}
}

type problemJSON struct {
	Type      string            `json:"type"`
	Title     string            `json:"title"`
	Status    int               `json:"status"`
	Detail    string            `json:"detail"`
	Code      string            `json:"code"`
	Domain    string            `json:"domain"`
	RequestID string            `json:"request_id"`
	Params    map[string]string `json:"params"`
}

// checkProblem checks that r is a problem+json of code with the request id
// of its X-Request-Id header.
func checkProblem(tb testing.TB, r response, status int, code string) problemJSON {
	tb.Helper()
	if r.status != status {
		tb.Errorf("status = %d, want %d; body %s", r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		tb.Errorf("Content-Type = %q, want application/problem+json", ct)
	}
	var p problemJSON
	if err := json.Unmarshal(r.body, &p); err != nil {
		tb.Fatalf("problem body %s: %v", r.body, err)
	}
	if p.Code != code || p.Status != status || p.Domain != "errcat.server" {
		tb.Errorf("problem = %+v, want code %s status %d", p, code, status)
	}
	if p.RequestID == "" || p.RequestID != r.header.Get("X-Request-Id") {
		tb.Errorf("request_id %q, X-Request-Id %q: want equal and set", p.RequestID, r.header.Get("X-Request-Id"))
	}
	if strings.Contains(p.Detail, "{") {
		tb.Errorf("detail has an unfilled placeholder: %q", p.Detail)
	}
	return p
}

func TestDomains(t *testing.T) {
	s, ts := newTestServer(t, nil)
	r := do(t, ts, "GET", "/v1/domains", nil, nil)
	var got struct {
		Domains []catalog.DomainJSON
		Entries int
	}
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, c := range s.snap().set.Catalogs() {
		want[c.Domain.ID] = len(c.Entries)
	}
	gotCounts := map[string]int{}
	for _, d := range got.Domains {
		gotCounts[d.ID] = d.Entries
	}
	if diff := cmp.Diff(want, gotCounts); diff != "" {
		t.Errorf("domain counts (-want +got):\n%s", diff)
	}
	for _, id := range []string{"zilliz.cloud", "huaweicloud.css", "tencentcloud.common", "privatecloud.retcode", "aliyun.polardb", "test.example"} {
		if _, ok := gotCounts[id]; !ok {
			t.Errorf("domain %s missing", id)
		}
	}
	if got.Entries != s.snap().set.Len() {
		t.Errorf("entries = %d, want %d", got.Entries, s.snap().set.Len())
	}
}

func TestEntry(t *testing.T) {
	s, ts := newTestServer(t, nil)
	set := s.snap().set
	tests := []struct {
		path, domain, code string
	}{
		{"/v1/domains/huaweicloud.css/errors/CSS.0001", "huaweicloud.css", "CSS.0001"},
		{"/v1/domains/huaweicloud.css/errors/css.0001", "huaweicloud.css", "CSS.0001"},
		{"/v1/domains/zilliz.cloud/errors/96000", "zilliz.cloud", "96000"},
		{"/v1/domains/test.example/errors/Quota.Exceeded", "test.example", "Quota.Exceeded"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := do(t, ts, "GET", tt.path, nil, nil)
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			var got catalog.EntryJSON
			if err := json.Unmarshal(r.body, &got); err != nil {
				t.Fatal(err)
			}
			want := set.Entry(tt.domain, tt.code).JSON(&set.Domain(tt.domain).Domain)
			// Through JSON and back, as a client sees it.
			wb, _ := json.Marshal(want)
			var wantRT catalog.EntryJSON
			_ = json.Unmarshal(wb, &wantRT)
			if diff := cmp.Diff(wantRT, got); diff != "" {
				t.Errorf("entry (-want +got):\n%s", diff)
			}
		})
	}
}

func TestErrorsList(t *testing.T) {
	_, ts := newTestServer(t, nil)
	type page struct {
		Total   int                 `json:"total"`
		Page    int                 `json:"page"`
		PerPage int                 `json:"per_page"`
		Next    string              `json:"next"`
		Entries []catalog.EntryJSON `json:"entries"`
	}
	tests := []struct {
		name  string
		query string
		total int
		n     int
		check func(e catalog.EntryJSON) bool
	}{
		{"all", "", 49, 49, nil},
		{"no status", "status=none", 16, 16, func(e catalog.EntryJSON) bool { return e.HTTPStatus == nil }},
		{"status 202", "status=202", 1, 1, func(e catalog.EntryJSON) bool { return e.Code == "CSS.0011" }},
		{"category", "category=invalid_argument", -1, -1, func(e catalog.EntryJSON) bool { return e.Category == catalog.InvalidArgument }},
		{"retryable", "retryable=false", -1, -1, func(e catalog.EntryJSON) bool { return !e.Retryable }},
		{"page 2", "per_page=20&page=2", 49, 20, nil},
		{"last page", "per_page=20&page=3", 49, 9, nil},
		{"past the end", "per_page=20&page=9", 49, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, ts, "GET", "/v1/domains/huaweicloud.css/errors?"+tt.query, nil, nil)
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			var p page
			if err := json.Unmarshal(r.body, &p); err != nil {
				t.Fatalf("%s: %v", r.body, err)
			}
			if tt.total >= 0 && p.Total != tt.total {
				t.Errorf("total = %d, want %d", p.Total, tt.total)
			}
			if tt.n >= 0 && len(p.Entries) != tt.n {
				t.Errorf("%d entries, want %d", len(p.Entries), tt.n)
			}
			if (p.Page*p.PerPage < p.Total) != (p.Next != "") {
				t.Errorf("next = %q with page %d of %d per page, total %d", p.Next, p.Page, p.PerPage, p.Total)
			}
			for _, e := range p.Entries {
				if e.Domain != "huaweicloud.css" || (tt.check != nil && !tt.check(e)) {
					t.Errorf("entry %s %s does not fit %s", e.Domain, e.Code, tt.query)
				}
			}
		})
	}
}

func TestSearchAPI(t *testing.T) {
	_, ts := newTestServer(t, nil)
	tests := []struct {
		q, domain string
		first     string // domain/code of the first hit, "" to skip
		contains  string // every hit's messages contain this, "" to skip
		reason    string
	}{
		{"参数", "", "", "参数", "text"},
		{"配额", "", "", "配额", "text"},
		{"CSS.0001", "", "huaweicloud.css/CSS.0001", "", "code"},
		{"css.0001", "", "huaweicloud.css/CSS.0001", "", "code"},
		{"invaliddbclusterid", "", "", "", "prefix"},
		{"InvalidDBClustrId.NotFound", "", "aliyun.polardb/InvalidDBClusterId.NotFound", "", "typo"},
		{"quota", "test.example", "test.example/Quota.Exceeded", "", "prefix"},
		{"frozen account", "test.example", "test.example/Quota.Exceeded", "", "text"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			v := url.Values{"q": {tt.q}}
			if tt.domain != "" {
				v.Set("domain", tt.domain)
			}
			r := do(t, ts, "GET", "/v1/search?"+v.Encode(), nil, nil)
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			var got SearchJSON
			if err := json.Unmarshal(r.body, &got); err != nil {
				t.Fatal(err)
			}
			if len(got.Hits) == 0 {
				t.Fatal("no hits")
			}
			if h := got.Hits[0]; tt.first != "" && h.Entry.Domain+"/"+h.Entry.Code != tt.first {
				t.Errorf("first hit %s/%s, want %s", h.Entry.Domain, h.Entry.Code, tt.first)
			}
			if string(got.Hits[0].Reason) != tt.reason {
				t.Errorf("reason %s, want %s", got.Hits[0].Reason, tt.reason)
			}
			for _, h := range got.Hits {
				if tt.domain != "" && h.Entry.Domain != tt.domain {
					t.Errorf("hit in %s, want only %s", h.Entry.Domain, tt.domain)
				}
				if tt.contains == "" || h.Reason == search.ReasonSynonym {
					continue // a synonym's hit need not contain the query
				}
				all, _ := json.Marshal([]catalog.Text{h.Entry.Title, h.Entry.Message, h.Entry.Remediation})
				vs, _ := json.Marshal(h.Entry.Variants)
				if !strings.Contains(string(all)+string(vs), tt.contains) {
					t.Errorf("%s/%s has no %s: %s", h.Entry.Domain, h.Entry.Code, tt.contains, all)
				}
			}
		})
	}
}

// TestBadRequests: every bad request gets a 4xx problem+json with a request id.
func TestBadRequests(t *testing.T) {
	_, ts := newTestServer(t, nil)
	tests := []struct {
		method, path string
		status       int
		code         string
	}{
		{"GET", "/v1/domains/nope/errors", 404, "DomainNotFound"},
		{"GET", "/v1/domains/nope", 404, "DomainNotFound"},
		{"GET", "/v1/domains/huaweicloud.css/errors/NOPE", 404, "ErrorNotFound"},
		{"GET", "/v1/domains/huaweicloud.css/errors?status=abc", 400, "InvalidParameter"},
		{"GET", "/v1/domains/huaweicloud.css/errors?status=999", 400, "InvalidParameter"},
		{"GET", "/v1/domains/huaweicloud.css/errors?category=bogus", 400, "InvalidParameter"},
		{"GET", "/v1/domains/huaweicloud.css/errors?retryable=maybe", 400, "InvalidParameter"},
		{"GET", "/v1/domains/huaweicloud.css/errors?per_page=100000", 400, "InvalidParameter"},
		{"GET", "/v1/domains/huaweicloud.css/errors?page=0", 400, "InvalidParameter"},
		{"GET", "/v1/domains/huaweicloud.css/errors?sort=random", 400, "InvalidParameter"},
		{"GET", "/v1/search", 400, "InvalidParameter"},
		{"GET", "/v1/search?q=%20", 400, "InvalidParameter"},
		{"GET", "/v1/search?q=" + strings.Repeat("x", 201), 400, "InvalidParameter"},
		{"GET", "/v1/search?q=%ff%fe", 400, "InvalidParameter"},
		{"GET", "/v1/search?q=a&limit=0", 400, "InvalidParameter"},
		{"GET", "/v1/search?q=a&limit=1000", 400, "InvalidParameter"},
		{"GET", "/v1/search?q=a&domain=nope", 404, "DomainNotFound"},
		{"POST", "/v1/search?q=a", 405, "MethodNotAllowed"},
		{"DELETE", "/v1/domains", 405, "MethodNotAllowed"},
		{"GET", "/v1/decode", 405, "MethodNotAllowed"},
		{"POST", "/v1/decode?status=abc", 400, "InvalidParameter"},
		{"GET", "/v1/nothing", 404, "NotFound"},
		{"GET", "/nothing", 404, "NotFound"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			checkProblem(t, do(t, ts, tt.method, tt.path, nil, strings.NewReader("{}")), tt.status, tt.code)
		})
	}
}

func TestProblemLanguage(t *testing.T) {
	_, ts := newTestServer(t, nil)
	r := do(t, ts, "GET", "/v1/domains/nope", http.Header{"Accept-Language": {"zh-CN,zh;q=0.9"}}, nil)
	p := checkProblem(t, r, 404, "DomainNotFound")
	if want := "目录中没有域 nope。"; p.Detail != want {
		t.Errorf("detail = %q, want %q", p.Detail, want)
	}
}

func TestDecodeAPI(t *testing.T) {
	_, ts := newTestServer(t, nil)
	tests := []struct {
		name, query, body string
		header            http.Header
		format, domain    string
		code              string
		retryable         bool
		entry             bool
	}{
		{"zilliz", "", `{"code":96000,"message":"Invalid CloudId"}`, nil, "zilliz", "zilliz.cloud", "96000", false, true},
		{"huawei", "?status=400", `{"error_code":"CSS.0001","error_msg":"The parameter is incorrect."}`, nil, "huawei", "huaweicloud.css", "CSS.0001", false, true},
		{"tencent v2 sub-code", "", `{"code":4000,"message":"(100004) incorrect projectId","codeDesc":"InvalidParameter"}`, nil, "tencent-v2", "tencentcloud.common", "4000", false, true},
		{"aws throttling, no catalog", "?status=400", `{"__type":"com.amazonaws#ThrottlingException","message":"Rate exceeded"}`, nil, "aws-json", "", "ThrottlingException", true, false},
		{"headers travel", "?status=503", `{"error":{"code":503,"message":"backend down","status":"UNAVAILABLE"}}`, http.Header{"X-Decode-Retry-After": {"7"}}, "google", "", "UNAVAILABLE", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, ts, "POST", "/v1/decode"+tt.query, tt.header, strings.NewReader(tt.body))
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			var got struct {
				Format, Domain, Code string
				Retryable            bool
				RetryAfter           string `json:"retry_after"`
				Entry                *catalog.EntryJSON
			}
			if err := json.Unmarshal(r.body, &got); err != nil {
				t.Fatal(err)
			}
			if got.Format != tt.format || (tt.domain != "" && got.Domain != tt.domain) || got.Code != tt.code || got.Retryable != tt.retryable {
				t.Errorf("got format %s domain %s code %s retryable %v; want %s %s %s %v\n%s", got.Format, got.Domain, got.Code, got.Retryable, tt.format, tt.domain, tt.code, tt.retryable, r.body)
			}
			if (got.Entry != nil) != tt.entry {
				t.Errorf("entry = %v, want one: %v", got.Entry, tt.entry)
			}
			if tt.header != nil && got.RetryAfter != "7" {
				t.Errorf("retry_after = %q, want the header's 7", got.RetryAfter)
			}
		})
	}
	checkProblem(t, do(t, ts, "POST", "/v1/decode", nil, strings.NewReader("  ")), 400, "InvalidParameter")
	checkProblem(t, do(t, ts, "POST", "/v1/decode", nil, strings.NewReader("<html><title>502 Bad Gateway</title></html>garbage{")), 422, "DecodeFailed")
	checkProblem(t, do(t, ts, "POST", "/v1/decode?domain=nope", nil, strings.NewReader("{}")), 404, "DomainNotFound")
}

func TestRenderAPI(t *testing.T) {
	_, ts := newTestServer(t, nil)
	tests := []struct {
		name, path string
		format     string
		status     int
		body       []string // substrings of the body
	}{
		{"domain's own format", "/v1/domains/huaweicloud.css/errors/CSS.0001/render", "huawei", 400, []string{`"error_code":"CSS.0001"`}},
		{"google", "/v1/domains/huaweicloud.css/errors/CSS.0001/render?format=google", "google", 400, []string{`"status":"INVALID_ARGUMENT"`}},
		{"zilliz always 200", "/v1/domains/zilliz.cloud/errors/96000/render", "zilliz", 200, []string{`"code":96000`}},
		{"params and locale", "/v1/domains/test.example/errors/Quota.Exceeded/render?format=problem&lang=zh-CN&param.resource=%E7%A3%81%E7%9B%98", "problem", 429, []string{`磁盘 配额已用完。`, `"resource":"磁盘"`}},
		{"escaped", "/v1/domains/test.example/errors/Script.Injected/render?format=problem", "problem", 400, []string{`\u003cscript\u003e`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, ts, "GET", tt.path, nil, nil)
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			var got Rendered
			if err := json.Unmarshal(r.body, &got); err != nil {
				t.Fatal(err)
			}
			if got.Format != tt.format || got.Status != tt.status {
				t.Errorf("format %s status %d, want %s %d", got.Format, got.Status, tt.format, tt.status)
			}
			if !json.Valid([]byte(got.Body)) {
				t.Errorf("body is not JSON: %s", got.Body)
			}
			for _, b := range tt.body {
				if !strings.Contains(got.Body, b) {
					t.Errorf("body lacks %s: %s", b, got.Body)
				}
			}
			if got.Header.Get("X-Request-Id") != r.header.Get("X-Request-Id") {
				t.Errorf("rendered request id %q, want this request's %q", got.Header.Get("X-Request-Id"), r.header.Get("X-Request-Id"))
			}
		})
	}
	checkProblem(t, do(t, ts, "GET", "/v1/domains/huaweicloud.css/errors/CSS.0001/render?format=nope", nil, nil), 400, "InvalidParameter")
	checkProblem(t, do(t, ts, "GET", "/v1/domains/huaweicloud.css/errors/CSS.0001/render?param.x="+strings.Repeat("x", 2000), nil, nil), 400, "InvalidParameter")
	checkProblem(t, do(t, ts, "GET", "/v1/domains/huaweicloud.css/errors/NOPE/render", nil, nil), 404, "ErrorNotFound")
}

func TestOpenAPIAndHealth(t *testing.T) {
	s, ts := newTestServer(t, nil)
	r := do(t, ts, "GET", "/openapi.json", nil, nil)
	var doc struct {
		OpenAPI string                     `json:"openapi"`
		Paths   map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(r.body, &doc); err != nil || doc.OpenAPI == "" {
		t.Fatalf("openapi.json: %v %s", err, r.body[:min(len(r.body), 100)])
	}
	// Every API route is described.
	for _, p := range []string{"/v1/domains", "/v1/domains/{domain}", "/v1/domains/{domain}/errors", "/v1/domains/{domain}/errors/{code}",
		"/v1/domains/{domain}/errors/{code}/render", "/v1/search", "/v1/decode", "/healthz", "/metrics"} {
		if _, ok := doc.Paths[p]; !ok {
			t.Errorf("openapi.json lacks %s", p)
		}
	}
	r = do(t, ts, "GET", "/healthz", nil, nil)
	var h struct {
		Status  string
		Entries int
	}
	if err := json.Unmarshal(r.body, &h); err != nil || h.Status != "ok" || h.Entries != s.snap().set.Len() {
		t.Errorf("healthz = %s (%v)", r.body, err)
	}
	do(t, ts, "GET", "/v1/domains/huaweicloud.css/errors/CSS.0001", nil, nil)
	r = do(t, ts, "GET", "/metrics", nil, nil)
	for _, want := range []string{`errcat_http_requests_total{route="GET /v1/domains/{domain}/errors/{code}",status="200"} 1`, "errcat_catalog_entries", "go_goroutines"} {
		if !bytes.Contains(r.body, []byte(want)) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// TestGolden compares API answers and pages on the test catalog with
// testdata/golden; run with -update to rewrite them.
func TestGolden(t *testing.T) {
	// Lint's wording belongs to lint; TestEntryLintFindings covers it.
	_, ts := newTestServer(t, func(c *Config) { c.NoLint = true })
	tests := []struct{ name, path, lang string }{
		{"entry.json", "/v1/domains/test.example/errors/Quota.Exceeded", ""},
		{"errors.json", "/v1/domains/test.example/errors?sort=status", ""},
		{"entry.en.html", "/domains/test.example/errors/Quota.Exceeded", "en"},
		{"entry.zh-CN.html", "/domains/test.example/errors/Quota.Exceeded", "zh-CN"},
		{"domain.html", "/domains/test.example?sort=category", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			if tt.lang != "" {
				h.Set("Accept-Language", tt.lang)
			}
			r := do(t, ts, "GET", tt.path, h, nil)
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			file := filepath.Join("testdata", "golden", tt.name)
			if *update {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, r.body, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), string(r.body)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.path, diff)
			}
		})
	}
}

func TestEntryLintFindings(t *testing.T) {
	_, ts := newTestServer(t, nil)
	body := string(do(t, ts, "GET", "/domains/test.example/errors/Quota.Exceeded", nil, nil).body)
	for _, want := range []string{`<code>conflicting-status</code>`, `<code>repeated-code</code>`, `sev-error`} {
		if !strings.Contains(body, want) {
			t.Errorf("entry page lacks the finding %s", want)
		}
	}
	_, ts = newTestServer(t, func(c *Config) { c.NoLint = true })
	body = string(do(t, ts, "GET", "/domains/test.example/errors/Quota.Exceeded", nil, nil).body)
	if strings.Contains(body, "conflicting-status") || !strings.Contains(body, "Lint findings are turned off") {
		t.Error("NoLint still shows findings")
	}
}

func TestMain(m *testing.M) {
	flag.Parse()
	slog.SetLogLoggerLevel(slog.LevelError)
	os.Exit(m.Run())
}
