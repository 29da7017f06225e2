package vocab_test

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/errcat/errcat/vocab"
)

var homeRoot = flag.String("onehome.root", "..", "the source tree TestOneHome scans")

// TestOneHome fails when a package other than vocab defines again one of
// the facts vocab owns: a table of categories (category names next to
// their gRPC names or their HTTP statuses), a {name} placeholder scanner,
// or a list of wire format names. It reads every non-test .go file of the
// repository (the benchmarks and examples modules included, testdata
// and generated files excluded). Run it on another tree with -onehome.root=DIR.
// generatedRE finds the line Go's convention puts in generated files.
var generatedRE = regexp.MustCompile(`(?m)^// Code generated .* DO NOT EDIT\.$`)

func TestOneHome(t *testing.T) {
	var files []string
	err := filepath.WalkDir(*homeRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != *homeRoot && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "vocab" && filepath.Dir(path) == filepath.Clean(*homeRoot)) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 50 {
		t.Fatalf("found only %d Go files under %s", len(files), *homeRoot)
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if generatedRE.Match(src) {
			// Generated code prints the catalog's values; its
			// generator is what is checked.
			continue
		}
		for _, f := range findSecondHomes(t, path, src) {
			t.Errorf("%s (vocab owns it)", f)
		}
	}
}

// TestOneHomeDetects feeds the detectors the kinds of code they exist to
// catch, so TestOneHome passing means something.
func TestOneHomeDetects(t *testing.T) {
	tests := []struct {
		name, src string
		want      int
	}{
		{"category table", `package p
func grpc(c string) string {
	switch c {
	case "not_found":
		return "NOT_FOUND"
	case "deadline_exceeded":
		return "DEADLINE_EXCEEDED"
	}
	return ""
}`, 1},
		{"status to gRPC names", `package p
func grpc(s int) string {
	switch s {
	case 400:
		return "INVALID_ARGUMENT"
	case 404:
		return "NOT_FOUND"
	case 503:
		return "UNAVAILABLE"
	}
	return ""
}`, 1},
		{"status to categories", `package p
var kinds = []struct{ s int; c string }{{400, "invalid_argument"}, {404, "not_found"}, {429, "resource_exhausted"}}`, 1},
		{"format list", `package p
var formats = []string{"problem", "tencent-v2", "aliyun-xml"}`, 1},
		{"format switch", `package p
func name(f int) string {
	switch f {
	case 1:
		return "zilliz"
	case 2:
		return "ucloud"
	}
	return "huawei"
}`, 1},
		{"placeholder scanner", `package p
func next(t string, i int) int {
	for ; i < len(t); i++ {
		if t[i] == '{' {
			j := i + 1
			for j < len(t) && (t[j] == '_' || t[j] >= 'a' && t[j] <= 'z') {
				j++
			}
			if j < len(t) && t[j] == '}' {
				return i
			}
		}
	}
	return -1
}`, 1},
		{"uses of vocab", `package p
import "github.com/errcat/errcat/vocab"
var f = vocab.FormatZilliz
var c = vocab.NotFound
func status(c string) int { return vocab.Category(c).HTTPStatus() }
var ok = map[string]bool{"google": true}
var cat = "not_found"
const unknown = "unknown"`, 0},
	}
	for _, tt := range tests {
		if got := findSecondHomes(t, tt.name+".go", []byte(tt.src)); len(got) != tt.want {
			t.Errorf("%s: %d findings %q, want %d", tt.name, len(got), got, tt.want)
		}
	}
}

// findSecondHomes returns a description of each fact of vocab's that the
// Go file src defines again.
func findSecondHomes(t *testing.T, path string, src []byte) []string {
	t.Helper()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	cats := map[string]bool{}
	grpcNames := map[string]bool{}
	statusOf := map[int]bool{}
	for _, row := range vocab.CategoryTable() {
		cats[string(row.Category)] = true
		grpcNames[row.GRPCName] = true
		statusOf[row.HTTPStatus] = true
	}
	formats := map[string]bool{}
	for _, name := range vocab.WireFormatNames() {
		formats[name] = true
	}

	var out []string
	report := func(n ast.Node, format string, args ...any) {
		pos := fset.Position(n.Pos())
		out = append(out, pos.String()+": "+fmt.Sprintf(format, args...))
	}
	// A top-level declaration (function, var, const, type) is one unit:
	// a table or a list is written within one. A scanner is a function
	// that looks for '{', accepts '_' in a name and checks the byte at an
	// index for the closing '}' (t[j] == '}'), itself or through the
	// functions of the same file it calls.
	runesOf := map[string]map[rune]bool{}
	calls := map[string][]string{}
	for _, decl := range file.Decls {
		var strs []string
		var ints []int
		runes := map[rune]bool{}
		name := ""
		if fd, ok := decl.(*ast.FuncDecl); ok && fd.Recv == nil {
			name = fd.Name.Name
		}
		runesOf[name] = runes
		ast.Inspect(decl, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if id, ok := call.Fun.(*ast.Ident); ok {
					calls[name] = append(calls[name], id.Name)
				}
			}
			if be, ok := n.(*ast.BinaryExpr); ok && (be.Op == token.EQL || be.Op == token.NEQ) {
				if isIndexed(be.X) && isChar(be.Y, '}') || isIndexed(be.Y) && isChar(be.X, '}') {
					runes[closeAtIndex] = true
				}
			}
			lit, ok := n.(*ast.BasicLit)
			if !ok {
				return true
			}
			switch lit.Kind {
			case token.STRING:
				if s, err := strconv.Unquote(lit.Value); err == nil {
					strs = append(strs, s)
				}
			case token.INT:
				if v, err := strconv.Atoi(lit.Value); err == nil {
					ints = append(ints, v)
				}
			case token.CHAR:
				if s, err := strconv.Unquote(lit.Value); err == nil {
					for _, r := range s {
						runes[r] = true
					}
				}
			}
			return true
		})
		catLits := distinct(strs, cats)
		grpcLits := distinct(strs, grpcNames)
		formatLits := distinct(strs, formats)
		statuses := 0
		for _, v := range ints {
			if statusOf[v] {
				statuses++
			}
		}
		paired := 0
		for _, row := range vocab.CategoryTable() {
			if slices.Contains(catLits, string(row.Category)) && slices.Contains(grpcLits, row.GRPCName) {
				paired++
			}
		}
		switch {
		case paired >= 2:
			report(decl, "a table of categories and gRPC names (%d pairs)", paired)
		case len(grpcLits) >= 3:
			report(decl, "a mapping to gRPC status names %v", grpcLits)
		case len(catLits) >= 3 && statuses >= 3:
			report(decl, "a table of categories %v and HTTP statuses", catLits)
		}
		if len(formatLits) >= 3 {
			report(decl, "a list of wire format names %v", formatLits)
		}
	}
	for _, decl := range file.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok || fd.Recv != nil {
			continue
		}
		has := func(r rune) bool {
			if runesOf[fd.Name.Name][r] {
				return true
			}
			for _, callee := range calls[fd.Name.Name] {
				if runesOf[callee][r] {
					return true
				}
			}
			return false
		}
		if has('{') && has('_') && has(closeAtIndex) {
			report(fd, "a {name} placeholder scanner (%s)", fd.Name.Name)
		}
	}
	return out
}

// closeAtIndex marks, among the runes of a function, a comparison of an
// indexed byte with '}'.
const closeAtIndex = -1

func isIndexed(e ast.Expr) bool { _, ok := e.(*ast.IndexExpr); return ok }

func isChar(e ast.Expr, r rune) bool {
	lit, ok := e.(*ast.BasicLit)
	return ok && lit.Kind == token.CHAR && lit.Value == strconv.QuoteRune(r)
}

// distinct returns the strings of list that are in set, each once, sorted.
func distinct(list []string, set map[string]bool) []string {
	var out []string
	for _, s := range list {
		if set[s] && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}
