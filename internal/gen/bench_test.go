package gen_test

import (
	"testing"

	"github.com/errcat/errcat/internal/gen"
)

// BenchmarkGenerators runs each generator (default style) on all seed
// catalogs.
func BenchmarkGenerators(b *testing.B) {
	cs := seedList(b)
	for _, g := range gen.Generators() {
		b.Run(g.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := g.Run(cs, gen.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
