package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// runGen runs errcat in-process and returns its exit code, stdout and stderr.
func runGen(tb testing.TB, args ...string) (int, string, string) {
	tb.Helper()
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestGenCheck(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runGen(t, "gen", "markdown", "--domain", "huaweicloud.css", "--lang", "en", "-o", dir); code != 0 {
		t.Fatalf("gen markdown: exit %d: %s", code, stderr)
	}
	page := filepath.Join(dir, "huaweicloud.css.en.md")
	orig, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	stale := bytes.Replace(orig, []byte("CSS.0001"), []byte("CSS.0002"), 1)

	tests := []struct {
		name     string
		prepare  func(t *testing.T)
		wantCode int
		wantOut  []string // substrings of stdout
		wantErr  string   // substring of stderr
	}{
		{"fresh", func(t *testing.T) {}, 0, nil, ""},
		{"stale", func(t *testing.T) { write(t, page, stale) }, 1,
			[]string{"--- " + page, "+++ " + page + " (generated)", "-|CSS.0002|", "+|CSS.0001|"},
			"1 of 1 generated files under " + dir + " are stale"},
		{"missing", func(t *testing.T) { os.Remove(page) }, 1, []string{"missing " + page}, "are stale"},
		{"rewritten", func(t *testing.T) { write(t, page, orig) }, 0, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.prepare(t)
			code, stdout, stderr := runGen(t, "gen", "markdown", "--domain", "huaweicloud.css", "--lang", "en", "-o", dir, "--check")
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.wantCode, stderr)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout)
				}
			}
			if tt.wantOut == nil && stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			if !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tt.wantErr)
			}
		})
	}
	// --check never writes.
	if got, _ := os.ReadFile(page); !bytes.Equal(got, orig) {
		t.Errorf("the page changed")
	}
}

func write(tb testing.TB, path string, data []byte) {
	tb.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
}

func TestGenUsage(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"unknown kind", []string{"gen", "pdf"}, 2, `gen: unknown kind "pdf"`},
		{"no kind", []string{"gen"}, 2, "accepts 1 arg(s), received 0"},
		{"many files to stdout", []string{"gen", "markdown"}, 2, " files; -o DIR names where"},
		{"check without dir", []string{"gen", "json", "--check"}, 2, "gen --check: -o DIR names the directory to compare with"},
		{"style where none", []string{"gen", "json", "--style", "x", "-o", "x"}, 2, "gen json: takes no --style"},
		{"bad style", []string{"gen", "markdown", "--style", "x", "-o", "x"}, 2, `gen markdown: unknown style "x"`},
		{"package for all domains", []string{"gen", "go", "--package", "p", "-o", "x"}, 2, "--package names one package; add --domain ID"},
		{"unknown domain", []string{"gen", "go", "--domain", "nope", "-o", "x"}, 1, `no such domain "nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runGen(t, tt.args...)
			if code != tt.wantCode || !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.wantCode, tt.wantErr)
			}
		})
	}
}

func TestGenStdout(t *testing.T) {
	code, stdout, stderr := runGen(t, "gen", "text", "--domain", "tencentcloud.common", "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var codes []string
	for _, l := range strings.Split(stdout, "\n") {
		if f := strings.Fields(l); len(f) > 0 && (f[0] == "4000" || f[0] == "6200") {
			codes = append(codes, f[0])
		}
	}
	if diff := cmp.Diff([]string{"4000", "6200"}, codes); diff != "" {
		t.Errorf("rows of the page (-want +got):\n%s", diff)
	}
}
