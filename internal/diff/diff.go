// Package diff classifies the changes between two versions of a set of
// error catalogs as breaking or compatible for the clients of the API.
//
// Codes are append-only: a client that matches on a code, its HTTP status,
// its category, its retry flag or the params of its message breaks when
// any of them changes. A code may be retired only by keeping its entry as
// a tombstone (deprecated: true). Breaking changes: a code removed without
// a tombstone (or its tombstone removed), a code renamed, its HTTP status
// changed, its category changed, its retryable flag flipped, its
// placeholder set changed, a locale dropped, a retired code reused or a
// code reused for another meaning. Compatible changes: a code added or
// retired, its wording changed, a locale added, a remediation or a
// status added.
//
// Compare is linear in the number of entries: both sides are indexed by
// domain and code, and renames are found through an index of messages.
package diff

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/vocab"
)

// Kind is the kind of one change.
type Kind string

// The change kinds. See Breaking for which of them break clients.
const (
	Removed             Kind = "removed"
	Renamed             Kind = "renamed"
	StatusChanged       Kind = "status-changed"
	CategoryChanged     Kind = "category-changed"
	RetryableFlipped    Kind = "retryable-flipped"
	PlaceholdersChanged Kind = "placeholders-changed"
	LocaleRemoved       Kind = "locale-removed"
	Reused              Kind = "reused"

	Added            Kind = "added"
	Deprecated       Kind = "deprecated"
	WordingChanged   Kind = "wording-changed"
	LocaleAdded      Kind = "locale-added"
	RemediationAdded Kind = "remediation-added"
	StatusAdded      Kind = "status-added"
)

// Kinds returns every change kind, breaking ones first.
func Kinds() []Kind {
	return []Kind{Removed, Renamed, StatusChanged, CategoryChanged, RetryableFlipped, PlaceholdersChanged, LocaleRemoved, Reused,
		Added, Deprecated, WordingChanged, LocaleAdded, RemediationAdded, StatusAdded}
}

// Breaking reports whether a change of kind k breaks existing clients.
func (k Kind) Breaking() bool {
	switch k {
	case Removed, Renamed, StatusChanged, CategoryChanged, RetryableFlipped, PlaceholdersChanged, LocaleRemoved, Reused:
		return true
	}
	return false
}

// Change is one difference between the old and the new catalogs.
type Change struct {
	Kind     Kind   `json:"kind"`
	Breaking bool   `json:"breaking"`
	Domain   string `json:"domain"`
	Code     string `json:"code"`
	// NewCode is the code's new name, for renames.
	NewCode string `json:"new_code,omitempty"`
	// File, Line and Col place the change in the new catalog, or in the
	// old one when the entry is gone.
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	Message string `json:"message"`
}

func (c Change) String() string {
	tag := "compatible"
	if c.Breaking {
		tag = "BREAKING"
	}
	pos := c.File
	if c.Line > 0 {
		pos = fmt.Sprintf("%s:%d:%d", c.File, c.Line, c.Col)
	}
	if pos != "" {
		pos += ": "
	}
	return fmt.Sprintf("%s%s %s %s: %s", pos, tag, c.Domain, c.Kind, c.Message)
}

// HasBreaking reports whether any change breaks clients.
func HasBreaking(cs []Change) bool {
	return slices.ContainsFunc(cs, func(c Change) bool { return c.Breaking })
}

type side struct {
	cat   *catalog.Catalog
	codes map[string]int // code → index of its first entry
}

func index(cats []*catalog.Catalog) map[string]side {
	m := map[string]side{}
	for _, c := range cats {
		codes := make(map[string]int, len(c.Entries))
		for i := range c.Entries {
			if _, dup := codes[c.Entries[i].Code]; !dup {
				codes[c.Entries[i].Code] = i
			}
		}
		m[c.Domain.ID] = side{c, codes}
	}
	return m
}

// Compare returns the changes from old to new, sorted by domain, code and
// kind. Catalogs are matched by domain id.
func Compare(old, new []*catalog.Catalog) []Change {
	o, n := index(old), index(new)
	var out []Change
	ids := make([]string, 0, len(o)+len(n))
	for id := range o {
		ids = append(ids, id)
	}
	for id := range n {
		if _, ok := o[id]; !ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		out = append(out, compareDomain(id, o[id], n[id])...)
	}
	slices.SortStableFunc(out, func(a, b Change) int {
		return cmp.Or(strings.Compare(a.Domain, b.Domain), strings.Compare(a.Code, b.Code), cmp.Compare(kindOrder(a.Kind), kindOrder(b.Kind)), strings.Compare(a.Message, b.Message))
	})
	return out
}

func kindOrder(k Kind) int { return slices.Index(Kinds(), k) }

func compareDomain(id string, o, n side) []Change {
	var out []Change
	add := func(k Kind, code string, cat *catalog.Catalog, e *catalog.Entry, format string, args ...any) {
		c := Change{Kind: k, Breaking: k.Breaking(), Domain: id, Code: code, Message: fmt.Sprintf(format, args...)}
		if cat != nil && e != nil {
			c.File, c.Line, c.Col = cat.File, e.Pos.Line, e.Pos.Col
		}
		out = append(out, c)
	}
	var oldEntries, newEntries []catalog.Entry
	if o.cat != nil {
		oldEntries = o.cat.Entries
	}
	if n.cat != nil {
		newEntries = n.cat.Entries
	}
	loc := "en"
	switch {
	case n.cat != nil:
		loc = n.cat.Domain.DefaultLocale()
	case o.cat != nil:
		loc = o.cat.Domain.DefaultLocale()
	}

	// Codes new in this version, by alias and by meaning, to find renames.
	added := map[string]bool{}
	byAlias := map[string]int{}
	byMeaning := map[string][]int{}
	for i := range newEntries {
		e := &newEntries[i]
		if _, ok := o.codes[e.Code]; ok || n.codes[e.Code] != i {
			continue
		}
		added[e.Code] = true
		for _, a := range e.Aliases {
			byAlias[a] = i
		}
		// A code the importer mended keeps the source's spelling.
		if orig := e.Source.OriginalOf("code"); orig != "" {
			byAlias[orig] = i
		}
		k := meaningKey(e, loc)
		byMeaning[k] = append(byMeaning[k], i)
	}
	renamedTo := map[string]bool{}

	for i := range oldEntries {
		oe := &oldEntries[i]
		if o.codes[oe.Code] != i {
			continue
		}
		j, ok := n.codes[oe.Code]
		if !ok {
			if k, ok := byAlias[oe.Code]; ok {
				ne := &newEntries[k]
				renamedTo[ne.Code] = true
				add(Renamed, oe.Code, n.cat, ne, "code %s was renamed to %s (an alias or the source's spelling, but clients match the code they receive)", oe.Code, ne.Code)
				out[len(out)-1].NewCode = ne.Code
				continue
			}
			if ks := byMeaning[meaningKey(oe, loc)]; len(ks) > 0 && !renamedTo[newEntries[ks[0]].Code] {
				ne := &newEntries[ks[0]]
				renamedTo[ne.Code] = true
				add(Renamed, oe.Code, n.cat, ne, "code %s was renamed to %s (same status, category and message)", oe.Code, ne.Code)
				out[len(out)-1].NewCode = ne.Code
				continue
			}
			if oe.Deprecated {
				add(Removed, oe.Code, o.cat, oe, "the tombstone of retired code %s was removed; keep it so the code is never reused", oe.Code)
			} else {
				add(Removed, oe.Code, o.cat, oe, "code %s was removed; retire it with deprecated: true instead", oe.Code)
			}
			continue
		}
		compareEntry(oe, &newEntries[j], loc, func(k Kind, format string, args ...any) {
			add(k, oe.Code, n.cat, &newEntries[j], format, args...)
		})
	}
	for i := range newEntries {
		ne := &newEntries[i]
		if added[ne.Code] && !renamedTo[ne.Code] && n.codes[ne.Code] == i {
			add(Added, ne.Code, n.cat, ne, "code %s was added", ne.Code)
		}
	}
	return out
}

// meaningKey identifies an entry by what it means rather than its code.
func meaningKey(e *catalog.Entry, loc string) string {
	return fmt.Sprintf("%d|%s|%s", e.Status(), e.Category, strings.Join(strings.Fields(strings.ToLower(e.Message.Get(loc))), " "))
}

// compareEntry reports the changes of one code present on both sides.
func compareEntry(o, n *catalog.Entry, loc string, add func(Kind, string, ...any)) {
	if !o.Deprecated && n.Deprecated {
		add(Deprecated, "code %s was retired (kept as a tombstone)", o.Code)
	}
	if o.Deprecated && !n.Deprecated {
		add(Reused, "retired code %s is in use again; retired codes must never come back", o.Code)
	}
	switch {
	case o.HTTPStatus != nil && n.HTTPStatus == nil:
		add(StatusChanged, "code %s lost its HTTP status %d", o.Code, *o.HTTPStatus)
	case o.HTTPStatus == nil && n.HTTPStatus != nil:
		add(StatusAdded, "code %s now documents HTTP status %d", o.Code, *n.HTTPStatus)
	case o.HTTPStatus != nil && *o.HTTPStatus != *n.HTTPStatus:
		add(StatusChanged, "code %s changed HTTP status from %d to %d", o.Code, *o.HTTPStatus, *n.HTTPStatus)
	}
	if o.Category != n.Category {
		add(CategoryChanged, "code %s changed category from %s to %s", o.Code, o.Category, n.Category)
	}
	if o.IsRetryable() != n.IsRetryable() {
		add(RetryableFlipped, "code %s changed retryable from %t to %t", o.Code, o.IsRetryable(), n.IsRetryable())
	}
	if op, np := placeholders(o), placeholders(n); !slices.Equal(op, np) {
		add(PlaceholdersChanged, "code %s changed its placeholders from %v to %v", o.Code, op, np)
	}
	for _, l := range o.Message.Locales() {
		if _, ok := n.Message.Lookup(l); !ok {
			add(LocaleRemoved, "code %s lost its %s message", o.Code, l)
		}
	}
	for _, l := range n.Message.Locales() {
		if _, ok := o.Message.Lookup(l); !ok {
			add(LocaleAdded, "code %s gained a %s message", o.Code, l)
		}
	}
	om, nm := o.Message.Get(loc), n.Message.Get(loc)
	reused := !o.Deprecated && unrelated(om, nm)
	if reused {
		add(Reused, "code %s now means something else: %q became %q", o.Code, om, nm)
	}
	for _, l := range o.Message.Locales() {
		if nt, ok := n.Message.Lookup(l); ok && nt != o.Message.Get(l) && !(reused && l == loc) {
			add(WordingChanged, "the %s message of %s changed: %q became %q", l, o.Code, o.Message.Get(l), nt)
		}
	}
	switch {
	case o.Remediation.Len() == 0 && n.Remediation.Len() > 0:
		add(RemediationAdded, "code %s gained a remediation", o.Code)
	case o.Remediation.Len() > 0 && !equalText(o.Remediation, n.Remediation):
		add(WordingChanged, "the remediation of %s changed", o.Code)
	}
}

func equalText(a, b catalog.Text) bool {
	if a.Len() != b.Len() {
		return false
	}
	for k, v := range a.All() {
		if b.Get(k) != v {
			return false
		}
	}
	return true
}

// placeholders returns the sorted placeholder names of the entry's
// messages and params.
func placeholders(e *catalog.Entry) []string {
	set := map[string]bool{}
	for _, s := range e.Message.All() {
		for _, p := range vocab.Placeholders(s) {
			set[p] = true
		}
	}
	for _, p := range e.Params {
		set[p.Name] = true
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// unrelated reports whether two messages share too few words to describe
// the same error: a code reused for another meaning, not a rewording.
func unrelated(a, b string) bool {
	wa, wb := contentWords(a), contentWords(b)
	if len(wa) < 3 || len(wb) < 3 {
		return false
	}
	common := 0
	for w := range wa {
		if wb[w] {
			common++
		}
	}
	union := len(wa) + len(wb) - common
	return common*5 < union // Jaccard similarity under 0.2
}

// contentWords returns the lower-case words of s of three letters or more
// (or each CJK character, which carries meaning on its own).
func contentWords(s string) map[string]bool {
	set := map[string]bool{}
	for w := range strings.FieldsFuncSeq(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if unicode.Is(unicode.Han, []rune(w)[0]) {
			for _, r := range w {
				set[string(r)] = true
			}
			continue
		}
		if len(w) >= 3 {
			set[w] = true
		}
	}
	return set
}
