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

	marked []uint32 // documents marked in grams while choosing terms
	qs     []qterm  // a query's terms
	top    []cand   // a query's best documents so far
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
	qs := ix.queryTerms(s.qs[:0], qterms, lo, hi)
	defer func() { s.qs = qs[:0] }()
	ix.choose(s, qs)
	// Entries that match every query term rank above partial matches.
	return ix.top(s, qs, len(qterms), limit)
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
// range, its weight, whether its postings are candidates (full) or it
// only adds its weight to them, and, while ranking, where the scan is in
// each list.
type qterm struct {
	tp, cp []uint32
	w      float32
	full   bool
	i, j   int // cursors into tp and cp
}

// queryTerms returns the terms of qterms that occur anywhere, with their
// postings within [lo, hi), rarest first.
func (ix *Index) queryTerms(dst []qterm, qterms []string, lo, hi uint32) []qterm {
	n := float64(ix.Len())
	for _, t := range qterms {
		tp, cp := ix.postings(t, false), ix.postings(t, true)
		if len(tp) == 0 && len(cp) == 0 {
			continue
		}
		w := float32(math.Log(1 + n/float64(len(tp)+len(cp))))
		dst = append(dst, qterm{tp: postingRange(tp, lo, hi), cp: postingRange(cp, lo, hi), w: w})
	}
	slices.SortStableFunc(dst, func(a, b qterm) int { return cmp.Compare(len(a.tp)+len(a.cp), len(b.tp)+len(b.cp)) })
	return dst
}

// choose marks the terms whose postings are candidates, rarest first:
// the rarest term's, and each next one's while the postings taken stay
// within a budget, or while it would not narrow down the candidates so
// far (they are no fewer than its postings). The documents s already
// scored (codes and typos) are candidates too. A term too common to add
// candidates only adds its weight to them.
//
// The number of candidates is bounded from below by the longest list
// taken and from above by the sum of all; only when the bounds do not
// decide is it counted (see countCandidates).
func (ix *Index) choose(s *scratch, qs []qterm) {
	budget := max(20000, ix.Len()/50)
	cum := 0
	// The number of candidates so far lies in [lower, upper].
	lower, upper := len(s.touched), len(s.touched)
	counted := 0 // the terms of qs[:counted] are in s.marked
	defer s.unmark()
	for i := range qs {
		q := &qs[i]
		df := len(q.tp) + len(q.cp)
		if i > 0 && cum+df > budget {
			// Weight only when there are candidates, fewer than df.
			if upper > 0 && lower < df && (lower == 0 || upper >= df) {
				for ; counted < i; counted++ {
					if qs[counted].full {
						s.mark(qs[counted].tp)
						s.mark(qs[counted].cp)
					}
				}
				lower = len(s.touched) + len(s.marked)
				upper = lower
			}
			if lower > 0 && upper < df {
				continue
			}
		}
		cum += df
		q.full = true
		upper += df
		lower = max(lower, len(q.tp), len(q.cp))
	}
}

// mark adds the documents of p not touched to s.marked, once each, with
// s.grams as the mark.
func (s *scratch) mark(p []uint32) {
	for _, d := range p {
		if s.grams[d] == 0 && s.reason[d] == byText {
			s.grams[d] = 1
			s.marked = append(s.marked, d)
		}
	}
}

func (s *scratch) unmark() {
	for _, d := range s.marked {
		s.grams[d] = 0
	}
	s.marked = s.marked[:0]
}

// top returns the limit best documents as hits, best first, ties by
// document number: the documents s scored already (codes and typos) and
// the postings of the full terms of qs. A document's score is its score
// in s, then each term's weight in order if the document holds the term
// in its texts, and twice the weight if in its code, and 100 more when it
// matched all nterms query terms (when there are any).
//
// The candidates are scored a document at a time in document order, so
// the scan can stop once no document left can enter the best limit: once
// the worst of them scores above the most any document can score. Once it
// scores above the most a document without the bonus for all terms can
// score, only documents holding every term are visited, by leaping
// through the postings of the terms in turn.
func (ix *Index) top(s *scratch, qs []qterm, nqterms, limit int) []Hit {
	nterms := uint8(min(nqterms, 255))
	h := topK{c: s.top[:0], limit: limit}
	defer func() { s.top = h.c[:0] }()
	score := func(d uint32, sc float32, n uint8, find func(q *qterm, d uint32) (bool, bool)) {
		for k := range qs {
			inText, inCode := find(&qs[k], d)
			if inText {
				sc += qs[k].w
			}
			if inCode {
				sc += 2 * qs[k].w
			}
			if inText || inCode {
				n++
			}
		}
		if nterms > 0 && n >= nterms {
			sc += 100
		}
		h.offer(cand{d, sc})
	}
	if len(qs) > maxDocTerms {
		// Term at a time: every candidate's score in s.
		s.accumulate(qs)
		for _, d := range s.touched {
			sc := s.score[d]
			if nterms > 0 && s.hits[d] >= nterms {
				sc += 100
			}
			h.offer(cand{d, sc})
		}
		return ix.hits(s, h.c)
	}
	search := func(q *qterm, d uint32) (bool, bool) {
		_, inText := slices.BinarySearch(q.tp, d)
		_, inCode := slices.BinarySearch(q.cp, d)
		return inText, inCode
	}
	for _, d := range s.touched {
		score(d, s.score[d], s.hits[d], search)
	}

	// The most a document not touched yet can score, without and with the
	// bonus: every term's weights added in order (float32 addition is
	// monotonic, so no sum of fewer or smaller terms in the same order
	// exceeds it).
	most := float32(0)
	all := nterms > 0 // whether a document can match all the query terms
	for k := range qs {
		q := &qs[k]
		if len(q.tp) > 0 {
			most += q.w
		}
		if len(q.cp) > 0 {
			most += 2 * q.w
		}
		all = all && len(q.tp)+len(q.cp) > 0
	}
	// Unless some term has no postings here, or a query term none at all
	// (with at most 255 terms a document's count of them cannot wrap).
	if nqterms <= 255 && len(qs) < nqterms {
		all = false
	}
	mostAll := most
	if all || nqterms > 255 {
		mostAll += 100
	}
	every := false // only documents holding every term can still enter
	cursor := func(q *qterm, d uint32) (bool, bool) {
		q.i, q.j = gallop(q.tp, q.i, d), gallop(q.cp, q.j, d)
		return q.i < len(q.tp) && q.tp[q.i] == d, q.j < len(q.cp) && q.cp[q.j] == d
	}
	for d := uint32(0); len(qs) > 0; d++ {
		var ok bool
		if every {
			d, ok = nextInAll(qs, d)
		} else {
			d, ok = nextInAny(qs, d)
		}
		if !ok || !h.admits(mostAll, d) {
			break
		}
		if !every && all && nqterms <= 255 && !h.admits(most, d) {
			every = true
			d--
			continue
		}
		if s.reason[d] == byText { // else touched, and scored above
			score(d, 0, 0, cursor)
		}
		if d == math.MaxUint32 {
			break
		}
	}

	return ix.hits(s, h.c)
}

// hits returns the candidates cs as hits, best first, ties by document.
func (ix *Index) hits(s *scratch, cs []cand) []Hit {
	slices.SortFunc(cs, func(a, b cand) int { return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.d, b.d)) })
	hits := make([]Hit, len(cs))
	for i, c := range cs {
		hits[i] = Hit{Match: ix.match(c.d), Score: float64(c.score), Reason: s.reason[c.d].Reason()}
	}
	return hits
}

// maxDocTerms is the most terms a query ranks a document at a time: each
// candidate costs a step in every term's postings, so a query of many
// terms adds each term's weight to its candidates in turn instead.
const maxDocTerms = 8

// accumulate adds the weights of the terms of qs to the score and count
// of matched terms of each candidate in s, term by term: a full term's
// postings become candidates, the others only add to the candidates (see
// weigh).
func (s *scratch) accumulate(qs []qterm) {
	for _, q := range qs {
		if !q.full {
			s.weigh(q, len(q.tp)+len(q.cp))
			continue
		}
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

// nextInAny returns the first document from d on in the postings of a
// full term of qs.
func nextInAny(qs []qterm, d uint32) (uint32, bool) {
	next, ok := uint32(0), false
	for k := range qs {
		q := &qs[k]
		if !q.full {
			continue
		}
		q.i, q.j = gallop(q.tp, q.i, d), gallop(q.cp, q.j, d)
		if q.i < len(q.tp) && (!ok || q.tp[q.i] < next) {
			next, ok = q.tp[q.i], true
		}
		if q.j < len(q.cp) && (!ok || q.cp[q.j] < next) {
			next, ok = q.cp[q.j], true
		}
	}
	return next, ok
}

// nextInAll returns the first document from d on that every term of qs
// holds, in its text or its code.
func nextInAll(qs []qterm, d uint32) (uint32, bool) {
	for {
		moved := false
		for k := range qs {
			q := &qs[k]
			q.i, q.j = gallop(q.tp, q.i, d), gallop(q.cp, q.j, d)
			next, ok := uint32(0), false
			if q.i < len(q.tp) {
				next, ok = q.tp[q.i], true
			}
			if q.j < len(q.cp) && (!ok || q.cp[q.j] < next) {
				next, ok = q.cp[q.j], true
			}
			if !ok {
				return 0, false
			}
			if next > d {
				d, moved = next, true
			}
		}
		if !moved {
			return d, true
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

// worse reports whether a ranks below b: a lower score, or the same score
// and a later document.
func (a cand) worse(b cand) bool {
	return a.score < b.score || (a.score == b.score && a.d > b.d)
}

// topK keeps the limit best candidates offered, in a heap with the worst
// of them first.
type topK struct {
	c     []cand
	limit int
}

// admits reports whether a document d scoring sc could enter.
func (h *topK) admits(sc float32, d uint32) bool {
	return len(h.c) < h.limit || h.c[0].worse(cand{d, sc})
}

func (h *topK) offer(c cand) {
	if len(h.c) < h.limit {
		h.c = append(h.c, c)
		for i := len(h.c) - 1; i > 0; {
			p := (i - 1) / 2
			if !h.c[i].worse(h.c[p]) {
				break
			}
			h.c[i], h.c[p] = h.c[p], h.c[i]
			i = p
		}
		return
	}
	if !h.c[0].worse(c) {
		return
	}
	h.c[0] = c
	for i := 0; ; {
		m, l, r := i, 2*i+1, 2*i+2
		if l < len(h.c) && h.c[l].worse(h.c[m]) {
			m = l
		}
		if r < len(h.c) && h.c[r].worse(h.c[m]) {
			m = r
		}
		if m == i {
			break
		}
		h.c[i], h.c[m] = h.c[m], h.c[i]
		i = m
	}
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
