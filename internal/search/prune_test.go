package search

import (
	"bytes"
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/source"
	"github.com/errcat/errcat/internal/synth"
)

// searchEveryAlternative is Search as it was before it skipped the
// alternatives that cannot change the result: it runs every one of them.
func (ix *Index) searchEveryAlternative(q Query) []Hit {
	alts := synonymAlternatives(q.Text)
	s := ix.getScratch()
	defer ix.putScratch(s)
	hits := ix.searchWith(s, q, true)
	if len(alts) == 0 {
		return hits
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	best := make(map[*catalog.Entry]int, len(hits))
	for i, h := range hits {
		best[h.Entry] = i
	}
	for _, a := range alts {
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

// hitLines writes hits as "domain code score reason" lines, the score to
// every bit.
func hitLines(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = fmt.Sprintf("%s %s %b %s", h.Catalog.Domain.ID, h.Entry.Code, h.Score, h.Reason)
	}
	return out
}

// TestSearchSkipsOnlyWhatCannotMatter compares Search with the search
// that runs every synonym alternative, on queries over a synthetic
// catalog and the built-in ones: English and Chinese words and phrases of
// every synonym group, alone and with other words, codes, code prefixes
// and typos, limits from 1 to 50, with and without a domain.
func TestSearchSkipsOnlyWhatCannotMatter(t *testing.T) {
	var buf bytes.Buffer
	if err := synth.Write(&buf, 30000, 7); err != nil {
		t.Fatal(err)
	}
	syn, err := catalog.ParseFast("synthetic.yaml", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	cats, err := source.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ix := Build(catalog.NewSet(append(cats, syn)...))

	// Words of the catalogs' own texts and codes to pair with synonyms.
	var words, codes []string
	set := ix.Set()
	for ci, c := range set.Catalogs() {
		for ei := 0; ei < len(c.Entries); ei += 97 + ci {
			e := &c.Entries[ei]
			codes = append(codes, e.Code)
			for _, m := range e.Message.All() {
				for _, f := range strings.Fields(m) {
					if len(words) < 400 && len(f) > 3 {
						words = append(words, strings.Trim(f, ".,:;'\"()"))
					}
				}
			}
		}
	}
	var texts []string
	for gi, g := range synonyms {
		for pi, p := range g {
			texts = append(texts, p, strings.ToUpper(p))
			w := words[(gi*31+pi*7)%len(words)]
			texts = append(texts, w+" "+p, p+" "+w, w+" "+p+" "+words[(gi*13+pi)%len(words)])
			c := codes[(gi*17+pi*5)%len(codes)]
			texts = append(texts, c+" "+p, p+" "+strings.ToLower(c[:len(c)/2]))
			o := synonyms[(gi+1)%len(synonyms)]
			texts = append(texts, p+" "+o[pi%len(o)])
		}
	}
	for i, c := range codes {
		if i%5 == 0 {
			texts = append(texts, c, c[:len(c)/2], c[:len(c)-1]+"x", c[1:])
		}
	}
	texts = append(texts, "schedule does not exist", "quota exhausted", "temporarily unavailable",
		"不存在", "无权操作", "配额", "", "   ", "the", "e1")
	domains := []string{""}
	for _, c := range set.Catalogs()[:3] {
		domains = append(domains, c.Domain.ID)
	}
	domains = append(domains, syn.Domain.ID, "no.such.domain")

	n := 0
	for i, text := range texts {
		for _, limit := range []int{0, 1, 5, 50} {
			q := Query{Text: text, Limit: limit, Domain: domains[(i+limit)%len(domains)]}
			want := hitLines(ix.searchEveryAlternative(q))
			got := hitLines(ix.Search(q))
			n++
			if diff := gocmp.Diff(want, got); diff != "" {
				t.Errorf("Search(%+v) (-want +got):\n%s", q, diff)
			}
		}
	}
	t.Logf("%d queries", n)
}

// weighByBinarySearch is weigh as it was for few candidates: a binary
// search of each candidate in both posting lists.
func (s *scratch) weighByBinarySearch(q qterm) {
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
}

// TestWeighGallops compares weigh with a binary search of every
// candidate, on random candidates and posting lists of many densities.
func TestWeighGallops(t *testing.T) {
	const n = 5000
	rng := rand.New(rand.NewPCG(1, 2))
	sorted := func(p float64) []uint32 {
		var out []uint32
		for d := range uint32(n) {
			if rng.Float64() < p {
				out = append(out, d)
			}
		}
		return out
	}
	for round := range 300 {
		pc, pt, pk := rng.Float64()*0.05, rng.Float64(), rng.Float64()*0.5
		got, want := newScratch(n), newScratch(n)
		// Candidates, touched out of document order, with earlier scores.
		cands := sorted(pc)
		rng.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
		for _, s := range []*scratch{got, want} {
			for _, d := range cands {
				s.touch(d)
				s.score[d] += 1.25
				s.hits[d]++
			}
		}
		q := qterm{tp: sorted(pt), cp: sorted(pk), w: 0.7 + float32(round)/100}
		df := len(q.tp) + len(q.cp)
		got.weigh(q, df)
		want.weighByBinarySearch(q)
		if diff := gocmp.Diff(want.score, got.score); diff != "" {
			t.Fatalf("round %d: scores (-want +got):\n%s", round, diff)
		}
		if diff := gocmp.Diff(want.hits, got.hits); diff != "" {
			t.Fatalf("round %d: hits (-want +got):\n%s", round, diff)
		}
	}
}
