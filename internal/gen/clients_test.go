package gen_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/gen"
)

// The pinned npm packages the client tests install into the user cache
// directory (once, then reused): the TypeScript compiler and pyright.
const (
	typescriptVersion = "5.9.3"
	pyrightVersion    = "1.1.414"
)

// TestClientGolden compares the TypeScript, Python and Java generators'
// output with testdata/golden/LANG; -update rewrites them.
func TestClientGolden(t *testing.T) {
	s := seeds(t)
	for _, tt := range []struct{ lang, domain string }{
		{"ts", "zilliz.cloud"},
		{"python", "zilliz.cloud"},
		{"java", "tencentcloud.common"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			g, _ := gen.Lookup(tt.lang)
			files, err := g.Run([]*catalog.Catalog{s[tt.domain]}, gen.Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata", "golden", tt.lang), files)
		})
	}
}

// need returns the path of the command name, or skips the test (fails it
// under CI=true) when it is not installed.
func need(t *testing.T, name, install string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true but no %s: %s", name, install)
	}
	t.Skipf("%s not installed (%s); skipped outside CI", name, install)
	return ""
}

// npmTools returns the directory of the pinned typescript and pyright
// binaries, installing them with npm into the user cache directory on
// first use.
func npmTools(t *testing.T) string {
	t.Helper()
	need(t, "node", "apt-get install nodejs")
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "errcat-test", "npm-typescript"+typescriptVersion+"-pyright"+pyrightVersion)
	bin := filepath.Join(dir, "node_modules", ".bin")
	if _, err := os.Stat(filepath.Join(bin, "pyright")); err == nil {
		return bin
	}
	npm := need(t, "npm", "apt-get install npm")
	npmInstall.Lock()
	defer npmInstall.Unlock()
	if _, err := os.Stat(filepath.Join(bin, "pyright")); err == nil {
		return bin
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"private": true}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, dir, nil, npm, "install", "--no-audit", "--no-fund", "--save-exact", "typescript@"+typescriptVersion, "pyright@"+pyrightVersion)
	return bin
}

var npmInstall sync.Mutex

// run runs a command in dir and fails the test with its output when it
// fails; it returns the output.
func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, err := runErr(dir, env, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return out
}

func runErr(dir string, env []string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// generate runs generator kind on cats and writes its files under a new
// directory.
func generate(t *testing.T, kind string, cats []*catalog.Catalog, opts gen.Options) string {
	t.Helper()
	dir := t.TempDir()
	g, ok := gen.Lookup(kind)
	if !ok {
		t.Fatalf("no generator %q", kind)
	}
	files, err := g.Run(cats, opts)
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, files)
	return dir
}

func writeFiles(t *testing.T, dir string, files gen.Files) {
	t.Helper()
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

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func subdirs(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestTypeScriptClients compiles the packages of every built-in catalog
// with tsc --strict and reads every shared vector with them under node's
// test runner.
func TestTypeScriptClients(t *testing.T) {
	if testing.Short() {
		t.Skip("toolchain test skipped in -short mode")
	}
	t.Parallel()
	bin := npmTools(t)
	cats := seedList(t)
	vectors := generate(t, "vectors", cats, gen.Options{})
	pkgs := generate(t, "ts", cats, gen.Options{})
	// One compiler run for every package: each package's tsconfig.json
	// options, every index.ts, output under dist/PKG/.
	var entries []string
	for _, d := range subdirs(t, pkgs) {
		entries = append(entries, `"`+d+`/index.ts"`)
	}
	cfg := `{"extends": "./` + subdirs(t, pkgs)[0] + `/tsconfig.json", "compilerOptions": {"rootDir": ".", "outDir": "dist"}, "files": [` + strings.Join(entries, ", ") + `]}` + "\n"
	if err := os.WriteFile(filepath.Join(pkgs, "tsconfig.json"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, pkgs, nil, filepath.Join(bin, "tsc"), "-p", ".")
	test := filepath.Join(t.TempDir(), "vectors.test.mjs")
	copyFile(t, filepath.Join("testdata", "clients", "vectors.test.mjs"), test)
	run(t, pkgs, []string{"VECTORS=" + vectors, "PACKAGES=" + filepath.Join(pkgs, "dist")}, "node", "--test", test)
}

// TestTypeScriptExhaustive proves the union of a domain's errors makes a
// switch over code exhaustive: with every code it compiles, without one
// tsc --strict rejects it.
func TestTypeScriptExhaustive(t *testing.T) {
	if testing.Short() {
		t.Skip("toolchain test skipped in -short mode")
	}
	t.Parallel()
	bin := npmTools(t)
	c := seeds(t)["zilliz.cloud"]
	dir := generate(t, "ts", []*catalog.Catalog{c}, gen.Options{})
	codes := make([]string, 0, len(c.Entries))
	for _, e := range c.Entries {
		codes = append(codes, e.Code)
	}
	check := func(codes []string) (string, error) {
		var b strings.Builder
		b.WriteString("import { type KnownError } from \"./index.js\";\n\nexport function describe(e: KnownError): string {\n  switch (e.code) {\n")
		for _, code := range codes {
			b.WriteString("    case \"" + code + "\":\n")
		}
		b.WriteString("      return e.code;\n    default: {\n      const unreachable: never = e;\n      return unreachable;\n    }\n  }\n}\n")
		if err := os.WriteFile(filepath.Join(dir, "check.ts"), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return runErr(dir, nil, filepath.Join(bin, "tsc"), "--strict", "--noEmit", "--target", "ES2022", "--lib", "ES2022",
			"--module", "NodeNext", "--moduleResolution", "NodeNext", "check.ts")
	}
	if out, err := check(codes); err != nil {
		t.Fatalf("a switch over every code does not compile: %v\n%s", err, out)
	}
	out, err := check(codes[1:])
	if err == nil {
		t.Fatalf("a switch without code %s compiles; want an exhaustiveness error", codes[0])
	}
	if !strings.Contains(out, "not assignable to type 'never'") {
		t.Errorf("tsc fails for another reason than exhaustiveness:\n%s", out)
	}
}

// TestPythonClients type-checks the packages of every built-in catalog
// with pyright in strict mode and reads every shared vector with them
// under unittest.
func TestPythonClients(t *testing.T) {
	if testing.Short() {
		t.Skip("toolchain test skipped in -short mode")
	}
	t.Parallel()
	python := need(t, "python3", "apt-get install python3")
	bin := npmTools(t)
	cats := seedList(t)
	vectors := generate(t, "vectors", cats, gen.Options{})
	pkgs := generate(t, "python", cats, gen.Options{})
	dirs := subdirs(t, pkgs)
	copyFile(t, filepath.Join("testdata", "clients", "test_vectors.py"), filepath.Join(pkgs, "test_vectors.py"))
	run(t, pkgs, []string{"VECTORS=" + vectors, "PYTHONDONTWRITEBYTECODE=1"}, python, "-m", "unittest", "-v", "test_vectors")
	cfg := `{"strict": ["` + strings.Join(dirs, `", "`) + `"], "pythonVersion": "3.11"}` + "\n"
	if err := os.WriteFile(filepath.Join(pkgs, "pyrightconfig.json"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, pkgs, nil, filepath.Join(bin, "pyright"), dirs...)
}

// TestJavaClients compiles the packages of every built-in catalog with
// javac (warnings as errors) and reads every shared vector with them.
func TestJavaClients(t *testing.T) {
	if testing.Short() {
		t.Skip("toolchain test skipped in -short mode")
	}
	t.Parallel()
	javac := need(t, "javac", "apt-get install openjdk-17-jdk-headless")
	java := need(t, "java", "apt-get install openjdk-17-jdk-headless")
	cats := seedList(t)
	vectors := generate(t, "vectors", cats, gen.Options{})
	pkgs := generate(t, "java", cats, gen.Options{})
	args := []string{"-d", "classes", "-Xlint:all", "-Werror", filepath.Join("testdata", "clients", "VectorsTest.java")}
	mainArgs := []string{"-cp", filepath.Join(pkgs, "classes"), "VectorsTest", vectors}
	for _, c := range sortedSeeds(cats) {
		pkg := gen.GoPackageName(c.Domain.ID)
		srcs, _ := filepath.Glob(filepath.Join(pkgs, pkg, "*.java"))
		args = append(args, srcs...)
		mainArgs = append(mainArgs, c.Domain.ID+"="+pkg+"."+baseName(c.Domain.ID)+"Exception")
	}
	args[1] = filepath.Join(pkgs, "classes")
	run(t, ".", nil, javac, args...)
	run(t, pkgs, nil, java, mainArgs...)
}

func sortedSeeds(cats []*catalog.Catalog) []*catalog.Catalog {
	out := append([]*catalog.Catalog(nil), cats...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j].Domain.ID < out[i].Domain.ID {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// baseName is the clients' CamelCase of a domain id (zilliz.cloud →
// ZillizCloud).
func baseName(id string) string {
	var b strings.Builder
	for _, p := range strings.FieldsFunc(id, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) {
		b.WriteString(strings.ToUpper(p[:1]) + p[1:])
	}
	return b.String()
}

// TestClientExamples runs the examples of examples/ts, examples/python and
// examples/java against packages freshly generated from the aliyun.polardb
// catalog and compares their output with the example's output.txt.
func TestClientExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("toolchain test skipped in -short mode")
	}
	t.Parallel()
	c := []*catalog.Catalog{seeds(t)["aliyun.polardb"]}
	examples := filepath.Join("..", "..", "examples")
	copyExample := func(t *testing.T, lang string, names ...string) string {
		dir := t.TempDir()
		for _, n := range names {
			copyFile(t, filepath.Join(examples, lang, n), filepath.Join(dir, n))
		}
		return dir
	}
	wantOutput := func(t *testing.T, lang, got string) {
		want, err := os.ReadFile(filepath.Join(examples, lang, "output.txt"))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), got); diff != "" {
			t.Errorf("examples/%s output (-want +got):\n%s", lang, diff)
		}
	}
	gen1 := func(t *testing.T, kind, dir string) {
		g, _ := gen.Lookup(kind)
		files, err := g.Run(c, gen.Options{})
		if err != nil {
			t.Fatal(err)
		}
		writeFiles(t, dir, files)
	}
	t.Run("ts", func(t *testing.T) {
		bin := npmTools(t)
		dir := copyExample(t, "ts", "main.ts", "tsconfig.json", "package.json")
		gen1(t, "ts", filepath.Join(dir, "aliyun-polardb-errors"))
		run(t, dir, nil, filepath.Join(bin, "tsc"), "-p", ".")
		wantOutput(t, "ts", run(t, dir, nil, "node", filepath.Join("dist", "main.js")))
	})
	t.Run("python", func(t *testing.T) {
		python := need(t, "python3", "apt-get install python3")
		dir := copyExample(t, "python", "main.py")
		gen1(t, "python", dir)
		wantOutput(t, "python", run(t, dir, []string{"PYTHONDONTWRITEBYTECODE=1"}, python, "main.py"))
	})
	t.Run("java", func(t *testing.T) {
		javac := need(t, "javac", "apt-get install openjdk-17-jdk-headless")
		java := need(t, "java", "apt-get install openjdk-17-jdk-headless")
		dir := copyExample(t, "java", "Main.java")
		gen1(t, "java", dir)
		srcs, _ := filepath.Glob(filepath.Join(dir, "aliyunpolardb", "*.java"))
		run(t, dir, nil, javac, append([]string{"-d", "classes", "Main.java"}, srcs...)...)
		wantOutput(t, "java", run(t, dir, nil, java, "-cp", "classes", "Main"))
	})
}
