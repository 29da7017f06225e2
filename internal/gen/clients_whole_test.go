package gen

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/defs"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/source"
	"github.com/errcat/errcat/internal/synth"
	"github.com/errcat/errcat/vocab"
)

// wholeClientDomain is the model of c as newClientDomain built it
// before the Defs were built a chunk of codes at a time: every Def of the
// domain at once. It is the reference TestClientModelSameAsWhole checks
// the chunked builder against.
func wholeClientDomain(c *catalog.Catalog) (*clientDomain, error) {
	names, err := GoNames(c)
	if err != nil {
		return nil, err
	}
	_, rdefs := defs.FromCatalog(c)
	d := &clientDomain{
		ID:            c.Domain.ID,
		Name:          c.Domain.Name,
		Base:          camelID(c.Domain.ID),
		Format:        c.Domain.WireFormat,
		DefaultLocale: c.Domain.DefaultLocale(),
		Locales:       slices.Clone(c.Domain.Locales),
		SuccessCodes:  successCodes(&c.Domain, c.Domain.WireFormat),
		DocsURL:       c.Domain.DocsURL,
	}
	if d.Format == "" {
		d.Format = "problem"
	}
	if len(d.Locales) == 0 {
		d.Locales = []string{d.DefaultLocale}
	}
	entries := map[string]*catalog.Entry{}
	for i := range c.Entries {
		if e := &c.Entries[i]; entries[e.Code] == nil {
			entries[e.Code] = e
		}
	}
	taken := map[string]string{}
	for _, n := range names {
		taken[n] = "code"
	}
	for _, r := range clientReserved {
		if code, ok := codeNamed(names, r); ok {
			return nil, fmt.Errorf("%s: code %q is named %s, which the TypeScript, Python and Java clients cannot use", c.Domain.ID, code, r)
		}
	}
	for _, base := range []string{d.Base + "Error", d.Base + "Exception"} {
		if code, ok := codeNamed(names, base); ok {
			return nil, fmt.Errorf("%s: code %q is named %s, the name of the domain's base error type", c.Domain.ID, code, base)
		}
	}
	rdefs = slices.Clone(rdefs)
	slices.SortStableFunc(rdefs, func(a, b *errcat.Def) int { return compareCodes(a.Code, b.Code) })
	usedCats := map[string]bool{}
	for _, rd := range rdefs {
		usedCats[rd.Category] = true
	}
	catName := map[string]string{}
	for _, cat := range vocab.Categories() {
		if !usedCats[string(cat)] {
			continue
		}
		n := camelID(string(cat))
		if taken[n] != "" {
			n += "Error"
		}
		taken[n] = "category"
		catName[string(cat)] = n
		d.Categories = append(d.Categories, clientCategory{ID: string(cat), Name: n})
	}
	for _, rd := range rdefs {
		if _, ok := catName[rd.Category]; !ok { // a category outside the table
			n := camelID(rd.Category)
			if n == "" || taken[n] != "" {
				n += "Category"
			}
			taken[n] = "category"
			catName[rd.Category] = n
			d.Categories = append(d.Categories, clientCategory{ID: rd.Category, Name: n})
		}
	}
	def := d.DefaultLocale
	for _, rd := range rdefs {
		e := entries[rd.Code]
		cc := clientCode{
			Code:         rd.Code,
			Name:         names[rd.Code],
			Status:       rd.Status(),
			Category:     rd.Category,
			CategoryName: catName[rd.Category],
			Retryable:    rd.Retryable,
			Params:       slices.Clone(rd.Params),
			Reason:       rd.AIPReason(),
		}
		for _, l := range textLocales(d.Locales, rd.Message) {
			cc.Messages = append(cc.Messages, localeText{l, rd.Message[l]})
			cc.Patterns = append(cc.Patterns, messagePattern(l, rd.Message[l]))
		}
		if s := textIn(e.Message, def, def); s != "" {
			cc.Doc = append(cc.Doc, s)
		}
		if s := textIn(e.Remediation, def, def); s != "" {
			cc.Doc = append(cc.Doc, s)
		}
		if e.Deprecated {
			cc.Deprecated = "The code is retired"
			if e.ReplacedBy != "" {
				cc.Deprecated += "; use " + e.ReplacedBy + " instead"
			}
			cc.Deprecated += "."
		}
		d.Codes = append(d.Codes, cc)
	}
	return d, nil
}

// TestClientModelSameAsWhole checks that the client model built a chunk
// of codes at a time is the one built from every Def of the domain at
// once, on every built-in catalog and on synthetic ones across chunk
// boundaries.
func TestClientModelSameAsWhole(t *testing.T) {
	cats, err := source.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 1, 255, 256, 257, 700} {
		var b strings.Builder
		if err := synth.Write(&b, n, int64(n)+1); err != nil {
			t.Fatal(err)
		}
		syn, err := catalog.Parse("synthetic.yaml", []byte(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		cats = append(cats, syn)
	}
	for i, c := range cats {
		want, werr := wholeClientDomain(c)
		got, gerr := newClientDomain(c)
		if fmt.Sprint(werr) != fmt.Sprint(gerr) {
			t.Fatalf("%d %s: error %v, want %v", i, c.Domain.ID, gerr, werr)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%d %s: model (-want +got):\n%s", i, c.Domain.ID, diff)
		}
	}
}

// newClientDomain is the model of c with every code's model built by
// clientCodes.each (a chunk of codes at a time) and kept.
func newClientDomain(c *catalog.Catalog) (*clientDomain, error) {
	s, err := newClientCodes(c)
	if err != nil {
		return nil, err
	}
	return codesModel(s), nil
}

// codesModel returns the model of s with every code's model (each) kept.
func codesModel(s *clientCodes) *clientDomain {
	d := *s.clientDomain
	s.each(func(c *clientCode) { d.Codes = append(d.Codes, *c) })
	return &d
}

// clientDomains builds the models of cats, every code's model kept,
// sorted by domain id.
func clientDomains(kind string, cats []*catalog.Catalog) ([]*clientDomain, error) {
	var out []*clientDomain
	for _, c := range sortedCatalogs(cats) {
		d, err := newClientDomain(c)
		if err != nil {
			return nil, fmt.Errorf("gen %s: %w", kind, err)
		}
		out = append(out, d)
	}
	return out, nil
}

// synthDomains returns n synthetic catalogs of codes codes each, each
// in a domain of its own (synth.d0, synth.d1, ...).
func synthDomains(t *testing.T, n, codes int) []*catalog.Catalog {
	t.Helper()
	var out []*catalog.Catalog
	for i := range n {
		var b strings.Builder
		if err := synth.Write(&b, codes+i*37, int64(i)+5); err != nil {
			t.Fatal(err)
		}
		c, err := catalog.Parse("synthetic.yaml", []byte(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		c.Domain.ID = fmt.Sprintf("synth.d%d", i)
		out = append(out, c)
	}
	return out
}

// TestClientCodesSameAsWhole checks what the client generators read of
// a clientCodes (the names by index, the models a chunk at a time, the
// reasons) against the model built from every Def at once, across chunk
// sizes and over several domains of more than one chunk.
func TestClientCodesSameAsWhole(t *testing.T) {
	cats, err := source.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	cats = append(cats, synthDomains(t, 3, 600)...)
	for i, c := range cats {
		want, werr := wholeClientDomain(c)
		for _, chunk := range []int{1, 7, clientChunk, 1 << 20} {
			s, gerr := newClientCodes(c)
			if fmt.Sprint(werr) != fmt.Sprint(gerr) {
				t.Fatalf("%d %s: error %v, want %v", i, c.Domain.ID, gerr, werr)
			}
			if gerr != nil {
				break
			}
			s.chunk = chunk
			if diff := cmp.Diff(want, codesModel(s)); diff != "" {
				t.Errorf("%d %s chunk %d: model (-want +got):\n%s", i, c.Domain.ID, chunk, diff)
			}
			var names, codes []string
			for k := range s.numCodes() {
				codes = append(codes, s.codeAt(k))
				names = append(names, s.nameAt(k))
			}
			var wantNames, wantCodes []string
			for _, cc := range want.Codes {
				wantCodes = append(wantCodes, cc.Code)
				wantNames = append(wantNames, cc.Name)
			}
			if diff := cmp.Diff(wantCodes, codes); diff != "" {
				t.Errorf("%d %s: codes (-want +got):\n%s", i, c.Domain.ID, diff)
			}
			if diff := cmp.Diff(wantNames, names); diff != "" {
				t.Errorf("%d %s: names (-want +got):\n%s", i, c.Domain.ID, diff)
			}
			var wantPatterns, patterns [][]clientPattern
			for k := range want.Codes {
				wantPatterns = append(wantPatterns, want.Codes[k].paramPatterns())
			}
			var patternCodes []string
			s.eachPatterns(func(code string, ps []clientPattern) {
				patternCodes = append(patternCodes, code)
				patterns = append(patterns, slices.Clone(ps))
			})
			if diff := cmp.Diff(wantCodes, patternCodes); diff != "" {
				t.Errorf("%d %s chunk %d: codes of eachPatterns (-want +got):\n%s", i, c.Domain.ID, chunk, diff)
			}
			if diff := cmp.Diff(wantPatterns, patterns, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%d %s chunk %d: patterns (-want +got):\n%s", i, c.Domain.ID, chunk, diff)
			}
			if diff := cmp.Diff(want.reasons(), s.reasons()); diff != "" {
				t.Errorf("%d %s chunk %d: reasons (-want +got):\n%s", i, c.Domain.ID, chunk, diff)
			}
		}
	}
}

// TestClientWritersSameAcrossChunks checks that index.ts, __init__.py and
// the Java base class are the same bytes whatever the number of codes
// modelled at once: one chunk holding every code (the model as it was
// built whole) or several.
func TestClientWritersSameAcrossChunks(t *testing.T) {
	cats := synthDomains(t, 2, 600)
	for _, c := range cats {
		var want [3]string
		for _, chunk := range []int{1 << 20, clientChunk, 7} {
			s, err := newClientCodes(c)
			if err != nil {
				t.Fatal(err)
			}
			s.chunk = chunk
			var ts, py, java strings.Builder
			if err := writeTSIndex(&ts, s); err != nil {
				t.Fatal(err)
			}
			if err := writePyInit(&py, s); err != nil {
				t.Fatal(err)
			}
			if err := writeJavaBase(&java, s, "p"); err != nil {
				t.Fatal(err)
			}
			got := [3]string{ts.String(), py.String(), java.String()}
			if chunk == 1<<20 {
				want = got
				continue
			}
			for k, name := range []string{"index.ts", "__init__.py", "Java base"} {
				if got[k] != want[k] {
					t.Errorf("%s chunk %d: %s differs from the one-chunk output", c.Domain.ID, chunk, name)
				}
			}
		}
	}
}
