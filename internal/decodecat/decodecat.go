// Package decodecat adapts errcat's catalogs (a *catalog.Set) to the
// decode.Catalog interface, so the public decode package joins error
// bodies to catalog entries without depending on the catalog model.
package decodecat

import (
	"slices"

	"github.com/errcat/errcat/decode"
	"github.com/errcat/errcat/internal/catalog"
)

// Catalog is a decode.Catalog over a *catalog.Set. It is immutable and
// safe for concurrent use.
type Catalog struct {
	set *catalog.Set
	// patterns holds, per domain, the entries whose code has placeholders.
	patterns map[string][]*catalog.Entry
	// aliases maps domain → alias → entry.
	aliases map[string]map[string]*catalog.Entry
}

// New indexes set for decoding.
func New(set *catalog.Set) *Catalog {
	c := &Catalog{set: set, patterns: map[string][]*catalog.Entry{}, aliases: map[string]map[string]*catalog.Entry{}}
	for _, cat := range set.Catalogs() {
		id := cat.Domain.ID
		for i := range cat.Entries {
			e := &cat.Entries[i]
			if len(catalog.Placeholders(e.Code)) > 0 {
				c.patterns[id] = append(c.patterns[id], e)
			}
			for _, a := range e.Aliases {
				if c.aliases[id] == nil {
					c.aliases[id] = map[string]*catalog.Entry{}
				}
				c.aliases[id][a] = e
			}
		}
	}
	return c
}

// HasDomain reports whether the set has domain id.
func (c *Catalog) HasDomain(id string) bool { return c.set.Domain(id) != nil }

// Lookup returns the entries for code: exact codes, then aliases, then
// code patterns, in domain when it is not "", else in every domain (in
// domain id order).
func (c *Catalog) Lookup(domain, code string) []decode.Entry {
	cats := c.set.Catalogs()
	if domain != "" {
		cat := c.set.Domain(domain)
		if cat == nil {
			return nil
		}
		cats = []*catalog.Catalog{cat}
	}
	var out []decode.Entry
	for _, cat := range cats {
		if e := c.set.Entry(cat.Domain.ID, code); e != nil {
			out = append(out, convert(cat, e))
		}
	}
	for _, cat := range cats {
		if e := c.aliases[cat.Domain.ID][code]; e != nil {
			out = append(out, convert(cat, e))
		}
	}
	for _, cat := range cats {
		for _, e := range c.patterns[cat.Domain.ID] {
			if _, ok := decode.MatchPattern(e.Code, code); ok {
				out = append(out, convert(cat, e))
			}
		}
	}
	return out
}

func convert(cat *catalog.Catalog, e *catalog.Entry) decode.Entry {
	var texts []string
	for _, l := range e.Message.Locales() {
		texts = append(texts, e.Message[l])
	}
	for _, v := range e.Variants {
		for _, l := range v.Message.Locales() {
			if t := v.Message[l]; !slices.Contains(texts, t) {
				texts = append(texts, t)
			}
		}
	}
	return decode.Entry{
		Domain:     cat.Domain.ID,
		Code:       e.Code,
		HTTPStatus: e.Status(),
		Category:   string(e.Category),
		Retryable:  e.IsRetryable(),
		WireFormat: cat.Domain.WireFormat,
		Provider:   cat.Domain.Provider,
		Texts:      texts,
		JSON:       e.JSON(&cat.Domain),
	}
}
