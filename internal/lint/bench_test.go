package lint

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/synth"
)

// BenchmarkRun lints synthetic catalogs of growing size; the time per
// entry must stay flat (no rule may compare entries pairwise):
// go test ./internal/lint -run XXX -bench Run -count 10
func BenchmarkRun(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		var buf bytes.Buffer
		if err := synth.Write(&buf, n, 1); err != nil {
			b.Fatal(err)
		}
		c, err := catalog.ParseFast("synthetic.yaml", buf.Bytes())
		if err != nil {
			b.Fatal(err)
		}
		cats := []*catalog.Catalog{c}
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Run(cats, Config{})
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/entry")
		})
	}
}
