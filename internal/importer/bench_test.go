package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkImport imports each seed page (parse, build, infer, validate).
func BenchmarkImport(b *testing.B) {
	files, err := filepath.Glob("../../catalogs/sources/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no seed pages: %v", err)
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(p), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := Import(filepath.Base(p), data, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// bigTable is a Markdown error table of n rows.
func bigTable(n int) []byte {
	var b strings.Builder
	b.WriteString("# Errors\n\n| Code | Message | HTTP Status |\n|---|---|---|\n")
	statuses := []int{400, 404, 500, 503}
	for i := range n {
		fmt.Fprintf(&b, "| E%06d | Something went wrong number %d, please retry | %d |\n", i, i, statuses[i%4])
	}
	return []byte(b.String())
}

// BenchmarkImportRows imports Markdown tables of 10k and 100k rows; the
// time per row stays flat as the table grows.
func BenchmarkImportRows(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		data := bigTable(n)
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				c, _, err := Import("big.md", data, Options{})
				if err != nil || len(c.Entries) != n {
					b.Fatalf("err %v", err)
				}
			}
		})
	}
}
