// Package decodecat adapts errcat's catalogs (a *catalog.Set) to the
// decode.Catalog interface, so the public decode package joins error
// bodies to catalog entries without depending on the catalog model.
package decodecat

import (
	"slices"
	"strings"

	"github.com/errcat/errcat/decode"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/vocab"
)

// Catalog is a decode.Catalog over a *catalog.Set. Every entry is turned
// into a decode.Entry (with its JSON contract) once, by New, so a look-up
// by exact code, alias or AIP-193 reason allocates nothing. It is
// immutable and safe for concurrent use.
//
// A google body names its error by ErrorInfo's reason and domain, which
// are the entry's AIP-193 reason (explicit, or derived from the code by
// vocab.Reason) and the domain's api_domain (else its id): a reason is
// looked up like an alias, after codes and aliases, and a domain's
// api_domain names the domain as its id does.
type Catalog struct {
	set *catalog.Set
	// any maps a code to its entries in every domain: exact codes in
	// domain id order, then aliases in domain id order.
	any map[string][]decode.Entry
	// in maps a domain id, or api_domain, to a code to its entries
	// (exact, then aliases, then AIP-193 reasons).
	in map[string]map[string][]decode.Entry
	// patterns holds, per domain, the entries whose code has placeholders.
	patterns map[string][]pattern
}

// pattern is an entry whose code has placeholders, with the literal text
// before the first and after the last, which a matching code must have.
type pattern struct {
	prefix, suffix string
	e              decode.Entry
}

// New indexes set for decoding.
func New(set *catalog.Set) *Catalog {
	c := &Catalog{
		set:      set,
		any:      map[string][]decode.Entry{},
		in:       map[string]map[string][]decode.Entry{},
		patterns: map[string][]pattern{},
	}
	type alias struct {
		code string
		e    decode.Entry
	}
	var aliases, reasons []alias
	for _, cat := range set.Catalogs() {
		id := cat.Domain.ID
		c.in[id] = map[string][]decode.Entry{}
		for i := range cat.Entries {
			e := &cat.Entries[i]
			if set.Entry(id, e.Code) != e {
				continue // a later entry with a code already seen
			}
			de := convert(cat, e)
			c.any[e.Code] = append(c.any[e.Code], de)
			c.in[id][e.Code] = append(c.in[id][e.Code], de)
			if vocab.HasPlaceholder(e.Code) {
				p := pattern{e: de}
				p.prefix, _, _ = strings.Cut(e.Code, "{")
				if i := strings.LastIndexByte(e.Code, '}'); i >= 0 {
					p.suffix = e.Code[i+1:]
				}
				c.patterns[id] = append(c.patterns[id], p)
			}
			for _, a := range e.Aliases {
				aliases = append(aliases, alias{a, de})
			}
			if r := e.AIPReason(); r != e.Code {
				reasons = append(reasons, alias{r, de})
			}
		}
	}
	for _, a := range aliases {
		c.any[a.code] = append(c.any[a.code], a.e)
		c.in[a.e.Domain][a.code] = append(c.in[a.e.Domain][a.code], a.e)
	}
	for _, a := range reasons {
		if slices.ContainsFunc(c.in[a.e.Domain][a.code], func(x decode.Entry) bool { return x.Code == a.e.Code }) {
			continue // the code is its own alias already
		}
		c.any[a.code] = append(c.any[a.code], a.e)
		c.in[a.e.Domain][a.code] = append(c.in[a.e.Domain][a.code], a.e)
	}
	for _, cat := range set.Catalogs() {
		if api := cat.Domain.APIDomain; api != "" && c.in[api] == nil {
			c.in[api] = c.in[cat.Domain.ID]
		}
	}
	return c
}

// HasDomain reports whether the set has domain id (or a domain whose
// api_domain is id).
func (c *Catalog) HasDomain(id string) bool { return c.in[id] != nil }

// Lookup returns the entries for code: exact codes, then aliases, then
// code patterns, in domain when it is not "", else in every domain (in
// domain id order). The result must not be modified.
func (c *Catalog) Lookup(domain, code string) []decode.Entry {
	var out []decode.Entry
	if domain != "" {
		out = c.in[domain][code]
	} else {
		out = c.any[code]
	}
	out = out[:len(out):len(out)] // appending below copies
	for _, cat := range c.set.Catalogs() {
		if domain != "" && cat.Domain.ID != domain && cat.Domain.APIDomain != domain {
			continue
		}
		for _, p := range c.patterns[cat.Domain.ID] {
			if p.e.Code == code || !strings.HasPrefix(code, p.prefix) || !strings.HasSuffix(code, p.suffix) {
				continue // already there as an exact code, or cannot match
			}
			if _, ok := decode.MatchPattern(p.e.Code, code); ok {
				out = append(out, p.e)
			}
		}
	}
	return out
}

func convert(cat *catalog.Catalog, e *catalog.Entry) decode.Entry {
	var texts []string
	for _, l := range e.Message.Locales() {
		texts = append(texts, e.Message.Get(l))
	}
	for _, v := range e.Variants {
		for _, l := range v.Message.Locales() {
			if t := v.Message.Get(l); !slices.Contains(texts, t) {
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
