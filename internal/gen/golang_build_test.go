package gen_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/defs"
	"github.com/errcat/errcat/internal/gen"
)

// TestGoBuildsAndVets generates every seed domain into one temporary
// module whose go.mod replaces errcat with this repository, adds a
// program that uses every package's Defs and every code's accessor,
// constructor and predicate, and runs go vet (which builds) and the
// program on it. The Defs the
// program prints must be those defs.FromCatalog builds from the catalogs.
func TestGoBuildsAndVets(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds a module with the go command")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	files, err := gen.Go(seedList(t), gen.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var imports, uses []string
	for _, c := range seedList(t) {
		pkg := gen.GoPackageName(c.Domain.ID)
		names, err := gen.GoNames(c)
		if err != nil {
			t.Fatal(err)
		}
		// Every code's accessor, constructor and predicate agree.
		for i := range c.Entries {
			e := &c.Entries[i]
			args := make([]string, len(e.Params))
			for j := range args {
				args[j] = strconv.Quote("v" + itoa(j))
			}
			n := pkg + "." + names[e.Code]
			uses = append(uses, `checkCode(`+pkg+`.Domain(), `+n+`(), `+pkg+`.New`+names[e.Code]+`(`+strings.Join(args, ", ")+`), `+pkg+`.Is`+names[e.Code]+`)`)
		}
	}
	for _, p := range files.Paths() {
		path := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, files[p], 0o644); err != nil {
			t.Fatal(err)
		}
		pkg := filepath.Dir(filepath.FromSlash(p))
		imports = append(imports, `"example.com/gentest/`+pkg+`"`)
		// Every Def must be a catalog error that its own predicate knows.
		uses = append(uses, `check("`+pkg+`", `+pkg+`.Defs())`)
	}
	gomod := "module example.com/gentest\n\ngo 1.26\n\nrequire github.com/errcat/errcat v0.0.0\n\nreplace github.com/errcat/errcat => " + root + "\n"
	write(t, filepath.Join(dir, "go.mod"), gomod)
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "go.sum"), string(sum))
	write(t, filepath.Join(dir, "main.go"), `package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/errcat/errcat"

	`+strings.Join(imports, "\n\t")+`
)

func check(pkg string, defs []*errcat.Def) {
	for _, d := range defs {
		err := fmt.Errorf("wrapped: %w", d.New())
		if !errors.Is(err, d) || errcat.CodeOf(err) != d.Code {
			fmt.Println(pkg, d.Code, "is not found in its own error")
			os.Exit(1)
		}
		internal := ""
		if d.Domain.Internal != nil {
			internal = d.Domain.Internal.Code
		}
		b, _ := json.Marshal([]any{d.Domain.ID, d.Domain.Name, d.Domain.Locales, d.Domain.Format, d.Domain.DocsURL, d.Domain.APIDomain, internal,
			d.Code, d.HTTPStatus, d.Category, d.Retryable, d.RetryStated, d.Reason, d.RetryAfter, d.Title, d.Message, d.Remediation, d.Params})
		fmt.Println(string(b))
	}
	fmt.Println(pkg, len(defs))
}

func checkCode(dom *errcat.Domain, d *errcat.Def, e *errcat.Error, is func(error) bool) {
	if d.Domain != dom || e.Def() != d || !is(fmt.Errorf("wrapped: %w", e)) || e.NumParams() != len(d.Params) {
		fmt.Println(dom.ID, d.Code, "has an accessor, constructor and predicate that disagree")
		os.Exit(1)
	}
	for i, name := range d.Params {
		if v, _ := e.Param(name); v != fmt.Sprint("v", i) {
			fmt.Println(dom.ID, d.Code, "constructor sets", name, "to", v)
			os.Exit(1)
		}
	}
}

func main() {
	`+strings.Join(uses, "\n\t")+`
}
`)
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(goTool, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("vet", "./...")
	out := run("run", ".")
	for _, c := range seedList(t) {
		want := gen.GoPackageName(c.Domain.ID) + " " + itoa(len(c.Entries))
		if !strings.Contains(out, want+"\n") {
			t.Errorf("program output lacks %q:\n%s", want, out)
		}
	}
	// The generated Defs are the ones the defs package builds from the
	// same catalogs at run time.
	var want []string
	for _, c := range seedList(t) {
		dom, ds := defs.FromCatalog(c)
		internal := ""
		if dom.Internal != nil {
			internal = dom.Internal.Code
		}
		for _, d := range ds {
			b, err := json.Marshal([]any{dom.ID, dom.Name, dom.Locales, dom.Format, dom.DocsURL, dom.APIDomain, internal,
				d.Code, d.HTTPStatus, d.Category, d.Retryable, d.RetryStated, d.Reason, d.RetryAfter, d.Title, d.Message, d.Remediation, d.Params})
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, string(b))
		}
	}
	var got []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "[") {
			got = append(got, l)
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("generated Defs differ from defs.FromCatalog (-want +got):\n%s", diff)
	}
}

func write(tb testing.TB, path, data string) {
	tb.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		tb.Fatal(err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
