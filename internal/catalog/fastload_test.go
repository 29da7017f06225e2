package catalog_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/catalogs"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/synth"
)

// sameAsParse checks that ParseFast and Parse agree on data: the same
// catalog, or the same error.
func sameAsParse(t *testing.T, name string, data []byte) {
	t.Helper()
	want, wantErr := catalog.Parse(name, data)
	got, gotErr := catalog.ParseFast(name, data)
	if (wantErr == nil) != (gotErr == nil) || wantErr != nil && wantErr.Error() != gotErr.Error() {
		t.Fatalf("errors differ:\nParse:     %v\nParseFast: %v", wantErr, gotErr)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("catalogs differ (-Parse +ParseFast):\n%s", diff)
	}
}

func TestParseFastBuiltin(t *testing.T) {
	files := catalogs.FS()
	names, err := fs.Glob(files, "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no built-in catalogs: %v", err)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			data, err := fs.ReadFile(files, name)
			if err != nil {
				t.Fatal(err)
			}
			sameAsParse(t, name, data)
			// The same catalog as errcat's Marshal writes it.
			c, err := catalog.Parse(name, data)
			if err != nil {
				t.Fatal(err)
			}
			out, err := catalog.Marshal(c, "")
			if err != nil {
				t.Fatal(err)
			}
			sameAsParse(t, name, out)
		})
	}
}

// TestParseFastMarshalled reads what errcat's own writer emits for texts
// of every shape: multi-line texts become literal block scalars.
func TestParseFastMarshalled(t *testing.T) {
	texts := []string{"one line", "line one\nline two\n", "no newline\nat end", "# not a comment\n\nx",
		"trailing\n\n\n", "\"quoted\" and 'single'", "colon: here", "- dash", "中文\n第二行", "", " "}
	c := &catalog.Catalog{Domain: catalog.Domain{ID: "a.b", Name: "A", Locales: []string{"en"}, WireFormat: "problem", CodeKind: "string"}}
	for i, s := range texts {
		c.Entries = append(c.Entries, catalog.Entry{Code: fmt.Sprintf("C%d", i), Category: catalog.Internal,
			Message: catalog.T("en", "m"+s), Remediation: catalog.T("en", s)})
	}
	data, err := catalog.Marshal(c, "")
	if err != nil {
		t.Fatal(err)
	}
	sameAsParse(t, "marshalled.yaml", data)
	if !catalog.InFastSubset("marshalled.yaml", data) {
		t.Error("the fast reader does not read errcat's own output")
	}
	got, err := catalog.ParseFast("marshalled.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range texts {
		if r := got.Entries[i].Remediation.Get("en"); r != s {
			t.Errorf("text %d: got %q, want %q", i, r, s)
		}
	}
}

func TestParseFastSynthetic(t *testing.T) {
	for _, n := range []int{0, 1, 50, 800} {
		var buf bytes.Buffer
		if err := synth.Write(&buf, n, int64(n)); err != nil {
			t.Fatal(err)
		}
		data := buf.Bytes()
		if !catalog.InFastSubset("synthetic.yaml", data) {
			t.Fatalf("synthetic catalog of %d entries is outside the fast subset", n)
		}
		want, err := catalog.Parse("synthetic.yaml", data)
		if err != nil {
			t.Fatal(err)
		}
		got, err := catalog.ParseFast("synthetic.yaml", data)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%d entries: catalogs differ (-Parse +ParseFast):\n%s", n, diff)
		}
		// The same, read in parallel chunks as large files are.
		chunked, ok := catalog.ParseSubsetChunked("synthetic.yaml", data)
		if !ok {
			t.Fatalf("chunked reader rejected the synthetic catalog of %d entries", n)
		}
		if diff := cmp.Diff(want, chunked); diff != "" {
			t.Errorf("%d entries: chunked catalog differs (-Parse +chunked):\n%s", n, diff)
		}
		// With the domain after the entries, the chunks fail and the
		// entries are read in one piece.
		head, entries, ok := bytes.Cut(data, []byte("\nentries:\n"))
		if !ok {
			t.Fatal("no entries key in the synthetic catalog")
		}
		swapped := append(append(append([]byte("entries:\n"), entries...), '\n'), head...)
		want, err = catalog.Parse("synthetic.yaml", swapped)
		if err != nil {
			t.Fatal(err)
		}
		if chunked, ok := catalog.ParseSubsetChunked("synthetic.yaml", swapped); !ok {
			t.Errorf("%d entries before the domain: outside the fast subset", n)
		} else if diff := cmp.Diff(want, chunked); diff != "" {
			t.Errorf("%d entries before the domain: chunked catalog differs (-Parse +chunked):\n%s", n, diff)
		}
	}
}

const fastHeader = `# a comment
domain:
  id: example.api
  name: Example
  locales: [en, zh-CN]
  wire_format: problem
  code_kind: string
entries:
`

func TestParseFastCases(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		subset bool // the fast reader handles it without falling back
	}{
		{"block style", fastHeader + "  - code: A.B\n    http_status: 404\n    category: not_found\n    message:\n      en: It is gone.\n      zh-CN: 不存在。\n", true},
		{"flow style", fastHeader + "  - code: \"A\"\n    category: internal\n    message: {en: \"x \\\"q\\\" \\u00e9\", zh-CN: 'it''s'}\n    params: [{name: a, description: the a}]\n    source: {file: f.txt, line: 3, original: {code: 'A '}}\n", true},
		{"variants and exemptions", fastHeader + "  - code: A\n    category: internal\n    retryable: true\n    deprecated: false\n    aliases: [B, C]\n    message: {en: a}\n    exempt:\n      - rule: same-message\n        reason: because\n    variants:\n      - http_status: 400\n        message: {en: b}\n      - message: {en: c}\n", true},
		{"sequence at key indent", fastHeader + "- code: A\n  category: internal\n  inferred:\n  - category\n  message: {en: a}\n", true},
		{"comment after value", fastHeader + "  - code: A   # note\n    category: internal\n    message: {en: a}\n", false},
		{"literal block", fastHeader + "  - code: A\n    category: internal\n    message:\n      en: |\n        two\n        lines\n", true},
		{"literal block, strip", fastHeader + "  - code: A\n    category: internal\n    message:\n      en: |-\n        # not a comment\n        \n          indented\n    remediation: {en: after}\n", true},
		{"literal block, keep", fastHeader + "  - code: A\n    category: internal\n    message:\n      en: |+\n        kept\n\n\n  - code: B\n    category: internal\n    message: {en: b}\n", true},
		{"literal block at the end", fastHeader + "  - code: A\n    category: internal\n    message:\n      en: |\n        last", false},
		{"literal block at the end, strip", fastHeader + "  - code: A\n    category: internal\n    message:\n      en: |-\n        last", true},
		{"literal block at the end, strip, trailing space", fastHeader + "  - code: A\n    category: internal\n    message:\n      en: |-\n        last ", false},
		{"literal block, indentation indicator", fastHeader + "  - code: A\n    category: internal\n    message:\n      en: |2\n          two\n", false},
		{"folded block", fastHeader + "  - code: A\n    category: internal\n    message:\n      en: >\n        folded\n        text\n", false},
		{"empty literal block", fastHeader + "  - code: A\n    category: internal\n    message:\n      en: |\n    remediation: {en: r}\n", false},
		{"anchor", fastHeader + "  - code: A\n    category: internal\n    message: &m {en: a}\n", false},
		{"numeric code unquoted", fastHeader + "  - code: 96000\n    category: internal\n    message: {en: a}\n", false},
		{"unknown key", fastHeader + "  - code: A\n    category: internal\n    colour: red\n    message: {en: a}\n", false},
		{"duplicate key", fastHeader + "  - code: A\n    code: B\n    category: internal\n    message: {en: a}\n", false},
		{"invalid category", fastHeader + "  - code: A\n    category: bogus\n    message: {en: a}\n", true},
		{"tab", fastHeader + "  - code: A\n    category: internal\n    message: {en: \"a\tb\"}\n", false},
		{"multi-line quoted", fastHeader + "  - code: A\n    category: internal\n    message: {en: \"a\n      b\"}\n", false},
		{"null status", fastHeader + "  - code: A\n    http_status: null\n    category: internal\n    message: {en: a}\n", false},
		{"flow entry", fastHeader + "  - {code: A, category: internal, message: {en: a}}\n", false},
		{"flow variant", fastHeader + "  - code: A\n    category: internal\n    message: {en: a}\n    variants: [{message: {en: b}}]\n", false},
		{"empty collections", fastHeader + "  - code: A\n    category: internal\n    message: {en: a}\n    aliases: []\n    params: []\n    title: {}\n", true},
		{"escapes", fastHeader + "  - code: A\n    category: internal\n    message: {en: \"tab\\there \\x41 \\U0001F600 \\/\"}\n", true},
		{"unknown escape", fastHeader + "  - code: A\n    category: internal\n    message: {en: \"bell \\a\"}\n", false},
		{"crlf", strings.ReplaceAll(fastHeader+"  - code: A\n    category: internal\n    message: {en: a}\n", "\n", "\r\n"), false},
		{"empty", "", false},
		{"no entries", strings.TrimSuffix(fastHeader, "entries:\n"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := catalog.InFastSubset("x.yaml", []byte(tt.in)); got != tt.subset {
				t.Errorf("InFastSubset = %v, want %v", got, tt.subset)
			}
			sameAsParse(t, "x.yaml", []byte(tt.in))
		})
	}
}

// TestParseFastPlainScalars checks plain scalars that look a little like
// numbers: the fast reader must read them as Parse does, or fall back.
func TestParseFastPlainScalars(t *testing.T) {
	for _, v := range []string{"96000", "0x1F", "1e3", "1_000", "000_8df4de4808e20d09.txt", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
		"-5", "+5", ".5", "1.2.3", "0o17", "0b101", "00", "1:30", "190:20:30", "v1.2", "3rd", "1-2", "12ab", "-x", ".hidden", "+1x"} {
		t.Run(v, func(t *testing.T) {
			sameAsParse(t, "x.yaml", []byte(fastHeader+"  - code: A\n    category: internal\n    message: {en: "+v+"}\n    source:\n      file: "+v+"\n      line: 1\n"))
		})
	}
}

func FuzzParseFast(f *testing.F) {
	f.Add([]byte(fastHeader + "  - code: A\n    category: internal\n    message: {en: a}\n"))
	f.Add([]byte(fastHeader + "  - code: A\n    category: internal\n    message:\n      en: |-\n        # x\n\n        y\n    remediation:\n      en: |+\n        z\n\n"))
	f.Add([]byte(fastHeader + "  - {code: A, category: internal, message: {en: a}}\n  - code: B\n    category: internal\n    message: {en: \"b \\t\"}\n    aliases: []\n"))
	f.Add([]byte(fastHeader + "  - code: \"A\"\n    http_status: 400\n    category: invalid_argument\n    message: {en: \"x \\u00e9\", zh-CN: 'y'}\n    params: [{name: a}]\n    variants:\n      - message: {en: b}\n"))
	// The shape of an imported catalog, as in catalogs/, a few entries long.
	f.Add([]byte(`# yaml-language-server: $schema=../schema/catalog.schema.json
domain:
  id: example.api
  name: Example API
  provider: Example
  locales:
    - en
    - zh-CN
  wire_format: tencent-v2
  code_kind: integer
  success_code: "0"
  internal_code: "130"
  sub_code:
    field: message
    pattern: "^\\((?P<code>[0-9]+)\\)\\s*(?P<message>.*)$"
    example: (100004) incorrect projectId
  source:
    file: errors.txt
    format: markdown
    title: 错误码
    updated: "2024-03-01 10:00:00"
entries:
  - code: "0"
    category: ok
    message:
      en: Success.
  - code: "130"
    category: internal
    retryable: true
    message:
      en: Service error, please retry later.
  - code: "4000"
    http_status: 400
    category: invalid_argument
    inferred:
      - category
    title:
      en: Invalid parameter
    message:
      en: The parameter "{parameter_name}" is not valid.
      zh-CN: 参数 "{parameter_name}" 无效。
    params:
      - name: parameter_name
        description: written "parameter name" in the source
    variants:
      - http_status: 404
        message:
          en: The {parameter_name} does not exist.
    source:
      file: errors.txt
      line: 12
      original:
        message: The parameter "parameter name" is not valid.
`))
	f.Fuzz(func(t *testing.T, data []byte) {
		want, wantErr := catalog.Parse("f.yaml", data)
		got, gotErr := catalog.ParseFast("f.yaml", data)
		if (wantErr == nil) != (gotErr == nil) {
			t.Fatalf("Parse error %v, ParseFast error %v", wantErr, gotErr)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("catalogs differ (-Parse +ParseFast):\n%s", diff)
		}
		// The entries read in chunks at once, as a large file's are.
		if chunked, ok := catalog.ParseSubsetChunked("f.yaml", data); ok && wantErr == nil {
			if diff := cmp.Diff(want, chunked); diff != "" {
				t.Fatalf("catalogs differ (-Parse +chunked):\n%s", diff)
			}
		}
	})
}

func TestLoadFileFast(t *testing.T) {
	var buf bytes.Buffer
	if err := synth.Write(&buf, 30, 5); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "s.yaml")
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := catalog.LoadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	got, err := catalog.LoadFileFast(name)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-LoadFile +LoadFileFast):\n%s", diff)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte(fastHeader+"  - code: A\n    category: bogus\n    message: {en: a}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = catalog.LoadFileFast(bad)
	if err == nil || !strings.Contains(err.Error(), "bad.yaml:10:15: unknown category \"bogus\"") {
		t.Errorf("LoadFileFast error %v, want the position and reason", err)
	}
	if _, err := catalog.LoadFileFast(filepath.Join(t.TempDir(), "none.yaml")); err == nil {
		t.Error("LoadFileFast of a missing file succeeded")
	}
}
