package search

import (
	"cmp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/errcat/errcat/internal/catalog"
)

// The term table holds text terms as they are (letters, digits and CJK
// characters), code tokens behind codePrefix and code trigrams behind
// gramPrefix.
const (
	codePrefix = "\x01"
	gramPrefix = '\x02'
)

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
	ix.numKeys, ix.numOffs = slices.Clone(ix.numKeys), slices.Clone(ix.numOffs)
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

	// Phase 1: each chunk of documents gets a term table of its own and
	// the sorted, distinct local term ids of each document.
	workers = max(1, min(workers, n))
	chunks := make([]*chunk, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		size := hi - lo
		chunks[w] = &chunk{lo: uint32(lo), hi: uint32(hi), terms: newTermTable(size),
			ids: make([]uint32, 0, size*32), ends: make([]uint32, 0, size), lowerEnds: make([]uint32, 0, size),
			trigrams: n <= maxTrigramDocs}
		wg.Add(1)
		go func(ch *chunk) {
			defer wg.Done()
			ix.tokenize(ch)
		}(chunks[w])
	}
	wg.Wait()
	ix.buildNums(chunks)
	ix.joinLower(chunks)

	// Phase 2: one term table (the first chunk's, extended); document
	// frequencies.
	ix.terms = chunks[0].terms
	counts := make([]uint32, ix.terms.len())
	for i, ch := range chunks {
		ch.global = make([]uint32, ch.terms.len())
		if i == 0 {
			for l := range ch.global {
				ch.global[l] = uint32(l)
			}
		} else {
			for l := range ch.global {
				g, added := ix.terms.add(ch.terms.term(uint32(l)))
				if added {
					counts = append(counts, 0)
				}
				ch.global[l] = g
			}
		}
		ch.terms = nil
		for _, l := range ch.ids {
			counts[ch.global[l]]++
		}
	}
	ix.terms.trim()
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
	ix.sortCodes(workers)
	ix.free = make(chan *scratch, 2*runtime.GOMAXPROCS(0))
	return ix
}

// joinLower lays the chunks' lower-cased codes out in one string.
func (ix *Index) joinLower(chunks []*chunk) {
	total := 0
	for _, ch := range chunks {
		total += len(ch.lower)
	}
	var b strings.Builder
	b.Grow(total)
	ix.lowerOff = make([]uint32, 1, ix.starts[len(ix.starts)-1]+1)
	for _, ch := range chunks {
		base := uint32(b.Len())
		b.Write(ch.lower)
		for _, e := range ch.lowerEnds {
			ix.lowerOff = append(ix.lowerOff, base+e)
		}
		ch.lower, ch.lowerEnds = nil, nil
	}
	ix.lowers = b.String()
}

// sortCodes sorts the documents by lower-cased code, ties by number: in
// two halves at once and merged when there are two workers.
func (ix *Index) sortCodes(workers int) {
	n := len(ix.lowerOff) - 1
	byCode := make([]uint32, n)
	for i := range byCode {
		byCode[i] = uint32(i)
	}
	less := func(a, b uint32) int { return cmp.Or(strings.Compare(ix.lower(a), ix.lower(b)), cmp.Compare(a, b)) }
	if workers < 2 || n < 50000 {
		slices.SortFunc(byCode, less)
		ix.byCode = byCode
		return
	}
	a, b := byCode[:n/2], byCode[n/2:]
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		slices.SortFunc(a, less)
	}()
	slices.SortFunc(b, less)
	wg.Wait()
	ix.byCode = make([]uint32, 0, n)
	for len(a) > 0 && len(b) > 0 {
		if less(a[0], b[0]) <= 0 {
			ix.byCode, a = append(ix.byCode, a[0]), a[1:]
		} else {
			ix.byCode, b = append(ix.byCode, b[0]), b[1:]
		}
	}
	ix.byCode = append(append(ix.byCode, a...), b...)
}

// chunk is a range of documents tokenized by one goroutine.
type chunk struct {
	lo, hi    uint32
	terms     *termTable // term → local id
	ids       []uint32   // local term ids, document after document
	ends      []uint32   // ends[i] is where document lo+i's ids end
	global    []uint32   // local id → global id
	nums      []numPair  // numeric terms, by document
	lower     []byte     // the lower-cased codes, one after another
	lowerEnds []uint32   // lowerEnds[i] is where document lo+i's code ends
	// trigrams says whether to index code trigrams (for typos at edit
	// distance 2, looked for only in indexes of up to maxTrigramDocs).
	trigrams bool
}

// tokenize fills ch with the terms of its documents.
func (ix *Index) tokenize(ch *chunk) {
	var terms []string
	var local []uint32
	var key []byte
	ci := sort.Search(len(ix.cats), func(i int) bool { return ix.starts[i+1] > ch.lo })
	for d := ch.lo; d < ch.hi; d++ {
		for ix.starts[ci+1] <= d {
			ci++
		}
		e := &ix.cats[ci].Entries[d-ix.starts[ci]]
		start := len(ch.lower)
		ch.lower = appendLower(ch.lower, e.Code)
		ch.lowerEnds = append(ch.lowerEnds, uint32(len(ch.lower)))

		terms = terms[:0]
		for _, t := range []catalog.Text{e.Title, e.Message, e.Remediation} {
			for _, s := range t.All() {
				terms = TextTerms(terms, s)
			}
		}
		for _, v := range e.Variants {
			for _, s := range v.Message.All() {
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
			key = key[:0]
			if i >= nText {
				key = append(key, codePrefix...)
			}
			key = append(key, t...)
			id, _ := ch.terms.add(key)
			local = append(local, id)
		}
		if lc := ch.lower[start:]; ch.trigrams && len(lc) > 0 {
			// The trigrams of the code padded with a NUL each side.
			at := func(i int) byte {
				if i < 0 || i >= len(lc) {
					return 0
				}
				return lc[i]
			}
			for j := -1; j+2 <= len(lc); j++ {
				id, _ := ch.terms.add(append(key[:0], gramPrefix, at(j), at(j+1), at(j+2)))
				local = append(local, id)
			}
		}
		slices.Sort(local)
		local = slices.Compact(local)
		ch.ids = append(ch.ids, local...)
		ch.ends = append(ch.ends, uint32(len(ch.ids)))
	}
}

// appendLower appends code lower-cased, as strings.ToLower would.
func appendLower(dst []byte, code string) []byte {
	if !isASCII(code) {
		return append(dst, strings.ToLower(code)...)
	}
	for i := 0; i < len(code); i++ {
		c := code[i]
		if isUpperASCII(c) {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// lower returns the lower-cased code of document d.
func (ix *Index) lower(d uint32) string { return ix.lowers[ix.lowerOff[d]:ix.lowerOff[d+1]] }
