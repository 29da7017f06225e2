package errcat_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat"
)

// jsonBodySeeds are templates and param values with what a JSON string
// escapes (quotes, backslashes, <>&, control characters, U+2028/9),
// non-ASCII and invalid UTF-8 (also split across a template and a
// value), braces that are not placeholders, and placeholders without a
// param.
var jsonBodySeeds = []struct{ tmpl, a, b string }{
	{"The cluster {a} does not exist in {b}.", "es-prod-1", "cn-north-4"},
	{"集群 {a} 在 {b} 不存在。", "es-prod-1", "cn-north-4"},
	{`quote " backslash \ {a} <script>&amp;</script> {b}`, `"x"\y`, "<b>&</b>"},
	{"line\u2028sep {a}\u2029 tab\t{b}\n", "a\u2028b", "\x00\x1f\x7f"},
	{"invalid \xff {a} \xe4{b}", "\xb8\xad split", "\xc3"},
	{"{a}{b}", "", ""},
	{"no placeholders", "x", "y"},
	{"{", "x", "y"},
	{"}{a}{", "exactly8", "sixteen-bytes-ok"},
	{"{missing} and {a} and {b} and {{a}}", "12345678901234567", "|^~ pipes"},
	{"", "x", "y"},
	{"emoji 😀 {a}", "😀😀", "ok"},
}

// checkJSONBody compares AppendJSONBody and AppendJSONText (precompiled,
// with room in the buffer and without) with the plain path: the pieces
// written one by one, the text by AppendFill with AppendJSONEscaped.
func checkJSONBody(t *testing.T, tmpl, a, b string) {
	t.Helper()
	dom := &errcat.Domain{ID: "test.body", Locales: []string{"en", "zh-CN"}}
	def := &errcat.Def{Domain: dom, Code: "CSS.0015", Message: map[string]string{"en": tmpl, "zh-CN": "{b}/" + tmpl},
		Params: []string{"a", "b"}}
	bodies := []*errcat.JSONBody{
		{Head: `{"error_code":`, Mid: `,"error_msg":`, Tail: `}`, Field: errcat.Message},
		{Head: `{"code":`, Mid: `,"message":`, Tail: `}`, Field: errcat.Message, CodeAsNumber: true},
		{Head: `{"t":`, Mid: `,"x":`, Tail: `,"z":1}`, Field: errcat.Title}, // no title: ""
	}
	errs := map[string]*errcat.Error{
		"in order":       def.New("a", a, "b", b),
		"by name":        def.New("b", b, "a", a),
		"cloned names":   def.New(strings.Clone("a"), a, strings.Clone("b"), b),
		"one param":      def.New("a", a),
		"trailing name":  def.New("a", a, "b"),
		"no params":      def.New(),
		"with meta":      def.New("a", a, "b", b).WithMeta("b", "meta"),
		"three and more": def.New("a", a, "b", b, "c", "3", "d", "4", "e", "5"),
	}
	for name, e := range errs {
		for _, body := range bodies {
			for _, loc := range []string{"en", "zh-CN", "fr", ""} {
				text, _ := def.Text(def.Message, loc)
				if body.Field == errcat.Title {
					text = ""
				}
				want := body.Head + string(def.AppendJSONCode(nil, body.CodeAsNumber)) + body.Mid +
					`"` + string(errcat.AppendFill(nil, text, e, errcat.AppendJSONEscaped)) + `"` + body.Tail
				for _, buf := range [][]byte{nil, make([]byte, 0, 1024), []byte("0123")[:0:2]} {
					got := string(e.AppendJSONBody(buf, body, loc))
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("%s: AppendJSONBody(%q, %q) for %q, %q (-plain +got):\n%s", name, body.Head, loc, tmpl, []string{a, b}, diff)
					}
				}
				if !json.Valid([]byte(want)) {
					t.Errorf("%s: %q is not valid JSON", name, want)
				}
				if body.Field != errcat.Message {
					continue
				}
				wantText := want[len(body.Head)+len(def.AppendJSONCode(nil, body.CodeAsNumber))+len(body.Mid)+1 : len(want)-len(body.Tail)-1]
				for _, buf := range [][]byte{nil, make([]byte, 0, 1024)} {
					if diff := cmp.Diff(wantText, string(e.AppendJSONText(buf, errcat.Message, loc))); diff != "" {
						t.Errorf("%s: AppendJSONText(%q) (-plain +got):\n%s", name, loc, diff)
					}
				}
			}
		}
	}
}

func TestJSONBody(t *testing.T) {
	for _, s := range jsonBodySeeds {
		checkJSONBody(t, s.tmpl, s.a, s.b)
	}
}

func FuzzJSONBody(f *testing.F) {
	for _, s := range jsonBodySeeds {
		f.Add(s.tmpl, s.a, s.b)
	}
	f.Fuzz(checkJSONBody)
}

// TestJSONBodyMany checks that more JSONBody values than a Def keeps
// precompiled are still written right.
func TestJSONBodyMany(t *testing.T) {
	dom := &errcat.Domain{ID: "test.body", Locales: []string{"en"}}
	def := &errcat.Def{Domain: dom, Code: "C", Message: map[string]string{"en": "v={a}"}, Params: []string{"a"}}
	e := def.New("a", "1")
	for i := range 20 {
		b := &errcat.JSONBody{Head: fmt.Sprintf(`{"n":%d,"c":`, i), Mid: `,"m":`, Tail: `}`, Field: errcat.Message}
		for range 2 {
			want := fmt.Sprintf(`{"n":%d,"c":"C","m":"v=1"}`, i)
			if got := string(e.AppendJSONBody(nil, b, "en")); got != want {
				t.Errorf("body %d: got %s, want %s", i, got, want)
			}
		}
	}
}

// TestJSONBodyConcurrentFirstUse writes a body from many goroutines at
// once, before any has precompiled it (run with -race).
func TestJSONBodyConcurrentFirstUse(t *testing.T) {
	dom := &errcat.Domain{ID: "test.body", Locales: []string{"en", "zh-CN"}}
	def := &errcat.Def{Domain: dom, Code: "C", Message: map[string]string{"en": "v={a}", "zh-CN": "值={a}"}, Params: []string{"a"}}
	bodies := []*errcat.JSONBody{
		{Head: `{"a":`, Mid: `,"m":`, Tail: `}`, Field: errcat.Message},
		{Head: `{"b":`, Mid: `,"m":`, Tail: `}`, Field: errcat.Message},
	}
	done := make(chan string)
	for i := range 8 {
		go func() {
			b := bodies[i%2]
			done <- string(def.New("a", "1").AppendJSONBody(nil, b, dom.Locales[i%2]))
		}()
	}
	want := map[string]bool{`{"a":"C","m":"v=1"}`: true, `{"b":"C","m":"值=1"}`: true}
	for range 8 {
		if got := <-done; !want[got] {
			t.Errorf("got %s", got)
		}
	}
}
