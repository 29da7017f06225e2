package gen_test

import (
	"bytes"
	"flag"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/gen"
	"github.com/errcat/errcat/internal/source"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// loadSeeds parses the built-in catalogs once per test binary; tests only
// read them (a test that changes one copies it first).
var loadSeeds = sync.OnceValues(source.Builtin)

// seeds returns the built-in catalogs, indexed by domain id.
func seeds(tb testing.TB) map[string]*catalog.Catalog {
	tb.Helper()
	out := map[string]*catalog.Catalog{}
	for _, c := range seedList(tb) {
		out[c.Domain.ID] = c
	}
	return out
}

// seedList returns the built-in catalogs.
func seedList(tb testing.TB) []*catalog.Catalog {
	tb.Helper()
	cs, err := loadSeeds()
	if err != nil {
		tb.Fatalf("load built-in catalogs: %v", err)
	}
	return cs
}

// TestGolden runs each generator on a seed domain and compares every file
// with testdata/golden/NAME/PATH; -update rewrites them.
func TestGolden(t *testing.T) {
	s := seeds(t)
	tests := []struct {
		name   string
		gen    string
		domain string
		opts   gen.Options
	}{
		{"go", "go", "aliyun.polardb", gen.Options{Package: "polardb"}},
		{"markdown-table", "markdown", "aliyun.polardb", gen.Options{}},
		{"markdown-list", "markdown", "zilliz.cloud", gen.Options{Style: gen.StyleList}},
		{"markdown-table-zh", "markdown", "privatecloud.retcode", gen.Options{Lang: "zh"}},
		{"rst", "rst", "huaweicloud.css", gen.Options{}},
		{"text", "text", "tencentcloud.common", gen.Options{}},
		{"html", "html", "huaweicloud.css", gen.Options{}},
		{"html-zh", "html", "huaweicloud.css", gen.Options{Lang: "zh-CN"}},
		{"json", "json", "tencentcloud.common", gen.Options{}},
		{"openapi", "openapi", "huaweicloud.css", gen.Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, ok := gen.Lookup(tt.gen)
			if !ok {
				t.Fatalf("no generator %q", tt.gen)
			}
			c := s[tt.domain]
			if c == nil {
				t.Fatalf("no seed domain %q", tt.domain)
			}
			files, err := g.Run([]*catalog.Catalog{c}, tt.opts)
			if err != nil {
				t.Fatalf("%s: %v", tt.gen, err)
			}
			checkGolden(t, filepath.Join("testdata", "golden", tt.name), files)
		})
	}
}

// checkGolden compares files with the directory dir, file by file, and
// rewrites dir with -update.
func checkGolden(t *testing.T, dir string, files gen.Files) {
	t.Helper()
	if *update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		for _, p := range files.Paths() {
			path := filepath.Join(dir, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, files[p], 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		want[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatalf("read golden files (run go test -update to create them): %v", err)
	}
	got := map[string]string{}
	for p, b := range files {
		got[p] = string(b)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("output differs from %s (-want +got; go test -update rewrites it):\n%s", dir, diff)
	}
}

// TestDeterministic runs every generator twice on all seed catalogs, in
// two different catalog orders, and wants the same bytes.
func TestDeterministic(t *testing.T) {
	cs := seedList(t)
	rev := make([]*catalog.Catalog, len(cs))
	for i, c := range cs {
		rev[len(cs)-1-i] = c
	}
	for _, g := range gen.Generators() {
		styles := g.Styles
		if styles == nil {
			styles = []string{""}
		}
		for _, style := range styles {
			t.Run(g.Name+"/"+style, func(t *testing.T) {
				a, err := g.Run(cs, gen.Options{Style: style})
				if err != nil {
					t.Fatal(err)
				}
				b, err := g.Run(rev, gen.Options{Style: style})
				if err != nil {
					t.Fatal(err)
				}
				// Diff only when the runs differ: cmp.Diff over megabytes
				// of equal output costs seconds.
				if !maps.EqualFunc(a, b, bytes.Equal) {
					t.Errorf("two runs differ (-first +second):\n%s", cmp.Diff(a, b))
				}
				if len(a) == 0 {
					t.Errorf("no files")
				}
			})
		}
	}
}

func TestErrors(t *testing.T) {
	s := seeds(t)
	zilliz := *s["zilliz.cloud"]
	zilliz.Entries = append([]catalog.Entry{{Code: "Oops", Category: catalog.Internal, Message: catalog.T("en", "x")}}, zilliz.Entries...)
	zillizCloud := *s["zilliz.cloud"]
	zillizCloud.Domain.ID = "zillizcloud"
	dup := *s["huaweicloud.css"]
	dup.Entries = append([]catalog.Entry{dup.Entries[0]}, dup.Entries...)
	tests := []struct {
		name string
		gen  string
		cats []*catalog.Catalog
		opts gen.Options
		want string
	}{
		{"unknown style", "markdown", []*catalog.Catalog{s["zilliz.cloud"]}, gen.Options{Style: "fancy"}, `gen markdown: unknown style "fancy" (want one of table, list)`},
		{"package with two domains", "go", []*catalog.Catalog{s["zilliz.cloud"], s["huaweicloud.css"]}, gen.Options{Package: "x"}, "gen go: --package names one package; pick one domain (have 2)"},
		{"two domains, one package name", "go", []*catalog.Catalog{s["zilliz.cloud"], &zillizCloud}, gen.Options{}, "gen go: two domains give the package name zillizcloud; generate them one at a time with --package"},
		{"duplicate code", "go", []*catalog.Catalog{&dup}, gen.Options{}, `gen go: huaweicloud.css: code "CSS.0001" is defined twice; a Go package can hold it once (merge the entries as variants)`},
		{"string code in an integer format", "openapi", []*catalog.Catalog{&zilliz}, gen.Options{}, `gen openapi: zilliz.cloud Oops: wire format zilliz carries integer codes, and code "Oops" is not one`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, _ := gen.Lookup(tt.gen)
			_, err := g.Run(tt.cats, tt.opts)
			got := "<nil>"
			if err != nil {
				got = err.Error()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

func TestHTMLSearchWorksFromFile(t *testing.T) {
	files, err := gen.HTML(seedList(t), gen.Options{})
	if err != nil {
		t.Fatal(err)
	}
	index := string(files["index.html"])
	for _, want := range []string{`<script src="search-index.js"></script>`, `<script src="search.js"></script>`, `<input id="q"`} {
		if !strings.Contains(index, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	// file:// pages cannot fetch; the search must not try.
	for _, p := range []string{"search.js", "search-index.js"} {
		for _, bad := range []string{"fetch(", "XMLHttpRequest", "import("} {
			if strings.Contains(string(files[p]), bad) {
				t.Errorf("%s uses %s, which fails from file://", p, bad)
			}
		}
	}
	// Every code has an anchor on its page.
	for _, c := range seedList(t) {
		page := string(files[c.Domain.ID+"."+c.Domain.DefaultLocale()+".html"])
		for _, e := range c.Entries {
			if !strings.Contains(page, `<tr id="`+htmlAttr(e.Code)+`"`) {
				t.Errorf("%s: no anchor for %s", c.Domain.ID, e.Code)
			}
		}
	}
}

// htmlAttr escapes s the way html/template escapes an attribute value.
func htmlAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;", "{", "{", "}", "}").Replace(s)
}

// TestSchemaIsTheRepositoryFile: gen schema writes the schema file of the
// repository byte for byte.
func TestSchemaIsTheRepositoryFile(t *testing.T) {
	files, err := gen.Schema(nil, gen.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "schema", "catalog.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"catalog.schema.json"}, files.Paths()); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
	if string(files["catalog.schema.json"]) != string(want) {
		t.Errorf("gen schema differs from schema/catalog.schema.json")
	}
}
