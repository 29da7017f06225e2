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
// never reach the client.
package httperr

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync"

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
	// Err is the error as sent (its cause holds the original error).
	Err *errcat.Error
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

func randomID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

type ctxKey struct{}

// RequestID returns the request id Wrap put on ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(ctxKey{}).(string)
	return id
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
// context and in the response header) and turns a panic of next into the
// internal error response. http.ErrAbortHandler is re-panicked, as
// net/http expects.
func (h *Handler) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(h.cfg.RequestIDHeader)
		if !saneID(id) {
			id = h.cfg.NewRequestID()
		}
		if RequestID(r.Context()) == "" {
			r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, id))
		} else {
			id = RequestID(r.Context())
		}
		w.Header().Set(h.cfg.RequestIDHeader, id)
		rw := &recorder{ResponseWriter: w}
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if p == http.ErrAbortHandler {
				panic(p)
			}
			h.cfg.Logger.ErrorContext(r.Context(), "panic in HTTP handler",
				slog.String("request_id", id),
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.Any("panic", p),
				slog.String("stack", string(debug.Stack())))
			if rw.wrote {
				// Too late for an error response; net/http closes
				// the connection when the handler returns.
				return
			}
			e := h.cfg.Domain.InternalDef().New().WithCause(fmt.Errorf("panic: %v", p)).WithRequestID(id)
			h.write(rw, r, e, true)
		}()
		next.ServeHTTP(rw, r)
	})
}

// Write writes err as the response to r: a catalog error as itself, any
// other error as the configured domain's internal error. It adds the
// request id of r's context to an error that has none. If the response
// was already started, the error is only logged.
func (h *Handler) Write(w http.ResponseWriter, r *http.Request, err error) {
	e := errcat.From(err, h.cfg.Domain)
	if e == nil {
		return
	}
	if id := RequestID(r.Context()); id != "" && e.RequestID() == "" {
		e = e.Clone().WithRequestID(id)
	}
	if rw, ok := w.(*recorder); ok && rw.wrote {
		h.cfg.Logger.ErrorContext(r.Context(), "error after the response was started",
			slog.String("request_id", e.RequestID()), slog.String("error", e.Error()))
		return
	}
	h.write(w, r, e, false)
}

func (h *Handler) write(w http.ResponseWriter, r *http.Request, e *errcat.Error, panicked bool) {
	f := h.cfg.Format
	if !f.Valid() {
		f = wire.For(e)
	}
	def := e.Def()
	o := wire.Options{
		Locale:   def.Domain.Negotiate(r.Header.Get("Accept-Language")),
		Instance: r.URL.RequestURI(),
		HostID:   h.cfg.HostID,
	}
	if f.Spec().Action {
		o.Action = h.cfg.Action(r)
	}
	status := f.Status(e)
	if def.Status() >= 500 && !panicked {
		h.cfg.Logger.ErrorContext(r.Context(), "internal error",
			slog.String("request_id", e.RequestID()), slog.String("error", e.Error()))
	}
	bp := h.bufs.Get().(*[]byte)
	buf := (*bp)[:0]
	buf, err := f.WriteBuffer(w, e, o, buf)
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
		h.cfg.Hook(r, Event{Domain: domain, Code: def.Code, Status: status, Panic: panicked, Err: e})
	}
}

// recorder notes whether the response was started.
type recorder struct {
	http.ResponseWriter
	wrote bool
}

func (rw *recorder) WriteHeader(code int) {
	rw.wrote = true
	rw.ResponseWriter.WriteHeader(code)
}

func (rw *recorder) Write(b []byte) (int, error) {
	rw.wrote = true
	return rw.ResponseWriter.Write(b)
}

// Flush sends buffered data to the client, for handlers that stream and
// assert http.Flusher directly.
func (rw *recorder) Flush() {
	rw.wrote = true
	if f, ok := rw.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (rw *recorder) Unwrap() http.ResponseWriter { return rw.ResponseWriter }
