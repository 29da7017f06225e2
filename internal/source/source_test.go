package source_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/source"
)

// catalogYAML is a catalog of domain id with one entry, code, whose
// English message is msg.
func catalogYAML(id, code, msg string) string {
	return fmt.Sprintf(`domain:
  id: %s
  name: Test %s
  locales: [en]
  wire_format: problem
  code_kind: string
entries:
  - code: %s
    http_status: 400
    category: invalid_argument
    message: {en: %q}
`, id, id, code, msg)
}

// overlayYAML is a zh-CN overlay of domain id giving code the message msg.
func overlayYAML(id, code, msg string) string {
	return fmt.Sprintf("domain: %s\nlocale: zh-CN\norigin: translated\nentries:\n  - code: %s\n    message: %s\n", id, code, msg)
}

// badCatalog has an unknown category on line 10, column 15.
var badCatalog = strings.Replace(catalogYAML("test.bad", "B1", "Bad."), "invalid_argument", "no_such_category", 1)

// inTree writes files (slash-separated paths) under a new temporary
// directory and makes it the current directory, so sources are named
// relative to it as a user would name them.
func inTree(t *testing.T, files map[string]string) {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	for name, data := range files {
		p := filepath.FromSlash(name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// summary describes catalogs as "FILE DOMAIN LOCALES [zh-CN message]".
func summary(cats []*catalog.Catalog) []string {
	var out []string
	for _, c := range cats {
		s := fmt.Sprintf("%s %s %s", c.File, c.Domain.ID, strings.Join(c.Domain.Locales, ","))
		if len(c.Entries) > 0 {
			if zh := c.Entries[0].Message.Get("zh-CN"); zh != "" {
				s += " " + zh
			}
		}
		out = append(out, s)
	}
	return out
}

// errPrefix returns the start of err's message as long as want: tests pin
// where a problem is and what it is, not the catalog package's wording of
// the rest.
func errPrefix(err error, want string) string {
	if err == nil {
		return ""
	}
	got := err.Error()
	if want != "" && len(got) > len(want) {
		return got[:len(want)]
	}
	return got
}

func TestLoad(t *testing.T) {
	a := catalogYAML("test.a", "A1", "Bad request.")
	tests := []struct {
		name    string
		files   map[string]string
		spec    string
		want    []string
		wantErr string
	}{
		{
			name:  "file",
			files: map[string]string{"cats/a.yaml": a},
			spec:  "cats/a.yaml",
			want:  []string{"cats/a.yaml test.a en"},
		},
		{
			name:  "dir with overlays",
			files: map[string]string{"cats/a.yaml": a, "cats/i18n/test.a.zh-CN.yaml": overlayYAML("test.a", "A1", "请求有误。")},
			spec:  "cats",
			want:  []string{"cats/a.yaml test.a en,zh-CN 请求有误。"},
		},
		{
			name:  "dir as given: trailing slash",
			files: map[string]string{"cats/a.yaml": a},
			spec:  "cats/",
			want:  []string{"cats/a.yaml test.a en"},
		},
		{
			name:  "dir as given: dot slash",
			files: map[string]string{"cats/a.yaml": a},
			spec:  "./cats",
			want:  []string{"./cats/a.yaml test.a en"},
		},
		{
			name:  "dir: files in name order, not nested ones",
			files: map[string]string{"cats/b.yml": catalogYAML("test.b", "B1", "B."), "cats/a.yaml": a, "cats/sub/c.yaml": catalogYAML("test.c", "C1", "C."), "cats/notes.txt": "x"},
			spec:  "cats",
			want:  []string{"cats/a.yaml test.a en", "cats/b.yml test.b en"},
		},
		{
			name:    "overlay for an unknown domain",
			files:   map[string]string{"cats/a.yaml": a, "cats/i18n/test.z.zh-CN.yaml": overlayYAML("test.z", "Z1", "未知。")},
			spec:    "cats",
			wantErr: `cats/i18n/test.z.zh-CN.yaml:1:9: no catalog of domain "test.z" beside the overlay`,
		},
		{
			name:    "overlay of an unknown code",
			files:   map[string]string{"cats/a.yaml": a, "cats/i18n/test.a.zh-CN.yaml": overlayYAML("test.a", "A2", "未知。")},
			spec:    "cats",
			wantErr: `cats/i18n/test.a.zh-CN.yaml:5:11: unknown code "A2": domain test.a has no such entry`,
		},
		{
			name:    "bad file in a dir gives file:line:col",
			files:   map[string]string{"cats/a.yaml": a, "cats/bad.yaml": badCatalog},
			spec:    "cats/",
			wantErr: `cats/bad.yaml:10:15: unknown category "no_such_category"`,
		},
		{
			name:    "bad file gives file:line:col",
			files:   map[string]string{"cats/bad.yaml": badCatalog},
			spec:    "./cats/bad.yaml",
			wantErr: `./cats/bad.yaml:10:15: unknown category "no_such_category"`,
		},
		{
			name:    "empty dir",
			files:   map[string]string{"cats/notes.txt": "x"},
			spec:    "cats",
			wantErr: "cats: no *.yaml catalogs in the directory",
		},
		{
			name:    "missing",
			spec:    "nowhere",
			wantErr: "stat nowhere: no such file or directory",
		},
		{
			name:    "git without a path",
			spec:    "git:HEAD",
			wantErr: `"git:HEAD": want git:REV:PATH`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inTree(t, tt.files)
			got, err := source.Load(tt.spec)
			if diff := cmp.Diff(tt.wantErr, errPrefix(err, tt.wantErr)); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, summary(got)); diff != "" {
				t.Errorf("catalogs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSpecError(t *testing.T) {
	for _, spec := range []string{"git:HEAD", "git::cats", "git:HEAD:"} {
		_, err := source.Load(spec)
		var se *source.SpecError
		if !errors.As(err, &se) || se.Spec != spec {
			t.Errorf("Load(%q) = %v, want a *SpecError", spec, err)
		}
	}
}

func TestLoadGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	inTree(t, map[string]string{
		"cats/a.yaml":                 catalogYAML("test.a", "A1", "Old text."),
		"cats/i18n/test.a.zh-CN.yaml": overlayYAML("test.a", "A1", "旧文本。"),
		"cats/i18n/glossary.yaml":     "not: [a glossary\n",
		"cats/sub/nested.yaml":        "not: [a catalog\n",
		"broken/bad.yaml":             badCatalog,
	})
	for _, args := range [][]string{
		{"init", "-q"},
		{"add", "."},
		{"-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "catalogs"},
	} {
		if out, err := exec.Command("git", args...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	// The working tree moves on; the revision keeps the old text.
	if err := os.WriteFile("cats/a.yaml", []byte(catalogYAML("test.a", "A1", "New text.")), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		spec    string
		want    []string
		wantErr string
	}{
		{spec: "git:HEAD:cats", want: []string{"git:HEAD:cats/a.yaml test.a en,zh-CN 旧文本。"}},
		{spec: "git:HEAD:./cats", want: []string{"git:HEAD:cats/a.yaml test.a en,zh-CN 旧文本。"}},
		{spec: "git:HEAD:cats/a.yaml", want: []string{"git:HEAD:cats/a.yaml test.a en"}},
		{spec: "git:HEAD:broken/bad.yaml", wantErr: `git:HEAD:broken/bad.yaml:10:15: unknown category "no_such_category"`},
		{spec: "git:HEAD:broken", wantErr: `git:HEAD:broken/bad.yaml:10:15: unknown category "no_such_category"`},
		{spec: "git:no-such-rev:cats", wantErr: "git cat-file -t no-such-rev:./cats: fatal: "},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			got, err := source.Load(tt.spec)
			if diff := cmp.Diff(tt.wantErr, errPrefix(err, tt.wantErr)); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, summary(got)); diff != "" {
				t.Errorf("catalogs (-want +got):\n%s", diff)
			}
		})
	}
	// The text at the revision is the old one, the working tree's the new.
	if cats, err := source.Load("git:HEAD:cats/a.yaml"); err != nil || cats[0].Entries[0].Message.Get("en") != "Old text." {
		t.Errorf("git:HEAD:cats/a.yaml = %v, %v; want the committed text", summary(cats), err)
	}
}

func TestSet(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		builtin bool
		sources []string
		// want is, for each domain id that matters, "FILE: MESSAGE".
		want    map[string]string
		wantErr string
	}{
		{
			name: "later sources override earlier ones",
			files: map[string]string{
				"one/a.yaml": catalogYAML("test.a", "A1", "From one."),
				"one/b.yaml": catalogYAML("test.b", "B1", "From one."),
				"two/a.yaml": catalogYAML("test.a", "A1", "From two."),
			},
			sources: []string{"one", "two"},
			want:    map[string]string{"test.a": "two/a.yaml: From two.", "test.b": "one/b.yaml: From one."},
		},
		{
			name: "a later file of a directory overrides an earlier one",
			files: map[string]string{
				"one/a.yaml": catalogYAML("test.a", "A1", "From a."),
				"one/z.yaml": catalogYAML("test.a", "A1", "From z."),
			},
			sources: []string{"one"},
			want:    map[string]string{"test.a": "one/z.yaml: From z."},
		},
		{
			name:    "sources override built-in domains",
			files:   map[string]string{"mine/css.yaml": catalogYAML("huaweicloud.css", "CSS.0001", "Mine.")},
			builtin: true,
			sources: []string{"mine/css.yaml"},
			want:    map[string]string{"huaweicloud.css": "mine/css.yaml: Mine."},
		},
		{
			name:    "built-in catalogs are named by their path in the repository",
			builtin: true,
			want:    map[string]string{"huaweicloud.css": "catalogs/huaweicloud.css.yaml: The parameter is incorrect."},
		},
		{
			name:    "the first bad source stops the load",
			files:   map[string]string{"one/a.yaml": catalogYAML("test.a", "A1", "A."), "bad.yaml": badCatalog},
			sources: []string{"one", "bad.yaml", "missing"},
			wantErr: `bad.yaml:10:15: unknown category "no_such_category"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inTree(t, tt.files)
			set, err := source.Set(tt.builtin, tt.sources...)
			if diff := cmp.Diff(tt.wantErr, errPrefix(err, tt.wantErr)); diff != "" {
				t.Fatalf("error (-want +got):\n%s", diff)
			}
			if err != nil {
				return
			}
			got := map[string]string{}
			for id := range tt.want {
				if c := set.Domain(id); c != nil {
					got[id] = c.File + ": " + c.Entries[0].Message.Get("en")
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("domains (-want +got):\n%s", diff)
			}
		})
	}
}

// TestListIsLoadDir: reading the files List names one by one, as the
// server does, gives what LoadDir gives.
func TestListIsLoadDir(t *testing.T) {
	inTree(t, map[string]string{
		"cats/b.yaml":                 catalogYAML("test.b", "B1", "B."),
		"cats/a.yml":                  catalogYAML("test.a", "A1", "A."),
		"cats/i18n/test.a.zh-CN.yaml": overlayYAML("test.a", "A1", "甲。"),
		"cats/i18n/glossary.yaml":     "terms: []\n",
		"cats/i18n/sub/x.yaml":        "x",
		"cats/sub/c.yaml":             catalogYAML("test.c", "C1", "C."),
	})
	files, err := source.List("cats/")
	if err != nil {
		t.Fatal(err)
	}
	want := source.Files{Catalogs: []string{"cats/a.yml", "cats/b.yaml"}, Overlays: []string{"cats/i18n/test.a.zh-CN.yaml"}}
	if diff := cmp.Diff(want, files); diff != "" {
		t.Errorf("List (-want +got):\n%s", diff)
	}
	var one []*catalog.Catalog
	for _, p := range files.Catalogs {
		c, err := source.LoadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		one = append(one, c)
	}
	if err := source.MergeOverlays("cats/", one); err != nil {
		t.Fatal(err)
	}
	all, err := source.LoadDir("cats/")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(summary(all), summary(one)); diff != "" {
		t.Errorf("List+LoadFile+MergeOverlays (-LoadDir +got):\n%s", diff)
	}

	// A file is its own one catalog.
	files, err = source.List("cats/b.yaml")
	if diff := cmp.Diff(source.Files{Catalogs: []string{"cats/b.yaml"}}, files); diff != "" || err != nil {
		t.Errorf("List of a file (-want +got), err %v:\n%s", err, diff)
	}
}

func TestMergeOverlaysNamesTheDirectory(t *testing.T) {
	inTree(t, map[string]string{
		"cats/a.yaml":                 catalogYAML("test.a", "A1", "A."),
		"cats/i18n/test.a.zh-CN.yaml": overlayYAML("test.a", "A9", "未知。"),
	})
	c, err := source.LoadFile("cats/a.yaml")
	if err != nil {
		t.Fatal(err)
	}
	err = source.MergeOverlays("cats", []*catalog.Catalog{c})
	want := `cats/i18n/test.a.zh-CN.yaml:5:11: unknown code "A9": domain test.a has no such entry`
	if diff := cmp.Diff(want, errPrefix(err, want)); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}
	if slices.Contains(c.Domain.Locales, "zh-CN") {
		t.Errorf("an overlay that does not fit was merged")
	}
}

// TestMergeOverlaysFS: the overlays come from the file system given,
// named as in the directory it stands for.
func TestMergeOverlaysFS(t *testing.T) {
	inTree(t, map[string]string{
		"cats/a.yaml":                 catalogYAML("test.a", "A1", "A."),
		"cats/i18n/test.a.zh-CN.yaml": overlayYAML("test.a", "A9", "未知。"),
	})
	c, err := source.LoadFile("cats/a.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"i18n/test.a.zh-CN.yaml": {Data: []byte(overlayYAML("test.a", "A1", "甲。"))},
		"i18n/glossary.yaml":     {Data: []byte("not a glossary")},
	}
	if err := source.MergeOverlaysFS("cats", fsys, []*catalog.Catalog{c}); err != nil {
		t.Fatal(err)
	}
	if got := c.Entries[0].Message.Get("zh-CN"); got != "甲。" {
		t.Errorf("zh-CN = %q, want the overlay of fsys", got)
	}
	fsys["i18n/test.a.zh-CN.yaml"] = &fstest.MapFile{Data: []byte(overlayYAML("test.a", "A9", "未知。"))}
	err = source.MergeOverlaysFS("cats", fsys, []*catalog.Catalog{c})
	want := `cats/i18n/test.a.zh-CN.yaml:5:11: unknown code "A9": domain test.a has no such entry`
	if diff := cmp.Diff(want, errPrefix(err, want)); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}
}

func TestBuiltin(t *testing.T) {
	cats, err := source.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range cats {
		got = append(got, c.File+" "+strings.Join(c.Domain.Locales, ","))
	}
	want := []string{
		"catalogs/aliyun.polardb.yaml en,zh-CN",
		"catalogs/huaweicloud.css.yaml en,zh-CN",
		"catalogs/privatecloud.retcode.yaml zh-CN,en",
		"catalogs/tencentcloud.common.yaml en,zh-CN",
		"catalogs/zilliz.cloud.yaml en,zh-CN",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("built-in catalogs (-want +got):\n%s", diff)
	}
}
