package decode_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/decode"
)

// failing serves fail error responses, then 200 "ok"; it counts requests
// and checks that every request carries the same body.
type failing struct {
	fail   int
	status int
	header map[string]string
	body   string
	calls  atomic.Int32
	bodies chan string
}

func (f *failing) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := int(f.calls.Add(1))
	if f.bodies != nil {
		b, _ := io.ReadAll(r.Body)
		f.bodies <- string(b)
	}
	if n <= f.fail {
		for k, v := range f.header {
			w.Header().Set(k, v)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(f.status)
		io.WriteString(w, f.body)
		return
	}
	io.WriteString(w, "ok")
}

func fastTransport() *decode.Transport {
	return &decode.Transport{BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}
}

const unavailable = `{"error":{"code":"ServerBusy","message":"The server is busy.","target":"db-1"}}`

func TestTransportRetries(t *testing.T) {
	tests := []struct {
		name      string
		fail      int
		status    int
		body      string
		method    string
		reqBody   string
		idemKey   bool
		attempts  int
		wantCalls int
		wantErr   string // "" for success, else the *decode.Error's code
	}{
		{name: "GET fails twice, then succeeds", fail: 2, status: 503, body: unavailable, method: "GET", attempts: 3, wantCalls: 3},
		{name: "GET fails more often than the attempts allow", fail: 5, status: 503, body: unavailable, method: "GET", attempts: 3, wantCalls: 3, wantErr: "ServerBusy"},
		{name: "not retryable: one attempt", fail: 5, status: 404, body: `{"code":"NotFound","message":"no such disk"}`, method: "GET", attempts: 3, wantCalls: 1, wantErr: "NotFound"},
		{name: "POST is not repeated", fail: 1, status: 503, body: unavailable, method: "POST", reqBody: "x=1", attempts: 3, wantCalls: 1, wantErr: "ServerBusy"},
		{name: "POST with Idempotency-Key is repeated with its body", fail: 2, status: 429, body: `{"error":{"type":"rate_limit_error","message":"Too many requests"}}`, method: "POST", reqBody: `{"amount":100}`, idemKey: true, attempts: 4, wantCalls: 3},
		{name: "PUT with a body is repeated", fail: 1, status: 502, body: "<html><title>502 Bad Gateway</title></html>", method: "PUT", reqBody: "data", attempts: 2, wantCalls: 2},
		{name: "MaxAttempts 1 disables retries", fail: 1, status: 503, body: unavailable, method: "GET", attempts: 1, wantCalls: 1, wantErr: "ServerBusy"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &failing{fail: tc.fail, status: tc.status, body: tc.body, bodies: make(chan string, 10)}
			srv := httptest.NewServer(f)
			defer srv.Close()
			tr := fastTransport()
			tr.MaxAttempts = tc.attempts
			client := &http.Client{Transport: tr}
			var body io.Reader
			if tc.reqBody != "" {
				body = strings.NewReader(tc.reqBody)
			}
			req, err := http.NewRequest(tc.method, srv.URL, body)
			if err != nil {
				t.Fatal(err)
			}
			if tc.idemKey {
				req.Header.Set("Idempotency-Key", "k-1")
			}
			resp, err := client.Do(req)
			if got := int(f.calls.Load()); got != tc.wantCalls {
				t.Errorf("server saw %d requests, want %d", got, tc.wantCalls)
			}
			close(f.bodies)
			for b := range f.bodies {
				if b != tc.reqBody {
					t.Errorf("request body %q, want %q", b, tc.reqBody)
				}
			}
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("Do: %v", err)
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if string(b) != "ok" {
					t.Errorf("body %q", b)
				}
				return
			}
			var de *decode.Error
			if !errors.As(err, &de) {
				t.Fatalf("err = %v, want a *decode.Error", err)
			}
			if de.Normalized.Code != tc.wantErr || de.StatusCode != tc.status || de.Attempts != tc.wantCalls {
				t.Errorf("Error = code %q status %d attempts %d, want %q %d %d", de.Normalized.Code, de.StatusCode, de.Attempts, tc.wantErr, tc.status, tc.wantCalls)
			}
		})
	}
}

func TestTransportRetryAfter(t *testing.T) {
	f := &failing{fail: 1, status: 429, header: map[string]string{"Retry-After": "1"}, body: `{"code":"TooManyRequests","message":"slow down"}`}
	srv := httptest.NewServer(f)
	defer srv.Close()
	client := &http.Client{Transport: fastTransport()}
	start := time.Now()
	resp, err := client.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if el := time.Since(start); el < 900*time.Millisecond {
		t.Errorf("retried after %v, before the Retry-After of 1s", el)
	}

	// A Retry-After longer than MaxRetryAfter ends the retries at once.
	f2 := &failing{fail: 1, status: 503, header: map[string]string{"Retry-After": "3600"}, body: unavailable}
	srv2 := httptest.NewServer(f2)
	defer srv2.Close()
	tr := fastTransport()
	tr.MaxRetryAfter = time.Second
	start = time.Now()
	_, err = (&http.Client{Transport: tr}).Get(srv2.URL)
	var de *decode.Error
	if !errors.As(err, &de) || de.Normalized.RetryAfter != "3600" || f2.calls.Load() != 1 {
		t.Errorf("err = %v after %d calls, want the 503 after one", err, f2.calls.Load())
	}
	if el := time.Since(start); el > 500*time.Millisecond {
		t.Errorf("waited %v", el)
	}
}

func TestTransportDeadline(t *testing.T) {
	f := &failing{fail: 100, status: 503, body: unavailable}
	srv := httptest.NewServer(f)
	defer srv.Close()
	tr := &decode.Transport{BaseDelay: 2 * time.Second, MaxDelay: 4 * time.Second, MaxAttempts: 10}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	start := time.Now()
	_, err := (&http.Client{Transport: tr}).Do(req)
	var de *decode.Error
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want the last *decode.Error", err)
	}
	if el := time.Since(start); el > 250*time.Millisecond {
		t.Errorf("took %v: a backoff past the deadline should not be waited for", el)
	}
	if f.calls.Load() != 1 {
		t.Errorf("%d calls, want 1", f.calls.Load())
	}
}

func TestTransportAttemptTimeout(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			select { // the first attempt hangs
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return
		}
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	tr := fastTransport()
	tr.AttemptTimeout = 200 * time.Millisecond
	resp, err := (&http.Client{Transport: tr}).Get(srv.URL)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "ok" || calls.Load() != 2 {
		t.Errorf("body %q after %d calls", b, calls.Load())
	}
}

func TestTransportClosedConnection(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close() // no response at all
			}
			return
		}
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	resp, err := (&http.Client{Transport: fastTransport()}).Get(srv.URL)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	resp.Body.Close()
	if calls.Load() != 2 {
		t.Errorf("%d calls, want 2", calls.Load())
	}

	// A POST is not sent twice after a closed connection.
	calls.Store(0)
	_, err = (&http.Client{Transport: fastTransport()}).Post(srv.URL, "text/plain", strings.NewReader("x"))
	if err == nil || calls.Load() != 1 {
		t.Errorf("POST: err %v after %d calls, want an error after 1", err, calls.Load())
	}
}

type oneEntry struct{ e decode.Entry }

func (c oneEntry) Lookup(domain, code string) []decode.Entry {
	if code == c.e.Code && (domain == "" || domain == c.e.Domain) {
		return []decode.Entry{c.e}
	}
	return nil
}
func (c oneEntry) HasDomain(id string) bool { return id == c.e.Domain }

func TestTransportErrorCarriesEntry(t *testing.T) {
	f := &failing{fail: 1, status: 200, body: `{"ok":false,"error":"channel_not_found"}`}
	srv := httptest.NewServer(f)
	defer srv.Close()
	cat := oneEntry{decode.Entry{Domain: "slack.web", Code: "channel_not_found", HTTPStatus: 404, Category: "not_found", WireFormat: "slack"}}
	tr := fastTransport()
	tr.Decoder = &decode.Decoder{Catalog: cat}
	tr.DecodeOK = true
	_, err := (&http.Client{Transport: tr}).Get(srv.URL)
	var de *decode.Error
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want a *decode.Error", err)
	}
	if de.Entry() == nil || de.Entry().Domain != "slack.web" || de.Retryable() {
		t.Errorf("Entry = %+v, retryable %v", de.Entry(), de.Retryable())
	}
	if got, want := de.Error(), "HTTP 200: channel_not_found"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	// The success that follows is handed on whole.
	resp, err := (&http.Client{Transport: tr}).Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	if string(b) != "ok" {
		t.Errorf("body %q", b)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"120", 2 * time.Minute, true},
		{" 0 ", 0, true},
		{"Tue, 01 Dec 2026 12:00:30 GMT", 30 * time.Second, true},
		{"Tue, 01 Dec 2026 11:00:00 GMT", 0, true},
		{"", 0, false},
		{"-5", 0, false},
		{"soon", 0, false},
	}
	for _, tc := range tests {
		d, ok := decode.ParseRetryAfter(tc.in, now)
		if diff := cmp.Diff([]any{tc.want, tc.ok}, []any{d, ok}); diff != "" {
			t.Errorf("ParseRetryAfter(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}
