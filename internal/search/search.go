// Package search owns the index behind the error center: given a
// catalog.Set it answers free-text queries in English and Chinese and
// code look-ups that are case-insensitive, prefix-matching and tolerant of
// typos.
//
// The index is built once per Set and is immutable, so any number of
// goroutines may query it. It holds:
//
//   - the lower-cased codes of every entry, sorted, for exact and prefix
//     matches by binary search;
//   - an inverted index of code tokens (a code split at punctuation, case
//     changes and letter/digit boundaries: "InvalidDBClusterId.NotFound" →
//     invalid, db, cluster, id, not, found);
//   - an inverted index of text terms: English words lower-cased and
//     stemmed, and CJK characters as unigrams and bigrams, so a two-character
//     word such as 参数 finds every text that contains it;
//   - padded character trigrams of the codes, which give candidates for
//     typo-tolerant matching that an edit distance then confirms.
//
// Documents are numbered in the Set's order (domains sorted by id, entries
// in file order), so a domain is a contiguous range of document numbers.
package search

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"

	"github.com/errcat/errcat/internal/catalog"
)

// Index is an immutable search index over one catalog.Set.
type Index struct {
	set    *catalog.Set
	cats   []*catalog.Catalog
	starts []uint32 // starts[i] is the first document of cats[i]; len(cats)+1 values
	lower  []string // lower-cased code per document
	byCode []uint32 // documents sorted by lower-cased code

	// The inverted index, in compressed sparse rows: term t's documents
	// are docs[offs[id]:offs[id+1]] for id = vocab[t], sorted. Text terms
	// are kept as they are, code tokens behind codePrefix; code trigrams
	// have ids of their own in grams.
	vocab map[string]uint32
	grams map[uint32]uint32 // code trigram (3 bytes) → id in the same rows
	offs  []uint32
	docs  []uint32
	// Numeric terms (see numKey) have rows of their own, by sorted key.
	numKeys []uint64
	numOffs []uint32
	numDocs []uint32

	// free keeps scratch spaces for reuse. Unlike a sync.Pool it is not
	// emptied by the garbage collector, so a large index does not
	// reallocate its per-query arrays (and trigger collections of a
	// heap of gigabytes) after every collection.
	free chan *scratch
}

const codePrefix = "\x01"

func gramKey(a, b, c byte) uint32 { return uint32(a)<<16 | uint32(b)<<8 | uint32(c) }

// postings returns the sorted documents of term t.
func (ix *Index) postings(t string, code bool) []uint32 {
	if k, ok := numKey(t, code); ok {
		i, found := slices.BinarySearch(ix.numKeys, k)
		if !found {
			return nil
		}
		return ix.numDocs[ix.numOffs[i]:ix.numOffs[i+1]]
	}
	if code {
		t = codePrefix + t
	}
	id, ok := ix.vocab[t]
	if !ok {
		return nil
	}
	return ix.docs[ix.offs[id]:ix.offs[id+1]]
}

// numPair is a numeric term of a document.
type numPair struct {
	key uint64
	doc uint32
}

// numKey packs a term of at most 15 ASCII digits, leading zeros and all,
// with whether it is a code token, into a number. Numbers are most of the
// distinct terms of a large catalog (one or two per entry); keeping them
// out of the vocabulary map keeps that map small and fast to build.
func numKey(t string, code bool) (uint64, bool) {
	if len(t) == 0 || len(t) > 15 {
		return 0, false
	}
	v := uint64(0)
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
	}
	k := v<<5 | uint64(len(t))
	k <<= 1
	if code {
		k |= 1
	}
	return k, true
}

// buildNums lays out the numeric terms of the chunks in sorted rows.
func (ix *Index) buildNums(chunks []*chunk) {
	total := 0
	for _, ch := range chunks {
		total += len(ch.nums)
	}
	pairs := make([]numPair, 0, total)
	for _, ch := range chunks {
		pairs = append(pairs, ch.nums...)
		ch.nums = nil
	}
	slices.SortFunc(pairs, func(a, b numPair) int { return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.doc, b.doc)) })
	pairs = slices.Compact(pairs)
	ix.numDocs = make([]uint32, len(pairs))
	for i, p := range pairs {
		ix.numDocs[i] = p.doc
		if i == 0 || p.key != pairs[i-1].key {
			ix.numKeys = append(ix.numKeys, p.key)
			ix.numOffs = append(ix.numOffs, uint32(i))
		}
	}
	ix.numOffs = append(ix.numOffs, uint32(len(pairs)))
}

// Reason says why an entry matched.
type Reason string

// Reasons, strongest first.
const (
	ReasonCode   Reason = "code"   // the code equals the query, ignoring case
	ReasonPrefix Reason = "prefix" // the code starts with the query
	ReasonTypo   Reason = "typo"   // the code is within a small edit distance of the query
	ReasonText   Reason = "text"   // words or characters of the query occur in the entry
)

// Hit is one ranked result.
type Hit struct {
	catalog.Match
	Score  float64
	Reason Reason
}

// Query is a search request.
type Query struct {
	Text   string
	Domain string // only this domain, when not empty
	Limit  int    // at most this many hits; 0 means 20
}

// Build indexes every entry of set. It tokenizes the entries in parallel
// chunks, then lays the postings out in one array.
func Build(set *catalog.Set) *Index {
	n := set.Len()
	return build(set, max(1, min(runtime.GOMAXPROCS(0), n/5000+1)))
}

// build indexes set with the given number of goroutines.
func build(set *catalog.Set, workers int) *Index {
	ix := &Index{set: set, cats: set.Catalogs()}
	n := 0
	ix.starts = make([]uint32, 0, len(ix.cats)+1)
	for _, c := range ix.cats {
		ix.starts = append(ix.starts, uint32(n))
		n += len(c.Entries)
	}
	ix.starts = append(ix.starts, uint32(n))
	ix.lower = make([]string, n)

	// Phase 1: each chunk of documents gets a vocabulary of its own and
	// the sorted, distinct local term ids of each document.
	workers = max(1, min(workers, n))
	chunks := make([]*chunk, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		size := hi - lo
		chunks[w] = &chunk{lo: uint32(lo), hi: uint32(hi), vocab: make(map[string]uint32, min(size, 1<<16)), grams: map[uint32]uint32{},
			ids: make([]uint32, 0, size*32), ends: make([]uint32, 0, size), trigrams: n <= maxTrigramDocs}
		wg.Add(1)
		go func(ch *chunk) {
			defer wg.Done()
			ix.tokenize(ch)
		}(chunks[w])
	}
	wg.Wait()
	ix.buildNums(chunks)

	// Phase 2: one vocabulary (the first chunk's, extended); document
	// frequencies.
	first := chunks[0]
	ix.vocab, ix.grams = first.vocab, first.grams
	counts := make([]uint32, first.next)
	for i, ch := range chunks {
		ch.global = make([]uint32, ch.next)
		if i == 0 {
			for l := range ch.global {
				ch.global[l] = uint32(l)
			}
		} else {
			for t, l := range ch.vocab {
				g, ok := ix.vocab[t]
				if !ok {
					g = uint32(len(counts))
					ix.vocab[t] = g
					counts = append(counts, 0)
				}
				ch.global[l] = g
			}
			for k, l := range ch.grams {
				g, ok := ix.grams[k]
				if !ok {
					g = uint32(len(counts))
					ix.grams[k] = g
					counts = append(counts, 0)
				}
				ch.global[l] = g
			}
		}
		ch.vocab, ch.grams = nil, nil
		for _, l := range ch.ids {
			counts[ch.global[l]]++
		}
	}
	// Phase 3: offsets, then the documents in order.
	ix.offs = make([]uint32, len(counts)+1)
	total := uint32(0)
	for i, c := range counts {
		ix.offs[i] = total
		total += c
	}
	ix.offs[len(counts)] = total
	ix.docs = make([]uint32, total)
	next := counts // reused as the fill position of each term
	copy(next, ix.offs[:len(counts)])
	for _, ch := range chunks {
		from := 0
		for i, end := range ch.ends {
			d := ch.lo + uint32(i)
			for _, l := range ch.ids[from:end] {
				g := ch.global[l]
				ix.docs[next[g]] = d
				next[g]++
			}
			from = int(end)
		}
		ch.ids, ch.ends, ch.global = nil, nil, nil
	}

	ix.byCode = make([]uint32, n)
	for i := range ix.byCode {
		ix.byCode[i] = uint32(i)
	}
	slices.SortFunc(ix.byCode, func(a, b uint32) int {
		return cmp.Or(strings.Compare(ix.lower[a], ix.lower[b]), cmp.Compare(a, b))
	})
	ix.free = make(chan *scratch, 2*runtime.GOMAXPROCS(0))
	return ix
}

// chunk is a range of documents tokenized by one goroutine.
type chunk struct {
	lo, hi uint32
	vocab  map[string]uint32 // term → local id
	grams  map[uint32]uint32 // code trigram → local id
	next   uint32            // the next local id
	ids    []uint32          // local term ids, document after document
	ends   []uint32          // ends[i] is where document lo+i's ids end
	global []uint32          // local id → global id
	nums   []numPair         // numeric terms, by document
	// trigrams says whether to index code trigrams (for typos at edit
	// distance 2, looked for only in indexes of up to maxTrigramDocs).
	trigrams bool
}

// tokenize fills ch with the terms of its documents.
func (ix *Index) tokenize(ch *chunk) {
	var terms []string
	var local []uint32
	var gb []byte
	var grams [][3]byte
	ci := sort.Search(len(ix.cats), func(i int) bool { return ix.starts[i+1] > ch.lo })
	for d := ch.lo; d < ch.hi; d++ {
		for ix.starts[ci+1] <= d {
			ci++
		}
		e := &ix.cats[ci].Entries[d-ix.starts[ci]]
		lc := strings.ToLower(e.Code)
		ix.lower[d] = lc

		terms = terms[:0]
		for _, t := range []catalog.Text{e.Title, e.Message, e.Remediation} {
			for _, s := range t {
				terms = TextTerms(terms, s)
			}
		}
		for _, v := range e.Variants {
			for _, s := range v.Message {
				terms = TextTerms(terms, s)
			}
		}
		terms = append(terms, string(e.Category))
		nText := len(terms)
		terms = codeTerms(terms, e.Code)
		for _, a := range e.Aliases {
			terms = codeTerms(terms, a)
		}
		local = local[:0]
		for i, t := range terms {
			if k, ok := numKey(t, i >= nText); ok {
				ch.nums = append(ch.nums, numPair{k, d})
				continue
			}
			if i >= nText {
				gb = append(append(gb[:0], codePrefix...), t...)
				local = append(local, ch.idBytes(gb))
				continue
			}
			local = append(local, ch.id(t))
		}
		if ch.trigrams {
			for _, g := range trigramsOf(grams[:0], lc) {
				local = append(local, ch.gram(gramKey(g[0], g[1], g[2])))
			}
		}
		slices.Sort(local)
		local = slices.Compact(local)
		ch.ids = append(ch.ids, local...)
		ch.ends = append(ch.ends, uint32(len(ch.ids)))
	}
}

// id returns the local id of term t, adding it when new.
func (ch *chunk) id(t string) uint32 {
	if id, ok := ch.vocab[t]; ok {
		return id
	}
	id := ch.next
	ch.next++
	ch.vocab[t] = id
	return id
}

// gram returns the local id of a code trigram, adding it when new.
func (ch *chunk) gram(k uint32) uint32 {
	if id, ok := ch.grams[k]; ok {
		return id
	}
	id := ch.next
	ch.next++
	ch.grams[k] = id
	return id
}

// idBytes is id for a term being built in a buffer.
func (ch *chunk) idBytes(t []byte) uint32 {
	if id, ok := ch.vocab[string(t)]; ok {
		return id
	}
	id := ch.next
	ch.next++
	ch.vocab[string(t)] = id
	return id
}

// Len returns the number of indexed entries.
func (ix *Index) Len() int { return len(ix.lower) }

// Set returns the catalog set the index was built from.
func (ix *Index) Set() *catalog.Set { return ix.set }

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
		n := ix.Len()
		return &scratch{grams: make([]uint8, n), score: make([]float32, n), hits: make([]uint8, n), reason: make([]uint8, n)}
	}
}

func (ix *Index) putScratch(s *scratch) {
	s.reset()
	select {
	case ix.free <- s:
	default:
	}
}

type scratch struct {
	grams   []uint8 // trigrams shared with a typo query
	gramted []uint32
	score   []float32
	hits    []uint8 // distinct query terms matched
	reason  []uint8 // strongest code reason: 0 none, 1 typo, 2 prefix, 3 exact
	touched []uint32
}

func (s *scratch) touch(d uint32) {
	if !s.isTouched(d) {
		s.touched = append(s.touched, d)
	}
}

func (s *scratch) isTouched(d uint32) bool {
	return s.score[d] != 0 || s.hits[d] != 0 || s.reason[d] != 0
}

func (s *scratch) reset() {
	for _, d := range s.touched {
		s.score[d], s.hits[d], s.reason[d] = 0, 0, 0
	}
	s.touched = s.touched[:0]
}

const (
	maxPrefixHits = 2000 // prefix matches scored per query
	maxTypoDist   = 2
)

// Search runs q and returns hits ranked best first: exact code matches,
// then prefix and typo matches on codes, then entries matching more of the
// query's words, by a tf-free idf score (code tokens weigh more than text).
func (ix *Index) Search(q Query) []Hit {
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

	s := ix.getScratch()
	defer ix.putScratch(s)

	// Codes: exact and prefix on the whole query, lower-cased.
	lq := strings.ToLower(text)
	start := sort.Search(len(ix.byCode), func(i int) bool { return ix.lower[ix.byCode[i]] >= lq })
	found, exact := 0, false
	for i := start; i < len(ix.byCode) && found < maxPrefixHits; i++ {
		d := ix.byCode[i]
		c := ix.lower[d]
		if !strings.HasPrefix(c, lq) {
			break
		}
		if !in(d) {
			continue
		}
		s.touch(d)
		if c == lq {
			exact = true
			s.reason[d] = 3
			s.score[d] += 1000
		} else {
			s.reason[d] = max(s.reason[d], 2)
			// Shorter completions rank first.
			s.score[d] += 500 - float32(min(len(c)-len(lq), 400))
		}
		found++
	}
	// Typos: only for a query that looks like one code and found none.
	typos := 0
	if found == 0 && !strings.ContainsAny(lq, " \t") && utf8.RuneCountInString(lq) >= 3 {
		typos = ix.typos1(s, lq, in)
		if typos == 0 && ix.Len() <= maxTrigramDocs {
			typos = ix.typos(s, lq, in)
		}
	}

	// Words and characters, rarest first. The documents of the rare terms
	// are the candidates; terms too common to narrow them down only add
	// their weight to the candidates (a binary search each).
	qterms := queryTermSet(text)
	if oneWord := !strings.ContainsAny(text, " \t"); oneWord && (exact || found >= limit || typos > 0) {
		// The code itself, or enough codes starting with it, answer a
		// one-word query; words of the code would only add noise.
		qterms = nil
	}
	n := float64(ix.Len())
	type qterm struct {
		tp, cp []uint32
		w      float32
	}
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
			// Weigh the candidates only: by binary search when they are
			// few, else by a pass over the postings.
			if len(s.touched)*16 < df {
				for _, d := range s.touched {
					_, inText := slices.BinarySearch(q.tp, d)
					_, inCode := slices.BinarySearch(q.cp, d)
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
				continue
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
	// Entries that match every query term rank above partial matches.
	nterms := uint8(min(len(qterms), 255))
	type cand struct {
		d     uint32
		score float32
	}
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
		r := ReasonText
		switch s.reason[c.d] {
		case 3:
			r = ReasonCode
		case 2:
			r = ReasonPrefix
		case 1:
			r = ReasonTypo
		}
		hits[i] = Hit{Match: ix.match(c.d), Score: float64(c.score), Reason: r}
	}
	return hits
}

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
		if id, ok := ix.grams[gramKey(g[0], g[1], g[2])]; ok {
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
		code := ix.lower[d]
		if abs(len(code)-len(lq)) > k {
			continue
		}
		dist := levenshtein.ComputeDistance(lq, code)
		if dist > k {
			continue
		}
		s.touch(d)
		if s.reason[d] < 1 {
			s.reason[d] = 1
		}
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
	look := func(v []byte) {
		key := string(v) // does not escape: sort.Search compares only
		i := sort.Search(len(ix.byCode), func(i int) bool { return ix.lower[ix.byCode[i]] >= key })
		for ; i < len(ix.byCode) && ix.lower[ix.byCode[i]] == key; i++ {
			d := ix.byCode[i]
			if !in(d) || s.reason[d] >= 1 {
				continue
			}
			s.touch(d)
			s.reason[d] = 1
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

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
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

func uniq(ss []string) []string {
	slices.Sort(ss)
	return slices.Compact(ss)
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

// CodeTokens appends the lower-cased tokens of an error code: it splits at
// anything not a letter or digit, at lower→upper case changes, before the
// last capital of a run of capitals followed by a lower-case letter, and
// between letters and digits. "InvalidDBClusterId.NotFound" gives invalid,
// db, cluster, id, not, found; "CSS.0001" gives css, 0001.
func CodeTokens(dst []string, code string) []string {
	if !isASCII(code) {
		return codeTokensRunes(dst, code)
	}
	// ASCII: tokens are substrings of the lower-cased code.
	lc := strings.ToLower(code)
	start := -1
	for i := 0; i < len(code); i++ {
		c := code[i]
		if !isAlnum(c) {
			if start >= 0 {
				dst = append(dst, lc[start:i])
			}
			start = -1
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		p := code[i-1]
		if isLowerASCII(p) && isUpperASCII(c) ||
			isDigitASCII(p) != isDigitASCII(c) ||
			isUpperASCII(p) && isUpperASCII(c) && i+1 < len(code) && isLowerASCII(code[i+1]) {
			dst = append(dst, lc[start:i])
			start = i
		}
	}
	if start >= 0 {
		dst = append(dst, lc[start:])
	}
	return dst
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isLowerASCII(c byte) bool { return c >= 'a' && c <= 'z' }
func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }
func isDigitASCII(c byte) bool { return c >= '0' && c <= '9' }
func isAlnum(c byte) bool      { return isLowerASCII(c) || isUpperASCII(c) || isDigitASCII(c) }

// codeTokensRunes is CodeTokens for codes with non-ASCII characters.
func codeTokensRunes(dst []string, code string) []string {
	rs := []rune(code)
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			dst = append(dst, strings.ToLower(string(rs[start:end])))
		}
		start = -1
	}
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		p := rs[i-1]
		switch {
		case unicode.IsLower(p) && unicode.IsUpper(r),
			unicode.IsDigit(p) != unicode.IsDigit(r),
			unicode.IsUpper(p) && unicode.IsUpper(r) && i+1 < len(rs) && unicode.IsLower(rs[i+1]):
			flush(i)
			start = i
		}
	}
	flush(len(rs))
	return dst
}

// TextTerms appends the index terms of a text: English (and other
// alphabetic) words lower-cased and stemmed, stop words dropped; numbers as
// they are; runs of CJK characters as unigrams and bigrams. A query's terms
// come from the same function, so a two-character Chinese word matches as
// one bigram.
func TextTerms(dst []string, s string) []string {
	wordStart := -1
	var hanBuf [32]int
	han := hanBuf[:0] // byte offsets of the runes of the current CJK run
	flushWord := func(end int) {
		if wordStart < 0 {
			return
		}
		word := s[wordStart:end]
		wordStart = -1
		w := strings.ToLower(word)
		if !stopWords[w] {
			dst = append(dst, Stem(w))
		}
		// OwnerAccount is also owner and account.
		if n := len(dst); len(word) > 3 && mayHaveParts(word) {
			dst = codeTerms(dst, word)
			if len(dst) == n+1 {
				dst = dst[:n]
			}
		}
	}
	flushHan := func(end int) {
		switch len(han) {
		case 0:
		case 1:
			dst = append(dst, s[han[0]:end])
		default:
			han = append(han, end)
			for i := 0; i+1 < len(han); i++ {
				dst = append(dst, s[han[i]:han[i+1]])
				if i+2 < len(han) {
					dst = append(dst, s[han[i]:han[i+2]])
				}
			}
		}
		han = han[:0]
	}
	for i, r := range s {
		switch {
		case isCJK(r):
			flushWord(i)
			han = append(han, i)
		case r < utf8.RuneSelf && isAlnum(byte(r)) || r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			flushHan(i)
			if wordStart < 0 {
				wordStart = i
			}
		default:
			flushWord(i)
			flushHan(i)
		}
	}
	flushWord(len(s))
	flushHan(len(s))
	return dst
}

// mayHaveParts reports whether CodeTokens could split word: it has a
// capital after its first letter, mixes letters and digits, or is not ASCII.
func mayHaveParts(word string) bool {
	digits, letters := false, false
	for i := 0; i < len(word); i++ {
		c := word[i]
		switch {
		case c >= utf8.RuneSelf:
			return true
		case isUpperASCII(c) && i > 0:
			return true
		case isDigitASCII(c):
			digits = true
		default:
			letters = true
		}
	}
	return digits && letters
}

// QueryTerms returns the distinct terms of a query: its text terms, except
// that a run of two or more CJK characters gives only its bigrams (参数
// must occur as a word, not as 参 and 数 apart), plus the stemmed tokens
// of the query read as a code.
func QueryTerms(q string) []string { return queryTermSet(q) }

func queryTermSet(q string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(q, func(r rune) bool { return !isCJK(r) }) {
		// Each CJK run alone: its bigrams, or the character when single.
		rs := []rune(f)
		if len(rs) == 1 {
			out = append(out, f)
		}
		for i := 0; i+1 < len(rs); i++ {
			out = append(out, string(rs[i:i+2]))
		}
	}
	nonCJK := strings.Map(func(r rune) rune {
		if isCJK(r) {
			return ' '
		}
		return r
	}, q)
	for _, w := range strings.FieldsFunc(nonCJK, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if ct := codeTerms(nil, w); len(ct) > 1 {
			out = append(out, ct...)
		} else {
			out = TextTerms(out, w)
		}
	}
	return uniq(out)
}

// codeTerms appends the stemmed code tokens of code, which is what the
// code-token index holds.
func codeTerms(dst []string, code string) []string {
	n := len(dst)
	dst = CodeTokens(dst, code)
	for i := n; i < len(dst); i++ {
		dst[i] = Stem(dst[i])
	}
	return dst
}

func isCJK(r rune) bool {
	if r < 0x1100 {
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

var stopWords = map[string]bool{
	"a": true, "an": true, "the": true, "is": true, "are": true, "was": true, "be": true, "to": true,
	"of": true, "and": true, "or": true, "in": true, "on": true, "for": true, "this": true, "that": true,
	"it": true, "with": true, "as": true, "by": true, "at": true, "from": true,
}

// Stem strips common English inflections from a lower-cased word:
// parameters → parameter, quotas → quota, policies → policy, exceeded →
// exceed, processing → process. It is deliberately small: both index and
// query go through it, so it needs to be consistent, not linguistically
// complete.
func Stem(w string) string {
	if len(w) <= 3 || !isASCIILetters(w) {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	case strings.HasSuffix(w, "ing") && len(w) > 5:
		return undouble(w[:len(w)-3])
	case strings.HasSuffix(w, "ed") && len(w) > 4:
		return undouble(w[:len(w)-2])
	}
	return w
}

func undouble(w string) string {
	if n := len(w); n >= 2 && w[n-1] == w[n-2] && !strings.ContainsRune("lsz", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}

func isASCIILetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}
