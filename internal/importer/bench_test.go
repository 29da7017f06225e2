package importer

import (
	"os"
	"path/filepath"
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
