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

const codePrefix = "\x01"

func gramKey(a, b, c byte) uint32 { return uint32(a)<<16 | uint32(b)<<8 | uint32(c) }

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
