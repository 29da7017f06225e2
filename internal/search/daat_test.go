package search

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/source"
	"github.com/errcat/errcat/internal/synth"
)

// TestSearchMatchesReference compares Search with referenceSearch, the
// term-at-a-time search it replaced, hit for hit and score bit for bit,
// on random queries over the built-in catalogs alone and with synthetic
// catalogs of 3,000, 30,000 and 250,000 entries: words of the texts and
// codes, Chinese bigrams, synonym phrases, codes, code prefixes and
// typos, words that occur nowhere and queries of 300 words, limits from 1
// to 120, with and without a domain.
func TestSearchMatchesReference(t *testing.T) {
	cats, err := source.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	sizes := []int{0, 3000, 30000, 250000}
	queries := []int{2000, 2000, 1000, 300}
	if testing.Short() {
		sizes = sizes[:3]
	}
	for si, n := range sizes {
		all := cats
		if n > 0 {
			var buf bytes.Buffer
			if err := synth.Write(&buf, n, int64(n)); err != nil {
				t.Fatal(err)
			}
			syn, err := catalog.ParseFast("synthetic.yaml", buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			all = append(cats[:len(cats):len(cats)], syn)
		}
		ix := Build(catalog.NewSet(all...))
		start := time.Now()
		compareWithReference(t, ix, n, queries[si])
		t.Logf("%d synthetic entries: %d queries in %v", n, queries[si], time.Since(start))
	}
}

func compareWithReference(t *testing.T, ix *Index, seed, queries int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(uint64(seed), 16))
	var words, codes, domains []string
	for ci, c := range ix.Set().Catalogs() {
		domains = append(domains, c.Domain.ID)
		step := max(1, len(c.Entries)/200)
		for ei := ci % step; ei < len(c.Entries); ei += step {
			e := &c.Entries[ei]
			codes = append(codes, e.Code)
			for _, txt := range []catalog.Text{e.Message, e.Title} {
				for _, m := range txt.All() {
					for _, f := range strings.FieldsFunc(m, func(r rune) bool { return r == ' ' || r == ',' || r == '.' || r == '，' || r == '。' }) {
						if rs := []rune(f); len(rs) > 2 && rs[0] >= 0x80 {
							// A piece of a Chinese phrase.
							i := rng.IntN(len(rs) - 1)
							f = string(rs[i:min(len(rs), i+1+rng.IntN(3))])
						}
						words = append(words, f)
					}
				}
			}
		}
	}
	var phrases []string
	for _, g := range synonyms {
		phrases = append(phrases, g...)
	}
	pick := func(ss []string) string { return ss[rng.IntN(len(ss))] }
	word := func() string {
		switch rng.IntN(10) {
		case 0:
			return pick(phrases)
		case 1:
			return strings.ToLower(pick(CodeTokens(nil, pick(codes))))
		case 2:
			return "zqxv" + string(rune('a'+rng.IntN(26))) // nowhere
		default:
			return pick(words)
		}
	}
	for i := range queries {
		var text string
		switch k := rng.IntN(40); {
		case k < 26: // words
			ws := make([]string, 1+rng.IntN(4))
			for j := range ws {
				ws[j] = word()
			}
			text = strings.Join(ws, " ")
		case k < 30: // a code, a prefix of one, with words
			c := pick(codes)
			if rng.IntN(2) == 0 {
				c = c[:1+rng.IntN(len(c))]
			}
			text = c
			if rng.IntN(2) == 0 {
				text += " " + word()
			}
		case k < 34: // a typo
			c := []byte(strings.ToLower(pick(codes)))
			j := rng.IntN(len(c))
			switch rng.IntN(3) {
			case 0:
				c = append(c[:j], c[j+1:]...)
			case 1:
				c[j] = 'a' + byte(rng.IntN(26))
			default:
				c = append(c[:j], append([]byte{'x'}, c[j:]...)...)
			}
			text = string(c)
		case k < 39: // a synonym phrase with a word
			text = pick(phrases) + " " + word()
		default: // many words, up to more than 255 terms
			ws := make([]string, 1+rng.IntN(280))
			for j := range ws {
				ws[j] = word()
			}
			text = strings.Join(ws, " ")
		}
		q := Query{Text: text, Limit: []int{0, 1, 5, 20, 100, 120}[rng.IntN(6)]}
		if rng.IntN(4) == 0 {
			q.Domain = pick(domains)
		}
		want := hitLines(ix.referenceSearch(q))
		got := hitLines(ix.Search(q))
		if diff := gocmp.Diff(want, got); diff != "" {
			t.Fatalf("catalog %d, query %d: Search(%+v) (-want +got):\n%s", seed, i, q, diff)
		}
	}
}
