package catalog_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/synth"
)

// BenchmarkLoad compares the full YAML parser with the fast reader on the
// same synthetic catalog; run both in one invocation and compare the
// ratio: go test ./internal/catalog -run XXX -bench Load -count 10
func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{200, 2000} {
		var buf bytes.Buffer
		if err := synth.Write(&buf, n, 1); err != nil {
			b.Fatal(err)
		}
		data := buf.Bytes()
		for _, impl := range []struct {
			name  string
			parse func(string, []byte) (*catalog.Catalog, error)
		}{{"Parse", catalog.Parse}, {"ParseFast", catalog.ParseFast}} {
			b.Run(fmt.Sprintf("entries=%d/impl=%s", n, impl.name), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := impl.parse("synthetic.yaml", data); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
