package catalog

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// roundTripText marshals a one-entry catalog whose message is msg and
// returns what Parse and ParseFast read back.
func roundTripText(t *testing.T, msg string) (slow, fast string) {
	t.Helper()
	c := &Catalog{
		Domain:  Domain{ID: "a.b", Name: "A", Locales: []string{"en"}, WireFormat: "ucloud", CodeKind: "string"},
		Entries: []Entry{{Code: "A", Category: Internal, Message: T("en", msg), Source: &Source{File: "f", Line: 1, Original: map[string]string{"message": msg}}}},
	}
	data, err := Marshal(c, "")
	if err != nil {
		t.Fatalf("Marshal(%q): %v", msg, err)
	}
	c1, err := Parse("rt.yaml", data)
	if err != nil {
		t.Fatalf("Parse(Marshal(%q)): %v\n%s", msg, err, data)
	}
	c2, err := ParseFast("rt.yaml", data)
	if err != nil {
		t.Fatalf("ParseFast(Marshal(%q)): %v\n%s", msg, err, data)
	}
	if got := c1.Entries[0].Source.Original["message"]; got != msg {
		t.Errorf("source.original of %q read back as %q\n%s", msg, got, data)
	}
	return c1.Entries[0].Message.Get("en"), c2.Entries[0].Message.Get("en")
}

func TestMarshalAwkwardStrings(t *testing.T) {
	for _, msg := range []string{
		"a\tb", "\ttab first", "  leading\nsecond", "trailing \nline", "line\n  indented", "a\r\nb",
		"x\n", "\n\nblank first", "# not a comment", "- not a list", "null", "yes", "0x10", "{brace}",
		"a\x01b", "line\u2028separator", "\ufeffbom", "quote \" and \\ backslash", "参数 %s 异常",
		"\"\r\"", "\"a\rb\"", // look like strconv.Quote's output, but hold a bare CR
	} {
		slow, fast := roundTripText(t, msg)
		if slow != msg || fast != msg {
			t.Errorf("%q read back as %q (Parse) and %q (ParseFast)", msg, slow, fast)
		}
	}
}

func FuzzMarshalText(f *testing.F) {
	for _, s := range []string{"plain", "a\tb", "  x\ny", "a\r\nb", "x\n", "é\u2028", "- [x]: {y}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, msg string) {
		// YAML texts are Unicode: invalid UTF-8 cannot be written, and a
		// catalog holding it is a bug of whatever built it.
		if !utf8.ValidString(msg) || strings.TrimSpace(msg) == "" {
			t.Skip()
		}
		slow, fast := roundTripText(t, msg)
		if slow != msg || fast != msg {
			t.Errorf("%q read back as %q (Parse) and %q (ParseFast)", msg, slow, fast)
		}
	})
}
