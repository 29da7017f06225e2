package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/defs"
	"github.com/errcat/errcat/internal/catalog"
)

// wholeStreamVectors is StreamVectors as it was before the client models
// were built a chunk of codes at a time: every code's model held for the
// whole run. It is the reference TestVectorsSameAsWhole checks against.
func wholeStreamVectors(cats []*catalog.Catalog, _ Options, create CreateFunc) error {
	models, err := clientDomains("vectors", cats)
	if err != nil {
		return err
	}
	byID := map[string]*catalog.Catalog{}
	for _, c := range cats {
		byID[c.Domain.ID] = c
	}
	for _, m := range models {
		c := byID[m.ID]
		// The Defs are built a chunk of codes at a time (chunkDefs), so
		// that each is garbage, compiled templates and all, once its
		// vectors are written.
		internal := c.InternalEntry()
		var firsts []int
		internalAt := -1 // the internal entry's index when it is the first of its code
		seen := map[string]bool{}
		for i := range c.Entries {
			if code := c.Entries[i].Code; !seen[code] {
				seen[code] = true
				firsts = append(firsts, i)
				if &c.Entries[i] == internal {
					internalAt = i
				}
			}
		}
		seen = nil
		dom, _ := defs.FromCatalog(&catalog.Catalog{Domain: c.Domain})
		chunkDefs := func(part []int) []*errcat.Def {
			sub := &catalog.Catalog{Domain: c.Domain, Entries: make([]catalog.Entry, len(part))}
			for k, i := range part {
				sub.Entries[k] = c.Entries[i]
			}
			_, ds := defs.FromCatalog(sub)
			for _, d := range ds {
				d.Domain = dom
			}
			return ds
		}
		if internalAt >= 0 {
			dom.Internal = chunkDefs([]int{internalAt})[0]
		}
		models := map[string]*clientCode{}
		for i := range m.Codes {
			models[m.Codes[i].Code] = &m.Codes[i]
		}
		unknown := &errcat.Def{Domain: dom, Code: "Errcat.Unlisted", Category: "unknown", Message: map[string]string{}}
		if c.Domain.CodeKind == "integer" {
			unknown.Code = "987654321"
		}
		for _, l := range m.Locales {
			unknown.Message[l] = "An error the catalog does not list."
		}
		w, err := create(m.ID + ".json")
		if err != nil {
			return err
		}
		out := &errWriter{w: w}
		out.str("[\n")
		var line bytes.Buffer
		enc := json.NewEncoder(&line)
		enc.SetEscapeHTML(false)
		n := 0
		for _, format := range wireFormatNames() {
			succ := successCodes(&c.Domain, format)
			for start := 0; start <= len(firsts); start += vectorChunk {
				var rdefs []*errcat.Def
				if start < len(firsts) {
					rdefs = chunkDefs(firsts[start:min(start+vectorChunk, len(firsts))])
				}
				if start+vectorChunk > len(firsts) {
					rdefs = append(rdefs, unknown)
				}
				for _, rd := range rdefs {
					e := rd.New(sampleParams(rd.Params)...).WithRequestID(sampleRequestID(m.ID, rd.Code))
					for _, l := range m.Locales {
						status, h, body, err := wireResponse(format, e, l)
						if err != nil {
							return fmt.Errorf("gen vectors: %w", err)
						}
						v := Vector{Domain: m.ID, Format: format, Locale: l, Response: VectorResponse{Status: status, Headers: map[string]string{}, Body: string(body)}}
						for k := range h {
							v.Response.Headers[k] = h.Get(k)
						}
						if !slices.Contains(succ, rd.Code) {
							v.Want = vectorWant(models[rd.Code], rd, e, format, l, status, h.Get("Content-Language"))
						}
						line.Reset()
						if err := enc.Encode(v); err != nil {
							return fmt.Errorf("gen vectors: %w", err)
						}
						if n > 0 {
							out.str(",\n")
						}
						out.bytes(bytes.TrimRight(line.Bytes(), "\n"))
						if out.err != nil {
							return out.err
						}
						n++
					}
				}
			}
		}
		if n > 0 {
			out.str("\n")
		}
		out.str("]\n")
		if out.err != nil {
			return out.err
		}
	}
	return nil
}

// TestVectorsSameAsWhole checks that StreamVectors writes the bytes the
// former writer did, on every built-in catalog at once, each alone, and
// synthetic catalogs across chunk boundaries.
func TestVectorsSameAsWhole(t *testing.T) {
	sets := catalogSets(t, 1, 256, 300)
	for name, cats := range sets {
		want, err := collect(cats, Options{}, wholeStreamVectors)
		if err != nil {
			t.Fatal(err)
		}
		got, err := collect(cats, Options{}, StreamVectors)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(want.Paths(), got.Paths()) {
			t.Fatalf("%s: files %v, want %v", name, got.Paths(), want.Paths())
		}
		for _, p := range want.Paths() {
			if !bytes.Equal(want[p], got[p]) {
				t.Errorf("%s: %s differs from the former writer's", name, p)
			}
		}
	}
}
