package server

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/errcat/errcat/internal/search"
	"github.com/errcat/errcat/vocab"
)

// searchScan is how many hits the search page ranks before its filters
// pick the ones shown.
const searchScan = 100

// facet is one filter value of the search page, as a link.
type facet struct {
	Label, Value, URL string
	Count             int
	On                bool
}

// facetGroup is one filter of the search page.
type facetGroup struct {
	Name, Label string
	Facets      []facet
	ClearURL    string // set when the filter is on
}

// hitRow is one search result: an entry row with its message cut into
// highlighted and plain parts.
type hitRow struct {
	entryRow
	Parts []textPart
}

// textPart is a piece of a text; Mark is set when it matched the query.
type textPart struct {
	Text string
	Mark bool
}

// searchFilters are the search page's filters, in the order shown.
var searchFilters = [...]string{"domain", "status", "category", "retryable"}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	snap := s.snap()
	lang := uiLang(w, r)
	t := func(k string) string { p := page{Lang: lang}; return p.T(k) }
	qv := r.URL.Query()
	q := qv.Get("q")
	data := map[string]any{"Q": q, "Domain": qv.Get("domain"), "Domains": domainIDs(snap)}
	if strings.TrimSpace(q) == "" {
		s.render(w, r, http.StatusOK, "search", "", data)
		return
	}
	sq, err := s.searchQuery(r)
	if err == nil && sq.Domain != "" && snap.set.Domain(sq.Domain) == nil {
		err = &badParam{"domain", "no such domain"}
	}
	if err != nil {
		data["Error"] = err.Error()
		s.render(w, r, http.StatusBadRequest, "search", "", data)
		return
	}
	// Searches read the newest snapshot whose index is built.
	if snap = s.searchSnap(); snap == nil {
		w.Header().Set("Retry-After", strconv.Itoa(searchRetry))
		w.Header().Set("Refresh", strconv.Itoa(searchRetry))
		data["NotReady"] = true
		s.render(w, r, http.StatusServiceUnavailable, "search", "", data)
		return
	}
	// Rank without the domain, so every domain's count is known; the
	// filters then pick the rows.
	sq.Domain, sq.Limit = "", searchScan
	hits := snap.index.Search(sq)
	values := func(h search.Hit) map[string]string {
		st := "none"
		if n := h.Entry.Status(); n != 0 {
			st = strconv.Itoa(n)
		}
		return map[string]string{"domain": h.Catalog.Domain.ID, "status": st,
			"category": string(h.Entry.Category), "retryable": strconv.FormatBool(h.Entry.IsRetryable())}
	}
	want := map[string]string{}
	for _, f := range searchFilters {
		if v := qv.Get(f); v != "" {
			want[f] = v
		}
	}
	keep := func(v map[string]string, skip string) bool {
		for f, w := range want {
			if f != skip && v[f] != w {
				return false
			}
		}
		return true
	}
	link := func(set, value string) string {
		u := url.Values{}
		for k, vs := range qv {
			if k != "lang" && k != "limit" {
				u[k] = vs
			}
		}
		if value == "" {
			u.Del(set)
		} else {
			u.Set(set, value)
		}
		return "/search?" + u.Encode()
	}
	// Facet counts: each filter counts the hits the other filters keep.
	var groups []facetGroup
	for _, f := range searchFilters {
		counts := map[string]int{}
		for _, h := range hits {
			v := values(h)
			if keep(v, f) {
				counts[v[f]]++
			}
		}
		g := facetGroup{Name: f, Label: t(map[string]string{"domain": "col.domain", "status": "col.status", "category": "col.category", "retryable": "col.retryable"}[f])}
		if want[f] != "" {
			g.ClearURL = link(f, "")
		}
		keys := sortedKeys(counts)
		if f == "category" {
			// In the vocabulary's order, not the alphabet's.
			order := vocab.Categories()
			slices.SortFunc(keys, func(a, b string) int {
				return slices.Index(order, vocab.Category(a)) - slices.Index(order, vocab.Category(b))
			})
		}
		for _, k := range keys {
			label := k
			switch f {
			case "category":
				label = t("cat." + k)
			case "retryable":
				label = t(map[string]string{"true": "yes", "false": "no"}[k])
			case "status":
				if k == "none" {
					label = t("none")
				}
			}
			g.Facets = append(g.Facets, facet{Label: label, Value: k, URL: link(f, k), Count: counts[k], On: want[f] == k})
		}
		if len(g.Facets) > 1 || g.ClearURL != "" {
			groups = append(groups, g)
		}
	}
	terms := highlightTerms(q)
	var rows []hitRow
	for _, h := range hits {
		if !keep(values(h), "") {
			continue
		}
		er := row(lang, &h.Catalog.Domain, h.Entry)
		er.Reason = string(h.Reason)
		if !containsAny(er.Message, terms) {
			// Show the text the query was found in, when it is another locale's.
			for _, l := range h.Entry.Message.Locales() {
				if m := h.Entry.Message.Get(l); containsAny(m, terms) {
					er.Message, er.MessageLang = m, l
					break
				}
			}
		}
		rows = append(rows, hitRow{entryRow: er, Parts: highlight(er.Message, terms)})
	}
	data["Hits"] = rows
	data["Count"] = len(rows)
	data["Capped"] = len(hits) == searchScan
	data["Filters"] = groups
	data["Synonyms"] = synonymsShown(q)
	if len(rows) == 0 {
		codes, words := snap.index.Suggest(q, 5)
		var cl, wl []facet
		for _, c := range codes {
			cl = append(cl, facet{Label: c, URL: "/search?q=" + url.QueryEscape(c)})
		}
		for _, w := range words {
			wl = append(wl, facet{Label: w, URL: "/search?q=" + url.QueryEscape(w)})
		}
		data["SuggestCodes"], data["SuggestWords"] = cl, wl
	}
	s.render(w, r, http.StatusOK, "search", q+" — errcat", data)
}

// synonymsShown lists the synonyms a query was widened with, without the
// query's own words.
func synonymsShown(q string) []string {
	lq := strings.ToLower(q)
	var out []string
	for _, s := range search.Synonyms(q) {
		if !strings.Contains(lq, s) && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if len(out) > 12 {
		out = out[:12]
	}
	return out
}

// highlightTerms returns the lower-cased strings to mark in a result: the
// query's words (and, for a word of four letters or more, its first
// letters, so "parameters" marks "parameter"), its Chinese runs, and the
// synonyms it was widened with.
func highlightTerms(q string) []string {
	var out []string
	add := func(s string) {
		s = strings.ToLower(strings.TrimSpace(s))
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, f := range strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != '_' }) {
		if len(f) < 2 && f[0] < 0x80 {
			continue
		}
		add(f)
		if rs := []rune(f); len(rs) > 5 && rs[0] < 0x80 {
			add(string(rs[:len(rs)-2])) // a stem: parameters → paramete
		}
	}
	for _, s := range search.Synonyms(q) {
		add(s)
	}
	// Longest first, so a phrase wins over its words.
	slices.SortStableFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

func containsAny(s string, terms []string) bool {
	ls := strings.ToLower(s)
	for _, t := range terms {
		if strings.Contains(ls, t) {
			return true
		}
	}
	return false
}

// highlight cuts s into parts, marking the occurrences of terms (ignoring
// case). Lower-casing keeps byte offsets for the texts errcat serves
// (ASCII and CJK); a text where it does not is left unmarked.
func highlight(s string, terms []string) []textPart {
	ls := strings.ToLower(s)
	if len(ls) != len(s) || len(terms) == 0 {
		return []textPart{{Text: s}}
	}
	var parts []textPart
	plain := 0
	for i := 0; i < len(s); {
		n := 0
		for _, t := range terms {
			if strings.HasPrefix(ls[i:], t) && (t[0] >= 0x80 || i == 0 || !isWordByte(ls[i-1])) {
				n = len(t)
				break
			}
		}
		if n == 0 {
			i++
			continue
		}
		if plain < i {
			parts = append(parts, textPart{Text: s[plain:i]})
		}
		// Mark to the end of the word, so "throttl" marks "throttling".
		j := i + n
		if ls[i] < 0x80 {
			for j < len(s) && isWordByte(ls[j]) {
				j++
			}
		}
		parts = append(parts, textPart{Text: s[i:j], Mark: true})
		i, plain = j, j
	}
	if plain < len(s) {
		parts = append(parts, textPart{Text: s[plain:]})
	}
	return parts
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_'
}

// marked renders parts with <mark> around the matched ones.
func marked(parts []textPart) template.HTML {
	var b strings.Builder
	for _, p := range parts {
		if p.Mark {
			b.WriteString("<mark>")
			b.WriteString(template.HTMLEscapeString(p.Text))
			b.WriteString("</mark>")
		} else {
			b.WriteString(template.HTMLEscapeString(p.Text))
		}
	}
	return template.HTML(b.String())
}
