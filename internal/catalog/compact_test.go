package catalog

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
)

// pointsInto reports the first string reachable from v whose bytes lie in
// data, with its path.
func pointsInto(v reflect.Value, data []byte, path string) string {
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(data)))
	hi := lo + uintptr(len(data))
	switch v.Kind() {
	case reflect.String:
		s := v.String()
		if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); s != "" && p >= lo && p < hi {
			return path + " = " + s
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return pointsInto(v.Elem(), data, path)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				if r := pointsInto(v.Field(i), data, path+"."+f.Name); r != "" {
					return r
				}
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if r := pointsInto(v.Index(i), data, path+"[]"); r != "" {
				return r
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if r := pointsInto(it.Key(), data, path+"{key}"); r != "" {
				return r
			}
			if r := pointsInto(it.Value(), data, path+"{"+it.Key().String()+"}"); r != "" {
				return r
			}
		}
	}
	return ""
}

func TestCompactReleasesTheFile(t *testing.T) {
	// A catalog with every kind of string field, as errcat writes it, past
	// compactMin.
	success := "S"
	c := &Catalog{Domain: Domain{
		ID: "compact.test", Name: "Compact", Provider: "P", Locales: []string{"en", "zh-CN"},
		WireFormat: "tencent-v2", CodeKind: "string", SuccessCode: &success, InternalCode: "E0",
		DocsURL: "https://example.com/{code}", Description: T("en", "d", "zh-CN", "描述"),
		SubCode: &SubCode{Field: "message", Pattern: `^\((?P<code>\d+)\) (?P<message>.*)$`, Example: "(1) x", Description: T("en", "sub")},
		Ranges:  []Range{{From: 1, To: 2, Note: "n"}},
		Lint:    &LintConfig{Disable: []string{"missing-remediation"}, Rules: map[string]RuleConfig{"code-syntax": {Severity: "warning", Options: map[string]any{"pattern": "^E[0-9]+$"}}}},
		Source:  &DomainSource{File: "page.md", Format: "markdown", Title: "T", Updated: "2020", Notes: []string{"a note"}},
	}}
	c.Entries = append(c.Entries, Entry{Code: "S", Category: OK, Message: T("en", "ok")})
	for i := 0; i < 3000; i++ {
		n := fmtInt(i)
		c.Entries = append(c.Entries, Entry{
			Code: "E" + n, HTTPStatus: IntPtr(500), Category: Internal, Inferred: []string{"category"},
			Title:       T("en", "Title of a fairly long error entry number "+n),
			Message:     T("en", "The thing {name} failed in a way long enough to be copied "+n, "zh-CN", "失败 {name}"),
			Remediation: T("en", "Retry later."),
			Origin:      map[string]Origin{"zh-CN": OriginTranslated},
			Params:      []Param{{Name: "name", Description: "the thing"}},
			Variants: []Variant{{HTTPStatus: IntPtr(503), Message: T("en", "another wording of the same failure "+n),
				Source: &Source{File: "page.md", Line: 3, Original: map[string]string{"message": "x %s"}}}},
			ReplacedBy: "E999999" + n, Aliases: []string{"OldE" + n},
			Exempt: []Exemption{{Rule: "same-message", Reason: "documented twice on purpose by the provider"}},
			Source: &Source{File: "page.md", Line: 2, Original: map[string]string{"code": "E " + n}},
		})
	}
	data, err := Marshal(c, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(data) < compactMin {
		t.Fatalf("fixture is %d bytes, want at least %d", len(data), compactMin)
	}
	raw, _, ok := parseSubset("c.yaml", unsafe.String(unsafe.SliceData(data), len(data)), parallelMin, stdLimits())
	if !ok {
		t.Fatal("the fixture is outside the fast reader's subset")
	}
	if r := pointsInto(reflect.ValueOf(raw), data, "catalog"); r == "" {
		t.Fatal("the fast reader copied every string: nothing to compact, the test shows nothing")
	}
	got, err := parseOwned("c.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if r := pointsInto(reflect.ValueOf(got), data, "catalog"); r != "" {
		t.Errorf("after compaction a string still points into the file: %s", r)
	}
	if diff := cmp.Diff(c, got, cmpIgnorePos()); diff != "" {
		t.Errorf("compaction changed the catalog (-want +got):\n%s", diff)
	}
	// In pieces at once, as a large catalog is compacted.
	for _, parts := range []int{2, 3, 7} {
		got, _, _ := parseSubset("c.yaml", unsafe.String(unsafe.SliceData(data), len(data)), parallelMin, stdLimits())
		compact(got, parts, unsafe.String(unsafe.SliceData(data), len(data)))
		if r := pointsInto(reflect.ValueOf(got), data, "catalog"); r != "" {
			t.Errorf("%d pieces: after compaction a string still points into the file: %s", parts, r)
		}
		if diff := cmp.Diff(c, got, cmpIgnorePos()); diff != "" {
			t.Errorf("%d pieces: compaction changed the catalog (-want +got):\n%s", parts, diff)
		}
	}
}

// fmtInt is strconv.Itoa without the import.
func fmtInt(i int) string {
	if i == 0 {
		return "0"
	}
	var d []byte
	for ; i > 0; i /= 10 {
		d = append([]byte{byte('0' + i%10)}, d...)
	}
	return string(d)
}

func TestCompactBuiltinFilesUnchanged(t *testing.T) {
	files, _ := filepath.Glob("../../catalogs/*.yaml")
	if len(files) == 0 {
		t.Fatal("no built-in catalogs")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := ParseFast(f, data)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ParseFast(f, data)
		if err != nil {
			t.Fatal(err)
		}
		compact(got, 1, string(data))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: compaction changed the catalog (-want +got):\n%s", f, diff)
		}
	}
}
