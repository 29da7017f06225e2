package catalog

import (
	"fmt"
	"regexp"
	"slices"
	"sync"

	"golang.org/x/text/language"

	"github.com/errcat/errcat/vocab"
)

var domainIDRe = regexp.MustCompile(`^[a-z0-9]([a-z0-9_-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9_-]*[a-z0-9])?)*$`)

// Validate checks what a catalog must satisfy to be loaded at all: the
// structure, known categories, locale tags and statuses. Defects a catalog
// may have and still load (duplicate codes, missing statuses, typos) are
// lint's business, not Validate's.
func Validate(c *Catalog) []Problem { return validate(c, 1) }

// validate is Validate with the entries checked in parts pieces at once;
// the problems come in the same order.
func validate(c *Catalog, parts int) []Problem {
	var ps []Problem
	add := func(msg string, path ...any) { ps = append(ps, Problem{Path: path, Msg: msg}) }
	addKey := func(msg string, path ...any) { ps = append(ps, Problem{Path: path, Msg: msg, AtKey: true}) }

	d := &c.Domain
	switch {
	case d.ID == "":
		add("domain.id is required", "domain")
	case !domainIDRe.MatchString(d.ID):
		add(fmt.Sprintf("domain.id %q: want lower-case dotted words such as huaweicloud.css", d.ID), "domain", "id")
	}
	if d.Name == "" {
		add("domain.name is required", "domain")
	}
	declared := map[string]bool{}
	if len(d.Locales) == 0 {
		add("domain.locales is required: the locales of the texts, the default first", "domain")
	}
	for i, l := range d.Locales {
		if err := checkLocale(l); err != nil {
			add(err.Error(), "domain", "locales", i)
			continue
		}
		if declared[l] {
			add(fmt.Sprintf("locale %q is listed twice", l), "domain", "locales", i)
		}
		declared[l] = true
	}
	if _, ok := vocab.LookupWireFormat(d.WireFormat); !ok {
		add(fmt.Sprintf("domain.wire_format %q: want one of %v", d.WireFormat, vocab.WireFormatNames()), "domain", "wire_format")
	}
	if d.CodeKind != "integer" && d.CodeKind != "string" {
		add(fmt.Sprintf("domain.code_kind %q: want integer or string", d.CodeKind), "domain", "code_kind")
	}
	for i, r := range d.Ranges {
		if r.From > r.To {
			add(fmt.Sprintf("range %d-%d is empty", r.From, r.To), "domain", "ranges", i)
		}
	}
	if d.SubCode != nil {
		if _, err := regexp.Compile(d.SubCode.Pattern); err != nil {
			add("sub_code.pattern: "+err.Error(), "domain", "sub_code", "pattern")
		}
	}
	checkText(d.Description, declared, addKey, "domain", "description")

	// The entries in pieces, each on its own goroutine; their problems
	// follow the domain's, in entry order.
	parts = max(1, min(parts, len(c.Entries)))
	pieces := make([][]Problem, parts)
	seen := make([]bool, parts)
	var wg sync.WaitGroup
	for k := range parts {
		from, to := len(c.Entries)*k/parts, len(c.Entries)*(k+1)/parts
		if parts == 1 {
			pieces[k], seen[k] = validateEntries(c, declared, from, to)
			break
		}
		wg.Go(func() { pieces[k], seen[k] = validateEntries(c, declared, from, to) })
	}
	wg.Wait()
	for _, p := range pieces {
		ps = append(ps, p...)
	}
	successSeen := slices.Contains(seen, true)
	if d.InternalCode != "" {
		switch e := c.Lookup(d.InternalCode); {
		case e == nil:
			add(fmt.Sprintf("domain.internal_code %q has no entry", d.InternalCode), "domain", "internal_code")
		case e.Category == OK:
			add(fmt.Sprintf("domain.internal_code %q is the success code", d.InternalCode), "domain", "internal_code")
		}
	}
	if d.SuccessCode != nil && !successSeen && c.Lookup(*d.SuccessCode) == nil {
		add(fmt.Sprintf("domain.success_code %q has no entry", *d.SuccessCode), "domain", "success_code")
	}
	return ps
}

// validateEntries checks entries from to to of c, whose domain declares
// the locales of declared; it reports whether one of them is the
// domain's success entry.
func validateEntries(c *Catalog, declared map[string]bool, from, to int) (ps []Problem, successSeen bool) {
	add := func(msg string, path ...any) { ps = append(ps, Problem{Path: path, Msg: msg}) }
	addKey := func(msg string, path ...any) { ps = append(ps, Problem{Path: path, Msg: msg, AtKey: true}) }
	d := &c.Domain
	for i := from; i < to; i++ {
		e := &c.Entries[i]
		if e.Code == "" {
			add("entry has no code", "entries", i)
		}
		switch {
		case e.Category == "":
			add("entry "+e.Code+" has no category", "entries", i)
		case !e.Category.Valid():
			add(fmt.Sprintf("unknown category %q: want one of %v", e.Category, vocab.Categories()[1:]), "entries", i, "category")
		case e.Category == OK:
			if !d.IsSuccess(e.Code) {
				add(fmt.Sprintf("category ok is only for the domain's success code (domain.success_code), not %q", e.Code), "entries", i, "category")
			}
			successSeen = true
		}
		if badStatus(e.HTTPStatus) {
			checkStatus(e.HTTPStatus, add, "entries", i, "http_status")
		}
		if e.Message.Len() == 0 {
			add("entry "+e.Code+" has no message", "entries", i)
		}
		if !allDeclared(e.Title, declared) {
			checkText(e.Title, declared, addKey, "entries", i, "title")
		}
		if !allDeclared(e.Message, declared) {
			checkText(e.Message, declared, addKey, "entries", i, "message")
		}
		if !allDeclared(e.Remediation, declared) {
			checkText(e.Remediation, declared, addKey, "entries", i, "remediation")
		}
		for l, o := range e.Origin {
			if o != OriginSource && o != OriginTranslated && o != OriginReviewed {
				add(fmt.Sprintf("origin %q: want source, translated or reviewed", o), "entries", i, "origin", l)
			}
			if declared[l] {
				continue // a declared locale is already checked
			}
			if err := checkLocale(l); err != nil {
				addKey(err.Error(), "entries", i, "origin", l)
			}
		}
		if e.Reason != "" && !vocab.ValidReason(e.Reason) {
			add(fmt.Sprintf("reason %q: want UPPER_SNAKE_CASE of at most %d characters matching [A-Z][A-Z0-9_]+[A-Z0-9] (AIP-193)", e.Reason, vocab.MaxReasonLen), "entries", i, "reason")
		}
		if _, err := ParseRetryAfter(e.RetryAfter); err != nil {
			add(err.Error(), "entries", i, "retry_after")
		}
		for j, p := range e.Params {
			if !validParamName(p.Name) {
				add(fmt.Sprintf("param name %q: want letters, digits and underscores", p.Name), "entries", i, "params", j)
			}
		}
		for j, x := range e.Exempt {
			if x.Rule == "" || x.Reason == "" {
				add("an exemption needs a rule and a reason", "entries", i, "exempt", j)
			}
		}
		for j := range e.Variants {
			v := &e.Variants[j]
			if v.Message.Len() == 0 {
				add("variant has no message", "entries", i, "variants", j)
			}
			if badStatus(v.HTTPStatus) {
				checkStatus(v.HTTPStatus, add, "entries", i, "variants", j, "http_status")
			}
			if !allDeclared(v.Message, declared) {
				checkText(v.Message, declared, addKey, "entries", i, "variants", j, "message")
			}
			if !allDeclared(v.Remediation, declared) {
				checkText(v.Remediation, declared, addKey, "entries", i, "variants", j, "remediation")
			}
		}
	}
	return ps, successSeen
}

// checkText checks the locales of a text at path, reporting them with
// addKey.
func checkText(t Text, declared map[string]bool, addKey func(string, ...any), path ...any) {
	if allDeclared(t, declared) {
		return // the common case, without sorting or parsing tags
	}
	for _, l := range t.Locales() {
		if err := checkLocale(l); err != nil {
			addKey(err.Error(), append(slices.Clone(path), l)...)
		} else if len(declared) > 0 && !declared[l] {
			addKey(fmt.Sprintf("locale %q is not declared in domain.locales", l), append(slices.Clone(path), l)...)
		}
	}
}

// allDeclared reports whether every locale of t is a declared (and so
// already checked) locale.
func allDeclared(t Text, declared map[string]bool) bool {
	for l := range t.All() {
		if !declared[l] {
			return false
		}
	}
	return true
}

// badStatus reports whether s is set and outside 100-599. Validate calls
// it before checkStatus so that a million good entries build no paths.
func badStatus(s *int) bool { return s != nil && (*s < 100 || *s > 599) }

func checkStatus(s *int, add func(string, ...any), path ...any) {
	if s != nil && (*s < 100 || *s > 599) {
		add(fmt.Sprintf("http_status %d: want 100-599, or leave it out when the source documents none", *s), path...)
	}
}

func checkLocale(l string) error {
	t, err := language.Parse(l)
	if err != nil {
		return fmt.Errorf("invalid locale tag %q: %v", l, err)
	}
	if t.String() != l {
		return fmt.Errorf("locale tag %q: write it as %q", l, t.String())
	}
	return nil
}

// validParamName reports whether name matches ^[A-Za-z_][A-Za-z0-9_]*$:
// checked by hand, as a regular expression cost a tenth of validating a
// million entries.
func validParamName(name string) bool {
	if name == "" || name[0] >= '0' && name[0] <= '9' {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
