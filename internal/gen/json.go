package gen

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/errcat/errcat/internal/catalog"
)

// JSONDomain is DOMAIN.json: the domain and its entries, each in its
// stable JSON contract (catalog.DomainJSON, catalog.EntryJSON).
type JSONDomain struct {
	Domain  catalog.DomainJSON  `json:"domain"`
	Entries []catalog.EntryJSON `json:"entries"`
}

// JSONIndexItem is one domain in index.json.
type JSONIndexItem struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Locales []string `json:"locales"`
	Codes   int      `json:"codes"`
	File    string   `json:"file"`
}

// JSON writes the catalogs for front ends: DOMAIN.json per domain (a
// JSONDomain) and index.json listing the domains. Every field of the
// entry contract is carried.
func JSON(cats []*catalog.Catalog, opts Options) (Files, error) {
	return collect(cats, opts, StreamJSON)
}

// StreamJSON is JSON writing each file as it goes: an entry at a time,
// never the whole domain as one value.
func StreamJSON(cats []*catalog.Catalog, _ Options, create CreateFunc) error {
	index := []JSONIndexItem{}
	for _, c := range sortedCatalogs(cats) {
		name := c.Domain.ID + ".json"
		w, err := create(name)
		if err != nil {
			return err
		}
		if err := writeJSONDomain(w, c); err != nil {
			return err
		}
		index = append(index, JSONIndexItem{ID: c.Domain.ID, Name: c.Domain.Name, Locales: c.Domain.Locales, Codes: len(c.Entries), File: name})
	}
	b, err := marshalJSON(index)
	if err != nil {
		return err
	}
	w, err := create("index.json")
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// writeJSONDomain writes c as marshalJSON writes its JSONDomain.
func writeJSONDomain(w io.Writer, c *catalog.Catalog) error {
	enc := newIndentEncoder("  ")
	bw := &errWriter{w: w}
	bw.str("{\n  \"domain\": ")
	if err := enc.encode(bw, c.JSON()); err != nil {
		return err
	}
	bw.str(",\n  \"entries\": [")
	if len(c.Entries) == 0 {
		bw.str("]\n}\n")
		return bw.err
	}
	enc = newIndentEncoder("    ")
	for i := range c.Entries {
		if i > 0 {
			bw.str(",")
		}
		bw.str("\n    ")
		if err := enc.encode(bw, c.Entries[i].JSON(&c.Domain)); err != nil {
			return err
		}
		if bw.err != nil {
			return bw.err
		}
	}
	bw.str("\n  ]\n}\n")
	return bw.err
}

// indentEncoder encodes values as marshalJSON does, for a value nested at
// the indentation prefix, without the newline Encode ends with.
type indentEncoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

func newIndentEncoder(prefix string) *indentEncoder {
	e := &indentEncoder{}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	e.enc.SetIndent(prefix, "  ")
	return e
}

func (e *indentEncoder) encode(w *errWriter, v any) error {
	e.buf.Reset()
	if err := e.enc.Encode(v); err != nil {
		return err
	}
	b := e.buf.Bytes()
	w.bytes(b[:len(b)-1])
	return w.err
}

// errWriter keeps the first write error, so that a writer can write its
// pieces and check once.
type errWriter struct {
	w   io.Writer
	err error
}

func (w *errWriter) bytes(b []byte) {
	if w.err == nil {
		_, w.err = w.w.Write(b)
	}
}

func (w *errWriter) str(s string) {
	if w.err == nil {
		_, w.err = io.WriteString(w.w, s)
	}
}

// marshalJSON renders v indented, without HTML escaping, newline-terminated.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
