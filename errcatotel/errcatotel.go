// Package errcatotel reports errcat's catalog errors to OpenTelemetry and
// Prometheus, as the people who run an API look at errors: in traces and
// on dashboards.
//
// The model follows OpenTelemetry's semantic conventions. A failed
// request's span gets status Error and the attribute error.type, a
// low-cardinality class of the error: the domain and code of a catalog
// error ("huaweicloud.css/CSS.0015"), or "_OTHER" for an error that is not
// in the catalog (a foreign error or a panic, sent as the domain's
// internal entry); a request that succeeds gets no error.type. Each error
// is also counted, by domain, code and category, in the metric
// errcat.errors.
//
// Telemetry plugs into the adapters' existing hooks, so neither depends
// on OpenTelemetry:
//
//	tel, _ := errcatotel.New(meterProvider) // spans: the one on each request's context
//	h := httperr.New(httperr.Config{Domain: dom, Hook: tel.HTTPHook, Done: tel.HTTPDone})
//	srv := grpc.NewServer(grpc.ChainUnaryInterceptor(grpcerr.UnaryServerInterceptor(
//		grpcerr.WithDomain(dom), grpcerr.WithObserver(tel.Observe))))
//
// Collector does the counting for services that use the Prometheus client
// library directly.
package errcatotel

import (
	"context"
	"net/http"
	"strconv"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/httperr"
)

// OtherErrorType is error.type for an error that is not in the catalog.
const OtherErrorType = "_OTHER"

// The attribute keys errcatotel sets besides error.type.
const (
	AttrDomain   = "errcat.domain"
	AttrCode     = "errcat.code"
	AttrCategory = "errcat.category"
)

// ScopeName is the instrumentation scope of errcatotel's tracer and meter.
const ScopeName = "github.com/errcat/errcat/errcatotel"

// ErrorType returns error.type of a catalog error as sent: "domain/code",
// or OtherErrorType when foreign is set (the error stands for one that is
// not in the catalog).
func ErrorType(e *errcat.Error, foreign bool) string {
	if foreign || e == nil || e.Def() == nil {
		return OtherErrorType
	}
	d := e.Def()
	if d.Domain == nil || d.Domain.ID == "" {
		return d.Code
	}
	return d.Domain.ID + "/" + d.Code
}

// Telemetry records catalog errors on spans and in metrics. Build it with
// New; it is safe for concurrent use.
type Telemetry struct {
	errors   metric.Int64Counter
	duration metric.Float64Histogram
}

// New returns a Telemetry recording to mp's meter. Spans are the
// callers' own (the one on the request's context); tp is not needed for
// that and may be nil.
func New(mp metric.MeterProvider) (*Telemetry, error) {
	m := mp.Meter(ScopeName)
	errs, err := m.Int64Counter("errcat.errors",
		metric.WithDescription("Errors sent to clients, by catalog domain, code and category."),
		metric.WithUnit("{error}"))
	if err != nil {
		return nil, err
	}
	dur, err := m.Float64Histogram("http.server.request.duration",
		metric.WithDescription("Duration of HTTP server requests."),
		metric.WithUnit("s"),
		metric.WithExplicitBucketBoundaries(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10))
	if err != nil {
		return nil, err
	}
	return &Telemetry{errors: errs, duration: dur}, nil
}

// Observe records one error sent to a client: on the span of ctx, status
// Error with the error's code as description, and error.type, errcat.domain,
// errcat.code and errcat.category; and one count in errcat.errors. foreign
// says the error stands for one that is not in the catalog. It has the
// signature of grpcerr.WithObserver.
func (t *Telemetry) Observe(ctx context.Context, e *errcat.Error, foreign bool) {
	attrs := attributesOf(e, foreign)
	span := trace.SpanFromContext(ctx)
	if span.IsRecording() {
		span.SetStatus(codes.Error, ErrorType(e, foreign))
		span.SetAttributes(attrs...)
	}
	t.errors.Add(ctx, 1, metric.WithAttributes(attrs...))
}

func attributesOf(e *errcat.Error, foreign bool) []attribute.KeyValue {
	domain, code, category := "", "", ""
	if e != nil && e.Def() != nil {
		d := e.Def()
		code, category = d.Code, d.Category
		if d.Domain != nil {
			domain = d.Domain.ID
		}
	}
	return []attribute.KeyValue{
		attribute.String(httperr.AttrErrorType, ErrorType(e, foreign)),
		attribute.String(AttrDomain, domain),
		attribute.String(AttrCode, code),
		attribute.String(AttrCategory, category),
	}
}

// Foreign reports whether an error response of httperr stands for an
// error that is not in the catalog: a panic, or the domain's internal
// entry standing for a cause that is no catalog error. (An internal entry
// a handler returns itself with such a cause counts as foreign too.)
func Foreign(ev httperr.Event) bool {
	if ev.Panic {
		return true
	}
	e := ev.Err
	if e == nil || e.Def() == nil {
		return true
	}
	d := e.Def()
	return d == d.Domain.InternalDef() && e.Cause() != nil && errcat.CodeOf(e.Cause()) == ""
}

// HTTPHook is an httperr.Config.Hook: it records the error response on
// the span of the request's context and counts it (see Observe).
func (t *Telemetry) HTTPHook(r *http.Request, ev httperr.Event) {
	t.Observe(r.Context(), ev.Err, Foreign(ev))
}

// HTTPDone is an httperr.Config.Done: it records the request's duration
// in http.server.request.duration with http.request.method,
// http.response.status_code, http.route (the ServeMux pattern) and, for a
// status of 500 or above, error.type as the status code, as
// OpenTelemetry's HTTP conventions do when nothing more specific is known
// at the end of the request; the catalog's error.type is on the span and
// in errcat.errors.
func (t *Telemetry) HTTPDone(r *http.Request, o httperr.Outcome) {
	attrs := []attribute.KeyValue{
		attribute.String("http.request.method", r.Method),
		attribute.Int("http.response.status_code", o.Status),
	}
	if r.Pattern != "" {
		attrs = append(attrs, attribute.String("http.route", r.Pattern))
	}
	if o.Status >= 500 {
		attrs = append(attrs, attribute.String(httperr.AttrErrorType, strconv.Itoa(o.Status)))
	}
	t.duration.Record(r.Context(), o.Duration.Seconds(), metric.WithAttributes(attrs...))
}
