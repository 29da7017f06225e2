package wire_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/wire"
)

// TestRetryAfter checks that every format sends an entry's retry delay as
// Retry-After, and none for an entry without one.
func TestRetryAfter(t *testing.T) {
	dom := &errcat.Domain{ID: "x.api", Locales: []string{"en"}}
	tests := []struct {
		delay time.Duration
		want  []string
	}{
		{0, nil},
		{30 * time.Second, []string{"30"}},
		{1500 * time.Millisecond, []string{"2"}},
		{2 * time.Hour, []string{"7200"}},
	}
	for _, f := range wire.Formats() {
		for _, tt := range tests {
			d := &errcat.Def{Domain: dom, Code: "Busy", Category: "unavailable", Retryable: true, RetryAfter: tt.delay,
				Message: map[string]string{"en": "Busy."}}
			h := http.Header{}
			f.Header(h, d.New(), wire.Options{})
			if diff := cmp.Diff(tt.want, h.Values("Retry-After")); diff != "" {
				t.Errorf("%s, delay %v: Retry-After (-want +got):\n%s", f, tt.delay, diff)
			}
		}
	}
}
