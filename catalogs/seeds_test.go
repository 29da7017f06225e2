package catalogs_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/catalogs"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/importer"
)

// TestRegenerate re-imports every seed page and requires the committed
// catalog files to be byte-identical (go generate ./catalogs rewrites them).
func TestRegenerate(t *testing.T) {
	files, diags, err := importer.BuildDir(os.DirFS("."), ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		t.Errorf("diagnostic: %s", d)
	}
	if len(files) != 5 {
		t.Errorf("regenerated %d catalogs, want 5", len(files))
	}
	for name, want := range files {
		t.Run(name, func(t *testing.T) {
			got, err := os.ReadFile(filepath.Join(".", name))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s is stale; run go generate ./catalogs (-fresh import +committed):\n%s", name, diff)
			}
		})
	}
}

func loadBuiltin(t *testing.T) map[string]*catalog.Catalog {
	t.Helper()
	cs, err := catalogs.Load()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*catalog.Catalog{}
	for _, c := range cs {
		byID[c.Domain.ID] = c
	}
	return byID
}

// TestSeedCounts pins what each seed page documents.
func TestSeedCounts(t *testing.T) {
	byID := loadBuiltin(t)
	rows := func(c *catalog.Catalog) int {
		n := 0
		for _, e := range c.Entries {
			n += 1 + len(e.Variants)
		}
		return n
	}
	noStatus := func(c *catalog.Catalog) int {
		n := 0
		for _, e := range c.Entries {
			if e.HTTPStatus == nil {
				n++
			}
		}
		return n
	}
	tests := []struct {
		domain          string
		codes, rows, na int
	}{
		{"zilliz.cloud", 41, 41, 41},
		{"huaweicloud.css", 49, 49, 16},
		{"tencentcloud.common", 16, 16, 16},
		{"privatecloud.retcode", 213, 213, 213},
		{"aliyun.polardb", 81, 90, 0},
	}
	for _, tt := range tests {
		t.Run(tt.domain, func(t *testing.T) {
			c := byID[tt.domain]
			if c == nil {
				t.Fatalf("no built-in domain %s", tt.domain)
			}
			got := []int{len(c.Entries), rows(c), noStatus(c)}
			want := []int{tt.codes, tt.rows, tt.na}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("[codes rows without-status] (-want +got):\n%s", diff)
			}
		})
	}
}
