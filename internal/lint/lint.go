// Package lint checks error catalogs for the defects published error-code
// pages are full of: repeated codes, one code with two HTTP statuses, typos
// in codes, missing or contradictory statuses, identical messages, leftover
// placeholders, missing translations and untidy text.
//
// Each check is a Rule: a value with a stable ID, a severity, a rationale
// and an example. Rules returns the one explicit list of them; there is no
// registration. Run applies the enabled rules to catalogs and returns the
// findings sorted by file, line, column and rule.
//
// A domain tunes lint in its catalog header:
//
//	domain:
//	  lint:
//	    disable: [missing-remediation]
//	    rules:
//	      same-message: {severity: info}
//	      code-syntax: {options: {pattern: '^[A-Z]+\.[0-9]{4}$'}}
//
// and a single entry can carry a reasoned exemption:
//
//	exempt: [{rule: same-message, reason: "the provider uses one text for both"}]
//
// Rules that compare entries with each other index them first (maps of
// codes, messages and code words), so a run is linear in the entries.
package lint

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/errcat/errcat/internal/catalog"
)

// Severity says how bad a finding is. Error findings fail `errcat lint`.
type Severity int

// Severities, from least to most severe.
const (
	Info Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// MarshalText renders the severity as "info", "warning" or "error".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads "info", "warning" or "error".
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity reads "info", "warning" or "error".
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "info":
		return Info, nil
	case "warning":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return 0, fmt.Errorf("unknown severity %q: want info, warning or error", s)
}

// Rule is one check.
type Rule struct {
	// ID is stable: catalogs, exemptions and CI configurations name it.
	ID       string
	Severity Severity
	// Default rules run unless disabled; the others only when enabled.
	Default bool
	// Summary is one line: what the rule catches.
	Summary string
	// Rationale is one paragraph: why it matters.
	Rationale string
	// Example shows a catalog excerpt the rule reports.
	Example string

	check func(p *pass)
}

// Finding is one problem found by a rule.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Domain   string   `json:"domain"`
	Code     string   `json:"code,omitempty"`
	File     string   `json:"file,omitempty"`
	Line     int      `json:"line,omitempty"`
	Col      int      `json:"col,omitempty"`
	Message  string   `json:"message"`
}

func (f Finding) String() string {
	pos := f.File
	if pos == "" {
		pos = f.Domain
	}
	if f.Line > 0 {
		pos = fmt.Sprintf("%s:%d:%d", pos, f.Line, f.Col)
	}
	return fmt.Sprintf("%s: %s: %s [%s]", pos, f.Severity, f.Message, f.Rule)
}

// Config selects rules for a run. Enable turns on rules that are off by
// default (and rules a domain disabled); Disable turns rules off. Both
// take rule IDs; Check reports unknown ones.
type Config struct {
	Enable  []string
	Disable []string
}

// Check reports rule IDs in cfg that name no rule.
func (cfg Config) Check() error {
	for _, id := range slices.Concat(cfg.Enable, cfg.Disable) {
		if _, ok := Lookup(id); !ok {
			return fmt.Errorf("unknown lint rule %q (see errcat lint --explain)", id)
		}
	}
	return nil
}

// Lookup returns the rule with id.
func Lookup(id string) (Rule, bool) {
	for _, r := range Rules() {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// HasErrors reports whether any finding has error severity.
func HasErrors(fs []Finding) bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Severity == Error })
}

// Run applies the rules cfg selects to every catalog and returns the
// findings, sorted by file, line, column, rule and message. Exempted
// entries and rules a domain disables are skipped; a domain's severity
// overrides apply.
func Run(cats []*catalog.Catalog, cfg Config) []Finding {
	rules := Rules()
	dict := newDictionary()
	type job struct {
		cat  *catalog.Catalog
		rule *Rule
		sev  Severity
		opts map[string]any
	}
	var jobs []job
	for _, c := range cats {
		if c == nil {
			continue
		}
		for i := range rules {
			r := &rules[i]
			on, sev, opts := selected(r, c, cfg)
			if on {
				jobs = append(jobs, job{c, r, sev, opts})
			}
		}
	}
	results := make([][]Finding, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			p := &pass{cat: j.cat, rule: j.rule, sev: j.sev, opts: j.opts, dict: dict}
			j.rule.check(p)
			results[i] = p.out
		}()
	}
	wg.Wait()
	var out []Finding
	for _, r := range results {
		out = append(out, r...)
	}
	slices.SortFunc(out, compareFindings)
	return out
}

func compareFindings(a, b Finding) int {
	return cmp.Or(
		strings.Compare(a.File, b.File),
		strings.Compare(a.Domain, b.Domain),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		strings.Compare(a.Rule, b.Rule),
		strings.Compare(a.Message, b.Message),
	)
}

// selected decides whether rule r runs on catalog c, with which severity
// and options.
func selected(r *Rule, c *catalog.Catalog, cfg Config) (bool, Severity, map[string]any) {
	on := r.Default
	sev := r.Severity
	var opts map[string]any
	if lc := c.Domain.Lint; lc != nil {
		if rc, ok := lc.Rules[r.ID]; ok {
			on = true // tuning a rule in the header turns it on
			if s, err := ParseSeverity(rc.Severity); err == nil {
				sev = s
			}
			opts = rc.Options
		}
		if slices.Contains(lc.Disable, r.ID) {
			on = false
		}
	}
	if slices.Contains(cfg.Enable, r.ID) {
		on = true
	}
	if slices.Contains(cfg.Disable, r.ID) {
		on = false
	}
	return on, sev, opts
}

// pass is one rule's run over one catalog.
type pass struct {
	cat  *catalog.Catalog
	rule *Rule
	sev  Severity
	opts map[string]any
	dict *dictionary
	out  []Finding
}

// report records a finding at the entry (or, when pos is set, at pos),
// unless the entry is exempt from the rule.
func (p *pass) report(e *catalog.Entry, pos catalog.Pos, format string, args ...any) {
	for _, x := range e.Exempt {
		if x.Rule == p.rule.ID {
			return
		}
	}
	if pos.Line == 0 {
		pos = e.Pos
	}
	p.out = append(p.out, Finding{
		Rule:     p.rule.ID,
		Severity: p.sev,
		Domain:   p.cat.Domain.ID,
		Code:     e.Code,
		File:     p.cat.File,
		Line:     pos.Line,
		Col:      pos.Col,
		Message:  fmt.Sprintf(format, args...),
	})
}

// reportDomain records a finding about the domain header itself.
func (p *pass) reportDomain(format string, args ...any) {
	p.out = append(p.out, Finding{
		Rule:     p.rule.ID,
		Severity: p.sev,
		Domain:   p.cat.Domain.ID,
		File:     p.cat.File,
		Message:  fmt.Sprintf(format, args...),
	})
}

// option returns the string option key of the rule, or "".
func (p *pass) option(key string) string {
	s, _ := p.opts[key].(string)
	return s
}

// entries calls f for every entry of the catalog.
func (p *pass) entries(f func(e *catalog.Entry)) {
	for i := range p.cat.Entries {
		f(&p.cat.Entries[i])
	}
}
