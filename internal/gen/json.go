package gen

import (
	"bytes"
	"encoding/json"

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
	files := Files{}
	index := []JSONIndexItem{}
	for _, c := range sortedCatalogs(cats) {
		d := JSONDomain{Domain: c.JSON(), Entries: []catalog.EntryJSON{}}
		for i := range c.Entries {
			d.Entries = append(d.Entries, c.Entries[i].JSON(&c.Domain))
		}
		name := c.Domain.ID + ".json"
		b, err := marshalJSON(d)
		if err != nil {
			return nil, err
		}
		files[name] = b
		index = append(index, JSONIndexItem{ID: c.Domain.ID, Name: c.Domain.Name, Locales: c.Domain.Locales, Codes: len(c.Entries), File: name})
	}
	b, err := marshalJSON(index)
	if err != nil {
		return nil, err
	}
	files["index.json"] = b
	return files, nil
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
