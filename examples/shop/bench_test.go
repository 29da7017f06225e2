package main

import (
	"testing"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/examples/shop/shoperr"
	"github.com/errcat/errcat/wire"
)

// BenchmarkGenerated measures the generated code on a handler's path: the
// constructor alone, and the constructor plus the problem+json body the
// client receives (the shop's wire format, in Chinese).
func BenchmarkGenerated(b *testing.B) {
	b.Run("new", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if newOrderNotFound("7") == nil {
				b.Fatal("nil error")
			}
		}
	})
	b.Run("new+render", func(b *testing.B) {
		b.ReportAllocs()
		buf := make([]byte, 0, 1024)
		for b.Loop() {
			e := errcat.From(newOrderNotFound("7"), shoperr.Domain())
			buf = wire.Problem().Append(buf[:0], e, wire.Options{Locale: "zh-CN", Instance: "/orders/7"})
		}
		if len(buf) == 0 {
			b.Fatal("empty body")
		}
	})
}

// newOrderNotFound returns the error as a handler does: through a call the
// compiler cannot inline, so it escapes to the heap.
//
//go:noinline
func newOrderNotFound(id string) error { return shoperr.NewOrderNotFound(id) }
