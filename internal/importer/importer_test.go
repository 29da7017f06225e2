package importer

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/catalog"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// render is what a golden file holds: the diagnostics, then the catalog.
func render(t *testing.T, name string, data []byte, opts Options) string {
	t.Helper()
	c, diags, err := Import(name, data, opts)
	var b strings.Builder
	b.WriteString("# diagnostics\n")
	for _, d := range diags {
		b.WriteString("# " + d.String() + "\n")
	}
	if err != nil {
		b.WriteString("# error: " + err.Error() + "\n")
		return b.String()
	}
	out, err := catalog.Marshal(c, "")
	if err != nil {
		t.Fatal(err)
	}
	// The output must load back as a valid catalog.
	if _, err := catalog.Parse(name+".yaml", out); err != nil {
		t.Fatalf("imported catalog does not load: %v", err)
	}
	b.Write(out)
	return b.String()
}

// TestGolden imports pages of layouts the seeds do not have and compares
// the result with testdata/*.golden (go test -update rewrites them).
func TestGolden(t *testing.T) {
	pages, err := filepath.Glob("testdata/*.*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range pages {
		if strings.HasSuffix(p, ".golden") {
			continue
		}
		n++
		t.Run(filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			got := render(t, filepath.Base(p), data, Options{})
			golden := p + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("import of %s (-want +got):\n%s", p, diff)
			}
		})
	}
	if n < 5 {
		t.Errorf("found %d testdata pages, want at least 5", n)
	}
}
