package errcatotel_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"

	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/errcat/errcat/errcatotel"
	"github.com/errcat/errcat/httperr"
)

func ExampleTelemetry_HTTPHook() {
	exp := tracetest.NewInMemoryExporter()
	tracer := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp)).Tracer("example")
	tel, _ := errcatotel.New(sdkmetric.NewMeterProvider())

	h := httperr.New(httperr.Config{Domain: dom, Hook: tel.HTTPHook, Done: tel.HTTPDone,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ctx, span := tracer.Start(context.Background(), "GET /orders/{id}")
	r := httptest.NewRequest("GET", "/orders/o-7", nil).WithContext(ctx)
	h.Write(httptest.NewRecorder(), r, notFound.New("id", "o-7"))
	span.End()

	s := exp.GetSpans()[0]
	for _, a := range s.Attributes {
		fmt.Println(a.Key, "=", a.Value.AsString())
	}
	fmt.Println(s.Status.Code)
	// Output:
	// error.type = example.shop/Order.NotFound
	// errcat.domain = example.shop
	// errcat.code = Order.NotFound
	// errcat.category = not_found
	// Error
}
