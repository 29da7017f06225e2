package search

// The query path as it was before words were ranked a document at a time
// (term at a time over a score array of every document), kept as the
// reference the current Search must match bit for bit, with typos1 as it
// was before it looked only among the codes starting as the variant.

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/errcat/errcat/internal/catalog"
)

// refCand is a document and its final score.
type refCand struct {
	d     uint32
	score float32
}

// referenceSearch is Search as it was (query.go at main 13a661e): it runs q and returns hits ranked best first: exact code matches,
// then prefix and typo matches on codes, then entries matching more of the
// query's words, by a tf-free idf score (code tokens weigh more than text).
func (ix *Index) referenceSearch(q Query) []Hit {
	alts := synonymAlternatives(q.Text)
	s := ix.getScratch()
	defer ix.putScratch(s)
	hits := ix.referenceSearchWith(s, q, true)
	if len(alts) == 0 {
		return hits
	}
	// A synonym's hits join the query's own, each entry at its best
	// score; the query's own wording wins ties.
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	best := make(map[*catalog.Entry]int, len(hits))
	for i, h := range hits {
		best[h.Entry] = i
	}
	// bounds[i] is the most any hit of alts[i:] can score. Once the
	// limit-th best score so far is above it, no alternative left can
	// change the result: each of their hits would rank below limit others,
	// and any score it raised would stay there. Only a suffix of the
	// alternatives is skipped, so every entry keeps its place among ties.
	bounds := make([]float64, len(alts)+1)
	for i := len(alts) - 1; i >= 0; i-- {
		bounds[i] = max(bounds[i+1], 0.9*ix.referenceScoreBound(alts[i]))
	}
	var top []float64
	for i, a := range alts {
		if len(hits) >= limit {
			top = top[:0]
			for _, h := range hits {
				top = append(top, h.Score)
			}
			slices.SortFunc(top, func(a, b float64) int { return cmp.Compare(b, a) })
			if bounds[i] < top[limit-1] {
				break
			}
		}
		s.reset()
		aq := q
		aq.Text = a
		for _, h := range ix.referenceSearchWith(s, aq, false) {
			h.Score *= 0.9
			if i, ok := best[h.Entry]; ok {
				if h.Score > hits[i].Score {
					hits[i].Score = h.Score
				}
				continue
			}
			h.Reason = ReasonSynonym
			best[h.Entry] = len(hits)
			hits = append(hits, h)
		}
	}
	slices.SortStableFunc(hits, func(a, b Hit) int { return cmp.Compare(b.Score, a.Score) })
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits
}

// referenceScoreBound is scoreBound as it was (query.go at main 13a661e): it returns more than any hit of the word query text can score
// without its codes: every term matching in both text and code, and the
// bonus for all terms when every term occurs somewhere.
func (ix *Index) referenceScoreBound(text string) float64 {
	if strings.TrimSpace(text) == "" || ix.Len() == 0 {
		return 0
	}
	n := float64(ix.Len())
	qterms := queryTermSet(text)
	sum, all := 0.0, len(qterms) > 0
	for _, t := range qterms {
		tp, cp := ix.postings(t, false), ix.postings(t, true)
		if len(tp) == 0 && len(cp) == 0 {
			all = false
			continue
		}
		w := float64(float32(math.Log(1 + n/float64(len(tp)+len(cp)))))
		if len(tp) > 0 {
			sum += w
		}
		if len(cp) > 0 {
			sum += 2 * w
		}
	}
	if all || len(qterms) > 255 {
		sum += 100
	}
	// A margin for the rounding of the float32 sums.
	return sum*(1+1e-4) + 1e-3
}

// referenceSearchWith is searchWith as it was (query.go at main 13a661e): it runs q with the scratch space s; with codes false it matches
// the query's words only, not the codes (a synonym must not rank a code
// above the query's own words).
func (ix *Index) referenceSearchWith(s *scratch, q Query, codes bool) []Hit {
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	text := strings.TrimSpace(q.Text)
	if text == "" || ix.Len() == 0 {
		return nil
	}
	lo, hi := uint32(0), uint32(ix.Len())
	if q.Domain != "" {
		i := slices.IndexFunc(ix.cats, func(c *catalog.Catalog) bool { return c.Domain.ID == q.Domain })
		if i < 0 {
			return nil
		}
		lo, hi = ix.starts[i], ix.starts[i+1]
	}
	in := func(d uint32) bool { return d >= lo && d < hi }

	lq := strings.ToLower(text)
	found, exact := 0, false
	if codes {
		found, exact = ix.codes(s, lq, lo, hi)
	}
	// Typos: only for a query that looks like one code and found none.
	typos := 0
	if codes && found == 0 && !strings.ContainsAny(lq, " \t") && utf8.RuneCountInString(lq) >= 3 {
		typos = ix.referenceTypos1(s, lq, in)
		if typos == 0 && ix.Len() <= maxTrigramDocs {
			typos = ix.typos(s, lq, in)
		}
	}

	qterms := queryTermSet(text)
	if oneWord := !strings.ContainsAny(text, " \t"); oneWord && (exact || found >= limit || typos > 0) {
		// The code itself, or enough codes starting with it, answer a
		// one-word query; words of the code would only add noise.
		qterms = nil
	}
	ix.referenceWords(s, qterms, lo, hi)
	// Entries that match every query term rank above partial matches.
	return ix.referenceRank(s, uint8(min(len(qterms), 255)), limit)
}

// refTerm is a query term: its text and code postings within the searched
// range, and its weight.
type refTerm struct {
	tp, cp []uint32
	w      float32
}

// referenceWords is words as it was (query.go at main 13a661e): it scores the documents in [lo, hi) that hold the query terms,
// rarest first. The documents of the rare terms are the candidates; terms
// too common to narrow them down only add their weight to the candidates
// (a binary search each).
func (ix *Index) referenceWords(s *scratch, qterms []string, lo, hi uint32) {
	n := float64(ix.Len())
	var qs []refTerm
	for _, t := range qterms {
		tp, cp := ix.postings(t, false), ix.postings(t, true)
		if len(tp) == 0 && len(cp) == 0 {
			continue
		}
		w := float32(math.Log(1 + n/float64(len(tp)+len(cp))))
		qs = append(qs, refTerm{postingRange(tp, lo, hi), postingRange(cp, lo, hi), w})
	}
	slices.SortStableFunc(qs, func(a, b refTerm) int { return cmp.Compare(len(a.tp)+len(a.cp), len(b.tp)+len(b.cp)) })
	budget := max(20000, ix.Len()/50)
	cum := 0
	for i, q := range qs {
		df := len(q.tp) + len(q.cp)
		if i > 0 && cum+df > budget && len(s.touched) > 0 && len(s.touched) < df {
			s.referenceWeigh(q, df)
			continue
		}
		cum += df
		for _, d := range q.tp {
			s.touch(d)
			s.score[d] += q.w
			s.hits[d]++
		}
		j := 0
		for _, d := range q.cp {
			for j < len(q.tp) && q.tp[j] < d {
				j++
			}
			s.touch(d)
			s.score[d] += 2 * q.w
			if j == len(q.tp) || q.tp[j] != d {
				s.hits[d]++
			}
		}
	}
}

// referenceWeigh is weigh as it was (query.go at main 13a661e): it adds the weight of q, a term of df postings, to the candidates
// only: by galloping through the postings when they are few, else by a
// pass over the postings.
func (s *scratch) referenceWeigh(q refTerm, df int) {
	if len(s.touched)*4 < df {
		// Candidates in document order (the order of touched does not
		// matter to rank) step through the postings by galloping.
		if !slices.IsSorted(s.touched) {
			slices.Sort(s.touched)
		}
		i, j := 0, 0
		for _, d := range s.touched {
			i = gallop(q.tp, i, d)
			j = gallop(q.cp, j, d)
			inText := i < len(q.tp) && q.tp[i] == d
			inCode := j < len(q.cp) && q.cp[j] == d
			if inText {
				s.score[d] += q.w
			}
			if inCode {
				s.score[d] += 2 * q.w
			}
			if inText || inCode {
				s.hits[d]++
			}
		}
		return
	}
	for _, d := range q.tp {
		if s.isTouched(d) {
			s.score[d] += q.w
			s.hits[d]++
		}
	}
	j := 0 // merge with the sorted text postings
	for _, d := range q.cp {
		for j < len(q.tp) && q.tp[j] < d {
			j++
		}
		if s.isTouched(d) {
			s.score[d] += 2 * q.w
			if j == len(q.tp) || q.tp[j] != d {
				s.hits[d]++
			}
		}
	}
}

// referenceRank is rank as it was (query.go at main 13a661e): it returns the limit best scored documents as hits, best first, ties
// by document number. A document that matched all nterms query terms
// (when there are any) gains 100.
func (ix *Index) referenceRank(s *scratch, nterms uint8, limit int) []Hit {
	cands := make([]refCand, 0, min(len(s.touched), 4*limit))
	worst := func() int {
		w := 0
		for i := range cands {
			if cands[i].score < cands[w].score || (cands[i].score == cands[w].score && cands[i].d > cands[w].d) {
				w = i
			}
		}
		return w
	}
	wi := -1
	for _, d := range s.touched {
		sc := s.score[d]
		if nterms > 0 && s.hits[d] >= nterms {
			sc += 100
		}
		if len(cands) < limit {
			cands = append(cands, refCand{d, sc})
			wi = -1
			continue
		}
		if wi < 0 {
			wi = worst()
		}
		if sc > cands[wi].score || (sc == cands[wi].score && d < cands[wi].d) {
			cands[wi] = refCand{d, sc}
			wi = -1
		}
	}
	slices.SortFunc(cands, func(a, b refCand) int { return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.d, b.d)) })
	hits := make([]Hit, len(cands))
	for i, c := range cands {
		hits[i] = Hit{Match: ix.match(c.d), Score: float64(c.score), Reason: s.reason[c.d].Reason()}
	}
	return hits
}

// referenceTypos1 is typos1 as it was (typo.go at main 13a661e): it
// scores the codes one edit from lq (a deletion, insertion, substitution or swap of neighbours), found by looking every variant of
// lq up in the sorted codes: about 80 look-ups per character, whatever
// the index size.
func (ix *Index) referenceTypos1(s *scratch, lq string, in func(uint32) bool) int {
	if !isASCII(lq) {
		return 0
	}
	hits := 0
	buf := make([]byte, 0, len(lq)+1)
	look := func(v []byte) {
		key := string(v) // does not escape: sort.Search compares only
		i := sort.Search(len(ix.byCode), func(i int) bool { return ix.lower(ix.byCode[i]) >= key })
		for ; i < len(ix.byCode) && ix.lower(ix.byCode[i]) == key; i++ {
			d := ix.byCode[i]
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
