package catalog

import "encoding/json"

// EntryJSON is the stable JSON contract of one entry, as printed by
// `errcat explain --json` and served by the error center. Field names are
// part of the contract; add fields, never rename them.
type EntryJSON struct {
	Domain      string            `json:"domain"`
	Code        string            `json:"code"`
	HTTPStatus  *int              `json:"http_status"`
	Category    Category          `json:"category"`
	Reason      string            `json:"reason,omitempty"`
	Retryable   bool              `json:"retryable"`
	RetryAfter  string            `json:"retry_after,omitempty"`
	Inferred    []string          `json:"inferred,omitempty"`
	Title       Text              `json:"title,omitzero"`
	Message     Text              `json:"message"`
	Remediation Text              `json:"remediation,omitzero"`
	Origin      map[string]Origin `json:"origin"`
	Params      []Param           `json:"params"`
	Variants    []Variant         `json:"variants,omitempty"`
	Deprecated  bool              `json:"deprecated,omitempty"`
	ReplacedBy  string            `json:"replaced_by,omitempty"`
	Aliases     []string          `json:"aliases,omitempty"`
	DocsURL     string            `json:"docs_url,omitempty"`
	Source      *Source           `json:"source,omitempty"`
}

// DomainJSON is the stable JSON contract of a domain: its header (every
// field of Domain under its JSON name) and the number of its entries. The
// error center serves it (GET /v1/domains, GET /v1/domains/{domain}) and
// `errcat gen json` writes it as the "domain" of DOMAIN.json. Field names
// are part of the contract; add fields, never rename them.
type DomainJSON struct {
	Domain
	Entries int `json:"entries"`
}

// JSON returns the catalog's domain in its JSON contract.
func (c *Catalog) JSON() DomainJSON {
	return DomainJSON{Domain: c.Domain, Entries: len(c.Entries)}
}

// JSON returns the entry's JSON contract within domain d.
func (e *Entry) JSON(d *Domain) EntryJSON {
	origin := make(map[string]Origin, e.Message.Len())
	for l := range e.Message.All() {
		origin[l] = e.OriginOf(l)
	}
	params := e.Params
	if params == nil {
		params = []Param{}
	}
	return EntryJSON{
		Domain:      d.ID,
		Code:        e.Code,
		HTTPStatus:  e.HTTPStatus,
		Category:    e.Category,
		Reason:      e.Reason,
		Retryable:   e.IsRetryable(),
		RetryAfter:  e.RetryAfter,
		Inferred:    e.Inferred,
		Title:       e.Title,
		Message:     e.Message,
		Remediation: e.Remediation,
		Origin:      origin,
		Params:      params,
		Variants:    e.Variants,
		Deprecated:  e.Deprecated,
		ReplacedBy:  e.ReplacedBy,
		Aliases:     e.Aliases,
		DocsURL:     d.DocsURLFor(e.Code),
		Source:      e.Source,
	}
}

// MarshalEntry renders the entry's JSON contract, indented when indent is true.
func MarshalEntry(d *Domain, e *Entry, indent bool) ([]byte, error) {
	if indent {
		return json.MarshalIndent(e.JSON(d), "", "  ")
	}
	return json.Marshal(e.JSON(d))
}
