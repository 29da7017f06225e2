package server

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestBodyTooLarge(t *testing.T) {
	_, ts := newTestServer(t, func(c *Config) { c.MaxBodyBytes = 1 << 10 })
	body := strings.NewReader(`{"message":"` + strings.Repeat("x", 4<<10) + `"}`)
	p := checkProblem(t, do(t, ts, "POST", "/v1/decode", nil, body), 413, "BodyTooLarge")
	if p.Params["limit"] != "1024" {
		t.Errorf("limit param = %q, want 1024", p.Params["limit"])
	}
	// The form of the decode page has the same limit.
	form := url.Values{"body": {strings.Repeat("x", 4<<10)}}
	r := do(t, ts, "POST", "/decode", http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, strings.NewReader(form.Encode()))
	if r.status != http.StatusRequestEntityTooLarge {
		t.Errorf("decode page with a large body: status %d, want 413", r.status)
	}
}

func TestHeaderTooLarge(t *testing.T) {
	_, ts := newTestServer(t, func(c *Config) { c.MaxHeaderBytes = 4 << 10 })
	r := do(t, ts, "GET", "/v1/domains", http.Header{"X-Big": {strings.Repeat("y", 64<<10)}}, nil)
	if r.status != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("status %d, want 431", r.status)
	}
}

// TestSlowHeaders: a client that never finishes its headers is cut off.
func TestSlowHeaders(t *testing.T) {
	_, ts := newTestServer(t, func(c *Config) { c.ReadHeaderTimeout = 200 * time.Millisecond })
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := fmt.Fprintf(conn, "GET /v1/domains HTTP/1.1\r\nHost: x\r\nX-Slow: "); err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	buf := make([]byte, 512)
	for {
		if _, err := conn.Read(buf); err != nil {
			var ne net.Error
			if ok := errors.As(err, &ne); ok && ne.Timeout() {
				t.Fatal("connection still open after 5s; want it closed after the header timeout")
			}
			break
		}
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("closed after %v", d)
	}
}

func TestRateLimit(t *testing.T) {
	_, ts := newTestServer(t, func(c *Config) { c.RateLimit, c.RateBurst = 0.5, 3 })
	for i := range 3 {
		if r := do(t, ts, "GET", "/v1/search?q=css", nil, nil); r.status != 200 {
			t.Fatalf("request %d: status %d", i, r.status)
		}
	}
	r := do(t, ts, "GET", "/v1/search?q=css", nil, nil)
	checkProblem(t, r, 429, "RateLimited")
	if ra := r.header.Get("Retry-After"); ra == "" || ra == "0" {
		t.Errorf("Retry-After = %q", ra)
	}
	// Decode shares the limit; look-ups do not.
	checkProblem(t, do(t, ts, "POST", "/v1/decode", nil, strings.NewReader("{}")), 429, "RateLimited")
	if r := do(t, ts, "GET", "/v1/domains/huaweicloud.css/errors/CSS.0001", nil, nil); r.status != 200 {
		t.Errorf("look-up while limited: status %d", r.status)
	}
}

func TestLimiterForgetsIdleClients(t *testing.T) {
	l := newLimiter(1, 1)
	t0 := time.Now()
	if ok, _ := l.allow("a", t0); !ok {
		t.Fatal("first request refused")
	}
	if ok, wait := l.allow("a", t0); ok || wait <= 0 {
		t.Fatalf("second request at once: ok=%v wait=%v", ok, wait)
	}
	if ok, _ := l.allow("b", t0.Add(5*time.Minute)); !ok {
		t.Fatal("another client refused")
	}
	if _, ok := l.m["a"]; ok {
		t.Error("idle client a still tracked")
	}
}

func TestPanicBecomes500(t *testing.T) {
	logs := &syncBuffer{}
	s, _ := newTestServer(t, func(c *Config) { c.Logger = slog.New(slog.NewJSONHandler(logs, nil)) })
	h := s.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic("boom") }))
	ts := httptest.NewServer(h)
	defer ts.Close()
	r := do(t, ts, "GET", "/anything", nil, nil)
	p := checkProblem(t, r, 500, "Internal")
	out := logs.String()
	if !strings.Contains(out, `"panic":"boom"`) || !strings.Contains(out, p.RequestID) {
		t.Errorf("log lacks the panic and request id %s:\n%s", p.RequestID, out)
	}
	// The process and server live on.
	if r := do(t, ts, "GET", "/again", nil, nil); r.status != 500 {
		t.Errorf("second request: %d", r.status)
	}
}

// TestEscaping: catalog text reaches pages only escaped.
func TestEscaping(t *testing.T) {
	_, ts := newTestServer(t, nil)
	pages := []string{
		"/domains/test.example/errors/Script.Injected",
		"/domains/test.example",
		"/search?q=" + url.QueryEscape("alert"),
		"/search?q=" + url.QueryEscape("<script>alert(1)</script>"),
		"/search?q=" + url.QueryEscape("参数") + "&lang=zh-CN",
		"/",
	}
	for _, p := range pages {
		t.Run(p, func(t *testing.T) {
			r := do(t, ts, "GET", p, nil, nil)
			if r.status != 200 {
				t.Fatalf("status %d", r.status)
			}
			body := string(r.body)
			for _, bad := range []string{"<script>alert", "<img src=x", "<b>API</b>"} {
				if strings.Contains(body, bad) {
					t.Errorf("page contains unescaped %q", bad)
				}
			}
			if !strings.Contains(body, "&lt;") && p != "/" && !strings.HasPrefix(p, "/search?q=参") {
				t.Errorf("page shows no escaped text")
			}
		})
	}
	r := do(t, ts, "GET", "/domains/test.example/errors/Script.Injected", nil, nil)
	if want := "&lt;script&gt;alert(1)&lt;/script&gt;"; !strings.Contains(string(r.body), want) {
		t.Errorf("entry page lacks %s", want)
	}
	if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP = %q", csp)
	}
	// JSON escapes < and > too, so the API is safe to embed.
	r = do(t, ts, "GET", "/v1/domains/test.example/errors/Script.Injected", nil, nil)
	if bytes.Contains(r.body, []byte("<script>")) {
		t.Errorf("API body has a raw <script>: %s", r.body)
	}
}

// TestPagesAnswerBadInputWith4xx covers the pages' own bad requests.
func TestPagesAnswerBadInputWith4xx(t *testing.T) {
	_, ts := newTestServer(t, nil)
	html := http.Header{"Accept": {"text/html"}}
	tests := []struct {
		method, path, body string
		status             int
	}{
		{"GET", "/domains/nope", "", 404},
		{"GET", "/domains/huaweicloud.css/errors/NOPE", "", 404},
		{"GET", "/no/such/page", "", 404},
		{"GET", "/domains/huaweicloud.css?status=abc", "", 400},
		{"GET", "/search?q=" + strings.Repeat("x", 300), "", 400},
		{"POST", "/decode", "body=&status=", 400},
		{"POST", "/decode", "body=%7B%7D&status=abc", 400},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			h := html.Clone()
			if tt.method == "POST" {
				h.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			r := do(t, ts, tt.method, tt.path, h, strings.NewReader(tt.body))
			if r.status != tt.status {
				t.Errorf("status %d, want %d", r.status, tt.status)
			}
			if !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
				t.Errorf("Content-Type %q, want a page", r.header.Get("Content-Type"))
			}
			if r.header.Get("X-Request-Id") == "" {
				t.Error("no X-Request-Id")
			}
		})
	}
}

func TestUILanguage(t *testing.T) {
	_, ts := newTestServer(t, nil)
	tests := []struct {
		name   string
		header http.Header
		path   string
		want   string
		lang   string
	}{
		{"default", nil, "/", "Search error codes", "en"},
		{"accept-language", http.Header{"Accept-Language": {"zh-CN,zh;q=0.8,en;q=0.5"}}, "/", "搜索错误码", "zh-CN"},
		{"query wins", http.Header{"Accept-Language": {"zh-CN"}}, "/?lang=en", "Search error codes", "en"},
		{"cookie", http.Header{"Cookie": {"lang=zh-CN"}}, "/decode", "解析错误响应", "zh-CN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, ts, "GET", tt.path, tt.header, nil)
			if !strings.Contains(string(r.body), tt.want) {
				t.Errorf("page lacks %q", tt.want)
			}
			if !strings.Contains(string(r.body), `<html lang="`+tt.lang+`">`) {
				t.Errorf("page is not lang=%s", tt.lang)
			}
		})
	}
	// ?lang= is remembered.
	r := do(t, ts, "GET", "/?lang=zh-CN", nil, nil)
	sc := r.header.Get("Set-Cookie")
	if !strings.HasPrefix(sc, "lang=zh-CN") {
		t.Errorf("Set-Cookie = %q", sc)
	}
}

// TestAccessibility checks the structure every page needs: one h1, a
// main landmark, labelled form controls.
func TestAccessibility(t *testing.T) {
	_, ts := newTestServer(t, nil)
	for _, p := range []string{"/", "/search?q=css", "/domains/huaweicloud.css", "/domains/test.example/errors/Quota.Exceeded", "/decode", "/nope", "/search?q=a%zz"} {
		t.Run(p, func(t *testing.T) {
			body := string(do(t, ts, "GET", p, http.Header{"Accept": {"text/html"}}, nil).body)
			if n := strings.Count(body, "<h1"); n != 1 {
				t.Errorf("%d h1 elements, want 1", n)
			}
			for _, want := range []string{`<main id="main"`, `<a class="skip" href="#main">`, `<nav aria-label=`, `role="search"`} {
				if !strings.Contains(body, want) {
					t.Errorf("lacks %s", want)
				}
			}
			// Every input, select and textarea with an id has a label.
			sc := bufio.NewScanner(strings.NewReader(body))
			for sc.Scan() {
				line := sc.Text()
				for _, tag := range []string{"<input id=\"", "<select id=\"", "<textarea id=\""} {
					i := strings.Index(line, tag)
					if i < 0 {
						continue
					}
					id := line[i+len(tag):]
					id = id[:strings.IndexByte(id, '"')]
					if !strings.Contains(body, `<label for="`+id+`"`) {
						t.Errorf("control %s has no label", id)
					}
				}
			}
		})
	}
}
