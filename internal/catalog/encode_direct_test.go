package catalog_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/goccy/go-yaml/token"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/errcat/errcat/catalogs"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/synth"
)

// sameAsNodes checks that Marshal writes c byte for byte as the YAML
// library's node tree of c prints.
func sameAsNodes(t *testing.T, name string, c *catalog.Catalog) []byte {
	t.Helper()
	got, err := catalog.Marshal(c, "")
	if err != nil {
		t.Fatalf("%s: Marshal: %v", name, err)
	}
	want, err := catalog.MarshalNodes(c, "")
	if err != nil {
		t.Fatalf("%s: node tree: %v", name, err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: Marshal differs from the node tree (-want +got):\n%s", name, cmp.Diff(string(want), string(got)))
	}
	return got
}

// TestMarshalSameAsNodes holds Marshal to the YAML library's rendering
// over the seed catalogs, every catalog among the test data of other
// packages, and synthetic catalogs.
func TestMarshalSameAsNodes(t *testing.T) {
	seeds := catalogs.FS()
	names, err := fs.Glob(seeds, "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no built-in catalogs: %v", err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(seeds, name)
		if err != nil {
			t.Fatal(err)
		}
		c, err := catalog.Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		if got := sameAsNodes(t, name, c); !bytes.Equal(got, data) {
			t.Errorf("%s: re-marshalled seed differs from the file (-file +Marshal):\n%s", name, cmp.Diff(string(data), string(got)))
		}
	}

	read := 0
	for _, dir := range []string{"../lint/testdata", "../cli/testdata", "../server/testdata", "../decodecat/testdata", "../../wire/testdata"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yaml") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			c, err := catalog.Parse(path, data)
			if err != nil {
				return nil // not a catalog, or one with problems on purpose
			}
			read++
			sameAsNodes(t, path, c)
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	if read < 5 {
		t.Errorf("only %d test-data catalogs read", read)
	}

	for _, n := range []int{0, 1, 2000} {
		var buf bytes.Buffer
		if err := synth.Write(&buf, n, int64(n)+7); err != nil {
			t.Fatal(err)
		}
		c, err := catalog.Parse("synthetic.yaml", buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		sameAsNodes(t, "synthetic.yaml", c)
	}
}

// awkwardTexts are strings a YAML reader could take for something else.
var awkwardTexts = []string{
	"", "plain", "yes", "no", "Yes", "NO", "on", "off", "y", "n", "null", "Null", "~", "true", "False",
	"1e3", "0x10", "0o17", "0b101", "017", "-1", "+1", "1_000", "3.14", ".5", "1.", "-.inf", ".inf", ".NaN", ".nan",
	"2026-12-02", "2026-12-02 10:11:12", "2026-12-02T10:11:12Z", "12:30", "1:2",
	"99999999999999999999999", "-", "--", "---", "...", "- item", "-item", "a: b", "a:b", "a:", ":a", "? q",
	"#", "# c", "a #b", "a#b", "\\", "a\\b", "'", "'q'", `"`, `"q"`, "`x`", "@at", "%pct", "&anchor", "*alias",
	"!tag", "|", ">", "[x]", "{x}", "x]", ",", " lead", "trail ", "\ttab", "a\tb",
	"中文", "说明：错误", "é", "\u2028", "\ufeffbom", "\x00nul", "\x7f",
	"line1\nline2", "line1\nline2\n", "\nfirst blank", "a\n\nb", "a\n\n", "x\n", "\n", "a\r\nb", "a\rb",
	"line\n  indented", " lead\nx", "trail \nx", "{\n}", "[a,\nb]", "# c\nd", "- a\n- b", "a: b\nc: d",
}

// TestMarshalSameAsNodesAllFields fills every field of the model, and
// texts of every awkward shape in every place a string goes.
func TestMarshalSameAsNodesAllFields(t *testing.T) {
	for i, s := range awkwardTexts {
		if !noNewlineKey(s) {
			continue // a key: see noNewlineKey
		}
		c := fullCatalog(s, awkwardTexts[(i+1)%len(awkwardTexts)], awkwardTexts[(i+7)%len(awkwardTexts)])
		// Empty texts, which Validate refuses, are written all the same.
		c.Entries[1].Variants = append(c.Entries[1].Variants, catalog.Variant{})
		c.Entries = append(c.Entries, catalog.Entry{Code: "E3"})
		sameAsNodes(t, "all fields", c)
	}
}

// fullCatalog is a catalog with every field set, holding a, b and x in
// its free texts.
func fullCatalog(a, b, x string) *catalog.Catalog {
	succ := "0"
	st := 404
	return &catalog.Catalog{
		Domain: catalog.Domain{
			ID: "a.b", Name: a, Provider: b, Locales: []string{"en", "zh-CN"}, WireFormat: "problem", CodeKind: "string",
			SuccessCode: &succ, InternalCode: "E1", DocsURL: "https://x.test/{code}", APIDomain: x,
			Description: catalog.T("en", a, "zh-CN", b),
			SubCode:     &catalog.SubCode{Field: "message", Pattern: `^\((?P<code>\d+)\) (?P<message>.*)$`, Example: x, Description: catalog.T("en", b)},
			Ranges:      []catalog.Range{{From: -5, To: 10, Note: a}, {From: 0, To: 1 << 40}},
			Lint: &catalog.LintConfig{Disable: []string{"x", a}, Rules: map[string]catalog.RuleConfig{
				"code-syntax": {Severity: "error", Options: map[string]any{"pattern": `^[A-Z]+\.[0-9]{4}$`, "text": a,
					"n": uint64(3), "m": -4, "f": 1.5, "g": 2.0, "b": true, "z": nil, "list": []any{"p", x, 1, map[string]any{"k": b, "j": 2}, map[string]any{}},
					"map": map[string]any{"deep": map[string]any{"x": a}, "empty": []any{}}}},
				"empty": {},
				a:       {Severity: "warning"},
			}},
			Source: &catalog.DomainSource{File: "f.md", Format: "markdown", Title: a, Updated: b, URL: "https://x.test/p", Notes: []string{a, b, x}},
		},
		Entries: []catalog.Entry{
			{Code: "0", Category: catalog.OK, Message: catalog.T("en", "ok")},
			{
				Code: "E1", HTTPStatus: &st, Category: catalog.Internal, Reason: "E_ONE", Retryable: catalog.BoolPtr(false), RetryAfter: "30s",
				Inferred: []string{"category", a}, Title: catalog.T("en", b), Message: catalog.T("zh-CN", a, "en", b),
				Remediation: catalog.T("en", x), Origin: map[string]catalog.Origin{"zh-CN": catalog.OriginTranslated},
				Params: []catalog.Param{{Name: "p", Description: a}, {Name: "q"}},
				Variants: []catalog.Variant{
					{HTTPStatus: catalog.IntPtr(400), Message: catalog.T("en", x), Remediation: catalog.T("en", a),
						Source: &catalog.Source{File: "f.md", Line: 3, Original: map[string]string{"message": b, a: x}}},
					{Message: catalog.T("en", a)},
				},
				Deprecated: true, ReplacedBy: "E2", Aliases: []string{a, "100"},
				Exempt: []catalog.Exemption{{Rule: "r", Reason: x}},
				Source: &catalog.Source{File: b, Line: 0, Original: map[string]string{"code": a}},
			},
			{Code: "E2", Category: catalog.Internal, Message: catalog.T("en", "m")},
		},
	}
}

// noNewlineKey reports whether none of the catalog's keys that are data
// holds a line break: the library writes such a key in a form that does
// not read back, and Marshal quotes it instead.
func noNewlineKey(ss ...string) bool {
	for _, s := range ss {
		if strings.ContainsAny(s, "\n\r") {
			return false
		}
	}
	return true
}

// FuzzMarshal builds a catalog from three strings in every free text
// and checks that Marshal writes it as the YAML library's node tree does
// and that what it writes reads back (by Parse and by ParseFast) as the
// same catalog.
func FuzzMarshal(f *testing.F) {
	for i, s := range awkwardTexts {
		f.Add(s, awkwardTexts[(i+3)%len(awkwardTexts)], awkwardTexts[(i+11)%len(awkwardTexts)])
	}
	f.Fuzz(func(t *testing.T, a, b, x string) {
		// YAML texts are Unicode: a catalog holding invalid UTF-8 is a
		// bug of whatever built it.
		if !utf8.ValidString(a) || !utf8.ValidString(b) || !utf8.ValidString(x) {
			t.Skip()
		}
		c := fullCatalog(a, b, x)
		got, err := catalog.Marshal(c, "")
		if err != nil {
			t.Fatal(err)
		}
		if noNewlineKey(a) {
			want, err := catalog.MarshalNodes(c, "")
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("Marshal differs from the node tree (-want +got):\n%s", cmp.Diff(string(want), string(got)))
			}
		}
		if len(catalog.Validate(c)) > 0 {
			return // texts with bad placeholders are written, not read back
		}
		back, err := catalog.Parse("rt.yaml", got)
		if err != nil {
			t.Fatalf("Parse(Marshal(c)): %v\n%s", err, got)
		}
		// The domain's rule options are written as given and read back as
		// the YAML decoder's types.
		opts := cmpopts.IgnoreFields(catalog.RuleConfig{}, "Options")
		if diff := cmp.Diff(c, back, cmpIgnorePos(), opts); diff != "" {
			t.Fatalf("Parse(Marshal(c)) differs (-want +got):\n%s\n%s", diff, got)
		}
		fast, err := catalog.ParseFast("rt.yaml", got)
		if err != nil {
			t.Fatalf("ParseFast(Marshal(c)): %v", err)
		}
		if diff := cmp.Diff(back, fast, cmpIgnorePos(), cmpopts.EquateNaNs()); diff != "" {
			t.Fatalf("ParseFast and Parse differ (-Parse +ParseFast):\n%s", diff)
		}
	})
}

func cmpIgnorePos() cmp.Option {
	return cmp.Options{cmpopts.IgnoreFields(catalog.Entry{}, "Pos"), cmpopts.IgnoreFields(catalog.Variant{}, "Pos"),
		cmpopts.IgnoreFields(catalog.Catalog{}, "File"), cmpopts.EquateEmpty()}
}

// FuzzNeedQuote holds needQuote, which skips the costly checks where they
// cannot apply, to the library's token.IsNeedQuoted.
func FuzzNeedQuote(f *testing.F) {
	for _, s := range awkwardTexts {
		f.Add(s)
	}
	for _, s := range []string{"NULL", "TRUE", "True", "false", "FALSE", "Y", "N", "YES", "No", "On", "ON", "Off", "OFF",
		"nulls", "-.5", "+.5", "_1", "-_1", "E000123", "Something went wrong number 7", "+20000000000000000000!"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := catalog.NeedQuote(s), token.IsNeedQuoted(s); got != want {
			t.Errorf("NeedQuote(%q) = %v, token.IsNeedQuoted %v", s, got, want)
		}
	})
}

// TestFullCatalogValid makes sure FuzzMarshal's catalog is valid for plain
// texts, so that its read-back check runs.
func TestFullCatalogValid(t *testing.T) {
	c := fullCatalog("plain", "yes", "1e3")
	if ps := catalog.Validate(c); len(ps) > 0 {
		t.Fatalf("fullCatalog is not valid: %v", ps)
	}
	data, err := catalog.Marshal(c, "")
	if err != nil {
		t.Fatal(err)
	}
	back, err := catalog.Parse("rt.yaml", data)
	if err != nil {
		t.Fatalf("Parse(Marshal(c)): %v\n%s", err, data)
	}
	if diff := cmp.Diff(c, back, cmpIgnorePos(), cmpopts.IgnoreFields(catalog.RuleConfig{}, "Options")); diff != "" {
		t.Errorf("Parse(Marshal(c)) differs (-want +got):\n%s", diff)
	}
}

// TestMarshalOptionsUnwritten checks that rule options Marshal cannot
// write in the library's layout are an error, not a wrong text.
func TestMarshalOptionsUnwritten(t *testing.T) {
	for _, v := range []any{[]any{[]any{"a"}}, struct{ A int }{1}, make(chan int)} {
		c := fullCatalog("a", "b", "x")
		c.Domain.Lint.Rules["code-syntax"].Options["bad"] = v
		if _, err := catalog.Marshal(c, ""); err == nil {
			t.Errorf("Marshal wrote an option of type %T", v)
		}
	}
}
