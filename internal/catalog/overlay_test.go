package catalog

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

const overlayBase = `domain:
  id: example.api
  name: Example
  locales: [en]
  wire_format: problem
  code_kind: string
entries:
  - code: A
    category: invalid_argument
    title: {en: Bad argument}
    message: {en: "Parameter {name} is invalid."}
    remediation: {en: "Check {name}."}
    params: [{name: name}]
  - code: B
    category: internal
    message: {en: Server error.}
    variants:
      - message: {en: "Disk {disk} failed."}
      - message: {en: Try later.}
`

const overlayGood = `domain: example.api
locale: zh-CN
origin: translated
entries:
  - code: A
    title: 参数错误
    message: 参数 {name} 无效。
    remediation: 请检查 {name}。
  - code: B
    origin: reviewed
    message: 服务器错误。
    variants:
      - index: 1
        message: 请稍后重试。
`

func mustParse(t *testing.T, src string) *Catalog {
	t.Helper()
	c, err := Parse("example.api.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return c
}

func TestMergeOverlay(t *testing.T) {
	c := mustParse(t, overlayBase)
	o, err := ParseOverlay("i18n/example.api.zh-CN.yaml", []byte(overlayGood))
	if err != nil {
		t.Fatalf("ParseOverlay: %v", err)
	}
	if err := MergeOverlay(c, o); err != nil {
		t.Fatalf("MergeOverlay: %v", err)
	}
	type texts struct {
		Locales                   []string
		ATitle, AMsg, ARem        Text
		AOrigin, BOrigin          map[string]Origin
		BMsg, BVar0, BVar1        Text
		AOriginEN, BOriginZH      Origin
		AOriginZH, BOriginUnknown Origin
	}
	a, b := c.Lookup("A"), c.Lookup("B")
	got := texts{
		Locales: c.Domain.Locales,
		ATitle:  a.Title, AMsg: a.Message, ARem: a.Remediation,
		AOrigin: a.Origin, BOrigin: b.Origin,
		BMsg: b.Message, BVar0: b.Variants[0].Message, BVar1: b.Variants[1].Message,
		AOriginEN: a.OriginOf("en"), AOriginZH: a.OriginOf("zh-CN"), BOriginZH: b.OriginOf("zh-CN"),
		BOriginUnknown: b.OriginOf("fr"),
	}
	want := texts{
		Locales: []string{"en", "zh-CN"},
		ATitle:  T("en", "Bad argument", "zh-CN", "参数错误"),
		AMsg:    T("en", "Parameter {name} is invalid.", "zh-CN", "参数 {name} 无效。"),
		ARem:    T("en", "Check {name}.", "zh-CN", "请检查 {name}。"),
		AOrigin: map[string]Origin{"zh-CN": OriginTranslated},
		BOrigin: map[string]Origin{"zh-CN": OriginReviewed},
		BMsg:    T("en", "Server error.", "zh-CN", "服务器错误。"),
		BVar0:   T("en", "Disk {disk} failed."),
		BVar1:   T("en", "Try later.", "zh-CN", "请稍后重试。"),
		// The source locale is the provider's own text.
		AOriginEN: OriginSource, AOriginZH: OriginTranslated, BOriginZH: OriginReviewed,
		BOriginUnknown: OriginSource,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("merged catalog (-want +got):\n%s", diff)
	}
	// The JSON contract shows the origin of every locale.
	if diff := cmp.Diff(map[string]Origin{"en": OriginSource, "zh-CN": OriginTranslated}, a.JSON(&c.Domain).Origin); diff != "" {
		t.Errorf("EntryJSON origin (-want +got):\n%s", diff)
	}
}

func TestOverlayErrors(t *testing.T) {
	const head = "domain: example.api\nlocale: zh-CN\norigin: translated\nentries:\n"
	tests := []struct {
		name, in string
		want     string
	}{
		{"unknown code", head + "  - code: C\n    message: 未知。\n",
			`o.yaml:5:11: unknown code "C": domain example.api has no such entry`},
		{"placeholder missing", head + "  - code: A\n    message: 参数无效。\n",
			"o.yaml:6:14: placeholders (none) differ from the en text's {name}"},
		{"placeholder renamed", head + "  - code: A\n    remediation: 请检查 {param}。\n",
			"o.yaml:6:18: placeholders {param} differ from the en text's {name}"},
		{"variant placeholder", head + "  - code: B\n    variants:\n      - index: 0\n        message: 磁盘故障。\n",
			"o.yaml:8:18: placeholders (none) differ from the en text's {disk}"},
		{"variant out of range", head + "  - code: B\n    variants:\n      - index: 2\n        message: 第三个。\n",
			"o.yaml:7:16: entry B has 2 variants; there is no variant 2"},
		{"no source text", head + "  - code: B\n    title: 标题\n",
			"o.yaml:6:12: entry B has no en title to translate"},
		{"source locale", strings.Replace(head, "zh-CN", "en", 1) + "  - code: A\n    message: x {name}\n",
			"o.yaml:2:9: locale en is the catalog's source locale; an overlay adds another locale"},
		{"blank text", head + "  - code: B\n    message: \"  \"\n",
			"o.yaml:6:14: message is blank"},
		{"no source description", strings.Replace(head, "entries:\n", "description: 示例 API。\nentries: []\n", 1),
			"o.yaml:4:14: domain example.api has no en description to translate"},
		{"no sub_code convention", strings.Replace(head, "entries:\n", "sub_code_description: 子错误码。\nentries: []\n", 1),
			"o.yaml:4:23: domain example.api has no sub_code convention to describe"},
		{"other domain", strings.Replace(head, "example.api", "other.api", 1) + "  - code: A\n    message: x\n",
			`o.yaml:1:9: overlay of domain "other.api" cannot merge into catalog "example.api"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustParse(t, overlayBase)
			o, err := ParseOverlay("o.yaml", []byte(tt.in))
			if err != nil {
				t.Fatalf("ParseOverlay: %v", err)
			}
			err = MergeOverlay(c, o)
			if err == nil {
				t.Fatal("MergeOverlay succeeded, want an error")
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			// A failed merge changes nothing.
			if diff := cmp.Diff(mustParse(t, overlayBase), c, cmpIgnorePos()); diff != "" {
				t.Errorf("catalog changed by a failed merge (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseOverlayErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     string
	}{
		{"empty", "", "o.yaml:1:1: empty overlay: want a mapping with domain, locale, origin and entries"},
		{"not a mapping", "- 1\n", "o.yaml:1:1: an overlay is a mapping with domain, locale, origin and entries"},
		{"unknown key", "domain: a.b\nlocale: zh-CN\norigin: translated\nentries:\n  - code: A\n    mesage: x\n",
			`o.yaml:6:5: unknown field "mesage"`},
		{"no origin", "domain: a.b\nlocale: zh-CN\nentries:\n  - code: A\n    message: x\n",
			"o.yaml:1:1: origin is required: translated, reviewed or source"},
		{"bad origin", "domain: a.b\nlocale: zh-CN\norigin: machine\nentries:\n  - code: A\n    message: x\n",
			`o.yaml:3:9: origin "machine": want translated, reviewed or source`},
		{"bad entry origin", "domain: a.b\nlocale: zh-CN\norigin: translated\nentries:\n  - code: A\n    origin: guessed\n    message: x\n",
			`o.yaml:6:13: origin "guessed": want translated, reviewed or source`},
		{"bad locale", "domain: a.b\nlocale: zh_XX!\norigin: translated\nentries: []\n",
			`o.yaml:2:9: invalid locale tag "zh_XX!": language: tag is not well-formed`},
		{"non-canonical locale", "domain: a.b\nlocale: zh-cn\norigin: translated\nentries: []\n",
			`o.yaml:2:9: locale tag "zh-cn": write it as "zh-CN"`},
		{"duplicate code", "domain: a.b\nlocale: zh-CN\norigin: translated\nentries:\n  - code: A\n    message: x\n  - code: A\n    message: y\n",
			`o.yaml:7:11: code "A" is already translated in entry 1 of this overlay`},
		{"no text", "domain: a.b\nlocale: zh-CN\norigin: translated\nentries:\n  - code: A\n",
			"o.yaml:5:5: overlay entry A has no text"},
		{"variant without index", "domain: a.b\nlocale: zh-CN\norigin: translated\nentries:\n  - code: A\n    variants:\n      - message: x\n",
			"o.yaml:7:9: variant needs an index: its 0-based position in the entry's variants"},
		{"wrong type", "domain: a.b\nlocale: zh-CN\norigin: translated\nentries:\n  - code: A\n    message: {zh-CN: x}\n",
			"o.yaml:6:14: wrong type: got a mapping, want a string"},
		{"two documents", "domain: a.b\n---\ndomain: c.d\n", "o.yaml:3:7: an overlay file holds one YAML document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseOverlay("o.yaml", []byte(tt.in))
			if err == nil {
				t.Fatal("ParseOverlay succeeded, want an error")
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadDirOverlays(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // "" for success
	}{
		{"merged", map[string]string{"i18n/example.api.zh-CN.yaml": overlayGood}, ""},
		{"glossary skipped", map[string]string{"i18n/glossary.yaml": "terms: []\n"}, ""},
		{"no i18n dir", nil, ""},
		{"misnamed", map[string]string{"i18n/example.zh-CN.yaml": overlayGood},
			"cats/i18n/example.zh-CN.yaml:1:9: an overlay of example.api in zh-CN must be named example.api.zh-CN.yaml"},
		{"no catalog", map[string]string{"i18n/other.api.zh-CN.yaml": strings.Replace(overlayGood, "example.api", "other.api", 1)},
			`cats/i18n/other.api.zh-CN.yaml:1:9: no catalog of domain "other.api" beside the overlay`},
		{"two overlays of one locale", map[string]string{
			"i18n/example.api.zh-CN.yaml": overlayGood,
			"i18n/example.api.zh-CN.yml":  "domain: example.api\nlocale: zh-CN\norigin: translated\nentries:\n  - code: B\n    message: 又一个。\n"},
			"cats/i18n/example.api.zh-CN.yml:6:14: entry B already has a zh-CN message in the catalog file; an overlay adds a locale, it does not replace text"},
		{"overlay syntax error", map[string]string{"i18n/example.api.zh-CN.yaml": "domain: [\n"},
			"cats/i18n/example.api.zh-CN.yaml:1:9: sequence end token ']' not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"cats/example.api.yaml": {Data: []byte(overlayBase)}}
			for name, data := range tt.files {
				fsys["cats/"+name] = &fstest.MapFile{Data: []byte(data)}
			}
			cats, err := LoadDir(fsys, "cats")
			if tt.want != "" {
				if err == nil {
					t.Fatal("LoadDir succeeded, want an error")
				}
				if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
					t.Errorf("error (-want +got):\n%s", diff)
				}
				return
			}
			if err != nil {
				t.Fatalf("LoadDir: %v", err)
			}
			if len(cats) != 1 {
				t.Fatalf("LoadDir returned %d catalogs, want 1", len(cats))
			}
			_, translated := tt.files["i18n/example.api.zh-CN.yaml"]
			if got := cats[0].Lookup("A").Message.Get("zh-CN") != ""; got != translated {
				t.Errorf("entry A has a zh-CN message: %v, want %v", got, translated)
			}
		})
	}
}

func FuzzParseOverlay(f *testing.F) {
	f.Add([]byte(overlayGood))
	f.Add([]byte("domain: example.api\nlocale: zh-CN\norigin: reviewed\nentries:\n  - code: B\n    variants:\n      - index: 0\n        message: 磁盘 {disk} 故障。\n"))
	f.Add([]byte("domain: example.api\nlocale: en\norigin: source\nentries: []\n"))
	f.Add([]byte("entries:\n  - code: A\n    variants:\n      - index: -1\n"))
	f.Add([]byte("domain: [\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := ParseOverlay("fuzz.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		c, err := Parse("example.api.yaml", []byte(overlayBase))
		if err != nil {
			t.Fatal(err)
		}
		if err := MergeOverlay(c, o); err != nil {
			return
		}
		// A successful merge keeps placeholders consistent across locales.
		for i := range c.Entries {
			e := &c.Entries[i]
			for _, l := range e.Message.Locales() {
				if got, want := fmt.Sprint(placeholderSet(e.Message.Get(l))), fmt.Sprint(placeholderSet(e.Message.Get("en"))); got != want {
					t.Errorf("entry %s %s placeholders %s, en has %s", e.Code, l, got, want)
				}
			}
		}
	})
}

func ExampleMergeOverlay() {
	c, err := Parse("example.api.yaml", []byte(overlayBase))
	if err != nil {
		fmt.Println(err)
		return
	}
	o, err := ParseOverlay("i18n/example.api.zh-CN.yaml", []byte(overlayGood))
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := MergeOverlay(c, o); err != nil {
		fmt.Println(err)
		return
	}
	e := c.Lookup("A")
	fmt.Println(c.Domain.Locales)
	for _, l := range c.Domain.Locales {
		fmt.Printf("[%s, %s] %s\n", l, e.OriginOf(l), e.Message.Get(l))
	}
	// Output:
	// [en zh-CN]
	// [en, source] Parameter {name} is invalid.
	// [zh-CN, translated] 参数 {name} 无效。
}
