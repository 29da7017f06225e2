package catalog_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/synth"
)

// BenchmarkSet builds the set of a synthetic catalog (errcat synth) and
// looks its codes up exactly (Entry) and case-insensitively (Find), as
// the error center does for each entry request:
// go test ./internal/catalog -run XXX -bench Set
func BenchmarkSet(b *testing.B) {
	const n = 200000
	var buf bytes.Buffer
	if err := synth.Write(&buf, n, 1); err != nil {
		b.Fatal(err)
	}
	c, err := catalog.ParseFast("synthetic.yaml", buf.Bytes())
	if err != nil {
		b.Fatal(err)
	}
	codes := make([]string, 0, 1024)
	for i := 0; len(codes) < cap(codes); i += n / cap(codes) {
		codes = append(codes, c.Entries[i].Code)
	}
	b.Run(fmt.Sprintf("NewSet/entries=%d", n), func(b *testing.B) {
		for b.Loop() {
			catalog.NewSet(c)
		}
	})
	s := catalog.NewSet(c)
	id := c.Domain.ID
	b.Run("Entry", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if s.Entry(id, codes[i%len(codes)]) == nil {
				b.Fatal("not found")
			}
			i++
		}
	})
	lower := make([]string, len(codes))
	for i, code := range codes {
		lower[i] = strings.ToLower(code)
	}
	b.Run("Find", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if len(s.Find(lower[i%len(lower)])) == 0 {
				b.Fatal("not found")
			}
			i++
		}
	})
}
