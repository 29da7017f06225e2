package server

import (
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/vocab"
)

// maxMissingShown bounds the codes listed under "without a translation".
const maxMissingShown = 12

// bar is one bar of an overview chart.
type bar struct {
	Label, URL string
	Count      int
}

// ruleCount is the number of lint findings of one rule in a domain.
type ruleCount struct {
	Rule  string
	Count int
}

// domainOverview is the top of a domain page: counts by status and by
// category as charts, lint findings by rule, and the codes without a
// status or a translation.
func domainOverview(snap *snapshot, lang string, c *catalog.Catalog, linted bool) map[string]any {
	p := page{Lang: lang}
	base := "/domains/" + url.PathEscape(c.Domain.ID)
	byStatus, byCat := map[int]int{}, map[vocab.Category]int{}
	var noTrans []entryRow
	noStatus, noTransN := 0, 0
	for i := range c.Entries {
		e := &c.Entries[i]
		byStatus[e.Status()]++
		byCat[e.Category]++
		if e.Status() == 0 {
			noStatus++
		}
		for _, l := range c.Domain.Locales {
			if _, ok := e.Message.Lookup(l); !ok {
				noTransN++
				if len(noTrans) < maxMissingShown {
					noTrans = append(noTrans, row(lang, &c.Domain, e))
				}
				break
			}
		}
	}
	var statusBars, catBars []bar
	sts := make([]int, 0, len(byStatus))
	for st := range byStatus {
		sts = append(sts, st)
	}
	slices.Sort(sts)
	for _, st := range sts {
		label, q := strconv.Itoa(st), strconv.Itoa(st)
		if st == 0 {
			label, q = p.T("none"), "none"
		}
		statusBars = append(statusBars, bar{label, base + "?status=" + q + "#codes", byStatus[st]})
	}
	for _, cat := range vocab.Categories() {
		if n := byCat[cat]; n > 0 {
			catBars = append(catBars, bar{p.T("cat." + string(cat)), base + "?category=" + string(cat) + "#codes", n})
		}
	}
	out := map[string]any{
		"StatusChart":   chart(p.T("domain.bystatus"), statusBars),
		"CategoryChart": chart(p.T("domain.bycategory"), catBars),
		"NoStatus":      noStatus,
		"NoStatusURL":   base + "?status=none#codes",
		"NoTrans":       noTrans,
		"NoTransN":      noTransN,
		"NoTransMore":   noTransN - len(noTrans),
	}
	if linted {
		snap.findingsFor("", "") // builds the findings once
		counts := map[string]int{}
		for k, fs := range snap.findings {
			if strings.HasPrefix(k, c.Domain.ID+"\x00") {
				for _, f := range fs {
					counts[f.Rule]++
				}
			}
		}
		var rules []ruleCount
		for _, r := range sortedKeys(counts) {
			rules = append(rules, ruleCount{r, counts[r]})
		}
		out["Rules"], out["Linted"] = rules, true
	}
	return out
}

// chart draws bars as a horizontal bar chart in SVG, each bar a link to
// the list it counts (so the chart is not role="img": its links stay
// reachable). It scales to the width of its container.
func chart(title string, bars []bar) template.HTML {
	const rowH, labelW, barW, countW = 26, 190, 260, 50
	top := 1
	for _, b := range bars {
		top = max(top, b.Count)
	}
	h := rowH*len(bars) + 4
	var sb strings.Builder
	var desc []string
	for _, b := range bars {
		desc = append(desc, fmt.Sprintf("%s: %d", b.Label, b.Count))
	}
	fmt.Fprintf(&sb, `<svg class="chart" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet" aria-label="%s"><title>%s</title>`,
		labelW+barW+countW, h, template.HTMLEscapeString(title+" — "+strings.Join(desc, ", ")), template.HTMLEscapeString(title))
	for i, b := range bars {
		y := i*rowH + 2
		w := max(2, b.Count*barW/top)
		fmt.Fprintf(&sb, `<a href="%s" aria-label="%s: %d"><text x="%d" y="%d" text-anchor="end" class="label">%s</text><rect x="%d" y="%d" width="%d" height="%d" rx="3" class="bar"></rect><text x="%d" y="%d" class="n">%d</text></a>`,
			template.HTMLEscapeString(b.URL), template.HTMLEscapeString(b.Label), b.Count, labelW-8, y+17, template.HTMLEscapeString(b.Label), labelW, y+3, w, rowH-8, labelW+w+6, y+17, b.Count)
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}
