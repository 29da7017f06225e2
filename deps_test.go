package errcat_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestDependencies holds the public leaf packages to their promised
// dependencies: the runtime (errcat) to the standard library,
// golang.org/x/text and vocab; vocab to the standard library; decode to
// the standard library and vocab; wire to the runtime's. The catalog
// model must not depend on the runtime.
func TestDependencies(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	const mod = "github.com/errcat/errcat"
	runtime := []string{mod, mod + "/vocab", "golang.org/x/text/"}
	tests := []struct {
		pkg     string
		allowed []string // import paths, or prefixes ending in "/"
		banned  []string
	}{
		{mod, runtime, nil},
		{mod + "/wire", append([]string{mod + "/wire"}, runtime...), nil},
		{mod + "/vocab", []string{mod + "/vocab"}, nil},
		{mod + "/decode", []string{mod + "/decode", mod + "/vocab"}, nil},
		{mod + "/internal/catalog", nil, []string{mod}},
	}
	for _, tt := range tests {
		out, err := exec.Command(goCmd, "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", tt.pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", tt.pkg, err)
		}
		for dep := range strings.FieldsSeq(string(out)) {
			if tt.allowed != nil && !slices.ContainsFunc(tt.allowed, func(a string) bool {
				return dep == a || strings.HasSuffix(a, "/") && strings.HasPrefix(dep, a)
			}) {
				t.Errorf("%s depends on %s; it may depend on the standard library and %v only", tt.pkg, dep, tt.allowed)
			}
			if slices.Contains(tt.banned, dep) {
				t.Errorf("%s depends on %s", tt.pkg, dep)
			}
		}
	}
}
