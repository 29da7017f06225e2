package catalog

import (
	"cmp"
	"hash/maphash"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Set is an immutable collection of catalogs with an index by domain and
// code. Build a new Set to change it; readers can share one freely.
//
// The code indexes are open-addressing hash tables of entry numbers: at
// a million entries they hold no pointer for the collector to follow,
// cost 16 bytes an entry each where maps of code strings cost over 150,
// and are built in one pass over the codes, where sorting a million
// codes reads two of them, scattered over the loaded catalog, at each of
// twenty million comparisons.
type Set struct {
	cats []*Catalog
	byID map[string]*Catalog
	// base holds, per catalog of cats and one past them, the number of
	// its first entry: entries are numbered across catalogs in order.
	base []int32
	seed maphash.Seed
	// codes maps (catalog, code) to the number of the first entry of the
	// code in the catalog; folded maps a lower-cased code to the numbers
	// of those entries whose code lower-cases to it (see slot).
	codes  []slot
	folded []slot
}

// A slot of a code index holds an entry's number plus one in its low 32
// bits (0: empty) and the top 32 bits of its hash in its high ones.
type slot uint64

func newSlot(h uint64, n int) slot { return slot(h>>32<<32 | uint64(n+1)) }
func (s slot) entry() int          { return int(uint32(s)) - 1 }
func (s slot) tag(h uint64) bool   { return uint32(s>>32) == uint32(h>>32) }

// Match is an entry found in a domain.
type Match struct {
	Catalog *Catalog
	Entry   *Entry
}

// NewSet indexes catalogs. A later catalog with the same domain id replaces
// an earlier one, so directories given after the built-in catalogs override
// them. Domains are kept sorted by id.
func NewSet(cats ...*Catalog) *Set {
	s := &Set{byID: map[string]*Catalog{}, seed: maphash.MakeSeed()}
	for _, c := range cats {
		s.byID[c.Domain.ID] = c
	}
	for _, c := range s.byID {
		s.cats = append(s.cats, c)
	}
	slices.SortFunc(s.cats, func(a, b *Catalog) int { return strings.Compare(a.Domain.ID, b.Domain.ID) })
	s.base = make([]int32, len(s.cats)+1)
	for ci, c := range s.cats {
		s.base[ci+1] = s.base[ci] + int32(len(c.Entries))
	}
	n := int(s.base[len(s.cats)])
	size := 16
	for size < n+n/2 {
		size *= 2
	}
	// Each table keeps the first entry of a code repeated in a catalog.
	var wg sync.WaitGroup
	wg.Go(func() {
		s.codes = make([]slot, size)
		for ci, c := range s.cats {
			for i := range c.Entries {
				code := c.Entries[i].Code
				h := s.codeHash(ci, code)
				s.insert(s.codes, h, int(s.base[ci])+i, func(m int) bool { return s.code(m) == code })
			}
		}
	})
	wg.Go(func() {
		s.folded = make([]slot, size)
		for ci, c := range s.cats {
			lo := int(s.base[ci])
			for i := range c.Entries {
				code := c.Entries[i].Code
				h := s.foldHash(code)
				s.insert(s.folded, h, lo+i, func(m int) bool { return m >= lo && s.code(m) == code })
			}
		}
	})
	wg.Wait()
	return s
}

// insert puts entry n, of hash h, into table t unless an entry m of the
// same hash for which dup(m) holds is there already.
func (s *Set) insert(t []slot, h uint64, n int, dup func(m int) bool) {
	mask := uint64(len(t) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch sl := t[i]; {
		case sl == 0:
			t[i] = newSlot(h, n)
			return
		case sl.tag(h) && dup(sl.entry()):
			return
		}
	}
}

// codeHash hashes a code of catalog ci.
func (s *Set) codeHash(ci int, code string) uint64 {
	h := maphash.String(s.seed, code)
	return h ^ uint64(ci)*0x9e3779b97f4a7c15
}

// foldHash hashes code lower-cased as compareFold lowers it: each rune
// (an invalid byte reads as U+FFFD) through lowerRune. Codes equal under
// compareFold hash alike.
func (s *Set) foldHash(code string) uint64 {
	i := 0
	for i < len(code) && code[i] < utf8.RuneSelf && (code[i] < 'A' || code[i] > 'Z') {
		i++
	}
	if i == len(code) {
		return maphash.String(s.seed, code) // lower-case already
	}
	var buf [64]byte
	b := append(buf[:0], code[:i]...)
	for i < len(code) {
		if c := code[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(code[i:])
		b = utf8.AppendRune(b, lowerRune(r))
		i += w
	}
	return maphash.Bytes(s.seed, b)
}

// at returns the catalog and entry numbered n.
func (s *Set) at(n int) (int, *Entry) {
	ci := 0
	if len(s.cats) > 1 {
		ci, _ = slices.BinarySearch(s.base, int32(n)+1)
		ci--
	}
	return ci, &s.cats[ci].Entries[n-int(s.base[ci])]
}

// code returns the code of entry n.
func (s *Set) code(n int) string {
	_, e := s.at(n)
	return e.Code
}

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
	h := s.codeHash(ci, code)
	lo, hi := int(s.base[ci]), int(s.base[ci+1])
	mask := uint64(len(s.codes) - 1)
	for i := h & mask; s.codes[i] != 0; i = (i + 1) & mask {
		if sl := s.codes[i]; sl.tag(h) {
			if n := sl.entry(); n >= lo && n < hi {
				if e := &s.cats[ci].Entries[n-lo]; e.Code == code {
					return e
				}
			}
		}
	}
	return nil
}

// Find returns the entries with code in every domain, exact matches first,
// then case-insensitive ones; domains in id order.
func (s *Set) Find(code string) []Match {
	if len(s.folded) == 0 {
		return nil
	}
	h := s.foldHash(code)
	var found []int
	mask := uint64(len(s.folded) - 1)
	for i := h & mask; s.folded[i] != 0; i = (i + 1) & mask {
		if sl := s.folded[i]; sl.tag(h) && compareFold(s.code(sl.entry()), code) == 0 {
			found = append(found, sl.entry())
		}
	}
	slices.Sort(found)
	var exact, folded []Match
	for _, n := range found {
		ci, e := s.at(n)
		m := Match{s.cats[ci], e}
		if e.Code == code {
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
