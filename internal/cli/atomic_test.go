package cli

import (
	"errors"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/gen"
)

// tree returns every regular file under dir (slash paths) with its content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestStreamFilesFailing runs a streaming generator that writes one file
// whole and fails halfway through the next: the file that was there
// keeps its content, the other is not created, and no temporary file is
// left. The same generator succeeding writes both.
func TestStreamFilesFailing(t *testing.T) {
	for _, fail := range []bool{true, false} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "a.json"), []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		g := gen.Generator{Name: "failing", Stream: func(_ []*catalog.Catalog, _ gen.Options, create gen.CreateFunc) error {
			w, err := create("a.json")
			if err != nil {
				return err
			}
			io.WriteString(w, "new a")
			if w, err = create("sub/b.json"); err != nil {
				return err
			}
			io.WriteString(w, strings.Repeat("b", 100<<10)) // past the write buffer
			if fail {
				return errors.New("failed midway")
			}
			return nil
		}}
		var stderr strings.Builder
		err := streamFiles(&Env{Stdout: io.Discard, Stderr: &stderr}, dir, g, nil, gen.Options{})
		want := map[string]string{"a.json": "old"}
		if !fail {
			want = map[string]string{"a.json": "new a", "sub/b.json": strings.Repeat("b", 100<<10)}
		}
		if (err != nil) != fail {
			t.Errorf("fail %v: error %v", fail, err)
		}
		if diff := cmp.Diff(want, tree(t, dir)); diff != "" {
			t.Errorf("fail %v: files (-want +got):\n%s", fail, diff)
		}
	}
}

// TestWriteFilesFailing writes two files whose second cannot be created
// (its directory is a file): the first keeps its content.
func TestWriteFilesFailing(t *testing.T) {
	dir := t.TempDir()
	for p, s := range map[string]string{"a.txt": "old", "b": "a file, not a directory"} {
		if err := os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	err := writeFiles(&Env{Stderr: io.Discard}, dir, gen.Files{"a.txt": []byte("new"), "b/c.txt": []byte("c")})
	if err == nil {
		t.Fatal("no error writing under a file")
	}
	want := map[string]string{"a.txt": "old", "b": "a file, not a directory"}
	if diff := cmp.Diff(want, tree(t, dir)); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
}

// TestGenGoFailingMidway runs `errcat gen go -o DIR` over the built-in
// catalogs with the package directory of the last domain taken by a
// file: the command fails after writing the other packages, and DIR is
// left as it was.
func TestGenGoFailingMidway(t *testing.T) {
	full := t.TempDir()
	if code, _, stderr := runGen(t, "gen", "go", "-o", full); code != 0 {
		t.Fatalf("gen go: exit %d: %s", code, stderr)
	}
	paths := slices.Sorted(maps.Keys(tree(t, full)))
	if len(paths) < 2 {
		t.Fatalf("gen go wrote %v; want a package per built-in domain", paths)
	}
	dir := t.TempDir()
	first, last := paths[0], paths[len(paths)-1]
	if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(first)), 0o755); err != nil {
		t.Fatal(err)
	}
	before := map[string]string{first: "package old\n", filepath.Dir(last): "a file, not a directory"}
	for p, s := range before {
		if err := os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, _ := runGen(t, "gen", "go", "-o", dir); code != 1 {
		t.Errorf("gen go over a file: exit %d, want 1", code)
	}
	if diff := cmp.Diff(before, tree(t, dir)); diff != "" {
		t.Errorf("files after the failed run (-want +got):\n%s", diff)
	}
}
