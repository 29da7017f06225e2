package catalog

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/vocab"
)

const header = `domain:
  id: example.api
  name: Example
  locales: [en, zh-CN]
  wire_format: problem
  code_kind: string
entries:
`

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // the whole error text
	}{
		{"unknown key", header + "  - code: A\n    category: internal\n    message: {en: a}\n    colour: red\n",
			"bad.yaml:11:5: unknown field \"colour\""},
		{"unknown domain key", strings.Replace(header, "  name: Example\n", "  name: Example\n  owner: me\n", 1),
			"bad.yaml:4:3: unknown field \"owner\""},
		{"wrong type", header + "  - code: A\n    category: internal\n    http_status: four hundred\n    message: {en: a}\n",
			"bad.yaml:10:18: wrong type: got a string, want an integer"},
		{"duplicate key", header + "  - code: A\n    code: B\n    category: internal\n    message: {en: a}\n",
			"bad.yaml:9:5: mapping key \"code\" already defined at [8:5]"},
		{"invalid locale tag", header + "  - code: A\n    category: internal\n    message: {en: a, zh_XX!: b}\n",
			"bad.yaml:10:22: invalid locale tag \"zh_XX!\": language: tag is not well-formed"},
		{"undeclared locale", header + "  - code: A\n    category: internal\n    message: {en: a, fr: b}\n",
			"bad.yaml:10:22: locale \"fr\" is not declared in domain.locales"},
		{"unknown category", header + "  - code: A\n    category: bogus\n    message: {en: a}\n",
			"bad.yaml:9:15: unknown category \"bogus\": want one of [invalid_argument failed_precondition out_of_range unauthenticated permission_denied not_found already_exists aborted resource_exhausted cancelled internal data_loss unknown unimplemented unavailable deadline_exceeded]"},
		{"ok outside success code", header + "  - code: A\n    category: ok\n    message: {en: a}\n",
			"bad.yaml:9:15: category ok is only for the domain's success code (domain.success_code), not \"A\""},
		{"status out of range", header + "  - code: A\n    category: internal\n    http_status: 999\n    message: {en: a}\n",
			"bad.yaml:10:18: http_status 999: want 100-599, or leave it out when the source documents none"},
		{"no message", header + "  - code: A\n    category: internal\n",
			"bad.yaml:8:5: entry A has no message"},
		{"non-canonical locale", strings.Replace(header, "[en, zh-CN]", "[en, zh-cn]", 1) + "  - code: A\n    category: internal\n    message: {en: a}\n",
			"bad.yaml:4:17: locale tag \"zh-cn\": write it as \"zh-CN\""},
		{"internal code without entry", strings.Replace(header, "  code_kind: string\n", "  code_kind: string\n  internal_code: Boom\n", 1) + "  - code: A\n    category: internal\n    message: {en: a}\n",
			"bad.yaml:7:18: domain.internal_code \"Boom\" has no entry"},
		{"syntax error", "domain: [\n", "bad.yaml:1:9: sequence end token ']' not found"},
		{"empty", "", "bad.yaml:1:1: empty catalog: want a mapping with domain and entries"},
		{"not a mapping", "- 1\n", "bad.yaml:1:1: a catalog is a mapping with domain and entries"},
		{"bad wire format", strings.Replace(header, "problem", "soap", 1) + "  - code: A\n    category: internal\n    message: {en: a}\n",
			fmt.Sprintf("bad.yaml:5:16: domain.wire_format \"soap\": want one of %v", vocab.WireFormatNames())},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("bad.yaml", []byte(tt.in))
			if err == nil {
				t.Fatal("Parse succeeded, want an error")
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	success := "0"
	c := &Catalog{
		Domain: Domain{ID: "a.b", Name: "A", Locales: []string{"zh-CN", "en"}, WireFormat: "ucloud", CodeKind: "integer", SuccessCode: &success},
		Entries: []Entry{
			{Code: "0", Category: OK, Message: T("zh-CN", "操作成功", "en", "Success: \"quoted\"\nsecond line")},
			{Code: "140", HTTPStatus: IntPtr(400), Category: InvalidArgument, Retryable: BoolPtr(true),
				Message: T("zh-CN", "参数 {name} 异常"), Params: []Param{{Name: "name"}},
				Origin:   map[string]Origin{"en": OriginTranslated},
				Variants: []Variant{{HTTPStatus: IntPtr(403), Message: T("en", "v")}},
				Source:   &Source{File: "x.md", Line: 3, Original: map[string]string{"message": "参数 %s 异常"}}},
		},
	}
	data, err := Marshal(c, "")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse("rt.yaml", data)
	if err != nil {
		t.Fatalf("Parse(Marshal(c)): %v\n%s", err, data)
	}
	if diff := cmp.Diff(c, got, cmpIgnorePos()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(string(data), "# yaml-language-server: $schema=") {
		t.Errorf("missing schema comment:\n%s", data)
	}
}

func TestPositions(t *testing.T) {
	c, err := Parse("p.yaml", []byte(header+"  - code: A\n    category: internal\n    message: {en: a}\n    variants:\n      - message: {en: b}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Entries[0].Pos, (Pos{Line: 8, Col: 5}); got != want {
		t.Errorf("entry pos = %v, want %v", got, want)
	}
	if got, want := c.Entries[0].Variants[0].Pos, (Pos{Line: 12, Col: 9}); got != want {
		t.Errorf("variant pos = %v, want %v", got, want)
	}
}

func TestFill(t *testing.T) {
	got := Fill("{a} x {missing} {b}", func(n string) (string, bool) {
		v, ok := map[string]string{"a": "1", "b": "{a}"}[n]
		return v, ok
	})
	if want := "1 x {missing} {a}"; got != want {
		t.Errorf("Fill = %q, want %q", got, want)
	}
}

func TestMatchLocale(t *testing.T) {
	avail := []string{"en", "zh-CN"}
	for _, tt := range []struct{ want, got string }{
		{"zh-CN", "zh-CN"}, {"zh-TW", "zh-CN"}, {"en-GB", "en"}, {"fr", "en"}, {"zh-CN;q=0.5, en;q=0.9", "en"}, {"", "en"},
	} {
		if got := MatchLocale(avail, tt.want, "en"); got != tt.got {
			t.Errorf("MatchLocale(%q) = %q, want %q", tt.want, got, tt.got)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(header + "  - code: A\n    category: internal\n    message: {en: a}\n"))
	f.Add([]byte("domain: [\n"))
	f.Add([]byte("a: &x [*x]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("fuzz.yaml", data)
		if err == nil && c == nil {
			t.Fatal("nil catalog without error")
		}
	})
}
