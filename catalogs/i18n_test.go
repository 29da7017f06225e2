package catalogs_test

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/errcat/errcat/catalogs"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/importer"
	"github.com/errcat/errcat/internal/lint"
	"github.com/errcat/errcat/internal/source"
	"github.com/errcat/errcat/vocab"
)

func loadWithOverlays(t *testing.T) []*catalog.Catalog {
	t.Helper()
	cats, err := source.Builtin()
	if err != nil {
		t.Fatalf("source.Builtin: %v", err)
	}
	return cats
}

// sourceLocale returns the locale each built-in domain is documented in by
// its provider; the other locale comes from catalogs/i18n.
func sourceLocale(domain string) string {
	if domain == "privatecloud.retcode" {
		return "zh-CN"
	}
	return "en"
}

// texts returns every text field of e by name, variants included.
func texts(e *catalog.Entry) map[string]catalog.Text {
	out := map[string]catalog.Text{"message": e.Message}
	if e.Title.Len() > 0 {
		out["title"] = e.Title
	}
	if e.Remediation.Len() > 0 {
		out["remediation"] = e.Remediation
	}
	for i, v := range e.Variants {
		out[fmt.Sprintf("variants[%d].message", i)] = v.Message
		if v.Remediation.Len() > 0 {
			out[fmt.Sprintf("variants[%d].remediation", i)] = v.Remediation
		}
	}
	return out
}

func TestEveryEntryInBothLocales(t *testing.T) {
	cats := loadWithOverlays(t)
	var ids []string
	for _, c := range cats {
		ids = append(ids, c.Domain.ID)
	}
	slices.Sort(ids)
	if diff := cmp.Diff([]string{"aliyun.polardb", "huaweicloud.css", "privatecloud.retcode", "tencentcloud.common", "zilliz.cloud"}, ids); diff != "" {
		t.Fatalf("built-in domains (-want +got):\n%s", diff)
	}
	for _, c := range cats {
		t.Run(c.Domain.ID, func(t *testing.T) {
			src := sourceLocale(c.Domain.ID)
			other := "zh-CN"
			if src == "zh-CN" {
				other = "en"
			}
			if diff := cmp.Diff([]string{src, other}, c.Domain.Locales); diff != "" {
				t.Errorf("domain.locales (-want +got):\n%s", diff)
			}
			domainTexts := map[string]catalog.Text{"description": c.Domain.Description}
			if c.Domain.SubCode != nil {
				domainTexts["sub_code.description"] = c.Domain.SubCode.Description
			}
			for field, txt := range domainTexts {
				if txt.Len() > 0 && txt.Len() != 2 {
					t.Errorf("domain %s has locales %v, want en and zh-CN", field, txt.Locales())
				}
			}
			for i := range c.Entries {
				e := &c.Entries[i]
				for field, txt := range texts(e) {
					if diff := cmp.Diff([]string{"en", "zh-CN"}, txt.Locales()); diff != "" {
						t.Errorf("%s %s locales (-want +got):\n%s", e.Code, field, diff)
						continue
					}
					// Placeholders are consistent across locales.
					want, got := placeholders(txt.Get(src)), placeholders(txt.Get(other))
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("%s %s placeholders of %s vs %s (-want +got):\n%s", e.Code, field, src, other, diff)
					}
				}
				// Origins: the provider's locale is source, the other a translation.
				if got := e.OriginOf(src); got != catalog.OriginSource {
					t.Errorf("%s origin of %s = %s, want source", e.Code, src, got)
				}
				if got := e.OriginOf(other); got != catalog.OriginTranslated && got != catalog.OriginReviewed {
					t.Errorf("%s origin of %s = %s, want translated or reviewed", e.Code, other, got)
				}
			}
		})
	}
}

func placeholders(s string) []string {
	p := vocab.Placeholders(s)
	slices.Sort(p)
	return p
}

func TestGlossary(t *testing.T) {
	data, err := fs.ReadFile(catalogs.FS(), path.Join(catalog.OverlayDir, catalog.GlossaryFile))
	if err != nil {
		t.Fatal(err)
	}
	g, err := catalog.ParseGlossary("i18n/glossary.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Terms) < 40 {
		t.Errorf("glossary has %d terms, want at least 40", len(g.Terms))
	}
	// Every term is used by at least one built-in text, so the glossary
	// describes these catalogs and the check below has teeth.
	cats := loadWithOverlays(t)
	checked := 0
	uses := map[string]int{}
	for _, c := range cats {
		for _, f := range g.Check(c) {
			t.Errorf("%s", f)
		}
		for term, n := range g.Uses(c) {
			uses[term] += n
		}
		checked += len(c.Entries)
	}
	for _, term := range g.Terms {
		if uses[term.EN] == 0 {
			t.Errorf("glossary term %q (%s) is used by no built-in text", term.EN, term.ZH)
		}
	}
	if checked < 400 {
		t.Errorf("checked %d entries, want every built-in entry (400+)", checked)
	}
}

// TestReimportKeepsTranslations re-imports every seed page with the real
// importer (what go generate ./catalogs does), which rewrites the catalog
// files with the provider's locale only, and loads the result beside the
// committed overlays: every translation is still there, since the importer
// never writes i18n/.
func TestReimportKeepsTranslations(t *testing.T) {
	before := loadWithOverlays(t)
	fresh, diags, err := importer.BuildDir(catalogs.FS(), ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		t.Errorf("diagnostic: %s", d)
	}
	if len(fresh) != len(before) {
		t.Fatalf("re-import wrote %d catalogs, want %d", len(fresh), len(before))
	}
	fsys := fstest.MapFS{}
	for name, data := range fresh {
		if path.Dir(name) != "." {
			t.Fatalf("the importer wrote %s, outside the catalog directory", name)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	err = fs.WalkDir(catalogs.FS(), catalog.OverlayDir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if _, clash := fresh[name]; clash {
			t.Errorf("the importer writes %s, an overlay file", name)
		}
		data, err := fs.ReadFile(catalogs.FS(), name)
		fsys[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	after, err := catalog.LoadDir(fsys, ".")
	if err != nil {
		t.Fatalf("LoadDir after re-import: %v", err)
	}
	if diff := cmp.Diff(before, after, cmpCatalogs()); diff != "" {
		t.Errorf("catalogs after re-import (-before +after):\n%s", diff)
	}
}

func cmpCatalogs() cmp.Option {
	return cmp.Options{
		cmpopts.IgnoreFields(catalog.Entry{}, "Pos"),
		cmpopts.IgnoreFields(catalog.Variant{}, "Pos"),
		cmpopts.IgnoreFields(catalog.Catalog{}, "File"),
		cmpopts.EquateEmpty(),
	}
}

// TestLintTranslations runs lint over the built-in catalogs: no text is
// missing in a declared locale, and placeholders agree across locales.
func TestLintTranslations(t *testing.T) {
	for _, f := range lint.Run(loadWithOverlays(t), lint.Config{}) {
		switch {
		case f.Rule == "missing-translation",
			f.Rule == "placeholder-mismatch" && strings.Contains(f.Message, "has placeholders"):
			t.Errorf("%s", f)
		}
	}
}
