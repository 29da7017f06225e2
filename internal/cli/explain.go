package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

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
	row := func(k, v string) { fmt.Fprintf(w, "  %-12s %s\n", k, v) }
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
			s, ok := t[l]
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
			if _, ok := v.Message[loc]; !ok && len(locs) > 0 {
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
		if _, ok := t[l]; ok {
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
	if s, ok := t[loc]; ok {
		return s
	}
	for _, l := range t.Locales() {
		return t[l]
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

// nearestCodes returns up to n codes closest to code by edit distance
// (case-insensitive), each with its domain when there are several domains.
func nearestCodes(set *catalog.Set, domain, code string, n int) []string {
	type cand struct {
		s    string
		dist int
	}
	var cands []cand
	lc := strings.ToLower(code)
	for _, m := range set.Codes() {
		if domain != "" && m.Catalog.Domain.ID != domain {
			continue
		}
		d := levenshtein.ComputeDistance(lc, strings.ToLower(m.Entry.Code))
		if strings.HasPrefix(strings.ToLower(m.Entry.Code), lc) {
			d = min(d, 1)
		}
		if d > max(2, len([]rune(code))/2) {
			continue
		}
		cands = append(cands, cand{m.Entry.Code + " (" + m.Catalog.Domain.ID + ")", d})
	}
	slices.SortStableFunc(cands, func(a, b cand) int {
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		return strings.Compare(a.s, b.s)
	})
	var out []string
	for i := 0; i < len(cands) && i < n; i++ {
		out = append(out, cands[i].s)
	}
	return out
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
