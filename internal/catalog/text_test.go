package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/google/go-cmp/cmp"
)

// textMaps are the maps the Text tests compare against: nil, empty, one
// and several locales, and texts JSON and YAML write escaped or quoted.
var textMaps = []map[string]string{
	nil,
	{},
	{"en": "Not found."},
	{"zh-CN": "未找到。", "en": "Not found.", "ja": "見つかりません。"},
	{"": "empty locale", "a": ""},
	{"en": `<b>&"quoted"</b> \ back`},
	{"en": "tab\there\nnew line\r\x00\x1f\x7f"},
	{"en": "bad \xff utf-8 \u2028 \u2029 sep"},
	{"en": strings.Repeat("long ", 100)},
	{"en": "- dash", "fr": "a: b", "de": " padded ", "it": "#hash", "es": "0x1F"},
}

func TestTextMatchesMap(t *testing.T) {
	for _, m := range textMaps {
		t.Run(fmt.Sprint(m), func(t *testing.T) {
			x := NewText(m)
			if got, want := x.Len(), len(m); got != want {
				t.Errorf("Len() = %d, want %d", got, want)
			}
			if x.IsNil() != (m == nil) {
				t.Errorf("IsNil() = %v for %#v", x.IsNil(), m)
			}
			if diff := cmp.Diff(m, x.Map()); diff != "" {
				t.Errorf("Map() (-want +got):\n%s", diff)
			}
			want := sortedKeys(m, nil)
			if diff := cmp.Diff(want, x.Locales(), cmpEmpty); diff != "" {
				t.Errorf("Locales() (-want +got):\n%s", diff)
			}
			var all []string
			for l, s := range x.All() {
				all = append(all, l)
				if s != m[l] {
					t.Errorf("All() yields %q for %q, want %q", s, l, m[l])
				}
			}
			if diff := cmp.Diff(want, all, cmpEmpty); diff != "" {
				t.Errorf("All() locales (-want +got):\n%s", diff)
			}
			for _, l := range append(want, "xx", "zz", "") {
				s, ok := x.Lookup(l)
				ws, wok := m[l]
				if s != ws || ok != wok || x.Get(l) != ws || x.Has(l) != wok {
					t.Errorf("Lookup(%q) = %q, %v; want %q, %v", l, s, ok, ws, wok)
				}
			}
			if got, want := x.String(), fmt.Sprint(m); got != want {
				t.Errorf("String() = %q, want %q", got, want)
			}
		})
	}
}

var cmpEmpty = cmp.Transformer("nilEmpty", func(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
})

// TestTextJSONMatchesMap checks that a Text is written byte for byte as
// encoding/json writes the map it stands for, with HTML escaping on and
// off, indented or not, under omitempty/omitzero and without, and reads
// back equal.
func TestTextJSONMatchesMap(t *testing.T) {
	type withText struct {
		A Text `json:"a"`
		B Text `json:"b,omitzero"`
	}
	type withMap struct {
		A map[string]string `json:"a"`
		B map[string]string `json:"b,omitempty"`
	}
	for _, m := range textMaps {
		for _, html := range []bool{true, false} {
			for _, indent := range []bool{false, true} {
				encode := func(v any) string {
					var b bytes.Buffer
					enc := json.NewEncoder(&b)
					enc.SetEscapeHTML(html)
					if indent {
						enc.SetIndent("", "  ")
					}
					if err := enc.Encode(v); err != nil {
						t.Fatal(err)
					}
					return b.String()
				}
				want := encode(withMap{m, m})
				got := encode(withText{NewText(m), NewText(m)})
				if got != want {
					t.Errorf("%#v (html %v, indent %v):\n got %s\nwant %s", m, html, indent, got, want)
				}
				var back withText
				if err := json.Unmarshal([]byte(got), &back); err != nil {
					t.Fatal(err)
				}
				var backMap withMap
				if err := json.Unmarshal([]byte(want), &backMap); err != nil {
					t.Fatal(err)
				}
				if back.A != NewText(backMap.A) || back.B != NewText(backMap.B) {
					t.Errorf("%#v read back as %v, %v; want %v, %v", m, back.A, back.B, backMap.A, backMap.B)
				}
			}
		}
	}
}

// TestTextYAMLMatchesMap checks that a Text is written as the YAML
// library writes the map it stands for, and reads back equal.
func TestTextYAMLMatchesMap(t *testing.T) {
	type withText struct {
		A Text `yaml:"a"`
		B Text `yaml:"b,omitempty"`
	}
	type withMap struct {
		A map[string]string `yaml:"a"`
		B map[string]string `yaml:"b,omitempty"`
	}
	for _, m := range textMaps {
		want, err := marshalBody(withMap{m, m}, "t")
		if err != nil {
			t.Fatal(err)
		}
		got, err := marshalBody(withText{NewText(m), NewText(m)}, "t")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("%#v (-map +text):\n%s", m, diff)
		}
		var back withText
		var backMap withMap
		if err := yaml.Unmarshal(got, &back); err != nil {
			t.Fatal(err)
		}
		if err := yaml.Unmarshal(want, &backMap); err != nil {
			t.Fatal(err)
		}
		if back.A != NewText(backMap.A) || back.B != NewText(backMap.B) {
			t.Errorf("%#v read back as %v, %v; want %v, %v", m, back.A, back.B, backMap.A, backMap.B)
		}
	}
}

// TestTextEdits checks With, Set, WithMap, Without and Delete against the
// same edits of a map, and that they leave other copies alone.
func TestTextEdits(t *testing.T) {
	type edit struct {
		name string
		text func(Text) Text
		m    func(map[string]string) map[string]string
	}
	clone := func(m map[string]string) map[string]string {
		if m == nil {
			return map[string]string{}
		}
		return maps.Clone(m)
	}
	edits := []edit{
		{"with new", func(x Text) Text { return x.With("ko", "새") }, func(m map[string]string) map[string]string {
			m = clone(m)
			m["ko"] = "새"
			return m
		}},
		{"with first", func(x Text) Text { return x.With("", "first") }, func(m map[string]string) map[string]string {
			m = clone(m)
			m[""] = "first"
			return m
		}},
		{"set existing", func(x Text) Text { x.Set("en", "Changed."); return x }, func(m map[string]string) map[string]string {
			m = clone(m)
			m["en"] = "Changed."
			return m
		}},
		{"with map", func(x Text) Text { return x.WithMap(map[string]string{"en": "E", "zz": "Z"}) }, func(m map[string]string) map[string]string {
			m = clone(m)
			maps.Copy(m, map[string]string{"en": "E", "zz": "Z"})
			return m
		}},
		{"without", func(x Text) Text { return x.Without("en") }, func(m map[string]string) map[string]string {
			if _, ok := m["en"]; !ok {
				return m
			}
			m = clone(m)
			delete(m, "en")
			return m
		}},
		{"delete", func(x Text) Text { x.Delete("zh-CN"); return x }, func(m map[string]string) map[string]string {
			if _, ok := m["zh-CN"]; !ok {
				return m
			}
			m = clone(m)
			delete(m, "zh-CN")
			return m
		}},
	}
	for _, m := range textMaps {
		for _, e := range edits {
			orig := NewText(m)
			before := orig
			got := e.text(orig)
			if diff := cmp.Diff(NewText(e.m(m)), got); diff != "" {
				t.Errorf("%s of %v (-want +got):\n%s", e.name, m, diff)
			}
			if orig != before {
				t.Errorf("%s of %v changed the original to %v", e.name, m, orig)
			}
		}
	}
}

func TestT(t *testing.T) {
	tests := []struct {
		name string
		got  Text
		want map[string]string
	}{
		{"none", T(), map[string]string{}},
		{"sorted", T("zh-CN", "中", "en", "E"), map[string]string{"en": "E", "zh-CN": "中"}},
		{"last wins", T("en", "first", "en", "last"), map[string]string{"en": "last"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(NewText(tt.want), tt.got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	var zero Text
	if !zero.IsNil() || zero.Len() != 0 || !zero.IsZero() || !T().IsZero() || T().IsNil() {
		t.Errorf("zero Text: IsNil %v Len %d IsZero %v; T(): IsZero %v IsNil %v", zero.IsNil(), zero.Len(), zero.IsZero(), T().IsZero(), T().IsNil())
	}
}

func ExampleText() {
	msg := T("zh-CN", "集群 {cluster} 不存在。", "en", "Cluster {cluster} does not exist.")
	fmt.Println(msg.Get("en"))
	fmt.Println(msg.Locales())
	msg.Set("ja", "クラスタ {cluster} は存在しません。")
	for l, s := range msg.All() {
		fmt.Printf("%s: %s\n", l, s)
	}
	b, _ := json.Marshal(msg)
	fmt.Println(string(b))
	// Output:
	// Cluster {cluster} does not exist.
	// [en zh-CN]
	// en: Cluster {cluster} does not exist.
	// ja: クラスタ {cluster} は存在しません。
	// zh-CN: 集群 {cluster} 不存在。
	// {"en":"Cluster {cluster} does not exist.","ja":"クラスタ {cluster} は存在しません。","zh-CN":"集群 {cluster} 不存在。"}
}

func FuzzTextJSON(f *testing.F) {
	f.Add("en", "Not found.", "zh-CN", "未找到。")
	f.Add("", "<&>", "a", "\xff\u2028")
	f.Fuzz(func(t *testing.T, l1, s1, l2, s2 string) {
		m := map[string]string{l1: s1, l2: s2}
		want, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		got, err := json.Marshal(NewText(m))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%#v:\n got %s\nwant %s", m, got, want)
		}
		if NewText(m) != T(l1, s1, l2, s2) {
			t.Errorf("NewText(%#v) = %v, T = %v", m, NewText(m), T(l1, s1, l2, s2))
		}
	})
}

// TestTextArena checks that texts placed in shared blocks are the texts
// makeText encodes, and that placing more never changes one placed
// before (every text is compared after all are placed).
func TestTextArena(t *testing.T) {
	var a textArena
	var got, want []Text
	for i := range 20000 {
		msg := strings.Repeat("x", i%700) + fmt.Sprint(i)
		pairs := [][]textPair{
			{{"en", msg}},
			{{"zh-CN", "失败" + msg}, {"en", msg}},
			{{"en", "a"}, {"en", msg}},
			{},
		}[i%4]
		got = append(got, a.make(slices.Clone(pairs)))
		want = append(want, makeText(slices.Clone(pairs)))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("text %d: got %q, want %q", i, got[i].s, want[i].s)
		}
	}
}
