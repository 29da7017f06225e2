package search

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/agnivade/levenshtein"

	"github.com/errcat/errcat/internal/catalog"
)

// maxSuggestScan bounds the codes and words Suggest compares with the
// query, so a query that finds nothing in a huge index stays cheap.
const maxSuggestScan = 200000

// Suggest returns up to n codes and up to n words of the index nearest to
// q, for a query that found nothing: codes within a small edit distance
// of q (ignoring case), and for each word of q the indexed words nearest
// to it.
func (ix *Index) Suggest(q string, n int) (codes, words []string) {
	lq := strings.ToLower(strings.TrimSpace(q))
	if lq == "" || n <= 0 {
		return nil, nil
	}
	type cand struct {
		s string
		d int
	}
	nearest := func(cs []cand) []string {
		slices.SortFunc(cs, func(a, b cand) int { return cmp.Or(cmp.Compare(a.d, b.d), strings.Compare(a.s, b.s)) })
		var out []string
		for _, c := range cs {
			if len(out) == n {
				break
			}
			if !slices.Contains(out, c.s) {
				out = append(out, c.s)
			}
		}
		return out
	}
	var cs []cand
	limit := max(2, len([]rune(lq))/3)
	for d := 0; d < ix.Len() && d < maxSuggestScan; d++ {
		c := ix.lower(uint32(d))
		if abs(len(c)-len(lq)) > limit {
			continue
		}
		if dist := levenshtein.ComputeDistance(lq, c); dist <= limit {
			cs = append(cs, cand{ix.match(uint32(d)).Entry.Code, dist})
		}
	}
	codes = nearest(cs)

	cs = cs[:0]
	qwords := strings.FieldsFunc(lq, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for id := 0; id < ix.terms.len() && id < maxSuggestScan; id++ {
		tb := ix.terms.term(uint32(id))
		if len(tb) < 3 || !slices.ContainsFunc(qwords, func(w string) bool { return abs(len(w)-len(tb)) <= 2 }) {
			continue
		}
		t := string(tb)
		if !isASCIILetters(t) { // code tokens and trigrams start with a control byte
			continue
		}
		for _, w := range qwords {
			if w == t || abs(len(w)-len(t)) > 2 {
				continue
			}
			if dist := levenshtein.ComputeDistance(w, t); dist <= max(1, min(2, len(w)/4)) {
				cs = append(cs, cand{t, dist})
			}
		}
	}
	words = nearest(cs)
	for i, w := range words {
		words[i] = ix.surface(w)
	}
	return codes, words
}

// surface returns a word as the texts write it for the indexed (stemmed)
// term t, from the first entry holding it; t itself when none is found.
func (ix *Index) surface(t string) string {
	p := ix.postings(t, false)
	if len(p) == 0 {
		return t
	}
	e := ix.match(p[0]).Entry
	for _, txt := range []catalog.Text{e.Message, e.Title, e.Remediation} {
		for _, s := range txt.All() {
			for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
				if lw := strings.ToLower(w); Stem(lw) == t {
					return lw
				}
			}
		}
	}
	return t
}
