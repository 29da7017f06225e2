package catalog

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// mapSet is the index a Set keeps, built with maps as plainly as it can
// be: the reference its sorted arrays must agree with.
type mapSet struct {
	codes  map[string]map[string]*Entry
	folded map[string][]Match
}

func newMapSet(s *Set) mapSet {
	m := mapSet{codes: map[string]map[string]*Entry{}, folded: map[string][]Match{}}
	for _, c := range s.Catalogs() {
		idx := map[string]*Entry{}
		for i := range c.Entries {
			e := &c.Entries[i]
			if _, dup := idx[e.Code]; dup {
				continue
			}
			idx[e.Code] = e
			k := strings.ToLower(e.Code)
			m.folded[k] = append(m.folded[k], Match{c, e})
		}
		m.codes[c.Domain.ID] = idx
	}
	return m
}

func (m mapSet) find(code string) []Match {
	var exact, folded []Match
	for _, x := range m.folded[strings.ToLower(code)] {
		if x.Entry.Code == code {
			exact = append(exact, x)
		} else {
			folded = append(folded, x)
		}
	}
	return append(exact, folded...)
}

func TestSetMatchesMaps(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "A", "b", "B", "0", ".", "é", "É", "ß", "ẞ", "\xff", "\uFFFD", "K", "\u212a", "İ", "i"}
	code := func() string {
		var b strings.Builder
		for range 1 + r.IntN(3) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	var cats []*Catalog
	for d := range 4 {
		c := &Catalog{Domain: Domain{ID: fmt.Sprintf("d%d", 3-d)}}
		for range 300 {
			c.Entries = append(c.Entries, Entry{Code: code()})
		}
		cats = append(cats, c)
	}
	// A later catalog of the same domain replaces the earlier one.
	cats = append(cats, &Catalog{Domain: Domain{ID: "d1"}, Entries: []Entry{{Code: "a"}, {Code: "A"}, {Code: "a"}}})
	s := NewSet(cats...)
	m := newMapSet(s)
	var ids []string
	for _, c := range s.Catalogs() {
		ids = append(ids, c.Domain.ID)
	}
	if diff := cmp.Diff([]string{"d0", "d1", "d2", "d3"}, ids); diff != "" {
		t.Errorf("domains (-want +got):\n%s", diff)
	}
	queries := []string{"", "zz", "a", "A", "\u212a", "k"}
	for range 2000 {
		queries = append(queries, code())
	}
	for _, q := range queries {
		if diff := cmp.Diff(refs(m.find(q)), refs(s.Find(q))); diff != "" {
			t.Fatalf("Find(%q) (-maps +set):\n%s", q, diff)
		}
		for _, id := range append(ids, "nope") {
			if got, want := s.Entry(id, q), m.codes[id][q]; got != want {
				t.Fatalf("Entry(%q, %q) = %p, want %p", id, q, got, want)
			}
		}
	}
}

// refs names matches by domain and entry address, as cmp would compare
// whole catalogs.
func refs(ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%s %q %p", m.Catalog.Domain.ID, m.Entry.Code, m.Entry))
	}
	return out
}

func TestCompareFold(t *testing.T) {
	words := []string{"", "a", "A", "ab", "AB", "aB", "b", "é", "É", "\xff", "\uFFFD", "\u212a", "k", "ß", "ẞ", "İ", "i̇", "a\xffb", "A\uFFFDB"}
	for _, a := range words {
		for _, b := range words {
			want := strings.Compare(strings.ToLower(a), strings.ToLower(b))
			if got := compareFold(a, b); got != want {
				t.Errorf("compareFold(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}

// TestSetMatchesMapsAtSizes checks the hash-table indexes against the
// maps from an empty set to tables that fill and wrap around, with codes
// that repeat, fold into one another and share long prefixes.
func TestSetMatchesMapsAtSizes(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "A", "b", "B", "0", ".", "\x00", "é", "É", "ß", "ẞ", "\xff", "\uFFFD", "\u212a", "İ", "i", "NotFound", "NOTFOUND", ".Limit.E"}
	code := func() string {
		var b strings.Builder
		for range r.IntN(5) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	for _, size := range []int{0, 1, 15, 16, 17, 1000, 20000} {
		var cats []*Catalog
		for d := range 3 {
			c := &Catalog{Domain: Domain{ID: fmt.Sprintf("d%d", d)}}
			for range size / (d + 1) {
				c.Entries = append(c.Entries, Entry{Code: code()})
			}
			cats = append(cats, c)
		}
		s := NewSet(cats...)
		m := newMapSet(s)
		queries := []string{"", "NotFound", "notfound"}
		for range 3000 {
			queries = append(queries, code())
		}
		for _, q := range queries {
			if diff := cmp.Diff(refs(m.find(q)), refs(s.Find(q))); diff != "" {
				t.Fatalf("size %d: Find(%q) (-maps +set):\n%s", size, q, diff)
			}
			for _, id := range []string{"d0", "d1", "d2", "nope"} {
				if got, want := s.Entry(id, q), m.codes[id][q]; got != want {
					t.Fatalf("size %d: Entry(%q, %q) = %p, want %p", size, id, q, got, want)
				}
			}
		}
	}
	if got := NewSet().Find("a"); got != nil {
		t.Errorf("empty set: Find = %v, want none", got)
	}
}
