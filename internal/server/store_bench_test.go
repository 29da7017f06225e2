package server

import (
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/errcat/errcat/catalogs"
	"github.com/errcat/errcat/internal/source"
)

// builtinDir copies the built-in catalogs and their overlays into a
// temporary directory, as a --catalog directory of the error center.
func builtinDir(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	err := fs.WalkDir(catalogs.FS(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || name == "." {
			return err
		}
		if d.IsDir() {
			return os.Mkdir(filepath.Join(dir, name), 0o755)
		}
		data, err := fs.ReadFile(catalogs.FS(), name)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, name), data, 0o644)
	})
	if err != nil {
		tb.Fatal(err)
	}
	return dir
}

// BenchmarkStoreLoad measures the error center's reading of a catalog
// directory with overlays: the first load (every file parsed, overlays
// merged, the snapshot built), a reload that finds nothing changed, and a
// reload after one catalog file was renamed into place (that file parsed,
// the overlays merged again, the snapshot built).
func BenchmarkStoreLoad(b *testing.B) {
	dir := builtinDir(b)
	newStore := func() *store {
		return &store{dirs: []string{dir}, loadFile: source.LoadFile, log: slog.New(slog.DiscardHandler)}
	}
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			if _, err := newStore().load(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("unchanged", func(b *testing.B) {
		st := newStore()
		if _, err := st.load(); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if swapped, err := st.load(); swapped || err != nil {
				b.Fatal(swapped, err)
			}
		}
	})
	b.Run("changed", func(b *testing.B) {
		st := newStore()
		if _, err := st.load(); err != nil {
			b.Fatal(err)
		}
		file := filepath.Join(dir, "huaweicloud.css.yaml")
		data, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		versions := [][]byte{data, append(slices.Clone(data), '\n')}
		i := 0
		for b.Loop() {
			i++
			if err := os.WriteFile(file+".tmp", versions[i%2], 0o644); err != nil {
				b.Fatal(err)
			}
			if err := os.Rename(file+".tmp", file); err != nil {
				b.Fatal(err)
			}
			if swapped, err := st.load(); !swapped || err != nil {
				b.Fatal(swapped, err)
			}
		}
	})
}
