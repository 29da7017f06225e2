package gen

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/defs"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/vocab"
)

// The client generators (TypeScript, Python, Java) share one model of a
// domain, built here: the same code names as the Go generator (GoNames),
// the category classes between the base type and the code types, and per
// code the message templates and the patterns that recover params from a
// received message. Each language file only spells the model.

// clientDomain is a domain as the client generators see it.
type clientDomain struct {
	ID            string
	Name          string
	Base          string // CamelCase of the domain id: ZillizCloud
	Format        string // the domain's default wire format
	DefaultLocale string
	Locales       []string
	SuccessCodes  []string // codes that mean success in the domain's format
	DocsURL       string
	Categories    []clientCategory // the categories the codes use, canonical order
	Codes         []clientCode     // sorted by compareCodes
}

type clientCategory struct {
	ID   string // invalid_argument
	Name string // InvalidArgument (or InvalidArgumentError on a clash)
}

type clientCode struct {
	Code         string
	Name         string // GoNames
	Status       int    // errcat.Def.Status
	Category     string
	CategoryName string // the class of the category
	Retryable    bool
	Params       []string
	// Reason is the AIP-193 reason a google body names the code by.
	Reason     string
	Messages   []localeText // per domain locale that has one
	Patterns   []clientPattern
	Doc        []string // message, then remediation, in the default locale
	Deprecated string   // "" or the deprecation sentence
}

type localeText struct{ Locale, Text string }

// clientPattern recovers params from a received message in one locale:
// Regex (a pattern whose syntax TypeScript, Python, Java and Go read
// alike: anchored, literal punctuation escaped, one lazy group per
// distinct placeholder) and the param each group fills.
type clientPattern struct {
	Locale string
	Regex  string
	Groups []string
}

// paramPatterns returns the patterns of c that recover at least one
// param: the only ones a reader needs.
// metadataKeys returns, for the params whose AIP-193 metadata key differs
// from their name, key and name pairs: a google body carries params under
// these keys.
func (c *clientCode) metadataKeys() [][2]string {
	var out [][2]string
	for _, p := range c.Params {
		if k := vocab.MetadataKey(p); k != p && !slices.ContainsFunc(out, func(x [2]string) bool { return x[0] == k }) {
			out = append(out, [2]string{k, p})
		}
	}
	return out
}

// reasons returns the codes whose AIP-193 reason differs from the code,
// as reason and code pairs, the first code of a reason winning.
func (d *clientDomain) reasons() [][2]string {
	var r reasonSet
	for i := range d.Codes {
		r.add(d.Codes[i].Code, d.Codes[i].Reason)
	}
	return r.pairs
}

// reasonSet gathers, code by code in order, the reason and code pairs
// of the codes whose AIP-193 reason differs from the code, the first
// code of a reason winning.
type reasonSet struct {
	seen  map[string]bool
	pairs [][2]string
}

func (r *reasonSet) add(code, reason string) {
	if reason == code || r.seen[reason] {
		return
	}
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	r.seen[reason] = true
	r.pairs = append(r.pairs, [2]string{reason, code})
}

func (c *clientCode) paramPatterns() []clientPattern {
	var out []clientPattern
	for _, pt := range c.Patterns {
		if len(pt.Groups) > 0 {
			out = append(out, pt)
		}
	}
	return out
}

// quotedGroups returns the param names of pt as string literals, each
// followed by suffix.
func (pt clientPattern) quotedGroups(suffix string) []string {
	gs := make([]string, len(pt.Groups))
	for i, g := range pt.Groups {
		gs[i] = jsString(g) + suffix
	}
	return gs
}

// successCodes returns the codes that mean success for domain d in format.
func successCodes(d *catalog.Domain, format string) []string {
	var out []string
	if d.SuccessCode != nil {
		out = append(out, *d.SuccessCode)
	}
	// A format whose bodies carry integer codes carries one on success
	// too, 0.
	if f, ok := vocab.LookupWireFormat(format); ok && f.IntegerCodes && !slices.Contains(out, "0") {
		out = append(out, "0")
	}
	return out
}

// clientReserved are names a code type may not take in any client
// language: the languages' own types the generated code refers to.
var clientReserved = []string{
	"Error", "Object", "String", "Number", "Boolean", "Array", "Map", "Record", "Promise", "Symbol", "Headers",
	"Exception", "RuntimeException", "Integer", "Override", "Math", "System", "List", "Set", "Pattern", "Matcher",
	"None", "True", "False", "Any", "Mapping", "Final", "ClassVar", "Optional",
}

// clientChunk is the number of codes whose Defs are built at once: a
// Def holds maps of its texts and, once asked for its AIP-193 reason,
// its compiled templates, so building them all at once (a million codes)
// held gigabytes only to copy a few strings out of each.
const clientChunk = 256

// clientHeader is what the model of a domain needs before any code is
// modelled: the domain's fields, the code names (GoNames), the category
// classes, and the first entry of every code sorted by compareCodes.
type clientHeader struct {
	c       *catalog.Catalog
	domain  *clientDomain // Codes left empty
	names   map[string]string
	catName map[string]string
	errDom  *errcat.Domain
	order   []int // index in c.Entries of each code's first entry, by compareCodes
}

// newClientHeader builds the header of the model of c.
func newClientHeader(c *catalog.Catalog) (*clientHeader, error) {
	names, err := GoNames(c)
	if err != nil {
		return nil, err
	}
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
	// The first entry of each code (the one defs.FromCatalog makes the
	// code's Def of), in the order of the Defs sorted by code.
	var order []int
	seen := make(map[string]bool, len(c.Entries))
	for i := range c.Entries {
		if code := c.Entries[i].Code; !seen[code] {
			seen[code] = true
			order = append(order, i)
		}
	}
	seen = nil
	slices.SortStableFunc(order, func(a, b int) int { return compareCodes(c.Entries[a].Code, c.Entries[b].Code) })
	usedCats := map[string]bool{}
	for _, i := range order {
		usedCats[string(c.Entries[i].Category)] = true
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
	for _, i := range order {
		cat := string(c.Entries[i].Category)
		if _, ok := catName[cat]; !ok { // a category outside the table
			n := camelID(cat)
			if n == "" || taken[n] != "" {
				n += "Category"
			}
			taken[n] = "category"
			catName[cat] = n
			d.Categories = append(d.Categories, clientCategory{ID: cat, Name: n})
		}
	}
	errDom, _ := defs.FromCatalog(&catalog.Catalog{Domain: c.Domain})
	return &clientHeader{c: c, domain: d, names: names, catName: catName, errDom: errDom, order: order}, nil
}

// defsOf builds the Defs of the entries at part (indexes in c.Entries of
// distinct codes), in that order, all of them in the header's domain.
func (h *clientHeader) defsOf(part []int) []*errcat.Def {
	sub := &catalog.Catalog{Domain: h.c.Domain, Entries: make([]catalog.Entry, len(part))}
	for k, i := range part {
		sub.Entries[k] = h.c.Entries[i]
	}
	_, ds := defs.FromCatalog(sub)
	for _, d := range ds {
		d.Domain = h.errDom
	}
	return ds
}

// appendCodes appends to out the models of the codes whose first entries
// are at part (indexes in c.Entries), in that order. rdefs, when not nil,
// are their Defs (defsOf(part)); otherwise they are built.
func (h *clientHeader) appendCodes(out []clientCode, part []int, rdefs []*errcat.Def) []clientCode {
	if rdefs == nil {
		rdefs = h.defsOf(part)
	}
	d := h.domain
	def := d.DefaultLocale
	for k, rd := range rdefs {
		e := &h.c.Entries[part[k]]
		cc := clientCode{
			Code:         rd.Code,
			Name:         h.names[rd.Code],
			Status:       rd.Status(),
			Category:     rd.Category,
			CategoryName: h.catName[rd.Category],
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
		out = append(out, cc)
	}
	return out
}

func codeNamed(names map[string]string, n string) (string, bool) {
	for code, name := range names {
		if name == n {
			return code, true
		}
	}
	return "", false
}

// textLocales returns the locales of t: the domain's first, in order, then
// any other, sorted.
func textLocales(domain []string, t map[string]string) []string {
	var out []string
	for _, l := range domain {
		if _, ok := t[l]; ok {
			out = append(out, l)
		}
	}
	var rest []string
	for l := range t {
		if !slices.Contains(out, l) {
			rest = append(rest, l)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// camelID capitalises the letter-and-digit runs of s and joins them:
// zilliz.cloud → ZillizCloud, invalid_argument → InvalidArgument.
func camelID(s string) string {
	var b strings.Builder
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return !(r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r))) }) {
		b.WriteString(capitalise(p))
	}
	n := b.String()
	if n != "" && !unicode.IsLetter(rune(n[0])) {
		n = "E" + n
	}
	return n
}

// regexSpecial are the characters messagePattern escapes: the syntax
// characters of the four regex dialects; escaping them is valid in all.
const regexSpecial = `\^$.|?*+()[]{}/`

// messagePattern turns a message template into a pattern that matches the
// filled message and captures each distinct placeholder once (a repeated
// placeholder matches anything: RE2 has no back references).
func messagePattern(locale, t string) clientPattern {
	p := clientPattern{Locale: locale}
	var b strings.Builder
	b.WriteString("^")
	lit := func(s string) {
		for _, r := range s {
			switch {
			case strings.ContainsRune(regexSpecial, r):
				b.WriteByte('\\')
				b.WriteRune(r)
			case r == '\n':
				b.WriteString(`\n`)
			case r == '\r':
				b.WriteString(`\r`)
			case r == '\t':
				b.WriteString(`\t`)
			case r < 0x20 || r == 0x7f:
				fmt.Fprintf(&b, `\x%02x`, r)
			default:
				b.WriteRune(r)
			}
		}
	}
	last := 0
	for start, end := vocab.NextPlaceholder(t, 0); start >= 0; start, end = vocab.NextPlaceholder(t, end) {
		lit(t[last:start])
		name := t[start+1 : end-1]
		if slices.Contains(p.Groups, name) {
			b.WriteString("(?:[\\s\\S]*?)")
		} else {
			p.Groups = append(p.Groups, name)
			b.WriteString("([\\s\\S]*?)")
		}
		last = end
	}
	lit(t[last:])
	b.WriteString("$")
	p.Regex = b.String()
	return p
}

// recoverParams applies the patterns to msg the way the generated readers
// do: the first pattern that matches gives the params, trying the pattern
// of locale lang (the response's Content-Language) first.
func recoverParams(ps []clientPattern, msg, lang string) map[string]string {
	ordered := slices.Clone(ps)
	slices.SortStableFunc(ordered, func(a, b clientPattern) int {
		switch {
		case a.Locale == lang && b.Locale != lang:
			return -1
		case b.Locale == lang && a.Locale != lang:
			return 1
		}
		return 0
	})
	for _, p := range ordered {
		re, err := regexp.Compile(p.Regex)
		if err != nil {
			continue
		}
		m := re.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		out := map[string]string{}
		for i, g := range p.Groups {
			out[g] = m[i+1]
		}
		return out
	}
	return map[string]string{}
}

// clientCodes is a domain as the client generators go over it: the
// domain's fields and categories (Codes left empty), the name of every
// code, and the models of the codes, built a chunk of codes at a time
// for each pass that needs more than the names (each), so that the
// models of a million codes are never held at once.
type clientCodes struct {
	*clientDomain
	h     *clientHeader
	chunk int // codes modelled at once: clientChunk
}

// newClientCodes builds the header of the model of c.
func newClientCodes(c *catalog.Catalog) (*clientCodes, error) {
	h, err := newClientHeader(c)
	if err != nil {
		return nil, err
	}
	return &clientCodes{clientDomain: h.domain, h: h, chunk: clientChunk}, nil
}

// numCodes is the number of codes.
func (s *clientCodes) numCodes() int { return len(s.h.order) }

// codeAt is the code at i, by compareCodes.
func (s *clientCodes) codeAt(i int) string { return s.h.c.Entries[s.h.order[i]].Code }

// nameAt is the name (GoNames) of the code at i.
func (s *clientCodes) nameAt(i int) string { return s.h.names[s.codeAt(i)] }

// each calls fn with the model of every code, in order. fn must not keep
// c: the models of a chunk are overwritten by the next chunk's.
func (s *clientCodes) each(fn func(c *clientCode)) {
	var buf []clientCode
	for start := 0; start < len(s.h.order); start += s.chunk {
		clear(buf)
		buf = s.h.appendCodes(buf[:0], s.h.order[start:min(start+s.chunk, len(s.h.order))], nil)
		for i := range buf {
			fn(&buf[i])
		}
	}
}

// eachPatterns calls fn with every code, in order, and its
// paramPatterns: the model's patterns without the rest of the model (no
// docs, no AIP-193 reason and so no compiled templates). fn must not
// keep ps.
func (s *clientCodes) eachPatterns(fn func(code string, ps []clientPattern)) {
	var ps []clientPattern
	for start := 0; start < len(s.h.order); start += s.chunk {
		for _, rd := range s.h.defsOf(s.h.order[start:min(start+s.chunk, len(s.h.order))]) {
			ps = ps[:0]
			for _, l := range textLocales(s.Locales, rd.Message) {
				if pt := messagePattern(l, rd.Message[l]); len(pt.Groups) > 0 {
					ps = append(ps, pt)
				}
			}
			fn(rd.Code, ps)
		}
	}
}

// reasons is clientDomain.reasons without the models: the Defs of a
// chunk of codes at a time, and only their reasons.
func (s *clientCodes) reasons() [][2]string {
	var r reasonSet
	for start := 0; start < len(s.h.order); start += s.chunk {
		for _, rd := range s.h.defsOf(s.h.order[start:min(start+s.chunk, len(s.h.order))]) {
			r.add(rd.Code, rd.AIPReason())
		}
	}
	return r.pairs
}

// codeKeys is a code and its metadataKeys.
type codeKeys struct {
	Code string
	Keys [][2]string
}

// clientSets builds the headers of the models of cats, sorted by domain
// id.
func clientSets(kind string, cats []*catalog.Catalog) ([]*clientCodes, error) {
	var out []*clientCodes
	for _, c := range sortedCatalogs(cats) {
		s, err := newClientCodes(c)
		if err != nil {
			return nil, fmt.Errorf("gen %s: %w", kind, err)
		}
		out = append(out, s)
	}
	return out, nil
}

// wrapText splits s into lines of at most width runes at spaces (a word
// longer than width stays whole).
func wrapText(s string, width int) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		line := ""
		for _, w := range words {
			switch {
			case line == "":
				line = w
			case len([]rune(line))+1+len([]rune(w)) <= width:
				line += " " + w
			default:
				lines = append(lines, line)
				line = w
			}
		}
		if line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}
