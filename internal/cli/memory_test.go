package cli

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSourceBytes(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, n int) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, make([]byte, n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.yaml", 100)
	write("b.yml", 20)
	write("notes.txt", 1000)
	write("i18n/zh-CN.yaml", 7)
	write("i18n/glossary.yaml", 3000)
	write("deeper/c.yaml", 5000)
	tests := []struct {
		name    string
		sources []string
		want    int64
	}{
		{"directory: its catalogs and overlays", []string{dir}, 127},
		{"one file", []string{filepath.Join(dir, "a.yaml")}, 100},
		{"file and directory", []string{filepath.Join(dir, "b.yml"), dir}, 147},
		{"git revision", []string{"git:HEAD:catalogs"}, 0},
		{"missing", []string{filepath.Join(dir, "none")}, 0},
		{"none", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, sourceBytes(tt.sources)); diff != "" {
				t.Errorf("sourceBytes(%q) (-want +got):\n%s", tt.sources, diff)
			}
		})
	}
}

func TestCapMemorySmallSources(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.yaml"), []byte("domain: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := readLimit()
	relax, restore := capMemory([]string{dir})
	if got := readLimit(); got != before {
		t.Errorf("memory limit for small sources = %d, want unchanged %d", got, before)
	}
	relax()
	restore()
}

// readLimit returns the memory limit without changing it.
func readLimit() int64 { return debug.SetMemoryLimit(-1) }
