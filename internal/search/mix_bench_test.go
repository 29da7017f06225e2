package search_test

import (
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/errcat/errcat/internal/search"
)

// BenchmarkSearchMix times each query of the error center's load test
// (benchmarks/serve/synth-queries.txt) on its own, limit 20, over a
// synthetic catalog of SEARCH_MIX_N entries (200,000 unless set):
//
//	SEARCH_MIX_N=1000000 go test -run XXX -bench SearchMix ./internal/search
func BenchmarkSearchMix(b *testing.B) {
	data, err := os.ReadFile("../../benchmarks/serve/synth-queries.txt")
	if err != nil {
		b.Fatal(err)
	}
	n := 200000
	if s := os.Getenv("SEARCH_MIX_N"); s != "" {
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	ix := synthIndex(b, n)
	for i, line := range strings.Fields(string(data)) {
		text, err := url.QueryUnescape(line)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strconv.Itoa(i)+"_"+strings.ReplaceAll(text, " ", "_"), func(b *testing.B) {
			for b.Loop() {
				ix.Search(search.Query{Text: text, Limit: 20})
			}
		})
	}
}
