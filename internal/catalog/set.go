package catalog

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Set is an immutable collection of catalogs with an index by domain and
// code. Build a new Set to change it; readers can share one freely.
//
// The code indexes are sorted arrays of entry numbers, searched by
// binary search: at a million entries they hold no pointer for the
// collector to follow and cost 4 bytes (by code) and 8 bytes (by folded
// code) an entry, where maps of code strings cost over 150.
type Set struct {
	cats []*Catalog
	byID map[string]*Catalog
	// codes holds, per catalog of cats, the indexes of its entries sorted
	// by code (the first entry of a repeated code only).
	codes [][]int32
	// folded holds every indexed entry of every catalog sorted by its
	// lower-cased code, then by catalog and entry order.
	folded []entryRef
}

// entryRef is entry e of catalog c of a Set's cats.
type entryRef struct{ c, e int32 }

// Match is an entry found in a domain.
type Match struct {
	Catalog *Catalog
	Entry   *Entry
}

// NewSet indexes catalogs. A later catalog with the same domain id replaces
// an earlier one, so directories given after the built-in catalogs override
// them. Domains are kept sorted by id.
func NewSet(cats ...*Catalog) *Set {
	s := &Set{byID: map[string]*Catalog{}}
	for _, c := range cats {
		s.byID[c.Domain.ID] = c
	}
	for _, c := range s.byID {
		s.cats = append(s.cats, c)
	}
	slices.SortFunc(s.cats, func(a, b *Catalog) int { return strings.Compare(a.Domain.ID, b.Domain.ID) })
	s.codes = make([][]int32, len(s.cats))
	var wg sync.WaitGroup
	for ci, c := range s.cats {
		wg.Go(func() { s.codes[ci] = codeIndex(c.Entries) })
	}
	wg.Wait()
	n := 0
	for _, idx := range s.codes {
		n += len(idx)
	}
	s.folded = make([]entryRef, 0, n)
	for ci, idx := range s.codes {
		for _, i := range idx {
			s.folded = append(s.folded, entryRef{int32(ci), i})
		}
	}
	slices.SortFunc(s.folded, func(a, b entryRef) int {
		if c := compareFold(s.entry(a).Code, s.entry(b).Code); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.c, b.c), cmp.Compare(a.e, b.e))
	})
	return s
}

// codeIndex returns the indexes of es sorted by code, keeping only the
// first entry of a repeated code.
func codeIndex(es []Entry) []int32 {
	idx := make([]int32, len(es))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int {
		return cmp.Or(strings.Compare(es[a].Code, es[b].Code), cmp.Compare(a, b))
	})
	out := idx[:0]
	for k, i := range idx {
		if k > 0 && es[idx[k-1]].Code == es[i].Code {
			continue
		}
		out = append(out, i)
	}
	return slices.Clip(out)
}

func (s *Set) entry(r entryRef) *Entry { return &s.cats[r.c].Entries[r.e] }

// compareFold compares a and b as strings.Compare compares their
// strings.ToLower forms, without building them.
func compareFold(a, b string) int {
	for a != "" && b != "" {
		ra, rb := rune(a[0]), rune(b[0])
		na, nb := 1, 1
		if ra >= utf8.RuneSelf {
			ra, na = utf8.DecodeRuneInString(a)
		}
		if rb >= utf8.RuneSelf {
			rb, nb = utf8.DecodeRuneInString(b)
		}
		if ra != rb {
			ra, rb = lowerRune(ra), lowerRune(rb)
			if ra != rb {
				// The lowered runes' UTF-8 forms compare as the runes do.
				return cmp.Compare(ra, rb)
			}
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}

func lowerRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// Catalogs returns the catalogs sorted by domain id.
func (s *Set) Catalogs() []*Catalog { return s.cats }

// Domain returns the catalog of domain id, or nil.
func (s *Set) Domain(id string) *Catalog { return s.byID[id] }

// Entry returns the entry with exactly code in domain id, or nil.
func (s *Set) Entry(domain, code string) *Entry {
	ci, ok := slices.BinarySearchFunc(s.cats, domain, func(c *Catalog, id string) int { return strings.Compare(c.Domain.ID, id) })
	if !ok {
		return nil
	}
	es := s.cats[ci].Entries
	idx := s.codes[ci]
	k, ok := slices.BinarySearchFunc(idx, code, func(i int32, code string) int { return strings.Compare(es[i].Code, code) })
	if !ok {
		return nil
	}
	return &es[idx[k]]
}

// Find returns the entries with code in every domain, exact matches first,
// then case-insensitive ones; domains in id order.
func (s *Set) Find(code string) []Match {
	k, _ := slices.BinarySearchFunc(s.folded, code, func(r entryRef, code string) int { return compareFold(s.entry(r).Code, code) })
	var exact, folded []Match
	for ; k < len(s.folded) && compareFold(s.entry(s.folded[k]).Code, code) == 0; k++ {
		r := s.folded[k]
		m := Match{s.cats[r.c], s.entry(r)}
		if m.Entry.Code == code {
			exact = append(exact, m)
		} else {
			folded = append(folded, m)
		}
	}
	return append(exact, folded...)
}

// Len returns the number of entries in all domains.
func (s *Set) Len() int {
	n := 0
	for _, c := range s.cats {
		n += len(c.Entries)
	}
	return n
}

// Codes returns every code of every domain, for suggestions.
func (s *Set) Codes() []Match {
	var out []Match
	for _, c := range s.cats {
		for i := range c.Entries {
			out = append(out, Match{c, &c.Entries[i]})
		}
	}
	return out
}
