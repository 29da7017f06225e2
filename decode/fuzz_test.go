package decode_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/errcat/errcat/decode"
)

// FuzzDecode feeds any status, header value and body to Decode: it must
// not panic, must stay within its bounds, and must always say something.
func FuzzDecode(f *testing.F) {
	for _, tc := range formatCases {
		f.Add(tc.status, "", tc.body)
	}
	f.Add(502, "nginx", "<html><head><title>502 Bad Gateway</title></head></html>")
	f.Add(200, "", "")
	f.Add(500, "", `{"code":96000,"mess`)
	f.Add(400, "", "<Error><Code>X</Code><Message>y</Mess")
	f.Add(0, "", `[{"error":{"code":400,"message":"m","status":"INVALID_ARGUMENT"}}]`)
	f.Add(429, "7", `{"Response":{"Error":{"Code":"RequestLimitExceeded"}}}`)
	f.Fuzz(func(t *testing.T, status int, hv, body string) {
		h := http.Header{"Retry-After": {hv}, "X-Request-Id": {hv}, "Server": {hv}, "X-Amzn-Errortype": {hv}}
		d := decode.Decoder{MaxBody: 1 << 16, MaxRaw: 256}
		n, err := d.Decode(status, h, []byte(body))
		if err != nil && !errors.Is(err, decode.ErrUnreadable) && !errors.Is(err, decode.ErrUnknownShape) {
			t.Errorf("unexpected error kind: %v", err)
		}
		if n.Format == "" || n.RetryReason == "" || n.Category == "" {
			t.Errorf("incomplete Normalized: %+v", n)
		}
		if err != nil && n.Reason == "" {
			t.Errorf("error %v without a Reason", err)
		}
		switch n.Confidence {
		case decode.High, decode.Medium, decode.Low:
		default:
			t.Errorf("Confidence = %q", n.Confidence)
		}
		if len(n.Raw) > 256 || (len(body) > 256) != n.RawTruncated {
			t.Errorf("Raw has %d bytes, truncated %v, body %d bytes", len(n.Raw), n.RawTruncated, len(body))
		}
		if _, err := json.Marshal(n); err != nil {
			t.Errorf("Marshal: %v", err)
		}
		if n.NotError && n.Retryable {
			t.Error("not an error, yet retryable")
		}
	})
}
