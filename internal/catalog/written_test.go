package catalog_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/catalog"
)

// entryIn returns a catalog of one entry whose lines after "- code: " are
// entry, in a domain whose code_kind is kind. The code sits at line 8,
// column 11; the next line is line 9.
func entryIn(kind, entry string) string {
	return "domain:\n  id: a.b\n  name: A\n  locales: [en]\n  wire_format: problem\n  code_kind: " + kind +
		"\nentries:\n  - code: " + entry + "\n"
}

// TestCodesAsWritten checks that an integer domain's codes are plain
// decimal digits: anything YAML or a program reads as a number in another
// form is an error saying why, from Parse and ParseFast alike.
func TestCodesAsWritten(t *testing.T) {
	const rest = "\n    category: internal\n    message: {en: a}"
	tests := []struct {
		code string
		want string
	}{
		{"010", "w.yaml:8:11: code 010: an integer code is written in decimal without leading zeros"},
		{`"010"`, "w.yaml:8:11: code 010: an integer code is written in decimal without leading zeros"},
		{"0o17", "w.yaml:8:11: code 0o17: an integer code is written in decimal, not octal"},
		{"0x10", "w.yaml:8:11: code 0x10: an integer code is written in decimal, not hexadecimal"},
		{"0b101", "w.yaml:8:11: code 0b101: an integer code is written in decimal, not binary"},
		{"1e3", "w.yaml:8:11: code 1e3: an integer code is written without a fraction or exponent"},
		{"10.0", "w.yaml:8:11: code 10.0: an integer code is written without a fraction or exponent"},
		{"+5", "w.yaml:8:11: code +5: an integer code is written without a plus sign"},
		{"1_000", "w.yaml:8:11: code 1_000: an integer code is written without underscores"},
		{"-0", "w.yaml:8:11: code -0: an integer code is written as 0, without a sign"},
		{"1:30", "w.yaml:8:11: code 1:30: an integer code is written in decimal, not in base 60"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			data := []byte(entryIn("integer", tt.code+rest))
			for _, r := range []reader{readParse, readParseFast} {
				err := r.read("w.yaml", data)
				if err == nil {
					t.Fatalf("%s succeeded, want an error", r.name)
				}
				if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
					t.Errorf("%s error (-want +got):\n%s", r.name, diff)
				}
			}
		})
	}
	t.Run("success_code", func(t *testing.T) {
		data := []byte(strings.Replace(entryIn("integer", "0"+rest), "  code_kind: integer\n", "  code_kind: integer\n  success_code: 0x0\n", 1))
		_, err := catalog.Parse("w.yaml", data)
		want := "w.yaml:7:17: domain.success_code \"0x0\" has no entry\n" +
			"w.yaml:7:17: code 0x0: an integer code is written in decimal, not hexadecimal"
		if diff := cmp.Diff(want, fmt.Sprint(err)); diff != "" {
			t.Errorf("error (-want +got):\n%s", diff)
		}
	})
}

// TestCodesKeptAsWritten checks that a code or text YAML would read as a
// number, a bool or infinity keeps its text, and that an integer domain
// takes plain decimal codes.
func TestCodesKeptAsWritten(t *testing.T) {
	const rest = "\n    category: internal\n    message: {en: a}"
	tests := []struct {
		kind, code string
		want       string
	}{
		{"string", "010", "010"},
		{"string", "0x10", "0x10"},
		{"string", "1e3", "1e3"},
		{"string", "+5", "+5"},
		{"string", "10.50", "10.50"},
		{"string", ".inf", ".inf"},
		{"string", "true", "true"},
		{"string", "!!str 010", "010"},
		{"integer", "10", "10"},
		{"integer", "-1", "-1"},
		{"integer", `"0"`, "0"},
		{"integer", "A12", "A12"}, // not a number: lint's code-syntax says so
	}
	for _, tt := range tests {
		t.Run(tt.kind+"/"+tt.code, func(t *testing.T) {
			data := []byte(entryIn(tt.kind, tt.code+rest))
			for _, parse := range []struct {
				name  string
				parse func(string, []byte) (*catalog.Catalog, error)
			}{{"Parse", catalog.Parse}, {"ParseFast", catalog.ParseFast}} {
				c, err := parse.parse("w.yaml", data)
				if err != nil {
					t.Fatalf("%s: %v", parse.name, err)
				}
				if got := c.Entries[0].Code; got != tt.want {
					t.Errorf("%s: code %q, want %q", parse.name, got, tt.want)
				}
			}
		})
	}
	t.Run("texts", func(t *testing.T) {
		data := []byte(entryIn("string", "A\n    category: internal\n    message: {en: 0x1F}\n    title: {en: 1.50}\n    remediation: {en: no}"))
		c, err := catalog.Parse("w.yaml", data)
		if err != nil {
			t.Fatal(err)
		}
		e := c.Entries[0]
		got := []string{e.Message.Get("en"), e.Title.Get("en"), e.Remediation.Get("en")}
		if diff := cmp.Diff([]string{"0x1F", "1.50", "no"}, got); diff != "" {
			t.Errorf("texts (-want +got):\n%s", diff)
		}
	})
}

// TestIntegersAsWritten checks that an integer field takes plain decimal
// digits only: a quoted number, a fraction, another base is an error.
func TestIntegersAsWritten(t *testing.T) {
	tests := []struct {
		name, in string
		want     string
	}{
		{"quoted status", entryIn("string", "A\n    http_status: \"400\"\n    category: internal\n    message: {en: a}"),
			`w.yaml:9:18: http_status "400": an integer is written without quotes`},
		{"single-quoted status", entryIn("string", "A\n    http_status: '400'\n    category: internal\n    message: {en: a}"),
			`w.yaml:9:18: http_status '400': an integer is written without quotes`},
		{"fraction", entryIn("string", "A\n    http_status: 400.0\n    category: internal\n    message: {en: a}"),
			"w.yaml:9:18: http_status 400.0: an integer is written without a fraction or exponent"},
		{"exponent", entryIn("string", "A\n    http_status: 4e2\n    category: internal\n    message: {en: a}"),
			"w.yaml:9:18: http_status 4e2: an integer is written without a fraction or exponent"},
		{"hexadecimal", entryIn("string", "A\n    http_status: 0x190\n    category: internal\n    message: {en: a}"),
			"w.yaml:9:18: http_status 0x190: an integer is written in decimal, not hexadecimal"},
		{"leading zero", entryIn("string", "A\n    http_status: 0400\n    category: internal\n    message: {en: a}"),
			"w.yaml:9:18: http_status 0400: an integer is written in decimal without leading zeros"},
		{"plus sign", entryIn("string", "A\n    http_status: +400\n    category: internal\n    message: {en: a}"),
			"w.yaml:9:18: http_status +400: an integer is written without a plus sign"},
		{"variant status", entryIn("string", "A\n    category: internal\n    message: {en: a}\n    variants:\n      - http_status: \"409\"\n        message: {en: b}"),
			`w.yaml:12:22: http_status "409": an integer is written without quotes`},
		{"source line", entryIn("string", "A\n    category: internal\n    message: {en: a}\n    source: {file: f.md, line: 0x10}"),
			"w.yaml:11:32: line 0x10: an integer is written in decimal, not hexadecimal"},
		{"range", strings.Replace(entryIn("integer", "1\n    category: internal\n    message: {en: a}"), "  code_kind: integer\n", "  code_kind: integer\n  ranges: [{from: \"1\", to: 9}]\n", 1),
			`w.yaml:7:19: from "1": an integer is written without quotes`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, r := range []reader{readParse, readParseFast} {
				err := r.read("w.yaml", []byte(tt.in))
				if err == nil {
					t.Fatalf("%s succeeded, want an error", r.name)
				}
				if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
					t.Errorf("%s error (-want +got):\n%s", r.name, diff)
				}
			}
		})
	}
	t.Run("overlay variant index", func(t *testing.T) {
		in := "domain: a.b\nlocale: zh-CN\norigin: translated\nentries:\n  - code: A\n    variants:\n      - index: \"0\"\n        message: 乙\n"
		_, err := catalog.ParseOverlay("o.yaml", []byte(in))
		if diff := cmp.Diff(`o.yaml:7:16: index "0": an integer is written without quotes`, fmt.Sprint(err)); diff != "" {
			t.Errorf("error (-want +got):\n%s", diff)
		}
	})
	t.Run("overlay code", func(t *testing.T) {
		in := "domain: a.b\nlocale: zh-CN\norigin: translated\nentries:\n  - code: 010\n    message: 乙\n"
		o, err := catalog.ParseOverlay("o.yaml", []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if got := o.Entries[0].Code; got != "010" {
			t.Errorf("overlay code %q, want 010", got)
		}
	})
}
