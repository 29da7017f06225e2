// Package catalog owns the error catalog model: one Catalog per API domain,
// holding Entries (code, HTTP status, category, localized texts, params,
// variants, provenance). It loads catalogs from YAML with file:line:col
// errors, validates them, merges locale overlays, and renders the stable
// JSON contract of an entry that scripts and the error center depend on.
//
// A catalog file looks like:
//
//	# yaml-language-server: $schema=../schema/catalog.schema.json
//	domain:
//	  id: huaweicloud.css
//	  name: Huawei Cloud CSS
//	  locales: [en]
//	  wire_format: huawei
//	  code_kind: string
//	entries:
//	  - code: CSS.0001
//	    http_status: 400
//	    category: invalid_argument
//	    message:
//	      en: The parameter is incorrect.
//
// Every other package may import catalog; of errcat's own packages,
// catalog imports only vocab, which defines the categories, the {name}
// placeholder syntax and the wire format names for it and the runtime.
package catalog

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/errcat/errcat/vocab"
)

// Catalog is one domain's error codes.
type Catalog struct {
	Domain  Domain  `yaml:"domain" json:"domain"`
	Entries []Entry `yaml:"entries" json:"entries"`

	// File is the path the catalog was loaded from ("" when built in code).
	File string `yaml:"-" json:"-"`
}

// Domain is the header of a catalog file.
type Domain struct {
	ID       string `yaml:"id" json:"id"`
	Name     string `yaml:"name" json:"name"`
	Provider string `yaml:"provider,omitempty" json:"provider,omitempty"`
	// Locales are BCP 47 tags; the first is the default.
	Locales []string `yaml:"locales" json:"locales"`
	// WireFormat names the format the API writes errors in (problem,
	// google, tencent, tencent-v2, aliyun, huawei, zilliz, ucloud).
	WireFormat string `yaml:"wire_format" json:"wire_format"`
	// CodeKind is "integer" or "string".
	CodeKind string `yaml:"code_kind" json:"code_kind"`
	// SuccessCode is the code that means success (privatecloud's 0), if any.
	SuccessCode *string `yaml:"success_code,omitempty" json:"success_code,omitempty"`
	// InternalCode is the entry that stands for any failure that is not a
	// catalog error (the runtime never leaks such an error's text). When
	// empty, the first entry of category internal serves, if there is one.
	InternalCode string `yaml:"internal_code,omitempty" json:"internal_code,omitempty"`
	// DocsURL is a URL template; {code} is replaced by the entry's code.
	DocsURL string `yaml:"docs_url,omitempty" json:"docs_url,omitempty"`
	// APIDomain is the service name sent as google.rpc.ErrorInfo's domain
	// (AIP-193: a globally unique name such as css.myhuaweicloud.com);
	// when empty, the domain id is sent.
	APIDomain string `yaml:"api_domain,omitempty" json:"api_domain,omitempty"`
	// Description says what the domain's codes cover.
	Description Text `yaml:"description,omitempty" json:"description,omitzero"`
	// SubCode records a convention of carrying a module sub-code inside
	// the message, as Tencent's legacy API does: "(100004) incorrect projectId".
	SubCode *SubCode `yaml:"sub_code,omitempty" json:"sub_code,omitempty"`
	// Ranges declares the numeric code ranges the domain owns (lint).
	Ranges []Range `yaml:"ranges,omitempty" json:"ranges,omitempty"`
	// Lint disables or tunes lint rules for the whole domain.
	Lint *LintConfig `yaml:"lint,omitempty" json:"lint,omitempty"`
	// Source records the page the domain was imported from.
	Source *DomainSource `yaml:"source,omitempty" json:"source,omitempty"`
}

// SubCode describes a module sub-code carried inside another field.
type SubCode struct {
	// Field is the wire field holding the sub-code, e.g. "message".
	Field string `yaml:"field" json:"field"`
	// Pattern is a regular expression with named groups "code" and "message".
	Pattern string `yaml:"pattern" json:"pattern"`
	// Example is a documented example, e.g. "(100004) incorrect projectId".
	Example     string `yaml:"example,omitempty" json:"example,omitempty"`
	Description Text   `yaml:"description,omitempty" json:"description,omitzero"`
}

// Range is an inclusive numeric code range.
type Range struct {
	From int64  `yaml:"from" json:"from"`
	To   int64  `yaml:"to" json:"to"`
	Note string `yaml:"note,omitempty" json:"note,omitempty"`
}

// LintConfig is a domain's lint settings.
type LintConfig struct {
	Disable []string `yaml:"disable,omitempty" json:"disable,omitempty"`
	// Rules tunes rules by ID: severity and rule-specific options.
	Rules map[string]RuleConfig `yaml:"rules,omitempty" json:"rules,omitempty"`
}

// RuleConfig tunes one lint rule for a domain.
type RuleConfig struct {
	Severity string         `yaml:"severity,omitempty" json:"severity,omitempty"`
	Options  map[string]any `yaml:"options,omitempty" json:"options,omitempty"`
}

// DomainSource records where a domain was imported from.
type DomainSource struct {
	File    string `yaml:"file" json:"file"`
	Format  string `yaml:"format,omitempty" json:"format,omitempty"`
	Title   string `yaml:"title,omitempty" json:"title,omitempty"`
	Updated string `yaml:"updated,omitempty" json:"updated,omitempty"`
	// URL is where the page is published, when known; the error center
	// links to it instead of naming the file.
	URL string `yaml:"url,omitempty" json:"url,omitempty"`
	// Notes keeps prose of the page that belongs to no single entry.
	Notes []string `yaml:"notes,omitempty" json:"notes,omitempty"`
}

// Entry is one documented error code.
type Entry struct {
	Code string `yaml:"code" json:"code"`
	// HTTPStatus is nil where the source documents none (or says "NA").
	HTTPStatus *int     `yaml:"http_status,omitempty" json:"http_status"`
	Category   Category `yaml:"category" json:"category"`
	// Reason is the AIP-193 ErrorInfo reason (UPPER_SNAKE_CASE, at most
	// 63 characters); when empty, vocab.Reason derives it from the code.
	Reason string `yaml:"reason,omitempty" json:"reason,omitempty"`
	// Retryable overrides the category's default when set.
	Retryable *bool `yaml:"retryable,omitempty" json:"-"`
	// RetryAfter is how long a client should wait before retrying, as a
	// Go duration of whole seconds ("30s", "2m"); the runtime sends it as
	// Retry-After and google.rpc.RetryInfo.
	RetryAfter string `yaml:"retry_after,omitempty" json:"retry_after,omitempty"`
	// Inferred lists fields the importer inferred rather than read
	// ("category", "retryable", "http_status").
	Inferred    []string `yaml:"inferred,omitempty" json:"inferred,omitempty"`
	Title       Text     `yaml:"title,omitempty" json:"title,omitzero"`
	Message     Text     `yaml:"message" json:"message"`
	Remediation Text     `yaml:"remediation,omitempty" json:"remediation,omitzero"`
	// Origin says, per locale, where the texts come from: OriginSource
	// (the provider's own words; the default) or OriginTranslated /
	// OriginReviewed (a translation, reviewed or not).
	Origin     map[string]Origin `yaml:"origin,omitempty" json:"origin,omitempty"`
	Params     []Param           `yaml:"params,omitempty" json:"params"`
	Variants   []Variant         `yaml:"variants,omitempty" json:"variants,omitempty"`
	Deprecated bool              `yaml:"deprecated,omitempty" json:"deprecated,omitempty"`
	ReplacedBy string            `yaml:"replaced_by,omitempty" json:"replaced_by,omitempty"`
	Aliases    []string          `yaml:"aliases,omitempty" json:"aliases,omitempty"`
	// Exempt silences lint rules for this entry, each with a reason.
	Exempt []Exemption `yaml:"exempt,omitempty" json:"exempt,omitempty"`
	Source *Source     `yaml:"source,omitempty" json:"source,omitempty"`

	// Pos is where the entry starts in its file (zero when not loaded from YAML).
	Pos Pos `yaml:"-" json:"-"`
}

// Variant is a further documented (message, status) pair of the same code.
type Variant struct {
	HTTPStatus  *int    `yaml:"http_status,omitempty" json:"http_status"`
	Message     Text    `yaml:"message" json:"message"`
	Remediation Text    `yaml:"remediation,omitempty" json:"remediation,omitzero"`
	Source      *Source `yaml:"source,omitempty" json:"source,omitempty"`
	Pos         Pos     `yaml:"-" json:"-"`
}

// Param is a named placeholder of the entry's texts.
type Param struct {
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
}

// Exemption silences one lint rule for one entry.
type Exemption struct {
	Rule   string `yaml:"rule" json:"rule"`
	Reason string `yaml:"reason" json:"reason"`
}

// Source is the provenance of an entry or variant.
type Source struct {
	File string `yaml:"file" json:"file"`
	Line int    `yaml:"line" json:"line"`
	// Original keeps the source's text of fields the importer rewrote,
	// keyed by field name ("code", "message", "http_status", …).
	Original map[string]string `yaml:"original,omitempty" json:"original,omitempty"`
}

// Pos is a 1-based line and column in a file.
type Pos struct {
	Line int
	Col  int
}

// Origin says where a text comes from.
type Origin string

// Origins of a text.
const (
	OriginSource     Origin = "source"
	OriginTranslated Origin = "translated"
	OriginReviewed   Origin = "reviewed"
)

// OriginOf returns the origin of the entry's texts in locale.
func (e *Entry) OriginOf(locale string) Origin {
	if o, ok := e.Origin[locale]; ok {
		return o
	}
	return OriginSource
}

// IsRetryable returns the explicit retryable flag, or the category's default.
func (e *Entry) IsRetryable() bool {
	if e.Retryable != nil {
		return *e.Retryable
	}
	return e.Category.DefaultRetryable()
}

// AIPReason returns the entry's AIP-193 reason: Reason, else the one
// vocab.Reason derives from the code.
func (e *Entry) AIPReason() string {
	if e.Reason != "" {
		return e.Reason
	}
	return vocab.Reason(e.Code)
}

// RetryAfterDuration returns RetryAfter as a duration; 0 when it is empty
// or invalid (Validate reports an invalid one).
func (e *Entry) RetryAfterDuration() time.Duration {
	d, err := ParseRetryAfter(e.RetryAfter)
	if err != nil {
		return 0
	}
	return d
}

// ParseRetryAfter reads a retry_after value: a Go duration ("30s", "2m",
// "1h30m") of at least one second, in whole seconds, as the Retry-After
// header counts. "" is 0.
func ParseRetryAfter(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("retry_after %q: want a duration such as 30s or 2m", s)
	}
	if d < time.Second || d%time.Second != 0 {
		return 0, fmt.Errorf("retry_after %q: want a whole number of seconds, at least 1s", s)
	}
	return d, nil
}

// IsInferred reports whether the importer inferred field.
func (e *Entry) IsInferred(field string) bool { return slices.Contains(e.Inferred, field) }

// Status returns the HTTP status, or 0 when none is documented.
func (e *Entry) Status() int {
	if e.HTTPStatus == nil {
		return 0
	}
	return *e.HTTPStatus
}

// DefaultLocale returns the domain's default locale ("en" when none is declared).
func (d *Domain) DefaultLocale() string {
	if len(d.Locales) == 0 {
		return "en"
	}
	return d.Locales[0]
}

// IsSuccess reports whether code is the domain's success code.
func (d *Domain) IsSuccess(code string) bool {
	return d.SuccessCode != nil && *d.SuccessCode == code
}

// DocsURLFor expands the docs URL template for code ("" when there is none).
func (d *Domain) DocsURLFor(code string) string {
	if d.DocsURL == "" {
		return ""
	}
	return strings.ReplaceAll(d.DocsURL, "{code}", code)
}

// Lookup returns the entry with exactly this code, or nil.
func (c *Catalog) Lookup(code string) *Entry {
	for i := range c.Entries {
		if c.Entries[i].Code == code {
			return &c.Entries[i]
		}
	}
	return nil
}

// InternalEntry returns the entry that stands for failures that are not
// catalog errors: domain.internal_code's, else the first entry of category
// internal, else nil.
func (c *Catalog) InternalEntry() *Entry {
	if c.Domain.InternalCode != "" {
		return c.Lookup(c.Domain.InternalCode)
	}
	for i := range c.Entries {
		if c.Entries[i].Category == Internal {
			return &c.Entries[i]
		}
	}
	return nil
}

// IntPtr returns a pointer to v; handy for HTTPStatus.
func IntPtr(v int) *int { return &v }

// BoolPtr returns a pointer to v; handy for Retryable.
func BoolPtr(v bool) *bool { return &v }

// MatchLocale picks, of the available locales, the one that best serves
// want (a BCP 47 tag or an Accept-Language value); it returns fallback when
// nothing matches confidently.
func MatchLocale(available []string, want, fallback string) string {
	if len(available) == 0 {
		return fallback
	}
	tags := make([]language.Tag, 0, len(available))
	for _, a := range available {
		tags = append(tags, language.Make(a))
	}
	prefs, _, err := language.ParseAcceptLanguage(want)
	if err != nil || len(prefs) == 0 {
		return fallback
	}
	_, idx, conf := language.NewMatcher(tags).Match(prefs...)
	if conf == language.No {
		return fallback
	}
	return available[idx]
}

// OriginalOf returns the source's original text of field, or "".
func (s *Source) OriginalOf(field string) string {
	if s == nil {
		return ""
	}
	return s.Original[field]
}
