package gen

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/source"
	"github.com/errcat/errcat/internal/synth"
)

// TestStreamSameBytes checks that the streaming json and openapi writers
// write the files the whole-document versions wrote, byte for byte, for
// every built-in catalog at once, each alone, none, and a synthetic one.
func TestStreamSameBytes(t *testing.T) {
	sets := catalogSets(t, 300)
	gens := []struct {
		name         string
		tree, stream func([]*catalog.Catalog, Options) (Files, error)
	}{
		{"json", jsonTree, JSON},
		{"openapi", openAPITree, OpenAPI},
	}
	for name, cats := range sets {
		for _, g := range gens {
			want, werr := g.tree(cats, Options{})
			got, gerr := g.stream(cats, Options{})
			if (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() {
				t.Errorf("%s %s: error %v, want %v", g.name, name, gerr, werr)
				continue
			}
			if len(got) != len(want) {
				t.Errorf("%s %s: %d files, want %d", g.name, name, len(got), len(want))
			}
			for p, w := range want {
				if !bytes.Equal(got[p], w) {
					t.Errorf("%s %s: %s differs (%d bytes, want %d)", g.name, name, p, len(got[p]), len(w))
				}
			}
		}
	}
}

// catalogSets returns the sets of catalogs the byte-for-byte comparisons
// of a generator with its former writer run on: every built-in catalog
// at once ("all"), each alone (by domain id), none, and for each size n
// one synthetic catalog of n entries ("synthetic n", seed n).
func catalogSets(t *testing.T, sizes ...int) map[string][]*catalog.Catalog {
	t.Helper()
	builtin, err := source.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	sets := map[string][]*catalog.Catalog{"all": builtin, "none": nil}
	for _, c := range builtin {
		sets[c.Domain.ID] = []*catalog.Catalog{c}
	}
	for _, n := range sizes {
		var b strings.Builder
		if err := synth.Write(&b, n, int64(n)); err != nil {
			t.Fatal(err)
		}
		syn, err := catalog.Parse("synthetic.yaml", []byte(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		sets[fmt.Sprint("synthetic ", n)] = []*catalog.Catalog{syn}
	}
	return sets
}
