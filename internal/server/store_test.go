package server

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestUnreadableDirectoryKeepsOnlyItsFiles: while a catalog directory
// cannot be read, its files keep being served, but not the files of
// another directory whose path begins with the same letters: "cat" is no
// prefix of "catalog/b.yaml", and a file removed from catalog goes.
func TestUnreadableDirectoryKeepsOnlyItsFiles(t *testing.T) {
	root := t.TempDir()
	cat, catalogDir := filepath.Join(root, "cat"), filepath.Join(root, "catalog")
	for _, d := range []string{cat, catalogDir} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t0 := time.Now().Add(-time.Hour)
	writeCatalog(t, filepath.Join(cat, "a.yaml"), catalogYAML("cat.test", 1), t0)
	writeCatalog(t, filepath.Join(catalogDir, "b.yaml"), catalogYAML("catalog.test", 2), t0)
	// AllowDrop: the removal of b.yaml is applied at once.
	s, err := New(Config{Dirs: []string{cat, catalogDir}, Reload: -1, AllowDrop: true})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	counts := func() map[string]int {
		return map[string]int{"cat.test": domainCount(t, ts, "cat.test"), "catalog.test": domainCount(t, ts, "catalog.test")}
	}
	if diff := cmp.Diff(map[string]int{"cat.test": 1, "catalog.test": 2}, counts()); diff != "" {
		t.Fatalf("entries before (-want +got):\n%s", diff)
	}

	if err := os.RemoveAll(cat); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(catalogDir, "b.yaml")); err != nil {
		t.Fatal(err)
	}
	swapped, err := s.Reload()
	if !swapped || err == nil {
		t.Errorf("Reload() = %v, %v; want a swap and the unreadable directory's error", swapped, err)
	}
	if diff := cmp.Diff(map[string]int{"cat.test": 1, "catalog.test": -1}, counts()); diff != "" {
		t.Errorf("entries after (-want +got):\n%s", diff)
	}
}

// TestDirectoryAsGiven: a directory is served however it is written,
// with a trailing slash or a leading ./.
func TestDirectoryAsGiven(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	if err := os.Mkdir("cats", 0o755); err != nil {
		t.Fatal(err)
	}
	writeCatalog(t, filepath.Join("cats", "a.yaml"), catalogYAML("given.test", 3), time.Now())
	for _, dir := range []string{"cats", "cats/", "./cats", root + "/cats/"} {
		t.Run(dir, func(t *testing.T) {
			s, err := New(Config{Dirs: []string{dir}, Reload: -1})
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(s)
			defer ts.Close()
			if got := domainCount(t, ts, "given.test"); got != 3 {
				t.Errorf("given.test has %d entries, want 3", got)
			}
		})
	}
}
