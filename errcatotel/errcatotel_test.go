package errcatotel_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"go.opentelemetry.io/otel/attribute"
	otelcodes "go.opentelemetry.io/otel/codes"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"google.golang.org/grpc"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/errcatotel"
	"github.com/errcat/errcat/grpcerr"
	"github.com/errcat/errcat/httperr"
)

var (
	dom      = &errcat.Domain{ID: "example.shop", Locales: []string{"en"}, Format: "problem"}
	notFound = &errcat.Def{Domain: dom, Code: "Order.NotFound", HTTPStatus: 404, Category: "not_found",
		Message: map[string]string{"en": "Order {id} does not exist."}, Params: []string{"id"}}
	busy = &errcat.Def{Domain: dom, Code: "Busy", HTTPStatus: 503, Category: "unavailable", Retryable: true,
		Message: map[string]string{"en": "Busy."}}
)

// setup returns a tracer provider recording into an in-memory exporter, a
// manual metric reader and the Telemetry under test.
func setup(t *testing.T) (*sdktrace.TracerProvider, *tracetest.InMemoryExporter, *sdkmetric.ManualReader, *errcatotel.Telemetry) {
	t.Helper()
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	tel, err := errcatotel.New(mp)
	if err != nil {
		t.Fatal(err)
	}
	return tp, exp, reader, tel
}

// spanSummary is what the test reads from an ended span.
type spanSummary struct {
	Name      string
	Status    string
	ErrorType string
	HasType   bool
}

func summaries(exp *tracetest.InMemoryExporter) []spanSummary {
	var out []spanSummary
	for _, s := range exp.GetSpans() {
		sum := spanSummary{Name: s.Name, Status: s.Status.Code.String()}
		for _, a := range s.Attributes {
			if a.Key == "error.type" {
				sum.ErrorType, sum.HasType = a.Value.AsString(), true
			}
		}
		out = append(out, sum)
	}
	return out
}

// errorCounts reads errcat.errors as error.type → count.
func errorCounts(t *testing.T, reader *sdkmetric.ManualReader) map[string]int64 {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			if m.Name != "errcat.errors" {
				continue
			}
			for _, dp := range m.Data.(metricdata.Sum[int64]).DataPoints {
				et, _ := dp.Attributes.Value(attribute.Key("error.type"))
				cat, _ := dp.Attributes.Value(attribute.Key(errcatotel.AttrCategory))
				out[et.AsString()+" "+cat.AsString()] += dp.Value
			}
		}
	}
	return out
}

func TestHTTP(t *testing.T) {
	tp, exp, reader, tel := setup(t)
	h := httperr.New(httperr.Config{Domain: dom, Hook: tel.HTTPHook, Done: tel.HTTPDone,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	mux := http.NewServeMux()
	mux.Handle("GET /orders/{id}", h.Func(func(w http.ResponseWriter, r *http.Request) error {
		switch id := r.PathValue("id"); id {
		case "ok":
			_, err := io.WriteString(w, "fine")
			return err
		case "boom":
			return errors.New("db down")
		case "panic":
			panic("nil map")
		default:
			return notFound.New("id", id)
		}
	}))
	// A tracing middleware in front, as otelhttp would be.
	tracer := tp.Tracer("test")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, span := tracer.Start(r.Context(), r.URL.Path)
		defer span.End()
		h.Wrap(mux).ServeHTTP(w, r.WithContext(ctx))
	}))
	defer srv.Close()
	for _, p := range []string{"/orders/ok", "/orders/o-1", "/orders/o-2", "/orders/boom", "/orders/panic"} {
		resp, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	want := []spanSummary{
		{Name: "/orders/ok", Status: "Unset"},
		{Name: "/orders/o-1", Status: "Error", ErrorType: "example.shop/Order.NotFound", HasType: true},
		{Name: "/orders/o-2", Status: "Error", ErrorType: "example.shop/Order.NotFound", HasType: true},
		{Name: "/orders/boom", Status: "Error", ErrorType: "_OTHER", HasType: true},
		{Name: "/orders/panic", Status: "Error", ErrorType: "_OTHER", HasType: true},
	}
	if diff := cmp.Diff(want, summaries(exp)); diff != "" {
		t.Errorf("spans (-want +got):\n%s", diff)
	}
	wantCounts := map[string]int64{"example.shop/Order.NotFound not_found": 2, "_OTHER internal": 2}
	if diff := cmp.Diff(wantCounts, errorCounts(t, reader)); diff != "" {
		t.Errorf("errcat.errors (-want +got):\n%s", diff)
	}
	// The duration histogram has a point per route and status.
	var rm metricdata.ResourceMetrics
	_ = reader.Collect(context.Background(), &rm)
	points := 0
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			if m.Name == "http.server.request.duration" {
				for _, dp := range m.Data.(metricdata.Histogram[float64]).DataPoints {
					points++
					route, _ := dp.Attributes.Value("http.route")
					if route.AsString() != "GET /orders/{id}" {
						t.Errorf("http.route = %q", route.AsString())
					}
					st, _ := dp.Attributes.Value("http.response.status_code")
					et, has := dp.Attributes.Value("error.type")
					if (st.AsInt64() >= 500) != has || has && et.AsString() != "500" {
						t.Errorf("status %d with error.type %q (present %v)", st.AsInt64(), et.AsString(), has)
					}
				}
			}
		}
	}
	if points != 3 { // 200, 404, 500
		t.Errorf("%d duration points, want 3", points)
	}
}

func TestGRPCObserver(t *testing.T) {
	tp, exp, reader, tel := setup(t)
	icpt := grpcerr.UnaryServerInterceptor(grpcerr.WithDomain(dom), grpcerr.WithObserver(tel.Observe),
		grpcerr.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	tracer := tp.Tracer("test")
	call := func(name string, err error) {
		ctx, span := tracer.Start(context.Background(), name)
		_, _ = icpt(ctx, nil, &grpc.UnaryServerInfo{FullMethod: "/x/" + name}, func(context.Context, any) (any, error) { return "ok", err })
		span.End()
	}
	call("ok", nil)
	call("busy", busy.New())
	call("foreign", errors.New("boom"))
	want := []spanSummary{
		{Name: "ok", Status: "Unset"},
		{Name: "busy", Status: "Error", ErrorType: "example.shop/Busy", HasType: true},
		{Name: "foreign", Status: "Error", ErrorType: "_OTHER", HasType: true},
	}
	if diff := cmp.Diff(want, summaries(exp)); diff != "" {
		t.Errorf("spans (-want +got):\n%s", diff)
	}
	if got := exp.GetSpans()[1].Status; got.Code != otelcodes.Error || got.Description != "example.shop/Busy" {
		t.Errorf("span status %+v", got)
	}
	wantCounts := map[string]int64{"example.shop/Busy unavailable": 1, "_OTHER internal": 1}
	if diff := cmp.Diff(wantCounts, errorCounts(t, reader)); diff != "" {
		t.Errorf("errcat.errors (-want +got):\n%s", diff)
	}
}

func TestCollector(t *testing.T) {
	c := errcatotel.NewCollector()
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(c)
	h := httperr.New(httperr.Config{Domain: dom, Hook: c.HTTPHook, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	for _, err := range []error{notFound.New("id", "1"), notFound.New("id", "2"), errors.New("x")} {
		h.Write(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil), err)
	}
	c.Observe(context.Background(), busy.New(), false)
	want := `
# HELP errcat_errors_total Errors sent to clients, by catalog domain, code and category; error_type is OpenTelemetry's error.type.
# TYPE errcat_errors_total counter
errcat_errors_total{category="internal",code="InternalError",domain="example.shop",error_type="_OTHER"} 1
errcat_errors_total{category="not_found",code="Order.NotFound",domain="example.shop",error_type="example.shop/Order.NotFound"} 2
errcat_errors_total{category="unavailable",code="Busy",domain="example.shop",error_type="example.shop/Busy"} 1
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "errcat_errors_total"); err != nil {
		t.Error(err)
	}
}
