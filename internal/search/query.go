package search

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/errcat/errcat/internal/catalog"
)

// postings returns the sorted documents of term t.
func (ix *Index) postings(t string, code bool) []uint32 {
	if k, ok := numKey(t, code); ok {
		i, found := slices.BinarySearch(ix.numKeys, k)
		if !found {
			return nil
		}
		return ix.numDocs[ix.numOffs[i]:ix.numOffs[i+1]]
	}
	var buf [64]byte
	key := buf[:0]
	if code {
		key = append(key, codePrefix...)
	}
	id, ok := ix.terms.lookup(append(key, t...))
	if !ok {
		return nil
	}
	return ix.docs[ix.offs[id]:ix.offs[id+1]]
}

// match returns the catalog and entry of document d.
func (ix *Index) match(d uint32) catalog.Match {
	ci := sort.Search(len(ix.cats), func(i int) bool { return ix.starts[i+1] > d })
	c := ix.cats[ci]
	return catalog.Match{Catalog: c, Entry: &c.Entries[d-ix.starts[ci]]}
}

func (ix *Index) getScratch() *scratch {
	select {
	case s := <-ix.free:
		return s
	default:
		return newScratch(ix.Len())
	}
}

func (ix *Index) putScratch(s *scratch) {
	s.reset()
	select {
	case ix.free <- s:
	default:
	}
}

// scratch is a query's state of every document. Each field is an array
// of its own: a common term's postings visit many documents in order, and
// compact arrays keep more of them per cache line.
type scratch struct {
	grams   []uint8 // trigrams shared with a typo query
	gramted []uint32
	score   []float32
	hits    []uint8     // distinct query terms matched
	reason  []hitReason // the strongest reason from the code
	touched []uint32
}

func newScratch(n int) *scratch {
	return &scratch{grams: make([]uint8, n), score: make([]float32, n), hits: make([]uint8, n), reason: make([]hitReason, n)}
}

func (s *scratch) touch(d uint32) {
	if !s.isTouched(d) {
		s.touched = append(s.touched, d)
	}
}

func (s *scratch) isTouched(d uint32) bool {
	return s.score[d] != 0 || s.hits[d] != 0 || s.reason[d] != byText
}

func (s *scratch) reset() {
	for _, d := range s.touched {
		s.score[d], s.hits[d], s.reason[d] = 0, 0, byText
	}
	s.touched = s.touched[:0]
}

const maxPrefixHits = 2000 // prefix matches scored per query

// Search runs q and returns hits ranked best first: exact code matches,
// then prefix and typo matches on codes, then entries matching more of the
// query's words, by a tf-free idf score (code tokens weigh more than text).
func (ix *Index) Search(q Query) []Hit {
	alts := synonymAlternatives(q.Text)
	s := ix.getScratch()
	defer ix.putScratch(s)
	hits := ix.searchWith(s, q, true)
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
		bounds[i] = max(bounds[i+1], 0.9*ix.scoreBound(alts[i]))
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
		for _, h := range ix.searchWith(s, aq, false) {
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

// scoreBound returns more than any hit of the word query text can score
// without its codes: every term matching in both text and code, and the
// bonus for all terms when every term occurs somewhere.
func (ix *Index) scoreBound(text string) float64 {
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

// searchWith runs q with the scratch space s; with codes false it matches
// the query's words only, not the codes (a synonym must not rank a code
// above the query's own words).
func (ix *Index) searchWith(s *scratch, q Query, codes bool) []Hit {
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
		typos = ix.typos1(s, lq, in)
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
	ix.words(s, qterms, lo, hi)
	// Entries that match every query term rank above partial matches.
	return ix.rank(s, uint8(min(len(qterms), 255)), limit)
}

// codes scores the documents in [lo, hi) whose code equals or starts with
// the lower-cased query lq (the first maxPrefixHits of them). It returns
// how many it found and whether one was equal.
func (ix *Index) codes(s *scratch, lq string, lo, hi uint32) (found int, exact bool) {
	start := sort.Search(len(ix.byCode), func(i int) bool { return ix.lower(ix.byCode[i]) >= lq })
	for i := start; i < len(ix.byCode) && found < maxPrefixHits; i++ {
		d := ix.byCode[i]
		c := ix.lower(d)
		if !strings.HasPrefix(c, lq) {
			break
		}
		if d < lo || d >= hi {
			continue
		}
		s.touch(d)
		if c == lq {
			exact = true
			s.reason[d] = byCode
			s.score[d] += 1000
		} else {
			s.reason[d] = max(s.reason[d], byPrefix)
			// Shorter completions rank first.
			s.score[d] += 500 - float32(min(len(c)-len(lq), 400))
		}
		found++
	}
	return found, exact
}

// qterm is a query term: its text and code postings within the searched
// range, and its weight.
type qterm struct {
	tp, cp []uint32
	w      float32
}

// words scores the documents in [lo, hi) that hold the query terms,
// rarest first. The documents of the rare terms are the candidates; terms
// too common to narrow them down only add their weight to the candidates
// (a binary search each).
func (ix *Index) words(s *scratch, qterms []string, lo, hi uint32) {
	n := float64(ix.Len())
	var qs []qterm
	for _, t := range qterms {
		tp, cp := ix.postings(t, false), ix.postings(t, true)
		if len(tp) == 0 && len(cp) == 0 {
			continue
		}
		w := float32(math.Log(1 + n/float64(len(tp)+len(cp))))
		qs = append(qs, qterm{postingRange(tp, lo, hi), postingRange(cp, lo, hi), w})
	}
	slices.SortStableFunc(qs, func(a, b qterm) int { return cmp.Compare(len(a.tp)+len(a.cp), len(b.tp)+len(b.cp)) })
	budget := max(20000, ix.Len()/50)
	cum := 0
	for i, q := range qs {
		df := len(q.tp) + len(q.cp)
		if i > 0 && cum+df > budget && len(s.touched) > 0 && len(s.touched) < df {
			s.weigh(q, df)
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

// weigh adds the weight of q, a term of df postings, to the candidates
// only: by galloping through the postings when they are few, else by a
// pass over the postings.
func (s *scratch) weigh(q qterm, df int) {
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

// gallop returns the first index from i on of the sorted p whose
// document is d or after it, by steps of doubling length from i.
func gallop(p []uint32, i int, d uint32) int {
	if i >= len(p) || p[i] >= d {
		return i
	}
	step := 1
	for i+step < len(p) && p[i+step] < d {
		i += step
		step *= 2
	}
	// p[i] < d, and p[i+step] >= d or past the end.
	hi := min(i+step, len(p)-1)
	if p[hi] < d {
		return len(p)
	}
	j, _ := slices.BinarySearch(p[i+1:hi+1], d)
	return i + 1 + j
}

// cand is a document and its final score.
type cand struct {
	d     uint32
	score float32
}

// rank returns the limit best scored documents as hits, best first, ties
// by document number. A document that matched all nterms query terms
// (when there are any) gains 100.
func (ix *Index) rank(s *scratch, nterms uint8, limit int) []Hit {
	cands := make([]cand, 0, min(len(s.touched), 4*limit))
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
			cands = append(cands, cand{d, sc})
			wi = -1
			continue
		}
		if wi < 0 {
			wi = worst()
		}
		if sc > cands[wi].score || (sc == cands[wi].score && d < cands[wi].d) {
			cands[wi] = cand{d, sc}
			wi = -1
		}
	}
	slices.SortFunc(cands, func(a, b cand) int { return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.d, b.d)) })
	hits := make([]Hit, len(cands))
	for i, c := range cands {
		hits[i] = Hit{Match: ix.match(c.d), Score: float64(c.score), Reason: s.reason[c.d].Reason()}
	}
	return hits
}

// postingRange returns the part of the sorted posting list p within [lo, hi).
func postingRange(p []uint32, lo, hi uint32) []uint32 {
	if lo == 0 && (len(p) == 0 || p[len(p)-1] < hi) {
		return p
	}
	i, _ := slices.BinarySearch(p, lo)
	j, _ := slices.BinarySearch(p, hi)
	return p[i:j]
}
