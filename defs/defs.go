// Package defs turns catalogs into the runtime's error definitions: it
// maps each catalog entry to an errcat.Def and each catalog to an
// errcat.Domain, and keeps them in a Registry looked up by domain and
// code. Services that load their catalog at start-up use it instead of
// generated code; it is the bridge that keeps the errcat package itself
// free of YAML.
//
//	reg, err := defs.LoadDir("catalogs")
//	notFound := reg.Lookup("aliyun.polardb", "InvalidDBClusterId.NotFound")
//	return notFound.New().WithRequestID(id)
package defs

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"sync"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/decode"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/decodecat"
	"github.com/errcat/errcat/internal/source"
)

// FromCatalog returns the runtime Domain of c and one Def per distinct
// code, in catalog order (a later entry with an already seen code is left
// out; the catalog validator reports such duplicates). The domain's
// Internal Def is the catalog's InternalEntry (domain.internal_code, else
// the first entry of category internal), or nil (the runtime's generic
// internal error) when the catalog has none. `errcat gen go` writes
// these same values as Go literals, so a generated package and a catalog
// loaded at run time agree field for field.
func FromCatalog(c *catalog.Catalog) (*errcat.Domain, []*errcat.Def) {
	dom := &errcat.Domain{
		ID:        c.Domain.ID,
		Name:      c.Domain.Name,
		Locales:   slices.Clone(c.Domain.Locales),
		Format:    c.Domain.WireFormat,
		DocsURL:   c.Domain.DocsURL,
		APIDomain: c.Domain.APIDomain,
	}
	internal := c.InternalEntry()
	seen := make(map[string]bool, len(c.Entries))
	out := make([]*errcat.Def, 0, len(c.Entries))
	for i := range c.Entries {
		e := &c.Entries[i]
		if seen[e.Code] {
			continue
		}
		seen[e.Code] = true
		d := &errcat.Def{
			Domain:      dom,
			Code:        e.Code,
			HTTPStatus:  e.Status(),
			Category:    string(e.Category),
			Retryable:   e.IsRetryable(),
			RetryStated: e.Retryable != nil,
			Reason:      e.Reason,
			RetryAfter:  e.RetryAfterDuration(),
			Title:       cloneText(e.Title),
			Message:     cloneText(e.Message),
			Remediation: cloneText(e.Remediation),
		}
		for _, p := range e.Params {
			d.Params = append(d.Params, p.Name)
		}
		if e == internal {
			dom.Internal = d
		}
		out = append(out, d)
	}
	return dom, out
}

func cloneText(t catalog.Text) map[string]string {
	if t.Len() == 0 {
		return nil
	}
	return t.Map()
}

// Registry holds the Defs of several domains. It is immutable once built
// and safe for concurrent use.
type Registry struct {
	domains map[string]*errcat.Domain
	defs    map[string]map[string]*errcat.Def
	ids     []string
	cats    []*catalog.Catalog

	decOnce sync.Once
	dec     *decodecat.Catalog
}

// NewRegistry builds a Registry of catalogs; a later catalog with the same
// domain id replaces an earlier one.
func NewRegistry(cats ...*catalog.Catalog) *Registry {
	r := &Registry{domains: map[string]*errcat.Domain{}, defs: map[string]map[string]*errcat.Def{}}
	for _, c := range cats {
		dom, ds := FromCatalog(c)
		byCode := make(map[string]*errcat.Def, len(ds))
		for _, d := range ds {
			byCode[d.Code] = d
		}
		r.domains[dom.ID] = dom
		r.defs[dom.ID] = byCode
		r.cats = append(r.cats, c)
	}
	r.ids = slices.Sorted(maps.Keys(r.domains))
	return r
}

// Builtin returns a Registry of errcat's built-in catalogs.
func Builtin() (*Registry, error) {
	cats, err := source.Builtin()
	if err != nil {
		return nil, err
	}
	return NewRegistry(cats...), nil
}

// LoadFile returns a Registry of the catalog file at path. A bad file is
// reported as path:line:col: reason.
func LoadFile(path string) (*Registry, error) {
	c, err := source.LoadFile(path)
	if err != nil {
		return nil, err
	}
	return NewRegistry(c), nil
}

// LoadDir returns a Registry of the catalog files (*.yaml, *.yml) in dir,
// with the locale overlays of dir/i18n merged in. Problems are reported
// as file:line:col: reason, the file named with dir.
func LoadDir(dir string) (*Registry, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s: not a directory", dir)
	}
	cats, err := source.LoadDir(dir)
	if err != nil {
		return nil, err
	}
	if len(cats) == 0 {
		return nil, fmt.Errorf("%s: no catalog files (*.yaml)", dir)
	}
	return NewRegistry(cats...), nil
}

// Lookup returns the Def of code in domain, or nil.
func (r *Registry) Lookup(domain, code string) *errcat.Def {
	return r.defs[domain][code]
}

// Domain returns the domain with id, or nil.
func (r *Registry) Domain(id string) *errcat.Domain { return r.domains[id] }

// Domains returns the domain ids, sorted.
func (r *Registry) Domains() []string { return slices.Clone(r.ids) }

// Defs returns the Defs of domain sorted by code.
func (r *Registry) Defs(domain string) []*errcat.Def {
	out := slices.Collect(maps.Values(r.defs[domain]))
	slices.SortFunc(out, func(a, b *errcat.Def) int {
		switch {
		case a.Code < b.Code:
			return -1
		case a.Code > b.Code:
			return 1
		}
		return 0
	})
	return out
}

// Find returns the Defs with code in every domain, in domain id order.
func (r *Registry) Find(code string) []*errcat.Def {
	var out []*errcat.Def
	for _, id := range r.ids {
		if d := r.defs[id][code]; d != nil {
			out = append(out, d)
		}
	}
	return out
}

// DecodeCatalog returns the registry's catalogs as a decode.Catalog: give
// it to a decode.Decoder (or a decode.Transport's Decoder) and decoded
// error bodies join the entries of these catalogs, by code, alias,
// AIP-193 reason or code pattern. The index is built on first use and
// shared; it is safe for concurrent use.
func (r *Registry) DecodeCatalog() decode.Catalog {
	r.decOnce.Do(func() { r.dec = decodecat.New(catalog.NewSet(r.cats...)) })
	return r.dec
}

// Decoder returns a decode.Decoder joined to the registry's catalogs;
// domain names the domain the caller called ("" when it does not know).
func (r *Registry) Decoder(domain string) *decode.Decoder {
	return &decode.Decoder{Catalog: r.DecodeCatalog(), Domain: domain}
}
