package server

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"
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

// TestInvalidQueryString: a query string that cannot be decoded is a 400
// naming the bad part, not a silently different request.
func TestInvalidQueryString(t *testing.T) {
	_, ts := newTestServer(t, nil)
	tests := []struct {
		method, path, part string
	}{
		{"GET", "/v1/search?q=a%zz", "q=a%zz"},
		{"GET", "/v1/search?q=css&limit=5%", "limit=5%"},
		{"GET", "/v1/search?q=a;b", "q=a;b"},
		{"GET", "/v1/domains?x=%G1", "x=%G1"},
		{"GET", "/v1/domains/huaweicloud.css?x=%", "x=%"},
		{"GET", "/v1/domains/huaweicloud.css/errors?status=%zz", "status=%zz"},
		{"GET", "/v1/domains/huaweicloud.css/errors/CSS.0001?%zz", "%zz"},
		{"GET", "/v1/domains/huaweicloud.css/errors/CSS.0001/render?param.x=%zz&format=problem", "param.x=%zz"},
		{"POST", "/v1/decode?status=%4", "status=%4"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			p := checkProblem(t, do(t, ts, tt.method, tt.path, nil, strings.NewReader("{}")), 400, "InvalidQueryString")
			if p.Params["part"] != tt.part {
				t.Errorf("part = %q, want %q", p.Params["part"], tt.part)
			}
			if !strings.Contains(p.Detail, tt.part) {
				t.Errorf("detail %q does not name %q", p.Detail, tt.part)
			}
		})
	}
	// In Chinese too.
	p := checkProblem(t, do(t, ts, "GET", "/v1/search?q=a%zz", http.Header{"Accept-Language": {"zh-CN"}}, nil), 400, "InvalidQueryString")
	if want := "查询字符串"; !strings.Contains(p.Detail, want) || !strings.Contains(p.Detail, "q=a%zz") {
		t.Errorf("zh-CN detail = %q", p.Detail)
	}
	// A long bad part is cut short.
	long := "q=" + strings.Repeat("x", 500) + "%zz"
	p = checkProblem(t, do(t, ts, "GET", "/v1/search?"+long, nil, nil), 400, "InvalidQueryString")
	if n := len(p.Params["part"]); n > 100 {
		t.Errorf("part of %d bytes echoed", n)
	}
	// Good queries are untouched.
	if r := do(t, ts, "GET", "/v1/search?q="+"%E5%8F%82%E6%95%B0", nil, nil); r.status != 200 {
		t.Errorf("escaped query: status %d", r.status)
	}
}

// TestInvalidQueryStringPages: the pages answer a bad query string with
// their error page, in the page's language.
func TestInvalidQueryStringPages(t *testing.T) {
	_, ts := newTestServer(t, nil)
	for _, p := range []string{
		"/search?q=a%zz",
		"/?lang=%zz",
		"/domains/huaweicloud.css?status=%zz",
		"/domains/huaweicloud.css/errors/CSS.0001?x=%",
		"/decode?%zz",
	} {
		t.Run(p, func(t *testing.T) {
			r := do(t, ts, "GET", p, nil, nil)
			if r.status != 400 {
				t.Errorf("status %d, want 400", r.status)
			}
			if !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
				t.Errorf("Content-Type %q, want a page", r.header.Get("Content-Type"))
			}
			part := p[strings.IndexByte(p, '?')+1:]
			body := string(r.body)
			if !strings.Contains(body, "cannot be decoded") || !strings.Contains(body, part) {
				t.Errorf("page does not name %q: %s", part, body)
			}
			if id := r.header.Get("X-Request-Id"); id == "" || !strings.Contains(body, id) {
				t.Errorf("page lacks the request id %q", id)
			}
		})
	}
	r := do(t, ts, "GET", "/search?q=a%zz", http.Header{"Accept-Language": {"zh-CN"}}, nil)
	if body := string(r.body); !strings.Contains(body, "查询字符串") || !strings.Contains(body, `<html lang="zh-CN">`) {
		t.Errorf("zh-CN page: %s", body)
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

// TestBadQueryPart: badQueryPart fails exactly where url.ParseQuery does.
func TestBadQueryPart(t *testing.T) {
	tests := []struct {
		raw, part string
	}{
		{"", ""},
		{"q=a", ""},
		{"q=%41%e5%8F%82&x=+", ""},
		{"q=a%zz", "q=a%zz"},
		{"a=1&q=a%zz&b=%", "q=a%zz"},
		{"a=1&b=%", "b=%"},
		{"a=%4", "a=%4"},
		{"a=%4&b=2", "a=%4"},
		{"%", "%"},
		{"a=1;b=2", "a=1;b=2"},
		{"a=1&;", ";"},
		{"x=%41&y=%g0", "y=%g0"},
		{"q=" + strings.Repeat("é", 40) + "%", "q=" + strings.Repeat("é", 31) + "…"},
		{"q=\xff%", "q=\uFFFD%"},
	}
	for _, tt := range tests {
		part, bad := badQueryPart(tt.raw)
		if part != tt.part || bad != (tt.part != "") {
			t.Errorf("badQueryPart(%q) = %q, %v; want %q", tt.raw, part, bad, tt.part)
		}
		if _, err := url.ParseQuery(tt.raw); (err != nil) != bad {
			t.Errorf("%q: url.ParseQuery error %v, badQueryPart %v", tt.raw, err, bad)
		}
	}
}

func FuzzBadQueryPart(f *testing.F) {
	for _, s := range []string{"", "q=a", "q=a%zz", "a;b", "%4", "a=%41&b=%", "&&=%%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		part, bad := badQueryPart(raw)
		_, err := url.ParseQuery(raw)
		if bad != (err != nil) {
			t.Fatalf("%q: url.ParseQuery error %v, badQueryPart %q %v", raw, err, part, bad)
		}
		if bad && (part == "" || len(part) > maxPartLen+len("…") || !utf8.ValidString(part)) {
			t.Fatalf("%q: part %q", raw, part)
		}
	})
}

// TestMaxConns: Run serves at most MaxConns connections at once; the next
// client is served when one of them closes.
func TestMaxConns(t *testing.T) {
	s, err := New(Config{Builtin: nil, Dirs: []string{"testdata/catalogs"}, Reload: -1, MaxConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	addr := runServer(t, s.Run)
	get := "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
	var held []net.Conn
	for range 2 {
		c, br := dial(t, addr)
		held = append(held, c)
		if _, err := io.WriteString(c, get); err != nil {
			t.Fatal(err)
		}
		if resp := readResponse(t, c, br, 10*time.Second); resp == nil || resp.StatusCode != 200 {
			t.Fatalf("connection %d not served", len(held))
		}
	}
	// Both keep their connections open; a third client waits.
	c, br := dial(t, addr)
	if _, err := io.WriteString(c, get); err != nil {
		t.Fatal(err)
	}
	if resp := readResponse(t, c, br, 300*time.Millisecond); resp != nil {
		t.Fatalf("third connection served (%d) while two are held", resp.StatusCode)
	}
	held[0].Close()
	if resp := readResponse(t, c, br, 10*time.Second); resp == nil || resp.StatusCode != 200 {
		t.Fatal("third connection not served after one closed")
	}
}

// TestIdleTimeout: a keep-alive connection left idle is closed.
func TestIdleTimeout(t *testing.T) {
	s, err := New(Config{Dirs: []string{"testdata/catalogs"}, Reload: -1, IdleTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	c, br := dial(t, runServer(t, s.Run))
	if _, err := io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	if resp := readResponse(t, c, br, 10*time.Second); resp == nil || resp.StatusCode != 200 {
		t.Fatal("not served")
	}
	start := time.Now()
	_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := br.ReadByte(); !errors.Is(err, io.EOF) {
		t.Fatalf("idle connection: read %v, want EOF", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("closed after %v", d)
	}
}

// TestMetricsApart: with MetricsApart, /metrics is only on RunMetrics's
// listener, which serves nothing else.
func TestMetricsApart(t *testing.T) {
	s, err := New(Config{Dirs: []string{"testdata/catalogs"}, Reload: -1, MetricsApart: true})
	if err != nil {
		t.Fatal(err)
	}
	main := "http://" + runServer(t, s.Run)
	metrics := "http://" + runServer(t, s.RunMetrics)
	get := func(url string) (*http.Response, string) {
		t.Helper()
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	resp, body := get(metrics + "/metrics")
	if resp.StatusCode != 200 || !strings.Contains(body, "errcat_catalog_entries") {
		t.Errorf("metrics listener: %d %.100s", resp.StatusCode, body)
	}
	checkSecurityHeaders(t, resp.Header)
	for _, u := range []string{main + "/metrics", metrics + "/v1/domains", metrics + "/"} {
		if resp, body := get(u); resp.StatusCode != 404 || !strings.Contains(body, `"NotFound"`) {
			t.Errorf("%s: %d %.100s, want a 404 problem", u, resp.StatusCode, body)
		}
	}
	if resp, _ := get(main + "/healthz"); resp.StatusCode != 200 {
		t.Errorf("healthz: %d", resp.StatusCode)
	}
}

// runServer runs run on a fresh loopback listener until the test ends and
// returns its address.
func runServer(t *testing.T, run func(context.Context, net.Listener) error) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	})
	return ln.Addr().String()
}

func dial(t *testing.T, addr string) (net.Conn, *bufio.Reader) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, bufio.NewReader(c)
}

// readResponse reads a response from c within d, or returns nil when none
// came.
func readResponse(t *testing.T, c net.Conn, br *bufio.Reader, d time.Duration) *http.Response {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(d))
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return nil
		}
		t.Fatalf("reading the response: %v", err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}
