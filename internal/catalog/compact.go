package catalog

import (
	"slices"
	"strings"
	"sync"
	"unsafe"
)

// compact moves every string of c into one new backing string, so that
// whatever c's strings pointed into before (the bytes of a file of
// hundreds of megabytes, for the fast loader) can be collected. A short
// string that repeats (locale keys, file names, categories, param names)
// is stored once. It runs three walks over c in the same order: the
// first measures the strings and lays out the short ones, the second
// lays out the long ones in a backing string of exactly that size (no
// slack and no second copy: at a million entries the copy is made while
// the file is still live, at the peak of the load), the third points
// each field at its copy.
//
// The entries are compacted in parts pieces at once, each into a backing
// string of its own (the first piece's holding the domain's strings too).
//
// file is what c's strings may point into. A text longer than
// shortString that does not point into it stays where it is: the fast
// reader encodes texts into blocks of their own (textArena), and copying
// them again, at the peak of the load, would only hold them twice.
func compact(c *Catalog, parts int, file string) {
	parts = max(1, min(parts, len(c.Entries)))
	var wg sync.WaitGroup
	for k := range parts {
		from, to := len(c.Entries)*k/parts, len(c.Entries)*(k+1)/parts
		if parts == 1 {
			compactPart(c, from, to, true, file)
			break
		}
		wg.Go(func() { compactPart(c, from, to, k == 0, file) })
	}
	wg.Wait()
}

// compactPart compacts entries from to to of c, and the catalog's own
// and its domain's strings when domain is set.
func compactPart(c *Catalog, from, to int, domain bool, file string) {
	w := compactor{from: from, to: to, domain: domain, file: file}
	w.seen = map[string]int{}
	w.count = true
	w.walk(c)
	w.count = false
	// Long strings first, in walk order; then the shared short ones.
	w.b.Grow(w.n + w.short.Len())
	w.walk(c)
	w.shortAt = w.b.Len()
	w.b.WriteString(w.short.String())
	w.big = w.b.String()
	w.b, w.short = strings.Builder{}, strings.Builder{}
	w.assign = true
	w.walk(c)
}

// shortString is the longest string compact shares between fields.
const shortString = 24

type compactor struct {
	from, to int             // the entries to walk
	domain   bool            // whether to walk the catalog's and domain's strings
	b        strings.Builder // long strings, in walk order
	short    strings.Builder // each distinct short string once
	shortAt  int             // where short begins in big
	big      string
	n        int // bytes of the long strings (first walk)
	off      int // next long string's offset in big (third walk)
	count    bool
	assign   bool
	seen     map[string]int // short string → its offset in short
	file     string         // what the strings to move may point into
}

// str measures (first walk), lays out (second walk) or re-points
// (third walk) one string.
func (w *compactor) str(s *string) {
	v := *s
	if v == "" {
		return
	}
	if len(v) <= shortString {
		if w.count {
			if _, ok := w.seen[v]; !ok {
				w.seen[v] = w.short.Len()
				w.short.WriteString(v)
			}
			return
		}
		if !w.assign {
			return
		}
		off := w.shortAt + w.seen[v]
		*s = w.big[off : off+len(v)]
		return
	}
	if w.count {
		w.n += len(v)
		return
	}
	if !w.assign {
		w.b.WriteString(v)
		return
	}
	*s = w.big[w.off : w.off+len(v)]
	w.off += len(v)
}

func (w *compactor) strs(ss []string) {
	for i := range ss {
		w.str(&ss[i])
	}
}

// text re-points a Text's one string, unless it is long and already
// outside the file (see compact).
func (w *compactor) text(t *Text) {
	if len(t.s) > shortString && !within(t.s, w.file) {
		return
	}
	w.str(&t.s)
}

// within reports whether s's bytes lie in outer's.
func within(s, outer string) bool {
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	lo := uintptr(unsafe.Pointer(unsafe.StringData(outer)))
	return p >= lo && p-lo < uintptr(len(outer))
}

// strMap re-points the values of a map, in sorted key order (the same in
// every walk). Its keys are the fast reader's interned ones (internKey)
// and stay as they are.
func (w *compactor) strMap(m map[string]string) {
	var buf [4]string
	for _, k := range sortedKeys(m, buf[:0]) {
		v := m[k]
		w.str(&v)
		if w.assign {
			m[k] = v
		}
	}
}

// sortedKeys returns m's keys sorted, in buf when they fit.
func sortedKeys[V any](m map[string]V, buf []string) []string {
	for k := range m {
		buf = append(buf, k)
	}
	slices.Sort(buf)
	return buf
}

func (w *compactor) source(s *Source) {
	if s == nil {
		return
	}
	w.str(&s.File)
	w.strMap(s.Original)
}

func (w *compactor) walk(c *Catalog) {
	if w.domain {
		w.walkDomain(c)
	}
	for i := w.from; i < w.to; i++ {
		w.entry(&c.Entries[i])
	}
}

func (w *compactor) walkDomain(c *Catalog) {
	w.str(&c.File)
	d := &c.Domain
	w.str(&d.ID)
	w.str(&d.Name)
	w.str(&d.Provider)
	w.strs(d.Locales)
	w.str(&d.WireFormat)
	w.str(&d.CodeKind)
	if d.SuccessCode != nil {
		w.str(d.SuccessCode)
	}
	w.str(&d.InternalCode)
	w.str(&d.DocsURL)
	w.str(&d.APIDomain)
	w.text(&d.Description)
	if d.SubCode != nil {
		w.str(&d.SubCode.Field)
		w.str(&d.SubCode.Pattern)
		w.str(&d.SubCode.Example)
		w.text(&d.SubCode.Description)
	}
	for i := range d.Ranges {
		w.str(&d.Ranges[i].Note)
	}
	if d.Lint != nil {
		// Rule settings are few and small; cloning them is simpler than
		// walking their free-form options.
		if w.count {
			d.Lint = cloneLint(d.Lint)
		}
	}
	if d.Source != nil {
		w.str(&d.Source.File)
		w.str(&d.Source.Format)
		w.str(&d.Source.Title)
		w.str(&d.Source.Updated)
		w.str(&d.Source.URL)
		w.strs(d.Source.Notes)
	}
}

func (w *compactor) entry(e *Entry) {
	w.str(&e.Code)
	cat := string(e.Category)
	w.str(&cat)
	e.Category = Category(cat)
	w.str(&e.Reason)
	w.str(&e.RetryAfter)
	w.strs(e.Inferred)
	w.text(&e.Title)
	w.text(&e.Message)
	w.text(&e.Remediation)
	w.origins(e.Origin)
	for j := range e.Params {
		w.str(&e.Params[j].Name)
		w.str(&e.Params[j].Description)
	}
	for j := range e.Variants {
		v := &e.Variants[j]
		w.text(&v.Message)
		w.text(&v.Remediation)
		w.source(v.Source)
	}
	w.str(&e.ReplacedBy)
	w.strs(e.Aliases)
	for j := range e.Exempt {
		w.str(&e.Exempt[j].Rule)
		w.str(&e.Exempt[j].Reason)
	}
	w.source(e.Source)
}

// origins leaves the map as it is: the fast reader interns both its keys
// and its values.
func (w *compactor) origins(map[string]Origin) {}

// cloneLint deep-copies a domain's lint settings so no string of them
// points into the loaded file.
func cloneLint(l *LintConfig) *LintConfig {
	out := &LintConfig{}
	for _, s := range l.Disable {
		out.Disable = append(out.Disable, strings.Clone(s))
	}
	if l.Rules != nil {
		out.Rules = make(map[string]RuleConfig, len(l.Rules))
		for k, r := range l.Rules {
			nr := RuleConfig{Severity: strings.Clone(r.Severity)}
			if r.Options != nil {
				nr.Options = make(map[string]any, len(r.Options))
				for ok, ov := range r.Options {
					nr.Options[strings.Clone(ok)] = cloneAny(ov)
				}
			}
			out.Rules[strings.Clone(k)] = nr
		}
	}
	return out
}

func cloneAny(v any) any {
	switch x := v.(type) {
	case string:
		return strings.Clone(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = cloneAny(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[strings.Clone(k)] = cloneAny(e)
		}
		return out
	}
	return v
}
