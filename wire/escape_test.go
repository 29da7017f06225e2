package wire

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var escapeSeeds = []string{
	"",
	"plain ASCII",
	"quote \" backslash \\ slash /",
	"\x00\x01\x07\b\f\n\r\t\x1f\x7f",
	"<script>alert('x')</script> & more",
	"line\u2028separator\u2029paragraph",
	"非 ASCII：参数异常，“引号”",
	"emoji 😀 and a surrogate-range code point \xed\xa0\x80",
	"invalid \xff\xfe utf-8 \xc3",
	"\uFFFE\uFFFF noncharacters",
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range escapeSeeds {
		t.Run("", func(t *testing.T) {
			checkJSONString(t, s)
		})
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range escapeSeeds {
		f.Add(s)
	}
	f.Fuzz(checkJSONString)
}

// checkJSONString compares AppendJSONString with encoding/json byte for
// byte, and checks that the output decodes.
func checkJSONString(t *testing.T, s string) {
	t.Helper()
	want, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	got := AppendJSONString([]byte("prefix"), s)
	if diff := cmp.Diff(string(want), string(got[len("prefix"):])); diff != "" {
		t.Errorf("AppendJSONString(%q) (-encoding/json +got):\n%s", s, diff)
	}
	var back string
	if err := json.Unmarshal(got[len("prefix"):], &back); err != nil {
		t.Errorf("AppendJSONString(%q) = %s: not valid JSON: %v", s, got, err)
	}
}

func TestAppendXMLEscaped(t *testing.T) {
	for _, s := range escapeSeeds {
		t.Run("", func(t *testing.T) {
			checkXMLEscaped(t, s)
		})
	}
}

func FuzzAppendXMLEscaped(f *testing.F) {
	for _, s := range escapeSeeds {
		f.Add(s)
	}
	f.Fuzz(checkXMLEscaped)
}

// checkXMLEscaped compares appendXMLEscaped with encoding/xml.EscapeText
// byte for byte.
func checkXMLEscaped(t *testing.T, s string) {
	t.Helper()
	var want bytes.Buffer
	if err := xml.EscapeText(&want, []byte(s)); err != nil {
		t.Fatal(err)
	}
	got := appendXMLEscaped(nil, s)
	if diff := cmp.Diff(want.String(), string(got)); diff != "" {
		t.Errorf("appendXMLEscaped(%q) (-encoding/xml +got):\n%s", s, diff)
	}
}
