package search_test

import (
	"bytes"
	"testing"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/search"
	"github.com/errcat/errcat/internal/synth"
)

// synthIndex indexes a synthetic catalog of n entries.
func synthIndex(b *testing.B, n int) *search.Index {
	b.Helper()
	var buf bytes.Buffer
	if err := synth.Write(&buf, n, 1); err != nil {
		b.Fatal(err)
	}
	c, err := catalog.ParseFast("synthetic.yaml", buf.Bytes())
	if err != nil {
		b.Fatal(err)
	}
	return search.Build(catalog.NewSet(c))
}

// BenchmarkSearch times one query of each kind over 200,000 synthetic
// entries: go test -run XXX -bench Search ./internal/search
func BenchmarkSearch(b *testing.B) {
	ix := synthIndex(b, 200000)
	for _, q := range []struct{ name, text string }{
		{"code", "NotFoundSchedule.Limit.E0"},
		{"prefix", "missingroute.size.e"},
		{"typo", "NotFundSchedule.Limit.E0"},
		{"words", "schedule does not exist"},
		{"chinese", "配额"},
		{"rare", "e199999"},
	} {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				if len(ix.Search(search.Query{Text: q.text, Limit: 20})) == 0 {
					b.Fatal("no hits")
				}
			}
		})
	}
}

func BenchmarkBuild(b *testing.B) {
	var buf bytes.Buffer
	if err := synth.Write(&buf, 100000, 1); err != nil {
		b.Fatal(err)
	}
	c, err := catalog.ParseFast("synthetic.yaml", buf.Bytes())
	if err != nil {
		b.Fatal(err)
	}
	set := catalog.NewSet(c)
	for b.Loop() {
		search.Build(set)
	}
}
