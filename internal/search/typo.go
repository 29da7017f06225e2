package search

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
)

// maxTypoDist is the largest edit distance of a typo.
const maxTypoDist = 2

// typos scores codes within a small edit distance of lq. Candidates share
// enough padded trigrams with lq (a string within distance k of lq shares
// at least len(trigrams)-3k of them); trigrams so common that they would
// not narrow the candidates are skipped and the bar lowered to match.
func (ix *Index) typos(s *scratch, lq string, in func(uint32) bool) int {
	hits := 0
	k := maxTypoDist
	if utf8.RuneCountInString(lq) <= 5 {
		k = 1
	}
	grams := uniqGrams(trigramsOf(nil, lq))
	need := len(grams) - 3*k
	common := ix.Len() / 8
	var lists [][]uint32
	for _, g := range grams {
		var p []uint32
		if id, ok := ix.terms.lookup([]byte{gramPrefix, g[0], g[1], g[2]}); ok {
			p = ix.docs[ix.offs[id]:ix.offs[id+1]]
		}
		if len(p) > common && common > 64 {
			need--
			continue
		}
		lists = append(lists, p)
	}
	if need < 1 {
		need = 1
	}
	// Count shared trigrams in a dense array; remember whom to reset.
	for _, p := range lists {
		for _, d := range p {
			if s.grams[d] == 0 {
				s.gramted = append(s.gramted, d)
			}
			if s.grams[d] < 255 {
				s.grams[d]++
			}
		}
	}
	defer func() {
		for _, d := range s.gramted {
			s.grams[d] = 0
		}
		s.gramted = s.gramted[:0]
	}()
	for _, d := range s.gramted {
		if int(s.grams[d]) < need || !in(d) {
			continue
		}
		code := ix.lower(d)
		if abs(len(code)-len(lq)) > k {
			continue
		}
		dist := levenshtein.ComputeDistance(lq, code)
		if dist > k {
			continue
		}
		s.touch(d)
		s.reason[d] = max(s.reason[d], byTypo)
		s.score[d] += 300 - 100*float32(dist)
		hits++
	}
	return hits
}

// maxTrigramDocs bounds the index size up to which typos at edit distance
// 2 are looked for with trigrams; larger indexes find distance 1 only.
const maxTrigramDocs = 200000

// codeAlphabet is what typo variants insert and substitute.
const codeAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789._-:"

// typos1 scores the codes one edit from lq (a deletion, insertion,
// substitution or swap of neighbours), found by looking every variant of
// lq up in the sorted codes: about 80 look-ups per character, whatever
// the index size.
func (ix *Index) typos1(s *scratch, lq string, in func(uint32) bool) int {
	if !isASCII(lq) {
		return 0
	}
	hits := 0
	buf := make([]byte, 0, len(lq)+1)
	// Every variant made at position i starts with lq[:i], so it is looked
	// up only among the codes that do, codes[a:b]; once none does, no
	// variant at i or after can be a code.
	codes := ix.byCode
	look := func(v []byte) {
		key := string(v) // does not escape: sort.Search compares only
		i := sort.Search(len(codes), func(i int) bool { return ix.lower(codes[i]) >= key })
		for ; i < len(codes) && ix.lower(codes[i]) == key; i++ {
			d := codes[i]
			if !in(d) || s.reason[d] >= byTypo {
				continue
			}
			s.touch(d)
			s.reason[d] = byTypo
			s.score[d] += 200
			hits++
		}
	}
	for i := 0; i <= len(lq); i++ {
		p := lq[:i]
		a := sort.Search(len(codes), func(k int) bool { return ix.lower(codes[k]) >= p })
		b := a + sort.Search(len(codes)-a, func(k int) bool { return !strings.HasPrefix(ix.lower(codes[a+k]), p) })
		if codes = codes[a:b]; len(codes) == 0 {
			break
		}
		if i < len(lq) { // deletion
			look(append(append(buf[:0], lq[:i]...), lq[i+1:]...))
		}
		if i+1 < len(lq) && lq[i] != lq[i+1] { // swap
			v := append(buf[:0], lq...)
			v[i], v[i+1] = v[i+1], v[i]
			look(v)
		}
		for j := 0; j < len(codeAlphabet); j++ {
			c := codeAlphabet[j]
			look(append(append(append(buf[:0], lq[:i]...), c), lq[i:]...)) // insertion
			if i < len(lq) && lq[i] != c {                                 // substitution
				look(append(append(append(buf[:0], lq[:i]...), c), lq[i+1:]...))
			}
		}
	}
	return hits
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func uniqGrams(gs [][3]byte) [][3]byte {
	slices.SortFunc(gs, func(a, b [3]byte) int { return strings.Compare(string(a[:]), string(b[:])) })
	return slices.Compact(gs)
}

// trigramsOf appends the byte trigrams of s padded with one NUL each side.
func trigramsOf(dst [][3]byte, s string) [][3]byte {
	p := "\x00" + s + "\x00"
	for i := 0; i+3 <= len(p); i++ {
		dst = append(dst, [3]byte{p[i], p[i+1], p[i+2]})
	}
	return dst
}
