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
	"github.com/errcat/errcat/internal/catalog"
)

// Index is an immutable search index over one catalog.Set.
type Index struct {
	set    *catalog.Set
	cats   []*catalog.Catalog
	starts []uint32 // starts[i] is the first document of cats[i]; len(cats)+1 values

	// The lower-cased codes, one after another: document d's is
	// lowers[lowerOff[d]:lowerOff[d+1]]. byCode is the documents sorted
	// by it.
	lowers   string
	lowerOff []uint32
	byCode   []uint32

	// The inverted index, in compressed sparse rows: term t's documents
	// are docs[offs[id]:offs[id+1]] for its id in terms, sorted. Nothing
	// in it is a pointer but the arrays themselves, so the collector
	// marks it at once, whatever its size.
	terms *termTable
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

// Reason says why an entry matched.
type Reason string

// Reasons, strongest first.
const (
	ReasonCode    Reason = "code"    // the code equals the query, ignoring case
	ReasonPrefix  Reason = "prefix"  // the code starts with the query
	ReasonTypo    Reason = "typo"    // the code is within a small edit distance of the query
	ReasonText    Reason = "text"    // words or characters of the query occur in the entry
	ReasonSynonym Reason = "synonym" // a synonym of the query's words occurs in the entry
)

// hitReason is a Reason as a query's scratch space keeps it, one byte per
// document. Reasons are ordered weakest first, so the strongest of a
// document's reasons is their max; the zero value, a document scored
// without a reason from its code, is a text match.
type hitReason uint8

const (
	byText   hitReason = iota // ReasonText
	byTypo                    // ReasonTypo
	byPrefix                  // ReasonPrefix
	byCode                    // ReasonCode
)

// Reason returns the Reason a hit reports for r.
func (r hitReason) Reason() Reason {
	switch r {
	case byCode:
		return ReasonCode
	case byPrefix:
		return ReasonPrefix
	case byTypo:
		return ReasonTypo
	}
	return ReasonText
}

// String returns r as the API writes it: code, prefix, typo or text.
func (r hitReason) String() string { return string(r.Reason()) }

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

// Len returns the number of indexed entries.
func (ix *Index) Len() int { return len(ix.byCode) }

// Set returns the catalog set the index was built from.
func (ix *Index) Set() *catalog.Set { return ix.set }
