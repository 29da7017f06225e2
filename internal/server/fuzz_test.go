package server

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzRequests sends arbitrary paths and queries through the whole
// handler: nothing may panic or answer 5xx, and every 4xx from the API is
// problem+json.
func FuzzRequests(f *testing.F) {
	s, _ := newTestServer(f, func(c *Config) { c.RateLimit, c.RateBurst = 1e9, 1e9 })
	for _, seed := range []string{
		"/v1/search?q=参数", "/v1/search?q=css.00&limit=5&domain=huaweicloud.css", "/v1/domains/huaweicloud.css/errors?status=none&page=2&per_page=3",
		"/v1/domains/x/errors/%ff", "/domains/test.example?sort=status&category=internal", "/search?q=%3Cscript%3E",
		"/v1/domains/huaweicloud.css/errors/CSS.0001/render?format=google&param.x=1", "/v1/search?q=a&limit=-1",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, target string) {
		u, err := url.Parse(target)
		if err != nil || !strings.HasPrefix(u.Path, "/") || u.Host != "" || u.Scheme != "" {
			return
		}
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL, req.RequestURI = u, u.RequestURI()
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code >= 500 && rec.Code != http.StatusNotImplemented {
			t.Fatalf("%s: status %d: %s", target, rec.Code, rec.Body)
		}
		if strings.HasPrefix(u.Path, "/v1/") && rec.Code >= 400 && rec.Header().Get("Content-Type") != "application/problem+json" {
			t.Fatalf("%s: %d with Content-Type %q", target, rec.Code, rec.Header().Get("Content-Type"))
		}
	})
}
