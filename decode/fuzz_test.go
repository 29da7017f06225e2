package decode_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
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

// FuzzGeneral feeds bodies of unnamed and named shapes, and the fuzzer's
// mutations of them, to the general reader: it must not panic, must keep
// Details bounded and in the body, and must name a rule for each field it
// found.
func FuzzGeneral(f *testing.F) {
	for _, tc := range unnamedCases {
		f.Add(tc.status, tc.body)
	}
	for _, tc := range shapeCases {
		f.Add(tc.status, tc.body)
	}
	f.Add(200, `{"data":{"result":{"response":{"error":{"errors":[{"extensions":{"code":"X"}}]}}}}}`)
	f.Add(400, `{"errors":[`+strings.Repeat(`{"code":"E","message":"m"},`, 200)+`{}]}`)
	f.Add(500, `{"error":[[[[[[["deep"]]]]]]],"code":{"code":{"code":"x"}}}`)
	f.Fuzz(func(t *testing.T, status int, body string) {
		d := decode.Decoder{MaxBody: 1 << 16, MaxRaw: 128}
		n, _ := d.Decode(status, nil, []byte(body))
		if len(n.Details) > 65 {
			t.Errorf("%d details", len(n.Details))
		}
		for _, det := range n.Details {
			if !strings.Contains(body, det.Raw) {
				t.Errorf("Detail.Raw %q is not in the body", det.Raw)
			}
		}
		if n.Format == decode.FormatGeneral {
			if n.Code != "" && n.Rules.Code == "" || n.Message != "" && n.Rules.Message == "" {
				t.Errorf("general reader without rules: %+v", n.Rules)
			}
			if n.Confidence == decode.High && n.Entry == nil {
				t.Errorf("general reader with confidence %s", n.Confidence)
			}
		}
		if _, err := json.Marshal(n); err != nil {
			t.Errorf("Marshal: %v", err)
		}
	})
}

// TestGeneralHostile: huge arrays and deep nesting stay bounded.
func TestGeneralHostile(t *testing.T) {
	huge := `{"errors":[` + strings.Repeat(`{"code":"E","message":"m"},`, 30000) + `{"code":"L"}]}`
	n, _ := decode.Decode(400, nil, []byte(huge))
	if n.Code != "E" || len(n.Details) != 64 {
		t.Errorf("huge errors[]: code %q, %d details; want E and 64", n.Code, len(n.Details))
	}
	deep := strings.Repeat(`{"error":`, 60) + `{"code":"DEEP","message":"m"}` + strings.Repeat(`}`, 60)
	n, _ = decode.Decode(500, nil, []byte(deep))
	if n.Code == "DEEP" {
		t.Error("the general reader looked deeper than its bound")
	}
	allocs := testing.AllocsPerRun(100, func() {
		decode.Decode(400, nil, []byte(`{"result":{"err_no":"E_LOCKED","err_msg":"The record is locked.","trace_id":"t-9"}}`))
	})
	if allocs > 3 {
		t.Errorf("%v allocations for a general body", allocs)
	}
}
