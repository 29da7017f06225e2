package search_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/search"
	"github.com/errcat/errcat/internal/source"
)

func builtin(tb testing.TB) *search.Index {
	tb.Helper()
	cats, err := source.Builtin()
	if err != nil {
		tb.Fatal(err)
	}
	return search.Build(catalog.NewSet(cats...))
}

func TestSearch(t *testing.T) {
	ix := builtin(t)
	tests := []struct {
		name  string
		q     search.Query
		first string // "domain code" of the first hit
		why   search.Reason
		min   int // at least this many hits
	}{
		{"exact code", search.Query{Text: "CSS.0001"}, "huaweicloud.css CSS.0001", search.ReasonCode, 1},
		{"code ignores case", search.Query{Text: "css.0001"}, "huaweicloud.css CSS.0001", search.ReasonCode, 1},
		{"code prefix", search.Query{Text: "css.00"}, "huaweicloud.css CSS.0001", search.ReasonPrefix, 10},
		{"numeric code", search.Query{Text: "96000"}, "zilliz.cloud 96000", search.ReasonCode, 1},
		{"typo in code", search.Query{Text: "InvalidDBClustrId.NotFound"}, "aliyun.polardb InvalidDBClusterId.NotFound", search.ReasonTypo, 1},
		{"swapped letters", search.Query{Text: "Throtlting"}, "aliyun.polardb Throttling", search.ReasonTypo, 1},
		{"chinese word", search.Query{Text: "参数"}, "", search.ReasonText, 3},
		{"english stem", search.Query{Text: "parameters"}, "", search.ReasonText, 5},
		{"domain filter", search.Query{Text: "参数", Domain: "privatecloud.retcode", Limit: 2}, "", search.ReasonText, 2},
		{"number in a message", search.Query{Text: "pageSize 100"}, "zilliz.cloud 96008", search.ReasonText, 1},
		{"number of a code", search.Query{Text: "0005 css"}, "huaweicloud.css CSS.0005", search.ReasonText, 1},
		{"camel case words", search.Query{Text: "cluster id not found"}, "aliyun.polardb InvalidDBClusterId.NotFound", search.ReasonText, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := ix.Search(tt.q)
			if len(hits) < tt.min {
				t.Fatalf("got %d hits, want at least %d", len(hits), tt.min)
			}
			if tt.q.Limit > 0 && len(hits) > tt.q.Limit {
				t.Errorf("got %d hits, limit %d", len(hits), tt.q.Limit)
			}
			h := hits[0]
			if tt.first != "" {
				got := h.Catalog.Domain.ID + " " + h.Entry.Code
				if diff := cmp.Diff(tt.first, got); diff != "" {
					t.Errorf("first hit (-want +got):\n%s", diff)
				}
			}
			if h.Reason != tt.why {
				t.Errorf("reason = %s, want %s", h.Reason, tt.why)
			}
			for _, h := range hits {
				if tt.q.Domain != "" && h.Catalog.Domain.ID != tt.q.Domain {
					t.Errorf("hit in %s outside domain %s", h.Catalog.Domain.ID, tt.q.Domain)
				}
			}
		})
	}
}

func TestChineseWordMatchesWholeWord(t *testing.T) {
	ix := builtin(t)
	for _, q := range []string{"参数", "配额"} {
		t.Run(q, func(t *testing.T) {
			hits := ix.Search(search.Query{Text: q, Limit: 1000})
			if len(hits) == 0 {
				t.Fatalf("no hits for %s", q)
			}
			for _, h := range hits {
				if h.Reason == search.ReasonSynonym {
					continue // found by a synonym, see TestSynonymsFindTheSameEntries
				}
				found := false
				for _, t := range []catalog.Text{h.Entry.Title, h.Entry.Message, h.Entry.Remediation} {
					for _, s := range t.All() {
						found = found || strings.Contains(s, q)
					}
				}
				for _, v := range h.Entry.Variants {
					for _, s := range v.Message.All() {
						found = found || strings.Contains(s, q)
					}
				}
				if !found {
					t.Errorf("%s %s matched %s but no text contains it: %v %v", h.Catalog.Domain.ID, h.Entry.Code, q, h.Entry.Message, h.Entry.Remediation)
				}
			}
		})
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		code []string
		text []string
	}{
		{"InvalidDBClusterId.NotFound", []string{"invalid", "db", "cluster", "id", "not", "found"}, nil},
		{"CSS.0001", []string{"css", "0001"}, nil},
		{"AuthFailure.SignatureFailure", []string{"auth", "failure", "signature", "failure"}, nil},
		{"The parameters are missing", nil, []string{"parameter", "miss"}},
		{"请求参数错误", nil, []string{"请", "请求", "求", "求参", "参", "参数", "数", "数错", "错", "错误", "误"}},
		{"quota 配额 exceeded", nil, []string{"quota", "配", "配额", "额", "exceed"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if tt.code != nil {
				if diff := cmp.Diff(tt.code, search.CodeTokens(nil, tt.in)); diff != "" {
					t.Errorf("CodeTokens (-want +got):\n%s", diff)
				}
			}
			if tt.text != nil {
				if diff := cmp.Diff(tt.text, search.TextTerms(nil, tt.in)); diff != "" {
					t.Errorf("TextTerms (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestEmptyQuery(t *testing.T) {
	ix := builtin(t)
	for _, q := range []search.Query{{Text: ""}, {Text: "   "}, {Text: "x", Domain: "no.such"}} {
		if hits := ix.Search(q); len(hits) != 0 {
			t.Errorf("Search(%+v) = %d hits, want none", q, len(hits))
		}
	}
}

func FuzzSearch(f *testing.F) {
	ix := builtin(f)
	for _, s := range []string{"参数", "CSS.00", "InvalidParameter", "quota exceeded", "\xff\xfe", "a b c"} {
		f.Add(s, 5)
	}
	f.Fuzz(func(t *testing.T, q string, limit int) {
		hits := ix.Search(search.Query{Text: q, Limit: limit % 100})
		want := limit % 100
		if want <= 0 {
			want = 20
		}
		if len(hits) > want {
			t.Fatalf("%d hits over limit %d", len(hits), want)
		}
		for i := 1; i < len(hits); i++ {
			if hits[i].Score > hits[i-1].Score {
				t.Fatalf("hits not ranked: %v > %v", hits[i].Score, hits[i-1].Score)
			}
		}
	})
}

func ExampleIndex_Search() {
	cats, _ := source.Builtin()
	ix := search.Build(catalog.NewSet(cats...))
	for _, h := range ix.Search(search.Query{Text: "css.001", Limit: 2}) {
		fmt.Println(h.Catalog.Domain.ID, h.Entry.Code, h.Reason)
	}
	// Output:
	// huaweicloud.css CSS.0011 prefix
	// huaweicloud.css CSS.0015 prefix
}

// TestParallelBuild: however the documents are split among goroutines,
// the index answers the same.
func TestParallelBuild(t *testing.T) {
	cats, err := source.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	set := catalog.NewSet(cats...)
	one := search.BuildWith(set, 1)
	queries := []string{"参数", "配额", "CSS.00", "css.0001", "InvalidDBClustrId.NotFound", "quota exceeded", "not found", "96000", "throttling"}
	for _, workers := range []int{2, 3, 7, 1000} {
		ix := search.BuildWith(set, workers)
		for _, q := range queries {
			want := one.Search(search.Query{Text: q, Limit: 100})
			got := ix.Search(search.Query{Text: q, Limit: 100})
			key := func(hs []search.Hit) []string {
				var out []string
				for _, h := range hs {
					out = append(out, fmt.Sprintf("%s %s %.3f %s", h.Catalog.Domain.ID, h.Entry.Code, h.Score, h.Reason))
				}
				return out
			}
			if diff := cmp.Diff(key(want), key(got)); diff != "" {
				t.Errorf("%d workers, %q (-one +parallel):\n%s", workers, q, diff)
			}
		}
	}
}

func TestIsCJKBlock(t *testing.T) {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if !search.IsCJK(r) || !unicode.Is(unicode.Han, r) {
			t.Fatalf("%U: isCJK %v, Han %v", r, search.IsCJK(r), unicode.Is(unicode.Han, r))
		}
	}
}
