package gen

import (
	"bytes"
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
	builtin, err := source.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := synth.Write(&b, 300, 1); err != nil {
		t.Fatal(err)
	}
	syn, err := catalog.Parse("synthetic.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	sets := map[string][]*catalog.Catalog{"all": builtin, "none": nil, "synthetic": {syn}}
	for _, c := range builtin {
		sets[c.Domain.ID] = []*catalog.Catalog{c}
	}
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
