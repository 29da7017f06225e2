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

	codeTerms map[string][]uint32
	textTerms map[string][]uint32
	trigrams  map[[3]byte][]uint32

	pool sync.Pool // *scratch
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

// Build indexes every entry of set.
func Build(set *catalog.Set) *Index {
	ix := &Index{
		set:       set,
		cats:      set.Catalogs(),
		codeTerms: map[string][]uint32{},
		textTerms: map[string][]uint32{},
		trigrams:  map[[3]byte][]uint32{},
	}
	n := 0
	ix.starts = make([]uint32, 0, len(ix.cats)+1)
	for _, c := range ix.cats {
		ix.starts = append(ix.starts, uint32(n))
		n += len(c.Entries)
	}
	ix.starts = append(ix.starts, uint32(n))
	ix.lower = make([]string, 0, n)
	var terms []string
	doc := uint32(0)
	for _, c := range ix.cats {
		for i := range c.Entries {
			e := &c.Entries[i]
			lc := strings.ToLower(e.Code)
			ix.lower = append(ix.lower, lc)

			terms = codeTerms(terms[:0], e.Code)
			for _, a := range e.Aliases {
				terms = codeTerms(terms, a)
			}
			addPostings(ix.codeTerms, terms, doc)

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
			addPostings(ix.textTerms, terms, doc)

			for _, g := range trigramsOf(nil, lc) {
				p := ix.trigrams[g]
				if len(p) == 0 || p[len(p)-1] != doc {
					ix.trigrams[g] = append(p, doc)
				}
			}
			doc++
		}
	}
	ix.byCode = make([]uint32, n)
	for i := range ix.byCode {
		ix.byCode[i] = uint32(i)
	}
	slices.SortFunc(ix.byCode, func(a, b uint32) int {
		return cmp.Or(strings.Compare(ix.lower[a], ix.lower[b]), cmp.Compare(a, b))
	})
	ix.pool.New = func() any {
		return &scratch{grams: make([]uint8, n), score: make([]float32, n), hits: make([]uint8, n), reason: make([]uint8, n)}
	}
	return ix
}

// addPostings adds doc to the posting list of every distinct term.
func addPostings(m map[string][]uint32, terms []string, doc uint32) {
	for _, t := range terms {
		p := m[t]
		if len(p) > 0 && p[len(p)-1] == doc {
			continue
		}
		if p == nil {
			t = strings.Clone(t)
		}
		m[t] = append(p, doc)
	}
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

type scratch struct {
	grams   []uint8 // trigrams shared with a typo query
	gramted []uint32
	score   []float32
	hits    []uint8 // distinct query terms matched
	reason  []uint8 // strongest code reason: 0 none, 1 typo, 2 prefix, 3 exact
	touched []uint32
}

func (s *scratch) touch(d uint32) {
	if s.score[d] == 0 && s.hits[d] == 0 && s.reason[d] == 0 {
		s.touched = append(s.touched, d)
	}
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

	s := ix.pool.Get().(*scratch)
	defer func() { s.reset(); ix.pool.Put(s) }()

	// Codes: exact and prefix on the whole query, lower-cased.
	lq := strings.ToLower(text)
	start := sort.Search(len(ix.byCode), func(i int) bool { return ix.lower[ix.byCode[i]] >= lq })
	found := 0
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
	if found == 0 && !strings.ContainsAny(lq, " \t") && utf8.RuneCountInString(lq) >= 3 {
		ix.typos(s, lq, in)
	}

	// Words and characters.
	qterms := queryTermSet(text)
	n := float64(ix.Len())
	for _, t := range qterms {
		tp, cp := ix.textTerms[t], ix.codeTerms[t]
		if len(tp) == 0 && len(cp) == 0 {
			continue
		}
		w := float32(math.Log(1 + n/float64(len(tp)+len(cp))))
		tp = postingRange(tp, lo, hi)
		for _, d := range tp {
			s.touch(d)
			s.score[d] += w
			s.hits[d]++
		}
		for _, d := range postingRange(cp, lo, hi) {
			s.touch(d)
			s.score[d] += 2 * w
			if _, ok := slices.BinarySearch(tp, d); !ok {
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
func (ix *Index) typos(s *scratch, lq string, in func(uint32) bool) {
	k := maxTypoDist
	if utf8.RuneCountInString(lq) <= 5 {
		k = 1
	}
	grams := uniqGrams(trigramsOf(nil, lq))
	need := len(grams) - 3*k
	common := ix.Len() / 8
	var lists [][]uint32
	for _, g := range grams {
		p := ix.trigrams[g]
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
	}
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
	var word []rune
	var han []rune
	flushWord := func() {
		if len(word) > 0 {
			w := strings.ToLower(string(word))
			if !stopWords[w] {
				dst = append(dst, Stem(w))
			}
			// OwnerAccount is also owner and account.
			if n := len(dst); len(word) > 3 {
				dst = codeTerms(dst, string(word))
				if len(dst) == n+1 {
					dst = dst[:n]
				}
			}
			word = word[:0]
		}
	}
	flushHan := func() {
		switch len(han) {
		case 0:
		case 1:
			dst = append(dst, string(han))
		default:
			for i := range han {
				dst = append(dst, string(han[i]))
				if i+1 < len(han) {
					dst = append(dst, string(han[i:i+2]))
				}
			}
		}
		han = han[:0]
	}
	for _, r := range s {
		switch {
		case isCJK(r):
			flushWord()
			han = append(han, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			flushHan()
			word = append(word, r)
		default:
			flushWord()
			flushHan()
		}
	}
	flushWord()
	flushHan()
	return dst
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
