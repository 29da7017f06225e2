// Package httperr connects errcat to net/http: it turns the error a
// handler returns, or a panic, into the response the API promises, in the
// domain's (or a configured) wire format, localized by the request's
// Accept-Language.
//
//	h := httperr.New(httperr.Config{Domain: reg.Domain("huaweicloud.css")})
//	mux.Handle("GET /clusters/{id}", h.Func(func(w http.ResponseWriter, r *http.Request) error {
//		return notFound.New("cluster", r.PathValue("id"))
//	}))
//	http.ListenAndServe(addr, h.Wrap(mux))
//
// Every request gets a request id (the incoming X-Request-Id when it is
// sane, else a random one) on its context and in the X-Request-Id response
// header. An error response carries the status, Content-Type and
// Content-Language of its format, and the Hook sees domain, code and
// status for metrics and tracing (record the code as the OpenTelemetry
// attribute error.type). A panic in a wrapped handler is logged with its
// stack and answered with the domain's internal error; its text and stack
// never reach the client. Done sees every request's final status and
// duration, for access logs and request metrics.
package httperr

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/wire"
)

// AttrErrorType is the OpenTelemetry semantic-conventions attribute that
// names the class of an error; Event.Attrs sets it to the error code.
const AttrErrorType = "error.type"

// DefaultRequestIDHeader is the header the request id is read from and
// written to.
const DefaultRequestIDHeader = "X-Request-Id"

// Config configures a Handler. The zero Config works: errors are written
// in their own domain's format, foreign errors and panics as the generic
// internal error in the problem format.
type Config struct {
	// Domain is the service's domain: its internal error stands for
	// errors that are not catalog errors and for panics.
	Domain *errcat.Domain
	// Format, when valid, overrides the format of the error's domain.
	Format wire.Format
	// RequestIDHeader is the header the request id is read from and
	// echoed in; "" means X-Request-Id.
	RequestIDHeader string
	// NewRequestID makes a request id when the request has none; nil
	// means 16 random bytes in hex.
	NewRequestID func() string
	// Hook, when set, is called for every error response.
	Hook func(r *http.Request, ev Event)
	// Done, when set, is called once for every request Wrap serves, when
	// the handler has returned or its panic has been answered, for access
	// logs and request metrics. r is the request as the handler saw it:
	// its context carries the request id, and r.Pattern is the route an
	// http.ServeMux under Wrap matched. It is not called for a request
	// the handler aborted with http.ErrAbortHandler.
	Done func(r *http.Request, o Outcome)
	// Logger receives errors of status 500 and above with their causes,
	// and panics with their stacks; nil means slog.Default().
	Logger *slog.Logger
	// HostID is aliyun's HostId: the endpoint's name.
	HostID string
	// Action returns the API action of a request, for the formats whose
	// body carries it (wire.Format.Spec().Action); nil means the query
	// parameter "Action".
	Action func(r *http.Request) string
}

// Event describes one error response, for metrics and tracing.
type Event struct {
	Domain string
	Code   string
	Status int
	// Panic is true when the response answers a panic.
	Panic bool
	// Err is the error as sent (its cause holds the original error),
	// without the request id when it had none of its own.
	Err *errcat.Error
	// RequestID is the request id the response carries.
	RequestID string
}

// Outcome is how a request Wrap served ended.
type Outcome struct {
	// Status is the response's status code: the one the handler (or the
	// answer to its panic) wrote, or 200 when it wrote only a body or
	// nothing at all, as net/http then sends.
	Status int
	// Duration is the time from Wrap receiving the request to the end of
	// the handler.
	Duration time.Duration
}

// Attrs returns the event as attributes: error.type (the code, as
// OpenTelemetry's semantic conventions name it), errcat.domain and
// http.response.status_code.
func (ev Event) Attrs() []slog.Attr {
	return []slog.Attr{
		slog.String(AttrErrorType, ev.Code),
		slog.String("errcat.domain", ev.Domain),
		slog.Int("http.response.status_code", ev.Status),
	}
}

// Handler writes errors as responses. Build it with New; it is safe for
// concurrent use.
type Handler struct {
	cfg  Config
	bufs sync.Pool
}

// New returns a Handler for cfg.
func New(cfg Config) *Handler {
	if cfg.RequestIDHeader == "" {
		cfg.RequestIDHeader = DefaultRequestIDHeader
	}
	// Canonical once, so that every request indexes the header maps
	// directly.
	cfg.RequestIDHeader = http.CanonicalHeaderKey(cfg.RequestIDHeader)
	if cfg.NewRequestID == nil {
		cfg.NewRequestID = randomID
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Action == nil {
		cfg.Action = func(r *http.Request) string { return r.URL.Query().Get("Action") }
	}
	h := &Handler{cfg: cfg}
	h.bufs.New = func() any { b := make([]byte, 0, 1024); return &b }
	return h
}

// randomID returns 16 random bytes in hex. They come from math/rand/v2's
// global generator (ChaCha8, seeded by the runtime from the operating
// system): a request id must be unique, not secret, and this is several
// times cheaper than crypto/rand on the path of every request.
func randomID() string {
	var raw [16]byte
	binary.LittleEndian.PutUint64(raw[:8], rand.Uint64())
	binary.LittleEndian.PutUint64(raw[8:], rand.Uint64())
	var b [32]byte
	hex.Encode(b[:], raw[:])
	return string(b[:])
}

type ctxKey struct{}

// request is Wrap's state of one request, in one allocation: the context
// the handler sees (the request's, with the request id), the recorder of
// the response and the request id's header value.
type request struct {
	context.Context
	id  string
	idv [1]string
	rw  recorder
}

// Value returns a *string to the request id for ctxKey; RequestID reads
// it. Everything else is the parent's.
func (q *request) Value(key any) any {
	if _, ok := key.(ctxKey); ok {
		return &q.id
	}
	return q.Context.Value(key)
}

// String names the context, as the context package's own do.
func (q *request) String() string { return "httperr.request" }

// RequestID returns the request id Wrap put on ctx, or "".
func RequestID(ctx context.Context) string {
	if id, _ := ctx.Value(ctxKey{}).(*string); id != nil {
		return *id
	}
	return ""
}

// saneID reports whether an incoming request id may be echoed: 1 to 128
// visible ASCII characters.
func saneID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] <= ' ' || id[i] >= 0x7f {
			return false
		}
	}
	return true
}

// Func adapts a handler that returns an error: a nil error means the
// handler wrote its response; any other error is written by Write. The
// result is wrapped by Wrap, so it also has a request id and survives
// panics.
func (h *Handler) Func(fn func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return h.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			h.Write(w, r, err)
		}
	}))
}

// Wrap is the middleware: it gives each request a request id (on the
// context and in the response header), turns a panic of next into the
// internal error response and reports the request to Done.
// http.ErrAbortHandler is re-panicked, as net/http expects. Inside another
// Wrap of the same Handler (as Func is, under Wrap of a mux), Wrap leaves
// all of this to the outer one.
func (h *Handler) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rw, ok := w.(*recorder); ok && rw.h == h {
			next.ServeHTTP(w, r)
			return
		}
		var start time.Time
		if h.cfg.Done != nil {
			start = time.Now()
		}
		q := &request{Context: r.Context()}
		q.id = RequestID(q.Context)
		if q.id == "" {
			if v := r.Header[h.cfg.RequestIDHeader]; len(v) > 0 && saneID(v[0]) {
				q.id = v[0]
			} else {
				q.id = h.cfg.NewRequestID()
			}
		}
		r = r.WithContext(q)
		q.idv[0] = q.id
		w.Header()[h.cfg.RequestIDHeader] = q.idv[:]
		q.rw = recorder{ResponseWriter: w, h: h}
		rw := &q.rw
		defer func() {
			if p := recover(); p != nil {
				h.recovered(rw, r, q.id, p)
			}
			if h.cfg.Done != nil {
				h.cfg.Done(r, Outcome{Status: rw.finalStatus(), Duration: time.Since(start)})
			}
		}()
		next.ServeHTTP(rw, r)
	})
}

// recovered logs the panic p and answers it with the internal error if
// the response has not been started.
func (h *Handler) recovered(rw *recorder, r *http.Request, id string, p any) {
	if p == http.ErrAbortHandler {
		panic(p)
	}
	h.cfg.Logger.ErrorContext(r.Context(), "panic in HTTP handler",
		slog.String("request_id", id),
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.Any("panic", p),
		slog.String("stack", string(debug.Stack())))
	if rw.status != 0 {
		// Too late for an error response; net/http closes the
		// connection when the handler returns.
		return
	}
	e := h.cfg.Domain.InternalDef().New().WithCause(fmt.Errorf("panic: %v", p)).WithRequestID(id)
	h.write(rw, r, e, id, true)
}

// Write writes err as the response to r: a catalog error as itself, any
// other error as the configured domain's internal error. An error without
// a request id is sent with the one of r's context (the Error itself is
// left as it is). If the response was already started, the error is only
// logged.
func (h *Handler) Write(w http.ResponseWriter, r *http.Request, err error) {
	e := errcat.From(err, h.cfg.Domain)
	if e == nil {
		return
	}
	id := e.RequestID()
	if id == "" {
		id = RequestID(r.Context())
	}
	if rw, ok := w.(*recorder); ok && rw.status != 0 {
		h.cfg.Logger.ErrorContext(r.Context(), "error after the response was started",
			slog.String("request_id", id), slog.String("error", e.Error()))
		return
	}
	h.write(w, r, e, id, false)
}

func (h *Handler) write(w http.ResponseWriter, r *http.Request, e *errcat.Error, id string, panicked bool) {
	f := h.cfg.Format
	if !f.Valid() {
		f = wire.For(e)
	}
	def := e.Def()
	o := wire.Options{HostID: h.cfg.HostID, RequestID: id}
	if v := r.Header["Accept-Language"]; len(v) > 0 {
		o.Locale = def.Domain.Negotiate(v[0])
	} else {
		o.Locale = def.Domain.DefaultLocale()
	}
	if f == wire.Problem() { // the only format with an "instance"
		o.Instance = r.URL.RequestURI()
	}
	if f.Spec().Action {
		o.Action = h.cfg.Action(r)
	}
	if def.Status() >= 500 && !panicked {
		h.cfg.Logger.ErrorContext(r.Context(), "internal error",
			slog.String("request_id", id), slog.String("error", e.Error()))
	}
	bp := h.bufs.Get().(*[]byte)
	buf, err := f.WriteBuffer(w, e, o, (*bp)[:0])
	if err != nil {
		h.cfg.Logger.DebugContext(r.Context(), "writing the error response", slog.String("error", err.Error()))
	}
	if cap(buf) <= 64<<10 {
		*bp = buf
		h.bufs.Put(bp)
	}
	if h.cfg.Hook != nil {
		domain := ""
		if def.Domain != nil {
			domain = def.Domain.ID
		}
		h.cfg.Hook(r, Event{Domain: domain, Code: def.Code, Status: f.Status(e), Panic: panicked, Err: e, RequestID: id})
	}
}

// recorder notes the status of the response once it has been started.
type recorder struct {
	http.ResponseWriter
	h      *Handler
	status int // 0 until the response is started
}

func (rw *recorder) WriteHeader(code int) {
	// An informational status (1xx) other than 101 Switching Protocols
	// precedes the final one.
	if rw.status == 0 && (code >= 200 || code == http.StatusSwitchingProtocols) {
		rw.status = code
	}
	rw.ResponseWriter.WriteHeader(code)
}

func (rw *recorder) Write(b []byte) (int, error) {
	if rw.status == 0 {
		rw.status = http.StatusOK
	}
	return rw.ResponseWriter.Write(b)
}

// Flush sends buffered data to the client, for handlers that stream and
// assert http.Flusher directly.
func (rw *recorder) Flush() {
	if rw.status == 0 {
		rw.status = http.StatusOK
	}
	if f, ok := rw.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (rw *recorder) Unwrap() http.ResponseWriter { return rw.ResponseWriter }

// finalStatus is the status net/http sends: 200 when nothing was written.
func (rw *recorder) finalStatus() int {
	if rw.status == 0 {
		return http.StatusOK
	}
	return rw.status
}
