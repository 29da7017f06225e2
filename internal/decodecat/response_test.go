package decodecat_test

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/decodecat"
)

func TestSplitResponse(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		ok     bool
		status int
		header http.Header
		body   string
	}{
		{"crlf", "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3\r\nContent-Type: application/json\r\n\r\n{\"code\":1}", true, 429,
			http.Header{"Retry-After": {"3"}, "Content-Type": {"application/json"}}, `{"code":1}`},
		{"lf and http2", "\nHTTP/2 503\nx-request-id: abc\n\n{}\n", true, 503, http.Header{"X-Request-Id": {"abc"}}, "{}\n"},
		{"body only", `{"code":1}`, false, 0, nil, ""},
		{"bad status", "HTTP/1.1 abc\r\n\r\n", false, 0, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, h, body, ok := decodecat.SplitResponse([]byte(tt.in))
			if ok != tt.ok || st != tt.status || string(body) != tt.body {
				t.Errorf("got %d %v %q, want %d %v %q", st, ok, body, tt.status, tt.ok, tt.body)
			}
			if diff := cmp.Diff(tt.header, h); diff != "" {
				t.Errorf("header (-want +got):\n%s", diff)
			}
		})
	}
}
