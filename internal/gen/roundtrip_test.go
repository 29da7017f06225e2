package gen_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/gen"
	"github.com/errcat/errcat/internal/importer"
	"github.com/errcat/errcat/vocab"
)

// docStyle is a documentation style the importer reads, and the fields
// its pages carry.
type docStyle struct {
	name   string // generator/style
	gen    string
	style  string
	format string // the importer's format
	ext    string
	// Fields the page carries. Code and message are always carried.
	status, title, remediation, variants bool
	// titleIfAll / remediationIfAll: carried only when every row has one
	// (the plain text table cannot leave a cell blank).
	ifAll bool
	// oneLine: texts are carried with their whitespace collapsed.
	oneLine bool
	// codes, when set, limits the style to catalogs whose codes all
	// match (a bold-number list only reads code-like words as codes).
	codes func(string) bool
	// unread lists characters the importer's reader of the style does not
	// read back from their escaped form; random catalogs leave them out
	// of texts for the style. The RST reader strips `roles` and *emphasis*
	// before it resolves escapes, so escaped backticks and asterisks (\`,
	// \*) do not survive it.
	unread string
}

// docStyles lists, per style, what it carries (and every imported entry's
// params must be exactly the {name}s of its code and texts):
//
//	markdown table: code, HTTP status, title, message, remediation, variants
//	markdown list:  code, message, variants' messages (no status, title, remediation)
//	rst grid:       code, HTTP status, message, remediation, variants (no title)
//	text plain:     code, HTTP status, message, variants; title and remediation
//	                only when every row has one; whitespace collapsed
//	html:           code, HTTP status, title, message, remediation, variants
var docStyles = []docStyle{
	{name: "markdown-table", gen: "markdown", style: gen.StyleTable, format: "markdown", ext: "md", status: true, title: true, remediation: true, variants: true},
	{name: "markdown-list", gen: "markdown", style: gen.StyleList, format: "markdown", ext: "md", variants: true, codes: listCode},
	{name: "rst", gen: "rst", format: "rst", ext: "rst", status: true, remediation: true, variants: true, unread: "`*"},
	{name: "text", gen: "text", format: "text", ext: "txt", status: true, title: true, remediation: true, variants: true, ifAll: true, oneLine: true},
	{name: "html", gen: "html", format: "html", ext: "html", status: true, title: true, remediation: true, variants: true},
}

// listCode is what a bold-number list can carry as a code: a number, or
// an identifier with a dot, dash, underscore or digit.
func listCode(code string) bool {
	if code == "" {
		return false
	}
	digits, sep := true, false
	for _, r := range code {
		switch {
		case r >= '0' && r <= '9':
		case r == '.' || r == '_' || r == '-':
			digits, sep = false, true
		default:
			digits = false
		}
	}
	return digits || sep || strings.ContainsAny(code, "0123456789")
}

// rtEntry is the part of an entry a page carries.
type rtEntry struct {
	Code                        string
	Status                      string
	Title, Message, Remediation string
	Variants                    []rtVariant
}

type rtVariant struct {
	Status, Message, Remediation string
}

// carried projects c onto what style s carries in locale loc.
func carried(c *catalog.Catalog, loc string, s docStyle) []rtEntry {
	def := c.Domain.DefaultLocale()
	text := func(t catalog.Text) string {
		v := t.Get(loc)
		if !t.Has(loc) {
			v = t.Get(def)
		}
		if s.oneLine {
			v = strings.Join(strings.Fields(v), " ")
		}
		return v
	}
	status := func(p *int) string {
		if !s.status || p == nil {
			return ""
		}
		return fmt.Sprint(*p)
	}
	allTitles, allRem := true, true
	for _, e := range c.Entries {
		allTitles = allTitles && text(e.Title) != ""
		allRem = allRem && text(e.Remediation) != ""
		for _, v := range e.Variants {
			allTitles = false
			allRem = allRem && text(v.Remediation) != ""
		}
	}
	withTitle := s.title && (!s.ifAll || allTitles)
	withRem := s.remediation && (!s.ifAll || allRem)
	var out []rtEntry
	for _, e := range c.Entries {
		r := rtEntry{Code: e.Code, Status: status(e.HTTPStatus), Message: text(e.Message)}
		if withTitle {
			r.Title = text(e.Title)
		}
		if withRem {
			r.Remediation = text(e.Remediation)
		}
		if s.variants {
			for _, v := range e.Variants {
				rv := rtVariant{Status: status(v.HTTPStatus), Message: text(v.Message)}
				if withRem {
					rv.Remediation = text(v.Remediation)
				}
				r.Variants = append(r.Variants, rv)
			}
		}
		out = append(out, r)
	}
	return out
}

// roundTrip generates c's page in style s and locale loc, imports it and
// returns the -want +got difference of what the page carries.
func roundTrip(t *testing.T, c *catalog.Catalog, loc string, s docStyle) string {
	t.Helper()
	g, _ := gen.Lookup(s.gen)
	files, err := g.Run([]*catalog.Catalog{c}, gen.Options{Style: s.style, Lang: loc})
	if err != nil {
		t.Fatalf("gen %s: %v", s.name, err)
	}
	name := c.Domain.ID + "." + loc + "." + s.ext
	page, ok := files[name]
	if !ok {
		t.Fatalf("gen %s wrote %v, not %s", s.name, files.Paths(), name)
	}
	got, diags, err := importer.Import(name, page, importer.Options{Format: s.format, Domain: c.Domain.ID, Locale: loc, WireFormat: c.Domain.WireFormat, CodeKind: c.Domain.CodeKind})
	if err != nil {
		t.Fatalf("import %s: %v\n%s", name, err, page)
	}
	for _, d := range diags {
		t.Errorf("import %s: %s", name, d)
	}
	for _, e := range got.Entries {
		if diff := cmp.Diff(placeholderNames(&e), paramNames(e.Params)); diff != "" {
			t.Errorf("import %s: %s params (-placeholders +params):\n%s", name, e.Code, diff)
		}
	}
	return cmp.Diff(carried(c, loc, s), carried(got, loc, s))
}

// placeholderNames returns the sorted {name}s of an entry's code and texts.
func placeholderNames(e *catalog.Entry) []string {
	texts := []string{e.Code}
	for _, t := range []catalog.Text{e.Title, e.Message, e.Remediation} {
		for _, v := range t.All() {
			texts = append(texts, v)
		}
	}
	for _, v := range e.Variants {
		for _, t := range []catalog.Text{v.Message, v.Remediation} {
			for _, x := range t.All() {
				texts = append(texts, x)
			}
		}
	}
	var names []string
	for _, x := range texts {
		for _, n := range vocab.Placeholders(x) {
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	slices.Sort(names)
	return names
}

func paramNames(ps []catalog.Param) []string {
	var names []string
	for _, p := range ps {
		names = append(names, p.Name)
	}
	slices.Sort(names)
	return names
}

// TestRoundTripSeeds: for every seed catalog, locale and documentation
// style the importer reads, importing the generated page gives back the
// fields the style carries (see docStyles).
func TestRoundTripSeeds(t *testing.T) {
	for _, c := range seedList(t) {
		for _, loc := range c.Domain.Locales {
			for _, s := range docStyles {
				t.Run(c.Domain.ID+"/"+loc+"/"+s.name, func(t *testing.T) {
					if s.codes != nil && slices.ContainsFunc(c.Entries, func(e catalog.Entry) bool { return !s.codes(e.Code) }) {
						t.Skipf("%s carries only code-like codes; %s has others", s.name, c.Domain.ID)
					}
					if diff := roundTrip(t, c, loc, s); diff != "" {
						t.Errorf("import(gen(catalog)) differs (-want +got):\n%s", diff)
					}
				})
			}
		}
	}
}

// randomCatalog builds a catalog from r: codes numeric or dotted, statuses
// or none, titles, messages and remediations in one or two locales drawn
// from words with Markdown, RST and HTML metacharacters, CJK text and
// {placeholders}, and variants.
func randomCatalog(r *rand.Rand, i int, unread string) *catalog.Catalog {
	localeSets := [][]string{{"en"}, {"zh-CN"}, {"en", "zh-CN"}}
	locs := localeSets[r.IntN(len(localeSets))]
	c := &catalog.Catalog{Domain: catalog.Domain{
		ID: fmt.Sprintf("random.c%d", i), Name: fmt.Sprintf("Random %d", i),
		Locales: locs, WireFormat: "problem", CodeKind: "string",
	}}
	words := []string{"order", "Cluster", "quota", "x*y", "a|b", "[draft]", "#7", `back\\slash`, "`tick`", "snake_case",
		"_lead", "trail_", "a<b", "1+1", "{order_id}", "{region}", "订单", "不存在", "配额不足", "请稍后重试", "&amp", "\"quoted\"", "it's", "--", "(paren)"}
	words = slices.DeleteFunc(words, func(w string) bool { return unread != "" && strings.ContainsAny(w, unread) })
	sentence := func(n int) string {
		var ws []string
		for k := 0; k < n; k++ {
			ws = append(ws, words[r.IntN(len(words))])
		}
		s := strings.Join(ws, " ")
		rs := []rune(s)
		return strings.ToUpper(string(rs[0])) + string(rs[1:]) + "."
	}
	text := func(n int) catalog.Text {
		t := catalog.T()
		for _, l := range locs {
			t.Set(l, sentence(n))
		}
		return t
	}
	statuses := []int{0, 400, 401, 403, 404, 409, 429, 500, 503}
	status := func() *int {
		s := statuses[r.IntN(len(statuses))]
		if s == 0 {
			return nil
		}
		return &s
	}
	numeric := r.IntN(2) == 0
	withTitles, withRem := r.IntN(2) == 0, r.IntN(2) == 0
	n := 1 + r.IntN(12)
	seen := map[string]bool{}
	for len(c.Entries) < n {
		code := fmt.Sprint(1000 + r.IntN(9000))
		if !numeric {
			parts := []string{"Invalid", "Order", "Quota", "Region", "NotFound", "Exceeded", "Busy"}
			code = parts[r.IntN(len(parts))] + "." + parts[r.IntN(len(parts))] + fmt.Sprint(r.IntN(10))
		}
		if seen[code] {
			continue
		}
		seen[code] = true
		e := catalog.Entry{Code: code, HTTPStatus: status(), Category: catalog.Internal, Message: text(2 + r.IntN(6))}
		if withTitles {
			e.Title = text(1 + r.IntN(3))
		}
		if withRem && r.IntN(4) > 0 {
			e.Remediation = text(2 + r.IntN(5))
		}
		for k := r.IntN(3); k > 0 && r.IntN(2) == 0; k-- {
			v := catalog.Variant{HTTPStatus: status(), Message: text(3 + r.IntN(4))}
			e.Variants = append(e.Variants, v)
		}
		names := map[string]bool{}
		for _, t := range []catalog.Text{e.Title, e.Message, e.Remediation} {
			for _, l := range t.Locales() {
				for _, p := range vocab.Placeholders(t.Get(l)) {
					names[p] = true
				}
			}
		}
		for _, p := range []string{"order_id", "region"} {
			if names[p] {
				e.Params = append(e.Params, catalog.Param{Name: p})
			}
		}
		c.Entries = append(c.Entries, e)
	}
	return c
}

// TestRoundTripRandom is the property over random catalogs: for each
// style, import(gen(c)) carries what c has in the fields the style carries.
func TestRoundTripRandom(t *testing.T) {
	for i := range 150 {
		for _, s := range docStyles {
			c := randomCatalog(rand.New(rand.NewPCG(uint64(i), 2026)), i, s.unread)
			for _, loc := range c.Domain.Locales {
				if s.codes != nil && slices.ContainsFunc(c.Entries, func(e catalog.Entry) bool { return !s.codes(e.Code) }) {
					continue
				}
				t.Run(fmt.Sprintf("%d/%s/%s", i, loc, s.name), func(t *testing.T) {
					if diff := roundTrip(t, c, loc, s); diff != "" {
						yml, _ := catalog.Marshal(c, "")
						t.Errorf("import(gen(catalog)) differs (-want +got):\n%s\ncatalog:\n%s", diff, yml)
					}
				})
			}
		}
	}
}
