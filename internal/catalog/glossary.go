package catalog

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
)

// Glossary is the English ↔ Chinese terminology that translations follow
// across all domains (catalogs/i18n/glossary.yaml):
//
//	terms:
//	  - en: security group
//	    zh-CN: 安全组
//	exceptions:
//	  - domain: aliyun.polardb
//	    code: Forbidden.Authentication
//	    term: authentication
//	    reason: the provider's "Realname Authentication" is 实名认证, not 鉴权
type Glossary struct {
	Terms      []GlossaryTerm      `yaml:"terms"`
	Exceptions []GlossaryException `yaml:"exceptions,omitempty"`
}

// GlossaryTerm is one term in both languages.
type GlossaryTerm struct {
	EN   string `yaml:"en"`
	ZH   string `yaml:"zh-CN"`
	Note string `yaml:"note,omitempty"`
}

// GlossaryException lets one entry depart from one term, for a reason.
type GlossaryException struct {
	Domain string `yaml:"domain"`
	Code   string `yaml:"code"`
	Term   string `yaml:"term"` // the term's en
	Reason string `yaml:"reason"`
}

// GlossaryFinding is a translated text that does not use a glossary term.
type GlossaryFinding struct {
	Domain string
	Code   string
	Field  string // "message", "remediation", "title", "variants[1].message"
	Term   GlossaryTerm
	// Want is the locale whose text lacks the term.
	Want string
	Text string
}

func (f GlossaryFinding) String() string {
	src, dst := f.Term.EN, f.Term.ZH
	if f.Want == "en" {
		src, dst = dst, src
	}
	return fmt.Sprintf("%s %s %s: the text has %q but the %s translation lacks %q: %s", f.Domain, f.Code, f.Field, src, f.Want, dst, f.Text)
}

// ParseGlossary parses a glossary file. Problems are file:line:col: reason.
func ParseGlossary(name string, data []byte) (g *Glossary, err error) {
	defer func() {
		if r := recover(); r != nil {
			g, err = nil, &Error{File: name, Msg: fmt.Sprintf("cannot parse: %v", r)}
		}
	}()
	f, err := parseYAML(name, data)
	if err != nil {
		return nil, err
	}
	if len(f.Docs) != 1 || f.Docs[0].Body == nil {
		return nil, &Error{File: name, Line: 1, Col: 1, Msg: "a glossary is one YAML document with terms"}
	}
	body := f.Docs[0].Body
	g = new(Glossary)
	if err := yaml.NodeToValue(body, g, yaml.DisallowUnknownField()); err != nil {
		return nil, yamlError(name, err)
	}
	var ps []Problem
	seen := map[string]int{}
	for i, t := range g.Terms {
		if strings.TrimSpace(t.EN) == "" || strings.TrimSpace(t.ZH) == "" {
			ps = append(ps, Problem{Path: []any{"terms", i}, Msg: "a term needs en and zh-CN"})
			continue
		}
		k := strings.ToLower(t.EN)
		if j, dup := seen[k]; dup {
			ps = append(ps, Problem{Path: []any{"terms", i, "en"}, Msg: fmt.Sprintf("term %q is already defined in term %d", t.EN, j+1)})
		}
		seen[k] = i
	}
	for i, x := range g.Exceptions {
		switch {
		case x.Domain == "" || x.Code == "" || x.Term == "" || x.Reason == "":
			ps = append(ps, Problem{Path: []any{"exceptions", i}, Msg: "an exception needs domain, code, term and reason"})
		case !slices.ContainsFunc(g.Terms, func(t GlossaryTerm) bool { return strings.EqualFold(t.EN, x.Term) }):
			ps = append(ps, Problem{Path: []any{"exceptions", i, "term"}, Msg: fmt.Sprintf("no glossary term %q", x.Term)})
		}
	}
	if len(ps) > 0 {
		var list ErrorList
		for _, p := range ps {
			list = append(list, problemError(name, body, p))
		}
		list.sort()
		return nil, list
	}
	return g, nil
}

// Check reports the texts of c whose translation does not use the
// glossary's term. The direction follows the catalog: when English is the
// source, every term found in an English text must appear in the Chinese
// text of the same field; when Chinese is the source (the provider's own
// wording, which we do not change), every term found in the Chinese text
// must appear in the English translation. Longer terms are matched first
// and hide the shorter terms inside them ("elastic IP" before "IP address").
// Entries without both locales are skipped; that is lint's business.
func (g *Glossary) Check(c *Catalog) []GlossaryFinding {
	src := c.Domain.DefaultLocale()
	if src != "en" && src != "zh-CN" {
		return nil
	}
	m := newTermMatcher(g.Terms)
	var out []GlossaryFinding
	for i := range c.Entries {
		e := &c.Entries[i]
		check := func(field string, t Text) {
			en, zh := t.Get("en"), t.Get("zh-CN")
			if en == "" || zh == "" {
				return
			}
			var missing []GlossaryTerm
			want := "zh-CN"
			if src == "en" {
				missing = m.missingInZH(en, zh)
			} else {
				want = "en"
				missing = m.missingInEN(zh, en)
			}
			for _, term := range missing {
				if g.excepted(c.Domain.ID, e.Code, term) {
					continue
				}
				out = append(out, GlossaryFinding{Domain: c.Domain.ID, Code: e.Code, Field: field, Term: term, Want: want, Text: t.Get(want)})
			}
		}
		check("title", e.Title)
		check("message", e.Message)
		check("remediation", e.Remediation)
		for j := range e.Variants {
			check(fmt.Sprintf("variants[%d].message", j), e.Variants[j].Message)
			check(fmt.Sprintf("variants[%d].remediation", j), e.Variants[j].Remediation)
		}
	}
	return out
}

func (g *Glossary) excepted(domain, code string, t GlossaryTerm) bool {
	return slices.ContainsFunc(g.Exceptions, func(x GlossaryException) bool {
		return x.Domain == domain && x.Code == code && strings.EqualFold(x.Term, t.EN)
	})
}

type termMatcher struct {
	byEN []GlossaryTerm // longest English first
	byZH []GlossaryTerm // longest Chinese first
	re   map[string]*regexp.Regexp
}

func newTermMatcher(terms []GlossaryTerm) *termMatcher {
	m := &termMatcher{byEN: slices.Clone(terms), byZH: slices.Clone(terms), re: map[string]*regexp.Regexp{}}
	slices.SortStableFunc(m.byEN, func(a, b GlossaryTerm) int { return len(b.EN) - len(a.EN) })
	slices.SortStableFunc(m.byZH, func(a, b GlossaryTerm) int { return len(squash(b.ZH)) - len(squash(a.ZH)) })
	for _, t := range terms {
		// A whole-word match, plurals included.
		m.re[t.EN] = regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(t.EN) + `(?:s|es)?\b`)
	}
	return m
}

// squash lower-cases s and drops spaces, so "弹性公网 IP" matches "弹性公网IP".
func squash(s string) string {
	return strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(s, " ", ""), "\u00a0", ""))
}

// missingInZH returns the terms found in en whose Chinese is not in zh.
func (m *termMatcher) missingInZH(en, zh string) []GlossaryTerm {
	zh = squash(zh)
	var out []GlossaryTerm
	for _, t := range m.byEN {
		re := m.re[t.EN]
		if !re.MatchString(en) {
			continue
		}
		en = re.ReplaceAllStringFunc(en, func(s string) string { return strings.Repeat("\x00", len(s)) })
		if !strings.Contains(zh, squash(t.ZH)) {
			out = append(out, t)
		}
	}
	return out
}

// missingInEN returns the terms found in zh whose English is not in en.
func (m *termMatcher) missingInEN(zh, en string) []GlossaryTerm {
	zh = squash(zh)
	var out []GlossaryTerm
	for _, t := range m.byZH {
		k := squash(t.ZH)
		if !strings.Contains(zh, k) {
			continue
		}
		zh = strings.ReplaceAll(zh, k, "\x00")
		if !m.re[t.EN].MatchString(en) {
			out = append(out, t)
		}
	}
	return out
}

// Uses counts, per term (by its en), the texts of c in which the term
// appears in the source locale — a glossary that no text uses checks nothing.
func (g *Glossary) Uses(c *Catalog) map[string]int {
	src := c.Domain.DefaultLocale()
	m := newTermMatcher(g.Terms)
	uses := map[string]int{}
	count := func(t Text) {
		s, ok := t.Lookup(src)
		if !ok {
			return
		}
		for _, term := range m.found(src, s) {
			uses[term.EN]++
		}
	}
	for i := range c.Entries {
		e := &c.Entries[i]
		count(e.Title)
		count(e.Message)
		count(e.Remediation)
		for j := range e.Variants {
			count(e.Variants[j].Message)
			count(e.Variants[j].Remediation)
		}
	}
	return uses
}

// found returns the terms found in s, a text in locale, longest first.
func (m *termMatcher) found(locale, s string) []GlossaryTerm {
	var out []GlossaryTerm
	if locale == "zh-CN" {
		s = squash(s)
		for _, t := range m.byZH {
			if k := squash(t.ZH); strings.Contains(s, k) {
				s = strings.ReplaceAll(s, k, "\x00")
				out = append(out, t)
			}
		}
		return out
	}
	for _, t := range m.byEN {
		if re := m.re[t.EN]; re.MatchString(s) {
			s = re.ReplaceAllStringFunc(s, func(x string) string { return strings.Repeat("\x00", len(x)) })
			out = append(out, t)
		}
	}
	return out
}
