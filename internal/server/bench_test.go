package server

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkEntry is the hot path of the error center: one entry looked up
// through the whole handler (request id, routing, metrics, access log),
// into a recorder.
func BenchmarkEntry(b *testing.B) {
	s, _ := newTestServer(b, nil)
	for _, bc := range []struct {
		name string
		id   string
	}{
		{"fresh-id", ""},
		{"incoming-id", "client-req-42"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			req := httptest.NewRequest("GET", "/v1/domains/huaweicloud.css/errors/CSS.0001", nil)
			if bc.id != "" {
				req.Header.Set("X-Request-Id", bc.id)
			}
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				s.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
			}
		})
	}
}
