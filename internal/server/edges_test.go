package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

// TestSecurityHeaders: every response, whoever writes it, tells browsers
// not to sniff its type and not to frame it.
func TestSecurityHeaders(t *testing.T) {
	s, ts := newTestServer(t, nil)
	html := http.Header{"Accept": {"text/html"}}
	tests := []struct {
		name, method, path string
		header             http.Header
		status             int
	}{
		{"api list", "GET", "/v1/domains", nil, 200},
		{"api entry", "GET", "/v1/domains/huaweicloud.css/errors/CSS.0001", nil, 200},
		{"api search", "GET", "/v1/search?q=css", nil, 200},
		{"api problem", "GET", "/v1/domains/nope", nil, 404},
		{"mux 404 problem", "GET", "/no/such/path", nil, 404},
		{"mux 404 page", "GET", "/no/such/path", html, 404},
		{"mux 405", "DELETE", "/v1/domains", nil, 405},
		{"mux redirect", "GET", "/static", nil, 3},
		{"page", "GET", "/", nil, 200},
		{"page 400", "GET", "/domains/huaweicloud.css?status=abc", nil, 400},
		{"static", "GET", "/static/style.css", nil, 200},
		{"openapi", "GET", "/openapi.json", nil, 200},
		{"healthz", "GET", "/healthz", nil, 200},
		{"metrics", "GET", "/metrics", nil, 200},
	}
	client := *ts.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, ts.URL+tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.header {
				req.Header[k] = v
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.status && resp.StatusCode/100 != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			checkSecurityHeaders(t, resp.Header)
		})
	}
	// A panic's 500 is written by the middleware and carries them too.
	h := s.wrap(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/x", nil))
	if rec.Code != 500 {
		t.Errorf("panic: status %d", rec.Code)
	}
	checkSecurityHeaders(t, rec.Header())
	// Pages keep their CSP, which forbids framing as well.
	r := do(t, ts, "GET", "/", nil, nil)
	if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP = %q, want frame-ancestors 'none'", csp)
	}
}

func checkSecurityHeaders(tb testing.TB, h http.Header) {
	tb.Helper()
	if got := h.Values("X-Content-Type-Options"); len(got) != 1 || got[0] != "nosniff" {
		tb.Errorf("X-Content-Type-Options = %q, want [nosniff]", got)
	}
	if got := h.Values("X-Frame-Options"); len(got) != 1 || got[0] != "DENY" {
		tb.Errorf("X-Frame-Options = %q, want [DENY]", got)
	}
}

// TestStaticNoListing: /static/ serves its files and nothing else; a
// directory is not listed but answered like any unknown path.
func TestStaticNoListing(t *testing.T) {
	_, ts := newTestServer(t, nil)
	for _, p := range []string{"/static/", "/static/style.css/", "/static/nope.css", "/static/../static/"} {
		t.Run(p, func(t *testing.T) {
			r := do(t, ts, "GET", p, nil, nil)
			checkProblem(t, r, 404, "NotFound")
			if strings.Contains(string(r.body), "style.css") && p != "/static/style.css/" {
				t.Errorf("body lists the directory: %s", r.body)
			}
			r = do(t, ts, "GET", p, http.Header{"Accept": {"text/html"}}, nil)
			if r.status != 404 || !strings.Contains(string(r.body), `<h1>Page not found</h1>`) {
				t.Errorf("as a page: status %d, body %.200s", r.status, r.body)
			}
		})
	}
	r := do(t, ts, "GET", "/static/style.css", nil, nil)
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/css") || len(r.body) == 0 {
		t.Errorf("style.css: status %d, Content-Type %q, %d bytes", r.status, r.header.Get("Content-Type"), len(r.body))
	}
	if r.header.Get("Cache-Control") == "" {
		t.Error("style.css: no Cache-Control")
	}
}

// TestStaticSubdirectory: a directory below /static/ is not listed either.
func TestStaticSubdirectory(t *testing.T) {
	s, _ := newTestServer(t, nil)
	fsys := fstest.MapFS{
		"a.css":     {Data: []byte("a{}")},
		"dir/b.css": {Data: []byte("b{}")},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /static/", s.static(fsys))
	ts := httptest.NewServer(s.wrap(mux))
	defer ts.Close()
	for _, tt := range []struct {
		path   string
		status int
		body   string
	}{
		{"/static/a.css", 200, "a{}"},
		{"/static/dir/b.css", 200, "b{}"},
		{"/static/", 404, ""},
		{"/static/dir/", 404, ""},
		{"/static/dir", 404, ""},
		{"/static/dir/nope.css", 404, ""},
	} {
		r := do(t, ts, "GET", tt.path, nil, nil)
		if tt.status == 404 {
			checkProblem(t, r, 404, "NotFound")
			continue
		}
		if r.status != tt.status || string(r.body) != tt.body {
			t.Errorf("%s: %d %q, want %d %q", tt.path, r.status, r.body, tt.status, tt.body)
		}
	}
}
