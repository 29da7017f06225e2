package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/catalog"
)

// want is one expectation written beside a testdata line:
//
//   - code: Forbedden.X   # want: code-typo "misspelling of \"Forbidden\""
type want struct {
	line int
	rule string
	re   *regexp.Regexp
}

var wantPairRe = regexp.MustCompile(`([a-z][a-z0-9-]*) "((?:[^"\\]|\\.)*)"`)

// parseWants reads the "# want:" comments of a testdata file.
func parseWants(tb testing.TB, data []byte) []want {
	tb.Helper()
	var ws []want
	for i, line := range strings.Split(string(data), "\n") {
		_, spec, ok := strings.Cut(line, "# want:")
		if !ok {
			continue
		}
		pairs := wantPairRe.FindAllStringSubmatch(spec, -1)
		if len(pairs) == 0 {
			tb.Fatalf("line %d: malformed want comment %q", i+1, spec)
		}
		for _, m := range pairs {
			pat, err := strconv.Unquote(`"` + m[2] + `"`)
			if err != nil {
				tb.Fatalf("line %d: %v", i+1, err)
			}
			ws = append(ws, want{line: i + 1, rule: m[1], re: regexp.MustCompile(pat)})
		}
	}
	return ws
}

// only returns a Config that runs just the rule id.
func only(id string) Config {
	cfg := Config{Enable: []string{id}}
	for _, r := range Rules() {
		if r.ID != id {
			cfg.Disable = append(cfg.Disable, r.ID)
		}
	}
	return cfg
}

// checkWants runs cfg over the testdata file and compares the findings
// with its want comments: every finding needs a want on its line, every
// want exactly one finding.
func checkWants(t *testing.T, file string, cfg Config) []Finding {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Parse(file, data)
	if err != nil {
		t.Fatalf("testdata does not load: %v", err)
	}
	ws := parseWants(t, data)
	got := Run([]*catalog.Catalog{c}, cfg)
	// Findings about the domain header have no line; their wants sit on
	// the "domain:" line.
	domainLine := 1
	for i, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "domain:") {
			domainLine = i + 1
			break
		}
	}
	used := make([]bool, len(ws))
	for _, f := range got {
		line := f.Line
		if line == 0 {
			line = domainLine
		}
		found := false
		for i, w := range ws {
			if !used[i] && w.line == line && w.rule == f.Rule && w.re.MatchString(f.Message) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("%s:%d: unexpected finding: %s: %s", file, f.Line, f.Rule, f.Message)
		}
	}
	for i, w := range ws {
		if !used[i] {
			t.Errorf("%s:%d: no %s finding matching %q", file, w.line, w.rule, w.re)
		}
	}
	return got
}

// TestRules runs each rule alone over testdata/RULE.yaml, a catalog of
// good and bad entries with the expected findings written beside them.
func TestRules(t *testing.T) {
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			file := filepath.Join("testdata", r.ID+".yaml")
			more, _ := filepath.Glob(filepath.Join("testdata", r.ID+".*.yaml"))
			for _, file := range append([]string{file}, more...) {
				got := checkWants(t, file, only(r.ID))
				if len(got) == 0 {
					t.Errorf("%s has no bad case for %s", file, r.ID)
				}
				data, _ := os.ReadFile(file)
				c, _ := catalog.Parse(file, data)
				flagged := map[string]bool{}
				for _, f := range got {
					if f.Line > 0 {
						flagged[f.Code] = true
					}
				}
				if len(flagged) >= len(c.Entries) {
					t.Errorf("%s has no good case for %s: every entry has a finding", file, r.ID)
				}
			}
		})
	}
}

func TestRuleList(t *testing.T) {
	rules := Rules()
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = r.ID
		if r.Summary == "" || r.Rationale == "" || r.Example == "" || r.check == nil {
			t.Errorf("rule %s lacks a summary, rationale, example or check", r.ID)
		}
		if r.Severity < Info || r.Severity > Error {
			t.Errorf("rule %s has severity %d", r.ID, r.Severity)
		}
		if !regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`).MatchString(r.ID) {
			t.Errorf("rule ID %q is not lower-case words joined by dashes", r.ID)
		}
	}
	if !slices.IsSorted(ids) {
		t.Errorf("Rules() is not sorted by ID: %v", ids)
	}
	if len(slices.Compact(slices.Clone(ids))) != len(ids) {
		t.Errorf("duplicate rule IDs: %v", ids)
	}
}

func TestCodeWords(t *testing.T) {
	tests := []struct {
		code string
		want []string
	}{
		{"InvalidDBClusterId.NotFound", []string{"Invalid", "DB", "Cluster", "Id", "Not", "Found"}},
		{"Forbedden.NotSupportRAM", []string{"Forbedden", "Not", "Support", "RAM"}},
		{"CSS.0001", []string{"CSS"}},
		{"Invalid{parameter_name}.Malformed", []string{"Invalid", "Malformed"}},
		{"96000", nil},
		{"InvalidAccountName.keyword", []string{"Invalid", "Account", "Name", "keyword"}},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, codeWords(tt.code)); diff != "" {
				t.Errorf("codeWords(%q) (-want +got):\n%s", tt.code, diff)
			}
		})
	}
}

func TestOSADistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"invaild", "invalid", 1},
		{"forbedden", "forbidden", 1},
		{"incorrectt", "incorrect", 1},
		{"abc", "abc", 0},
		{"", "abc", 3},
		{"kitten", "sitting", 3},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			if got := osaDistance(tt.a, tt.b); got != tt.want {
				t.Errorf("osaDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestLeftovers(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`The parameter "parameter name" is missing.`, []string{`"parameter name"`}},
		{`The parameter <parameter name> is not supported.`, []string{`<parameter name>`}},
		{`Invalid value %s for %-5d items.`, []string{`%s`, `%-5d`}},
		{`The specified parameter "Action or Version" is not valid.`, nil},
		{`Usage reached 100% of the quota.`, nil},
		{`Name {name} is invalid.`, nil},
		{`a < b and c > d`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, leftovers(tt.in)); diff != "" {
				t.Errorf("leftovers (-want +got):\n%s", diff)
			}
		})
	}
}

func TestConfig(t *testing.T) {
	if err := (Config{Enable: []string{"no-such-rule"}}).Check(); err == nil {
		t.Error("Check accepted an unknown rule")
	}
	if err := (Config{Enable: []string{"missing-remediation"}, Disable: []string{"same-message"}}).Check(); err != nil {
		t.Error(err)
	}
}

// TestDomainConfig checks the catalog header's lint settings and entry
// exemptions.
func TestDomainConfig(t *testing.T) {
	checkWants(t, filepath.Join("testdata", "config", "domain.yaml"), Config{})
}

func ExampleRun() {
	c := &catalog.Catalog{
		File:   "example.yaml",
		Domain: catalog.Domain{ID: "example.api", Name: "Example", Locales: []string{"en"}, WireFormat: "problem", CodeKind: "string"},
		Entries: []catalog.Entry{
			{Code: "Forbidden.RAM", HTTPStatus: catalog.IntPtr(403), Category: catalog.PermissionDenied,
				Message: catalog.T("en", "The user is not authorized."), Pos: catalog.Pos{Line: 8, Col: 5}},
			{Code: "Forbedden.NotSupportRAM", HTTPStatus: catalog.IntPtr(202), Category: catalog.PermissionDenied,
				Message: catalog.T("en", "This action does not support RAM."), Pos: catalog.Pos{Line: 12, Col: 5}},
		},
	}
	for _, f := range Run([]*catalog.Catalog{c}, Config{}) {
		fmt.Println(f)
	}
	// Output:
	// example.yaml:12:5: warning: code word "Forbedden" of Forbedden.NotSupportRAM looks like a misspelling of "Forbidden" [code-typo]
	// example.yaml:12:5: error: code Forbedden.NotSupportRAM is an error (permission_denied) but has HTTP status 202, which is not an error status [non-error-status]
}

// TestREADMERules keeps the README's rule table in step with Rules().
func TestREADMERules(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules() {
		if !strings.Contains(string(data), "| `"+r.ID+"` | "+r.Severity.String()) {
			t.Errorf("README's rule table lacks %s (%s)", r.ID, r.Severity)
		}
	}
}
