package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
	"github.com/spf13/cobra"

	"github.com/errcat/errcat/internal/catalog"
)

func newListCmd(env *Env) *cobra.Command {
	var domain string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--domain ID] [--json]",
		Short: "List the error codes of the catalogs",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			set, err := env.LoadSet()
			if err != nil {
				return err
			}
			cats, err := selectDomains(set, domain)
			if err != nil {
				return err
			}
			if asJSON {
				out := []catalog.EntryJSON{}
				for _, c := range cats {
					for i := range c.Entries {
						out = append(out, c.Entries[i].JSON(&c.Domain))
					}
				}
				return writeJSON(env.Stdout, out)
			}
			for _, c := range cats {
				fmt.Fprintf(env.Stdout, "%s — %s (%d codes)\n", c.Domain.ID, c.Domain.Name, len(c.Entries))
				loc := c.Domain.DefaultLocale()
				for i := range c.Entries {
					e := &c.Entries[i]
					fmt.Fprintf(env.Stdout, "  %-45s %-4s %-20s %s\n", e.Code, statusString(e.HTTPStatus), e.Category, oneLine(textIn(e.Message, loc)))
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&domain, "domain", "", "only the domain `ID`")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of entries")
	return cmd
}

func newExplainCmd(env *Env) *cobra.Command {
	var domain, lang string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "explain [--domain ID] [--lang TAG] [--json] CODE",
		Short: "Explain an error code: status, category, retry, message, remediation, variants, provenance",
		Long: `Explain prints everything the catalogs know about an error code. A code
documented in several domains shows every match unless --domain picks one.
An unknown code exits 1 and suggests the nearest codes.`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkLang(lang, true); err != nil {
				return err
			}
			set, err := env.LoadSet()
			if err != nil {
				return err
			}
			code := args[0]
			var matches []catalog.Match
			if domain != "" {
				c := set.Domain(domain)
				if c == nil {
					return exitf(1, "no such domain %q (have: %s)", domain, strings.Join(domainIDs(set), ", "))
				}
				for _, m := range set.Find(code) {
					if m.Catalog == c {
						matches = append(matches, m)
					}
				}
			} else {
				matches = set.Find(code)
			}
			if len(matches) == 0 {
				return noSuchCode(set, domain, code)
			}
			if asJSON {
				if len(matches) == 1 {
					return writeJSON(env.Stdout, matches[0].Entry.JSON(&matches[0].Catalog.Domain))
				}
				out := make([]catalog.EntryJSON, len(matches))
				for i, m := range matches {
					out[i] = m.Entry.JSON(&m.Catalog.Domain)
				}
				return writeJSON(env.Stdout, out)
			}
			for i, m := range matches {
				if i > 0 {
					fmt.Fprintln(env.Stdout)
				}
				explainHuman(env.Stdout, m, lang)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&domain, "domain", "", "look in the domain `ID` only")
	cmd.Flags().StringVar(&lang, "lang", "", "print texts in the locale `TAG` (default: every locale)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the entry's JSON contract")
	return cmd
}

func explainHuman(w io.Writer, m catalog.Match, lang string) {
	d, e := &m.Catalog.Domain, m.Entry
	fmt.Fprintf(w, "%s  (%s — %s)\n", e.Code, d.ID, d.Name)
	row := func(k, v string) { fmt.Fprintf(w, "  %-12s %s\n", k, escapeControl(v)) }
	status := statusString(e.HTTPStatus)
	if e.HTTPStatus == nil {
		status = "none documented"
		if orig := e.Source.OriginalOf("http_status"); orig != "" {
			status += fmt.Sprintf(" (the source says %q)", orig)
		}
	}
	row("HTTP status", status)
	cat := string(e.Category)
	if e.IsInferred("category") {
		cat += " (inferred)"
	}
	row("Category", cat)
	retry := "no"
	if e.IsRetryable() {
		retry = "yes"
	}
	if e.Retryable == nil {
		retry += " (category default)"
	}
	row("Retryable", retry)
	if e.Deprecated {
		dep := "yes"
		if e.ReplacedBy != "" {
			dep += ", replaced by " + e.ReplacedBy
		}
		row("Deprecated", dep)
	}
	if len(e.Aliases) > 0 {
		row("Aliases", strings.Join(e.Aliases, ", "))
	}
	locales := textLocales(d, e.Message)
	if lang != "" {
		locales = []string{catalog.MatchLocale(locales, lang, d.DefaultLocale())}
	}
	showTexts := func(label string, t catalog.Text) {
		for _, l := range locales {
			s, ok := t.Lookup(l)
			if !ok {
				continue
			}
			row(label, fmt.Sprintf("[%s, %s] %s", l, e.OriginOf(l), s))
			label = ""
		}
	}
	showTexts("Title", e.Title)
	showTexts("Message", e.Message)
	showTexts("Remediation", e.Remediation)
	if len(e.Params) > 0 {
		names := make([]string, len(e.Params))
		for i, p := range e.Params {
			names[i] = "{" + p.Name + "}"
		}
		row("Params", strings.Join(names, " "))
	}
	if len(e.Variants) > 0 {
		row("Variants", fmt.Sprintf("%d more documented rows for this code:", len(e.Variants)))
		for _, v := range e.Variants {
			locs := textLocales(d, v.Message)
			loc := catalog.MatchLocale(locs, lang, d.DefaultLocale())
			if _, ok := v.Message.Lookup(loc); !ok && len(locs) > 0 {
				loc = locs[0] // the label names the text actually shown
			}
			where := ""
			if v.Source != nil {
				where = fmt.Sprintf("  (%s:%d)", v.Source.File, v.Source.Line)
			}
			fmt.Fprintf(w, "  %-12s - %s [%s, %s] %s%s\n", "", statusString(v.HTTPStatus), loc, e.OriginOf(loc), textIn(v.Message, loc), where)
		}
	}
	if e.Source != nil {
		row("Documented", fmt.Sprintf("%s:%d", e.Source.File, e.Source.Line))
		for _, k := range sortedKeys(e.Source.Original) {
			row("", fmt.Sprintf("original %s: %s", k, e.Source.Original[k]))
		}
	}
	if u := d.DocsURLFor(e.Code); u != "" {
		row("Docs", u)
	}
}

// textLocales returns the locales of t in the domain's order, then others.
func textLocales(d *catalog.Domain, t catalog.Text) []string {
	var out []string
	for _, l := range d.Locales {
		if _, ok := t.Lookup(l); ok {
			out = append(out, l)
		}
	}
	for _, l := range t.Locales() {
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

func textIn(t catalog.Text, loc string) string {
	if s, ok := t.Lookup(loc); ok {
		return s
	}
	for _, l := range t.Locales() {
		return t.Get(l)
	}
	return ""
}

func statusString(s *int) string {
	if s == nil {
		return "-"
	}
	return strconv.Itoa(*s)
}

func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if r := []rune(s); len(r) > 90 {
		return string(r[:89]) + "…"
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// selectDomains returns every catalog of set, or only domain's when domain
// is not empty; an unknown domain exits 1 naming the ones there are.
func selectDomains(set *catalog.Set, domain string) ([]*catalog.Catalog, error) {
	if domain == "" {
		return set.Catalogs(), nil
	}
	c := set.Domain(domain)
	if c == nil {
		return nil, exitf(1, "no such domain %q (have: %s)", domain, strings.Join(domainIDs(set), ", "))
	}
	return []*catalog.Catalog{c}, nil
}

// noSuchCode is the exit-1 error for an unknown code, with the nearest codes.
func noSuchCode(set *catalog.Set, domain, code string) error {
	msg := fmt.Sprintf("no such error code %q", code)
	if domain != "" {
		msg += " in " + domain
	}
	if near := nearestCodes(set, domain, code, 5); len(near) > 0 {
		msg += "; nearest: " + strings.Join(near, ", ")
	}
	return exitf(1, "%s", msg)
}

func domainIDs(set *catalog.Set) []string {
	var ids []string
	for _, c := range set.Catalogs() {
		ids = append(ids, c.Domain.ID)
	}
	return ids
}

// nearestCodes returns up to n codes closest to code, each with its
// domain: first those within a small edit distance (case-insensitive),
// then those containing code or contained in it, then those sharing most
// words with it (code words, category and English message), so a guess
// such as InternalError still finds the internal errors.
func nearestCodes(set *catalog.Set, domain, code string, n int) []string {
	type cand struct {
		s           string
		tier, score int
	}
	var cands []cand
	lc := strings.ToLower(code)
	qwords := codeWords(code)
	for _, m := range set.Codes() {
		if domain != "" && m.Catalog.Domain.ID != domain {
			continue
		}
		e := m.Entry
		le := strings.ToLower(e.Code)
		c := cand{s: e.Code + " (" + m.Catalog.Domain.ID + ")", tier: -1}
		d := levenshtein.ComputeDistance(lc, le)
		switch {
		case d <= max(2, len([]rune(code))/3):
			c.tier, c.score = 0, d
		case len(lc) >= 3 && (strings.Contains(le, lc) || len(le) >= 3 && strings.Contains(lc, le)):
			c.tier, c.score = 1, d
		default:
			inCode := codeWords(e.Code)
			have := codeWords(strings.ReplaceAll(string(e.Category), "_", " ") + " " + e.Message.Get("en"))
			shared := 0
			for w := range qwords {
				switch {
				case inCode[w]:
					shared += 2
				case have[w]:
					shared++
				}
			}
			if shared > 0 {
				c.tier, c.score = 2, -shared*100+d
			}
		}
		if c.tier >= 0 {
			cands = append(cands, c)
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int {
		if a.tier != b.tier {
			return a.tier - b.tier
		}
		if a.score != b.score {
			return a.score - b.score
		}
		return strings.Compare(a.s, b.s)
	})
	// One per domain first, so a guess matching a whole
	// category shows several domains' codes; then the rest in order.
	var out []string
	perDomain := map[string]int{}
	taken := make([]bool, len(cands))
	for i, c := range cands {
		if len(out) == n {
			break
		}
		d := c.s[strings.LastIndex(c.s, "("):]
		if c.tier == 2 && perDomain[d] >= 1 {
			continue
		}
		perDomain[d]++
		taken[i] = true
		out = append(out, c.s)
	}
	for i, c := range cands {
		if len(out) == n {
			break
		}
		if !taken[i] {
			out = append(out, c.s)
		}
	}
	return out
}

// codeWords splits s into lower-case words at case changes, digits'
// edges and punctuation, leaving out words too common to tell codes apart.
func codeWords(s string) map[string]bool {
	words := map[string]bool{}
	var cur []rune
	flush := func() {
		if len(cur) >= 3 {
			w := strings.ToLower(string(cur))
			switch w {
			case "error", "errors", "the", "and", "for", "not", "was", "failed", "fails":
			default:
				words[w] = true
			}
		}
		cur = cur[:0]
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r):
			if unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1])) {
				flush()
			}
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return words
}

// escapeControl makes s safe to print on a terminal: control bytes and
// bidirectional overrides from a decoded body or a catalog text are shown
// as Go escapes (\x1b, \u202e) instead of acting on the terminal.
func escapeControl(s string) string {
	clean := true
	for _, r := range s {
		if isControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !isControl(r) {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRuneToASCII(r)
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

func isControl(r rune) bool {
	switch {
	case r == utf8.RuneError:
		return true
	case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
