package catalog

import (
	"slices"
	"strings"
)

// Set is an immutable collection of catalogs with an index by domain and
// code. Build a new Set to change it; readers can share one freely.
type Set struct {
	cats []*Catalog
	byID map[string]*Catalog
	// codes maps domain id → code → index of the first entry with the code.
	codes map[string]map[string]int
	// folded maps lower-cased code → matches, for case-insensitive look-up.
	folded map[string][]Match
}

// Match is an entry found in a domain.
type Match struct {
	Catalog *Catalog
	Entry   *Entry
}

// NewSet indexes catalogs. A later catalog with the same domain id replaces
// an earlier one, so directories given after the built-in catalogs override
// them. Domains are kept sorted by id.
func NewSet(cats ...*Catalog) *Set {
	s := &Set{byID: map[string]*Catalog{}, codes: map[string]map[string]int{}, folded: map[string][]Match{}}
	for _, c := range cats {
		s.byID[c.Domain.ID] = c
	}
	for _, c := range s.byID {
		s.cats = append(s.cats, c)
	}
	slices.SortFunc(s.cats, func(a, b *Catalog) int { return strings.Compare(a.Domain.ID, b.Domain.ID) })
	for _, c := range s.cats {
		idx := make(map[string]int, len(c.Entries))
		for i := range c.Entries {
			e := &c.Entries[i]
			if _, dup := idx[e.Code]; dup {
				continue
			}
			idx[e.Code] = i
			k := strings.ToLower(e.Code)
			s.folded[k] = append(s.folded[k], Match{c, e})
		}
		s.codes[c.Domain.ID] = idx
	}
	return s
}

// Catalogs returns the catalogs sorted by domain id.
func (s *Set) Catalogs() []*Catalog { return s.cats }

// Domain returns the catalog of domain id, or nil.
func (s *Set) Domain(id string) *Catalog { return s.byID[id] }

// Entry returns the entry with exactly code in domain id, or nil.
func (s *Set) Entry(domain, code string) *Entry {
	idx, ok := s.codes[domain]
	if !ok {
		return nil
	}
	i, ok := idx[code]
	if !ok {
		return nil
	}
	return &s.byID[domain].Entries[i]
}

// Find returns the entries with code in every domain, exact matches first,
// then case-insensitive ones; domains in id order.
func (s *Set) Find(code string) []Match {
	var exact, folded []Match
	for _, m := range s.folded[strings.ToLower(code)] {
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
