package benchmarks

import (
	"fmt"
	"strings"
	"testing"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/importer"
)

// importTable is a Markdown error table of n rows.
func importTable(n int) []byte {
	var b strings.Builder
	b.WriteString("# Errors\n\n| Code | Message | HTTP Status |\n|---|---|---|\n")
	statuses := []int{400, 404, 500, 503}
	for i := range n {
		fmt.Fprintf(&b, "| E%06d | Something went wrong number %d, please retry | %d |\n", i, i, statuses[i%4])
	}
	return []byte(b.String())
}

// BenchmarkImportTable imports a Markdown table of 10k and 100k rows and
// writes the catalog, as `errcat import` does; time per row stays flat.
func BenchmarkImportTable(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		data := importTable(n)
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				c, _, err := importer.Import("big.md", data, importer.Options{})
				if err != nil || len(c.Entries) != n {
					b.Fatalf("import: %v", err)
				}
				if _, err := catalog.Marshal(c, ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
