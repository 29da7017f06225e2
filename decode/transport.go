package decode

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Error is an error response, decoded. The Transport returns it (wrapped
// by http.Client in a *url.Error; errors.As finds it).
type Error struct {
	// StatusCode and Header are the last response's.
	StatusCode int
	Header     http.Header
	// Normalized is the decoded body; Normalized.Entry is the catalog
	// entry when the Decoder has a catalog and the code joined one.
	Normalized Normalized
	// Attempts is the number of requests sent.
	Attempts int
}

// Error says the status, the code and the message.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("HTTP ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if c := e.Normalized.Code; c != "" {
		b.WriteString(": ")
		b.WriteString(c)
	}
	if m := e.Normalized.Message; m != "" {
		b.WriteString(": ")
		b.WriteString(m)
	}
	if e.Attempts > 1 {
		b.WriteString(" (after ")
		b.WriteString(strconv.Itoa(e.Attempts))
		b.WriteString(" attempts)")
	}
	return b.String()
}

// Entry is the joined catalog entry, or nil.
func (e *Error) Entry() *Entry { return e.Normalized.Entry }

// Retryable is the decoder's verdict.
func (e *Error) Retryable() bool { return e.Normalized.Retryable }

// Defaults of a Transport.
const (
	DefaultMaxAttempts = 3
	DefaultBaseDelay   = 100 * time.Millisecond
	DefaultMaxDelay    = 10 * time.Second
	// DefaultMaxRetryAfter is the longest Retry-After waited for.
	DefaultMaxRetryAfter = time.Minute
)

// Transport is an http.RoundTripper that decodes error responses into
// *Error and retries the requests that are safe to repeat when the
// decoder's verdict says the error is retryable.
//
// A request is safe to repeat when its method is idempotent (GET, HEAD,
// OPTIONS, TRACE, PUT, DELETE) or it carries an Idempotency-Key header,
// and its body, if any, can be replayed (Request.GetBody, which
// http.NewRequest sets for in-memory bodies). Between attempts the
// Transport waits a capped exponential backoff with jitter, or the
// response's Retry-After when that is longer; it never waits past the
// request context's deadline and sends at most MaxAttempts requests.
// Connection failures (reset, closed, refused) and attempts that ran out
// of AttemptTimeout are retried the same way.
type Transport struct {
	// Base sends the requests; nil means http.DefaultTransport.
	Base http.RoundTripper
	// Decoder decodes the error bodies (and joins its Catalog); nil means
	// a zero Decoder.
	Decoder *Decoder
	// MaxAttempts bounds the requests sent for one call, the first
	// included (DefaultMaxAttempts when 0; 1 disables retries).
	MaxAttempts int
	// BaseDelay and MaxDelay shape the backoff: attempt n waits a random
	// time between half and all of min(MaxDelay, BaseDelay·2ⁿ⁻¹).
	BaseDelay, MaxDelay time.Duration
	// MaxRetryAfter is the longest Retry-After the Transport waits for
	// (DefaultMaxRetryAfter when 0); a longer one ends the retries.
	MaxRetryAfter time.Duration
	// AttemptTimeout bounds each attempt until its response headers and
	// error body are read (0: no bound beyond the request's context).
	AttemptTimeout time.Duration
	// DecodeOK also decodes 2xx responses with a JSON body, so that an
	// error sent with HTTP 200 (Slack, Tencent Cloud, UCloud) becomes an
	// *Error too. Successful bodies are read into memory (at most the
	// Decoder's MaxBody) and handed on.
	DecodeOK bool
}

// RoundTrip sends req, retrying as the Transport's documentation says.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	dec := t.Decoder
	if dec == nil {
		dec = &Decoder{}
	}
	attempts := t.MaxAttempts
	if attempts <= 0 {
		attempts = DefaultMaxAttempts
	}
	if !safeToRepeat(req) {
		attempts = 1
	}
	ctx := req.Context()
	for attempt := 1; ; attempt++ {
		r := req
		if attempt > 1 {
			r = req.Clone(ctx)
			if req.GetBody != nil {
				body, err := req.GetBody()
				if err != nil {
					return nil, err
				}
				r.Body = body
			}
		}
		resp, retryAfter, err := t.once(base, dec, r, attempt)
		if err == nil {
			return resp, nil
		}
		var de *Error
		retry := attempt < attempts && ctx.Err() == nil
		if errors.As(err, &de) {
			retry = retry && de.Normalized.Retryable
		} else {
			retry = retry && transient(err)
		}
		if !retry {
			return nil, err
		}
		wait := t.backoff(attempt)
		if retryAfter > 0 {
			limit := t.MaxRetryAfter
			if limit == 0 {
				limit = DefaultMaxRetryAfter
			}
			if retryAfter > limit {
				return nil, err
			}
			wait = max(wait, retryAfter)
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return nil, err // the deadline comes first: no use waiting
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, err
		case <-timer.C:
		}
	}
}

// once sends one attempt. An error response comes back as *Error, with
// the Retry-After it asked for.
func (t *Transport) once(base http.RoundTripper, dec *Decoder, r *http.Request, attempt int) (*http.Response, time.Duration, error) {
	cancel := context.CancelFunc(func() {})
	if t.AttemptTimeout > 0 {
		var ctx context.Context
		ctx, cancel = context.WithTimeout(r.Context(), t.AttemptTimeout)
		r = r.WithContext(ctx)
	}
	resp, err := base.RoundTrip(r)
	if err != nil {
		cancel()
		if r.Context().Err() != nil && !errors.Is(err, context.DeadlineExceeded) {
			err = errors.Join(err, r.Context().Err())
		}
		return nil, 0, err
	}
	isErr := resp.StatusCode >= 400
	if !isErr && !(t.DecodeOK && is2xx(resp.StatusCode) && strings.Contains(hget(resp.Header, "Content-Type"), "json")) {
		resp.Body = &cancelBody{resp.Body, cancel}
		return resp, 0, nil
	}
	body, truncated, rerr := ReadBody(resp.Body, dec.maxBody())
	resp.Body.Close()
	cancel()
	if rerr != nil && isErr {
		// What was read is decoded; the read error says the rest.
		n, _ := dec.Decode(resp.StatusCode, resp.Header, body)
		n.Reason = "reading the body: " + rerr.Error()
		return nil, 0, &Error{resp.StatusCode, resp.Header, n, attempt}
	}
	if rerr != nil {
		return nil, 0, rerr
	}
	if truncated {
		body = append(body, 0)
	}
	n, _ := dec.Decode(resp.StatusCode, resp.Header, body)
	if !isErr && (n.NotError || n.Format == FormatUnknown) {
		if truncated {
			body = body[:len(body)-1]
		}
		resp.Body = io.NopCloser(bytes.NewReader(body))
		return resp, 0, nil
	}
	ra, _ := ParseRetryAfter(hget(resp.Header, "Retry-After"), time.Now())
	return nil, ra, &Error{resp.StatusCode, resp.Header, n, attempt}
}

func (t *Transport) maxDelay() time.Duration {
	if t.MaxDelay > 0 {
		return t.MaxDelay
	}
	return DefaultMaxDelay
}

// backoff is the wait after attempt n: a random time between half and all
// of min(MaxDelay, BaseDelay·2ⁿ⁻¹).
func (t *Transport) backoff(n int) time.Duration {
	b := t.BaseDelay
	if b <= 0 {
		b = DefaultBaseDelay
	}
	limit := t.maxDelay()
	for i := 1; i < n && b < limit; i++ {
		b *= 2
	}
	b = min(b, limit)
	return b/2 + rand.N(b/2+1)
}

// safeToRepeat reports whether req may be sent again.
func safeToRepeat(req *http.Request) bool {
	if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
		return false
	}
	switch req.Method {
	case "", http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace, http.MethodPut, http.MethodDelete:
		return true
	}
	return req.Header.Get("Idempotency-Key") != "" || req.Header.Get("X-Idempotency-Key") != ""
}

// transient reports whether a transport error is worth another attempt:
// a connection that failed or closed, or an attempt that timed out, but
// not the caller's context ending.
func transient(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	var ne interface{ Timeout() bool }
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	s := err.Error()
	for _, m := range [...]string{"connection reset", "connection refused", "broken pipe", "server closed", "EOF"} {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// cancelBody ends an attempt's context when the body is closed.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// ParseRetryAfter reads a Retry-After value: delay-seconds or an HTTP
// date (RFC 9110, 10.2.3), relative to now. It reports false for an empty
// or unreadable value; a date in the past is a zero wait.
func ParseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			return 0, false
		}
		return time.Duration(min(s, int64(1<<31))) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}
