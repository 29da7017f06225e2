package catalog

import (
	"fmt"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/lexer"
	"github.com/google/go-cmp/cmp"
)

// TestPrescanLimits checks each limit of prescan at and past its value.
func TestPrescanLimits(t *testing.T) {
	seq := func(n int) string { return "k: [" + strings.Repeat("a, ", n-1) + "a]\n" }
	blockSeq := func(n int) string { return "k:\n" + strings.Repeat("- a\n", n) }
	keys := func(n int) string {
		var b strings.Builder
		b.WriteString("k:\n")
		for i := range n {
			fmt.Fprintf(&b, "  k%d: v\n", i)
		}
		return b.String()
	}
	flowKeys := func(n int) string {
		var b strings.Builder
		b.WriteString("k: {")
		for i := range n {
			fmt.Fprintf(&b, "k%d: v, ", i)
		}
		return b.String() + "}\n"
	}
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) + "\n" }
	deepBlock := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat(" ", i) + "- \n")
		}
		return b.String()
	}
	tests := []struct {
		name     string
		ok, over string
		want     string
	}{
		{"flow sequence", seq(maxItems), seq(maxItems + 1),
			fmt.Sprintf("x.yaml:1:%d: more than 2097152 items in one sequence: errcat's limit", 5+3*maxItems)},
		{"block sequence", blockSeq(maxItems), blockSeq(maxItems + 1),
			"x.yaml:2097154:1: more than 2097152 items in one sequence: errcat's limit"},
		{"block mapping", keys(maxKeys), keys(maxKeys + 1), "x.yaml:1026:3: more than 1024 keys in one mapping: errcat's limit"},
		{"flow mapping", flowKeys(maxKeys), flowKeys(maxKeys + 1), "x.yaml:1:9135: more than 1024 keys in one mapping: errcat's limit"},
		{"flow depth", deep(maxDepth), deep(maxDepth + 1), "x.yaml:1:65: collections nested more than 64 deep: errcat's limit (a catalog nests about 7)"},
		{"block depth", deepBlock(maxDepth), deepBlock(maxDepth + 1), "x.yaml:65:65: collections nested more than 64 deep: errcat's limit (a catalog nests about 7)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := prescan("x.yaml", []byte(tt.ok), stdLimits()); err != nil {
				t.Errorf("at the limit: %v", err)
			}
			err := prescan("x.yaml", []byte(tt.over), stdLimits())
			if diff := cmp.Diff(tt.want, fmt.Sprint(err)); diff != "" {
				t.Errorf("past the limit (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCheckTokens checks the library's tokens against small limits; the
// text is what prescan reads otherwise than the library: a quote on a
// line of its own after a plain scalar is text to the library, and what
// follows is no longer quoted.
func TestCheckTokens(t *testing.T) {
	lim := limits{depth: 3, items: 3, keys: 3}
	tests := []struct {
		name, in string
		want     string
	}{
		{"depth", "a: [[[x]]]\n", "x.yaml:1:6: collections nested more than 3 deep: errcat's limit (a catalog nests about 7)"},
		{"block depth", "a:\n  b:\n    c:\n      d: x\n", "x.yaml:4:7: collections nested more than 3 deep: errcat's limit (a catalog nests about 7)"},
		{"items", "a: [1, 2, 3, 4]\n", "x.yaml:1:14: more than 3 items in one sequence: errcat's limit"},
		{"block items", "a:\n- 1\n- 2\n- 3\n- 4\n", "x.yaml:5:1: more than 3 items in one sequence: errcat's limit"},
		{"keys", "a: 1\nb: 2\nc: 3\nd: 4\n", "x.yaml:4:1: more than 3 keys in one mapping: errcat's limit"},
		{"anchor", "a: &x 1\nb: *x\n", "x.yaml:1:4: anchor &x: anchors and aliases are not allowed (quote a text that starts with & or *)"},
		{"alias", "a: 1\nb: *x\n", "x.yaml:2:4: alias *x: anchors and aliases are not allowed (quote a text that starts with & or *)"},
		{"within", "a:\n  b: [1, 2, 3]\nd: [{c: 3}, 4]\n", "<nil>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkTokens("x.yaml", lexer.Tokenize(tt.in), lim)
			if diff := cmp.Diff(tt.want, fmt.Sprint(err)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestFastReaderLimits checks that the fast reader leaves a file past its
// limits to Parse, in one goroutine and in several.
func TestFastReaderLimits(t *testing.T) {
	entries := func(n int) string {
		var b strings.Builder
		b.WriteString("domain:\n  id: a.b\n  name: A\n  locales: [en]\n  wire_format: problem\n  code_kind: string\nentries:\n")
		for i := range n {
			fmt.Fprintf(&b, "  - code: A%d\n    category: internal\n    message: {en: a}\n    variants:\n      - message: {en: v}\n", i)
		}
		return b.String()
	}
	tests := []struct {
		name string
		in   string
		lim  limits
		ok   bool
	}{
		{"within", entries(3), limits{depth: 6, items: 3, keys: 4}, true},
		{"entries", entries(4), limits{depth: 6, items: 3, keys: 4}, false},
		{"depth", entries(3), limits{depth: 5, items: 3, keys: 4}, false},
		{"keys", entries(3), limits{depth: 6, items: 3, keys: 3}, false},
		{"flow items", strings.Replace(entries(1), "category:", "inferred: [a, b, c, d]\n    category:", 1), limits{depth: 6, items: 3, keys: 5}, false},
		{"flow keys", strings.Replace(entries(1), "{en: a}", "{en: a, zh: b, ja: c, ko: d}", 1), limits{depth: 6, items: 3, keys: 4}, false},
	}
	for _, tt := range tests {
		for _, minParallel := range []int{parallelMin, 0} {
			t.Run(fmt.Sprintf("%s/parallel=%v", tt.name, minParallel == 0), func(t *testing.T) {
				_, _, ok := parseSubset("x.yaml", tt.in, minParallel, tt.lim)
				if ok != tt.ok {
					t.Errorf("ok = %v, want %v", ok, tt.ok)
				}
			})
		}
	}
}
