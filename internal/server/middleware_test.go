package server

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// serve sends req through the whole handler of s, bypassing the client's
// checks of header values so that any incoming header can be tried.
func serve(s *Server, req *http.Request) response {
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return response{rec.Code, rec.Result().Header, rec.Body.Bytes()}
}

func TestIncomingRequestID(t *testing.T) {
	s, _ := newTestServer(t, nil)
	fresh := regexp.MustCompile(`^[0-9a-f]{32}$`)
	tests := []struct {
		name, incoming string
		keep           bool
	}{
		{"kept", "client-7f3a", true},
		{"kept with punctuation", "trace:01HZX/abc=def", true},
		{"kept at 128 bytes", strings.Repeat("a", 128), true},
		{"none", "", false},
		{"too long", strings.Repeat("a", 129), false},
		{"space", "two words", false},
		{"control character", "id\x01x", false},
		{"tab", "id\tx", false},
		{"not ASCII", "请求-1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, path := range []string{"/v1/domains/no.such.domain", "/v1/domains/huaweicloud.css/errors/CSS.0001"} {
				req := httptest.NewRequest("GET", path, nil)
				if tt.incoming != "" {
					req.Header["X-Request-Id"] = []string{tt.incoming}
				}
				r := serve(s, req)
				got := r.header.Get("X-Request-Id")
				if tt.keep && got != tt.incoming {
					t.Errorf("%s: X-Request-Id = %q, want the incoming %q", path, got, tt.incoming)
				}
				if !tt.keep && !fresh.MatchString(got) {
					t.Errorf("%s: X-Request-Id = %q, want a fresh id", path, got)
				}
				if r.status == http.StatusNotFound {
					// checkProblem holds the body's request_id to the header's.
					checkProblem(t, r, http.StatusNotFound, "DomainNotFound")
				}
			}
		})
	}
}

// TestRenderUsesIncomingRequestID: the render of an entry shows the
// request id the client sent.
func TestRenderUsesIncomingRequestID(t *testing.T) {
	s, _ := newTestServer(t, nil)
	req := httptest.NewRequest("GET", "/v1/domains/huaweicloud.css/errors/CSS.0001/render?format=problem", nil)
	req.Header.Set("X-Request-Id", "client-render-1")
	r := serve(s, req)
	if r.status != http.StatusOK || !strings.Contains(string(r.body), `\"request_id\":\"client-render-1\"`) {
		t.Errorf("status %d, body %s: want the incoming request id rendered", r.status, r.body)
	}
}

// TestPanicInRoute: a route that panics answers the server's own internal
// problem with the request id, logs the panic, leaks nothing of it, and is
// counted by its route with status 500.
func TestPanicInRoute(t *testing.T) {
	logs := &syncBuffer{}
	s, ts := newTestServer(t, func(c *Config) { c.Logger = slog.New(slog.NewJSONHandler(logs, nil)) })
	s.mux.HandleFunc("GET /test/panic", func(w http.ResponseWriter, r *http.Request) {
		panic("secret state: token=abc123")
	})
	for _, tt := range []struct{ incoming, want string }{{"panic-req-1", "panic-req-1"}, {"bad id", ""}} {
		r := do(t, ts, "GET", "/test/panic", http.Header{"X-Request-Id": {tt.incoming}, "Accept-Language": {"zh-CN"}}, nil)
		p := checkProblem(t, r, http.StatusInternalServerError, "Internal")
		if tt.want != "" && p.RequestID != tt.want {
			t.Errorf("request_id = %q, want %q", p.RequestID, tt.want)
		}
		if p.RequestID == tt.incoming && tt.want == "" {
			t.Errorf("request_id = %q: the invalid incoming id was kept", p.RequestID)
		}
		if p.Detail != "内部错误；可凭请求 ID 在服务器日志中查找。" {
			t.Errorf("detail = %q, want the catalog's zh-CN message", p.Detail)
		}
		if strings.Contains(string(r.body), "token") || strings.Contains(string(r.body), "goroutine") {
			t.Errorf("the panic leaks into the response: %s", r.body)
		}
		out := logs.String()
		for _, want := range []string{`"panic":"secret state: token=abc123"`, `"request_id":"` + p.RequestID + `"`, "goroutine"} {
			if !strings.Contains(out, want) {
				t.Errorf("log lacks %s:\n%s", want, out)
			}
		}
	}
	r := do(t, ts, "GET", "/metrics", nil, nil)
	if want := `errcat_http_requests_total{route="GET /test/panic",status="500"} 2`; !strings.Contains(string(r.body), want) {
		t.Errorf("/metrics lacks %s", want)
	}
}

// TestMetricsByRouteAndStatus: requests are counted by the route pattern
// that matched ("unmatched" when none did) and the status sent, and timed
// by route.
func TestMetricsByRouteAndStatus(t *testing.T) {
	_, ts := newTestServer(t, nil)
	for _, path := range []string{
		"/v1/domains/huaweicloud.css/errors/CSS.0001",
		"/v1/domains/huaweicloud.css/errors/CSS.0001",
		"/v1/domains/huaweicloud.css/errors/No.Such.Code",
		"/v1/domains",
	} {
		do(t, ts, "GET", path, nil, nil)
	}
	do(t, ts, "DELETE", "/v1/domains", nil, nil)
	r := do(t, ts, "GET", "/metrics", nil, nil)
	for _, want := range []string{
		`errcat_http_requests_total{route="GET /v1/domains/{domain}/errors/{code}",status="200"} 2`,
		`errcat_http_requests_total{route="GET /v1/domains/{domain}/errors/{code}",status="404"} 1`,
		`errcat_http_requests_total{route="GET /v1/domains",status="200"} 1`,
		`errcat_http_requests_total{route="/",status="405"} 1`,
		`errcat_http_request_duration_seconds_count{route="GET /v1/domains/{domain}/errors/{code}"} 3`,
	} {
		if !strings.Contains(string(r.body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
