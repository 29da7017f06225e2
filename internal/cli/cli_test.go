package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/catalog"
)

// run runs errcat in-process and returns its exit code and streams.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// writeCatalog writes a catalog file into a new directory and returns it.
func writeCatalog(t *testing.T, name, body string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

const sharedCatalog = `domain:
  id: example.shared
  name: Example sharing a code
  locales: [en]
  wire_format: problem
  code_kind: string
entries:
  - code: CSS.0001
    http_status: 400
    category: invalid_argument
    message: {en: "Another domain's CSS.0001."}
`

const overrideCatalog = `domain:
  id: huaweicloud.css
  name: Huawei CSS, overridden
  locales: [en]
  wire_format: huawei
  code_kind: string
entries:
  - code: CSS.0001
    http_status: 400
    category: invalid_argument
    message: {en: "Overridden message."}
`

func TestListExplain(t *testing.T) {
	shared := writeCatalog(t, "shared.yaml", sharedCatalog)
	override := writeCatalog(t, "css.yaml", overrideCatalog)
	tests := []struct {
		name      string
		args      []string
		wantCode  int
		wantOut   []string // substrings of stdout
		wantErr   []string // substrings of stderr
		wantNoOut bool
	}{
		{
			name:    "explain a code",
			args:    []string{"explain", "CSS.0001"},
			wantOut: []string{"CSS.0001  (huaweicloud.css — Huawei Cloud Cloud Search Service (CSS))", "HTTP status  400", "Category     invalid_argument (inferred)", "Message      [en, source] The parameter is incorrect.", "Documented   001_a7d516839fff964f.txt:13"},
		},
		{
			name:    "explain a code without status",
			args:    []string{"explain", "CSS.6003"},
			wantOut: []string{`none documented (the source says "N/A")`, "Retryable    yes"},
		},
		{
			name:      "unknown code",
			args:      []string{"explain", "CSS.0002"},
			wantCode:  1,
			wantErr:   []string{`errcat: no such error code "CSS.0002"; nearest: CSS.0001 (huaweicloud.css), CSS.0005 (huaweicloud.css)`},
			wantNoOut: true,
		},
		{
			name:     "unknown code in a domain",
			args:     []string{"explain", "--domain", "aliyun.polardb", "OperationDenid"},
			wantCode: 1,
			wantErr:  []string{`no such error code "OperationDenid" in aliyun.polardb; nearest: OperationDenied (aliyun.polardb)`},
		},
		{
			name:     "unknown domain",
			args:     []string{"list", "--domain", "nope"},
			wantCode: 1,
			wantErr:  []string{`no such domain "nope"`},
		},
		{
			name:    "a code in several domains shows every match",
			args:    []string{"--catalog", shared, "explain", "CSS.0001"},
			wantOut: []string{"CSS.0001  (huaweicloud.css", "CSS.0001  (example.shared — Example sharing a code)", "Another domain's CSS.0001."},
		},
		{
			name:    "--domain picks one match",
			args:    []string{"--catalog", shared, "explain", "--domain", "example.shared", "CSS.0001"},
			wantOut: []string{"example.shared"},
		},
		{
			name:    "--catalog overrides a built-in domain",
			args:    []string{"--catalog", override, "list", "--domain", "huaweicloud.css"},
			wantOut: []string{"huaweicloud.css — Huawei CSS, overridden (1 codes)", "Overridden message."},
		},
		{
			name:    "list the built-in catalogs",
			args:    []string{"list"},
			wantOut: []string{"aliyun.polardb — Alibaba Cloud PolarDB (81 codes)", "huaweicloud.css — Huawei Cloud Cloud Search Service (CSS) (49 codes)", "privatecloud.retcode", "(213 codes)", "tencentcloud.common", "(16 codes)", "zilliz.cloud", "(41 codes)"},
		},
		{
			name:     "explain needs a code",
			args:     []string{"explain"},
			wantCode: 2,
			wantErr:  []string{"accepts 1 arg(s), received 0"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.wantCode, out, errs)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
			if tt.wantNoOut && out != "" {
				t.Errorf("stdout not empty:\n%s", out)
			}
		})
	}
}

// TestExplainJSON checks --json against the README's contract.
func TestExplainJSON(t *testing.T) {
	code, out, errs := run(t, "explain", "--json", "OperationDenied")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(out), &obj); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if diff := cmp.Diff([]string{"category", "code", "domain", "http_status", "inferred", "message", "origin", "params", "retryable", "source", "variants"}, keys); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
	var e struct {
		Domain     string            `json:"domain"`
		Code       string            `json:"code"`
		HTTPStatus *int              `json:"http_status"`
		Category   string            `json:"category"`
		Retryable  bool              `json:"retryable"`
		Message    map[string]string `json:"message"`
		Params     []any             `json:"params"`
		Variants   []struct {
			HTTPStatus *int              `json:"http_status"`
			Message    map[string]string `json:"message"`
		} `json:"variants"`
		Source struct {
			File string `json:"file"`
			Line int    `json:"line"`
		} `json:"source"`
	}
	if err := json.Unmarshal([]byte(out), &e); err != nil {
		t.Fatal(err)
	}
	got := []any{e.Domain, e.Code, *e.HTTPStatus, e.Category, e.Retryable, e.Message["en"], len(e.Params), len(e.Variants), *e.Variants[1].HTTPStatus, e.Source.File, e.Source.Line}
	want := []any{"aliyun.polardb", "OperationDenied", 403, "permission_denied", false, "The resource is out of usage.", 0, 3, 406, "004_476db1273b1cdb66.txt", 39}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entry (-want +got):\n%s", diff)
	}

	// A numeric code is a JSON string; a missing status is null.
	_, out, _ = run(t, "explain", "--json", "96000")
	if !strings.Contains(out, `"code": "96000"`) || !strings.Contains(out, `"http_status": null`) {
		t.Errorf("96000 JSON:\n%s", out)
	}

	// Several matches print an array.
	shared := writeCatalog(t, "shared.yaml", sharedCatalog)
	_, out, _ = run(t, "--catalog", shared, "explain", "--json", "CSS.0001")
	var arr []catalog.EntryJSON
	if err := json.Unmarshal([]byte(out), &arr); err != nil || len(arr) != 2 {
		t.Fatalf("want an array of 2 entries, got %v:\n%s", err, out)
	}
	if arr[0].Domain == arr[1].Domain {
		t.Errorf("both matches in %s", arr[0].Domain)
	}
}

func TestListJSON(t *testing.T) {
	code, out, errs := run(t, "list", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var arr []catalog.EntryJSON
	if err := json.Unmarshal([]byte(out), &arr); err != nil {
		t.Fatal(err)
	}
	perDomain := map[string]int{}
	for _, e := range arr {
		perDomain[e.Domain]++
	}
	want := map[string]int{"aliyun.polardb": 81, "huaweicloud.css": 49, "privatecloud.retcode": 213, "tencentcloud.common": 16, "zilliz.cloud": 41}
	if diff := cmp.Diff(want, perDomain); diff != "" {
		t.Errorf("codes per domain (-want +got):\n%s", diff)
	}
}

func TestImport(t *testing.T) {
	dir := t.TempDir()
	page := func(name, body string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := page("good.md", "# Errors\n\n| Code | Status | Message |\n|---|---|---|\n| E1 | 404 | Not found. |\n| E1 | 410 | Gone. |\n")
	bad := page("bad.md", "# Errors\n\n| Code | Status | Message |\n|---|---|---|\n| E1 | 404 | Not found. |\n|  | 400 | No code. |\n")
	more := page("more.html", "<table><tr><th>错误码</th><th>错误信息</th></tr><tr><td>E2</td><td>内部错误</td></tr><tr><td>E1</td><td>再次出现</td></tr></table>")
	none := page("none.md", "# Nothing\n\nProse only.\n")
	repeated := page("repeated.md", "| Code | Message |\n|---|---|\n| E1 | Not found. |\n| Code | Message |\n| E2 | Gone. |\n")
	out := filepath.Join(dir, "out.yaml")

	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  []string
		check    func(t *testing.T, stdout string)
	}{
		{
			name: "to a file",
			args: []string{"import", "--domain", "example.errors", "--wire-format", "google", "-o", out, good},
			check: func(t *testing.T, _ string) {
				c, err := catalog.LoadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				got := []any{c.Domain.ID, c.Domain.WireFormat, len(c.Entries), len(c.Entries[0].Variants), c.Entries[0].Category}
				if diff := cmp.Diff([]any{"example.errors", "google", 1, 1, catalog.NotFound}, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			},
		},
		{
			name: "several files merge into one domain",
			args: []string{"import", "--domain", "example.errors", good, more},
			check: func(t *testing.T, stdout string) {
				c, err := catalog.Parse("stdout.yaml", []byte(stdout))
				if err != nil {
					t.Fatal(err)
				}
				e1 := c.Lookup("E1")
				if len(c.Entries) != 2 || e1 == nil || len(e1.Variants) != 2 || !slices.Equal(c.Domain.Locales, []string{"en", "zh-CN"}) {
					t.Errorf("merged catalog:\n%s", stdout)
				}
			},
		},
		{
			name:     "unreadable row",
			args:     []string{"import", bad},
			wantCode: 1,
			wantErr:  []string{bad + `:6: row has no error code (cells: "", "400", "No code.")`, "some rows could not be read"},
			check: func(t *testing.T, stdout string) {
				if !strings.Contains(stdout, "code: E1") {
					t.Errorf("the readable rows were not written:\n%s", stdout)
				}
			},
		},
		{
			name:    "a repeated header row is a note, not a failure",
			args:    []string{"import", repeated},
			wantErr: []string{repeated + ":4: note: repeated header row skipped"},
			check: func(t *testing.T, stdout string) {
				c, err := catalog.Parse("stdout.yaml", []byte(stdout))
				if err != nil {
					t.Fatal(err)
				}
				if len(c.Entries) != 2 || c.Lookup("Code") != nil {
					t.Errorf("want E1 and E2 only:\n%s", stdout)
				}
			},
		},
		{
			name:     "no error table",
			args:     []string{"import", none},
			wantCode: 1,
			wantErr:  []string{none + ": no error table found (read as markdown)"},
		},
		{
			name:     "bad format",
			args:     []string{"import", "--format", "pdf", good},
			wantCode: 2,
			wantErr:  []string{`format "pdf": want auto, markdown, rst, text, html`},
		},
		{
			name:     "bad locale",
			args:     []string{"import", "--locale", "zh_CN", good},
			wantCode: 2,
			wantErr:  []string{`errcat import: locale tag "zh_CN": write it as "zh-CN"`},
		},
		{
			name:     "bad domain id",
			args:     []string{"import", "--domain", "Bad_ID", good},
			wantCode: 2,
			wantErr:  []string{`domain.id "Bad_ID": want lower-case dotted words`},
		},
		{
			name:     "bad wire format",
			args:     []string{"import", "--wire-format", "soap", good},
			wantCode: 2,
			wantErr:  []string{`domain.wire_format "soap": want one of`},
		},
		{
			name:     "missing file",
			args:     []string{"import", filepath.Join(dir, "missing.md")},
			wantCode: 1,
			wantErr:  []string{"missing.md: no such file or directory"},
		},
		{
			name:     "no files",
			args:     []string{"import"},
			wantCode: 2,
		},
		{
			name: "the built-in catalogs are up to date",
			args: []string{"import", "--regenerate-builtin", "../../catalogs", "--check"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, errs := run(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\nstderr:\n%s", code, tt.wantCode, errs)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
			if tt.check != nil {
				tt.check(t, stdout)
			}
		})
	}
}

// TestRegenerateCheckStale checks that --check reports a stale catalog and
// that a regeneration rewrites it.
func TestRegenerateCheckStale(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "sources")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(p, body string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(src, "import.yaml"), "pages:\n  - file: p.md\n    domain: example.p\n")
	write(filepath.Join(src, "p.md"), "| Code | Message |\n|---|---|\n| A | Failed. |\n")
	write(filepath.Join(dir, "example.p.yaml"), "stale\n")
	code, _, errs := run(t, "import", "--regenerate-builtin", dir, "--check")
	if code != 1 || !strings.Contains(errs, "example.p.yaml differs from a fresh import of its source") {
		t.Errorf("--check: exit %d, stderr:\n%s", code, errs)
	}
	if code, _, errs = run(t, "import", "--regenerate-builtin", dir); code != 0 {
		t.Fatalf("regenerate: exit %d: %s", code, errs)
	}
	if code, _, errs = run(t, "import", "--regenerate-builtin", dir, "--check"); code != 0 {
		t.Errorf("after regenerating, --check: exit %d: %s", code, errs)
	}
	write(filepath.Join(src, "import.yaml"), "pages:\n  - file: p.md\n    domain: example.p\n    colour: red\n")
	if code, _, errs = run(t, "import", "--regenerate-builtin", dir); code != 1 || !strings.Contains(errs, "colour") {
		t.Errorf("unknown manifest key: exit %d, stderr:\n%s", code, errs)
	}
}
