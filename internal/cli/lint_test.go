package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/lint"
)

// runCLI runs errcat in-process and returns its exit code and streams.
func runCLI(tb testing.TB, args ...string) (int, string, string) {
	tb.Helper()
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestLintCmd(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		golden   string // testdata file of the expected stdout
		wantOut  []string
		wantErr  string
	}{
		{name: "defects", args: []string{"lint", "testdata/lint/bad.yaml"}, wantCode: 1, golden: "lint/bad.txt"},
		{name: "clean", args: []string{"lint", "testdata/lint/clean.yaml"}, wantCode: 0,
			wantOut: []string{"0 findings (0 errors, 0 warnings, 0 infos) in 1 catalogs, 2 entries\n"}},
		{name: "directory", args: []string{"lint", "testdata/lint"}, wantCode: 1,
			wantOut: []string{"testdata/lint/bad.yaml:12:5: warning: code word \"Forbedden\"", "in 2 catalogs, 6 entries"}},
		{name: "disable errors", args: []string{"lint", "--disable", "duplicate-code,non-error-status", "--disable", "unfilled-placeholder", "testdata/lint/bad.yaml"},
			wantCode: 0, wantOut: []string{"(0 errors, 1 warnings"}},
		{name: "enable off-by-default rule", args: []string{"lint", "--enable", "missing-remediation", "testdata/lint/clean.yaml"},
			wantCode: 0, wantOut: []string{"code Cluster.NotFound has no remediation [missing-remediation]"}},
		{name: "built-in catalogs", args: []string{"lint"}, wantCode: 1,
			wantOut: []string{"catalogs/aliyun.polardb.yaml:", "looks like a misspelling of \"Forbidden\" [code-typo]", "in 5 catalogs"}},
		{name: "explain", args: []string{"lint", "--explain", "code-typo"}, wantCode: 0,
			wantOut: []string{"code-typo (warning, on by default)", "deletion index", "Example:\n\n      - code: Forbedden"}},
		{name: "explain all", args: []string{"lint", "--explain", "all"}, wantCode: 0,
			wantOut: []string{"missing-remediation    info     off by default", "breaking-change"}},
		{name: "explain unknown", args: []string{"lint", "--explain", "no-such-rule"}, wantCode: 2, wantErr: "unknown lint rule \"no-such-rule\""},
		{name: "unknown rule", args: []string{"lint", "--enable", "no-such-rule"}, wantCode: 2, wantErr: "unknown lint rule"},
		{name: "bad format", args: []string{"lint", "--format", "xml"}, wantCode: 2, wantErr: "want text, json or sarif"},
		{name: "missing file", args: []string{"lint", "testdata/lint/none.yaml"}, wantCode: 1, wantErr: "no such file"},
		{name: "bad against", args: []string{"lint", "--against", "HEAD", "testdata/lint/clean.yaml"}, wantCode: 2, wantErr: "want git:REV"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d; stderr: %s", code, tt.wantCode, errs)
			}
			if tt.golden != "" {
				golden(t, tt.golden, out)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			if !strings.Contains(errs, tt.wantErr) {
				t.Errorf("stderr %q lacks %q", errs, tt.wantErr)
			}
		})
	}
}

func TestLintJSON(t *testing.T) {
	code, out, _ := runCLI(t, "lint", "--format", "json", "testdata/lint/bad.yaml")
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	var fs []lint.Finding
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		got = append(got, f.Rule+" "+f.Code+" "+f.Severity.String())
	}
	want := []string{
		"code-typo Forbedden.NotSupportRAM warning",
		"non-error-status Quota.Exceeded error",
		"unfilled-placeholder Quota.Exceeded error",
		"duplicate-code Quota.Exceeded error",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestLintSARIF(t *testing.T) {
	f, err := os.Open("../lint/testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"lint", "--format", "sarif"}, {"lint", "--format", "sarif", "testdata/lint/clean.yaml"}} {
		_, out, errs := runCLI(t, args...)
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
		if err != nil {
			t.Fatalf("%v: %v; stderr %s", args, err, errs)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("%v: SARIF does not validate: %v", args, err)
		}
	}
}

func TestDiffCmd(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		golden   string
		wantOut  string
		wantErr  string
	}{
		{name: "files", args: []string{"diff", "testdata/diff/old.yaml", "testdata/diff/new.yaml"}, wantCode: 1, golden: "diff/changes.txt"},
		{name: "json", args: []string{"diff", "--format", "json", "testdata/diff/old.yaml", "testdata/diff/new.yaml"}, wantCode: 1, golden: "diff/changes.json"},
		{name: "same", args: []string{"diff", "testdata/diff/old.yaml", "testdata/diff/old.yaml"}, wantCode: 0, wantOut: "0 changes (0 breaking, 0 compatible)\n"},
		{name: "compatible only", args: []string{"diff", "testdata/lint/clean.yaml", "testdata/diff/old.yaml"}, wantCode: 0, wantOut: "Cluster.Locked was added"},
		{name: "one argument", args: []string{"diff", "testdata/diff/old.yaml"}, wantCode: 2, wantErr: "accepts 2 arg(s)"},
		{name: "bad git spec", args: []string{"diff", "git:HEAD", "testdata/diff/old.yaml"}, wantCode: 2, wantErr: "want git:REV:PATH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d; stderr: %s", code, tt.wantCode, errs)
			}
			if tt.golden != "" {
				golden(t, tt.golden, out)
			}
			if !strings.Contains(out, tt.wantOut) {
				t.Errorf("stdout lacks %q:\n%s", tt.wantOut, out)
			}
			if !strings.Contains(errs, tt.wantErr) {
				t.Errorf("stderr %q lacks %q", errs, tt.wantErr)
			}
		})
	}
}

// gitRepo makes a repository in a temporary directory with the files,
// committed, and changes into it.
func gitRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	t.Chdir(dir)
	gitRun(t, "init", "-q")
	for name, data := range files {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitRun(t, "add", ".")
	gitRun(t, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "catalogs")
	return dir
}

func gitRun(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("git", args...).CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func TestAgainstGit(t *testing.T) {
	old := string(readFile(t, "testdata/diff/old.yaml"))
	cur := string(readFile(t, "testdata/diff/new.yaml"))
	overlay := "domain: example.clean\nlocale: zh-CN\norigin: translated\nentries:\n  - code: Cluster.Old\n    message: 集群版本过旧。\n"
	gitRepo(t, map[string]string{"cats/example.yaml": old, "cats/i18n/example.clean.zh-CN.yaml": overlay})
	if err := os.WriteFile("cats/example.yaml", []byte(cur), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  []string
		wantErr  string
	}{
		{"lint against directory", []string{"lint", "--against", "git:HEAD", "cats"}, 1,
			[]string{"cats/example.yaml:8:5: error: status-changed: code Cluster.NotFound changed HTTP status from 404 to 400 [breaking-change]",
				"info: added: code Cluster.Paused was added [compatible-change]"}, ""},
		{"lint against file", []string{"lint", "--against", "git:HEAD", "cats/example.yaml"}, 1,
			[]string{"removed: code Cluster.Locked was removed"}, ""},
		{"diff git file with working tree", []string{"diff", "git:HEAD:cats/example.yaml", "cats/example.yaml"}, 1,
			[]string{"BREAKING example.clean status-changed"}, ""},
		{"diff git directory with itself", []string{"diff", "git:HEAD:cats", "git:HEAD:cats"}, 0,
			[]string{"0 changes"}, ""},
		// The overlay gives Cluster.Old its zh-CN text on both sides:
		// no locale-added change for it.
		{"overlays at the revision", []string{"diff", "git:HEAD:cats", "cats"}, 1,
			[]string{"remediation-added: code Cluster.Busy gained a remediation"}, ""},
		{"unknown revision", []string{"diff", "git:no-such-rev:cats", "cats"}, 1, nil, "git cat-file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d; stderr: %s", code, tt.wantCode, errs)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			if !strings.Contains(errs, tt.wantErr) {
				t.Errorf("stderr %q lacks %q", errs, tt.wantErr)
			}
			if tt.name == "overlays at the revision" && strings.Contains(out, "Cluster.Old gained a zh-CN message") {
				t.Errorf("the overlay at HEAD was not applied:\n%s", out)
			}
		})
	}
}

func TestSynthCmd(t *testing.T) {
	code, out, errs := runCLI(t, "synth", "--entries", "5", "--seed", "7")
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, errs)
	}
	c, err := catalog.Parse("synthetic.yaml", []byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Entries) != 5 {
		t.Errorf("%d entries, want 5", len(c.Entries))
	}
	file := filepath.Join(t.TempDir(), "s.yaml")
	if code, _, errs := runCLI(t, "synth", "--entries", "5", "--seed", "7", "-o", file); code != 0 {
		t.Fatalf("exit code %d: %s", code, errs)
	}
	if got := string(readFile(t, file)); got != out {
		t.Error("synth -o wrote something else than synth to stdout")
	}
	if code, _, _ := runCLI(t, "synth", "--entries", "-1"); code != 2 {
		t.Errorf("negative entries: exit code %d, want 2", code)
	}
}
