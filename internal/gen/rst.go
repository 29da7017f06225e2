package gen

import (
	"fmt"
	"strings"

	"golang.org/x/text/width"

	"github.com/errcat/errcat/internal/catalog"
)

// RST writes a reStructuredText page per domain and locale, DOMAIN.LOCALE.rst,
// in the style of the Huawei page: a label, a title, the intro and a grid
// table with the columns Status Code, Error Code, Error Message and
// Measure. A row without a status says NA; a variant is a further row with
// the same code. The title has no column of its own and is not written.
func RST(cats []*catalog.Catalog, opts Options) (Files, error) {
	return collect(cats, opts, StreamRST)
}

// StreamRST is RST writing each page as it goes, never whole in memory.
func StreamRST(cats []*catalog.Catalog, opts Options, create CreateFunc) error {
	if _, err := pickStyle("rst", opts); err != nil {
		return err
	}
	for _, c := range sortedCatalogs(cats) {
		for _, loc := range locales(&c.Domain, opts.Lang) {
			w, err := create(docPath(c, loc, "rst"))
			if err != nil {
				return err
			}
			b := &pageWriter{w: w}
			label := strings.NewReplacer(".", "_", "-", "_").Replace(c.Domain.ID + "_" + loc)
			fmt.Fprintf(b, ".. _%s:\n\n", label)
			title := rstEscape(pageTitle(c, loc))
			fmt.Fprintf(b, "%s\n%s\n\n", title, strings.Repeat("=", displayWidth(title)))
			fmt.Fprintf(b, "%s\n\n", rstEscape(intro(c, loc)))
			head := []string{"Status Code", "Error Code", "Error Message", "Measure"}
			if strings.HasPrefix(loc, "zh") {
				head = []string{"状态码", "错误码", "错误信息", "处理措施"}
			}
			rs := rows(c, loc)
			// The cells of row i, made again for each of gridTable's two
			// passes rather than kept.
			cells := func(i int, cells []string) []string {
				r := &rs[i]
				return append(cells, statusText(r.Status, "NA"), rstEscape(r.Code), rstEscape(r.Message), rstEscape(r.Remediation))
			}
			gridTable(b, head, len(rs), cells)
			subCodeNote(&b.Buffer, c, loc, rstEscape)
			if err := b.close(); err != nil {
				return err
			}
		}
	}
	return nil
}

// gridTable writes an RST grid table of head and n body rows. A cell's
// line breaks become lines of the cell. Widths count East Asian wide
// characters as two columns, as docutils does. cells appends the cells
// of body row i to its argument; it is called twice a row (widths, then
// text).
func gridTable(b *pageWriter, head []string, n int, cells func(i int, cells []string) []string) {
	widths := make([]int, len(head))
	measure := func(cells []string) {
		for i, c := range cells {
			for _, l := range strings.Split(c, "\n") {
				widths[i] = max(widths[i], displayWidth(l))
			}
		}
	}
	measure(head)
	var r []string
	for i := range n {
		r = cells(i, r[:0])
		measure(r)
	}
	rule := func(ch string) {
		b.WriteString("+")
		for _, w := range widths {
			b.WriteString(strings.Repeat(ch, w+2) + "+")
		}
		b.WriteString("\n")
	}
	line := func(cells []string) {
		split := make([][]string, len(cells))
		n := 1
		for i, c := range cells {
			split[i] = strings.Split(c, "\n")
			n = max(n, len(split[i]))
		}
		for k := 0; k < n; k++ {
			b.WriteString("|")
			for i, w := range widths {
				s := ""
				if k < len(split[i]) {
					s = split[i][k]
				}
				b.WriteString(" " + s + strings.Repeat(" ", w-displayWidth(s)) + " |")
			}
			b.WriteString("\n")
		}
	}
	rule("-")
	line(head)
	rule("=")
	for i := range n {
		r = cells(i, r[:0])
		line(r)
		rule("-")
		b.maybeFlush()
	}
	b.WriteString("\n")
}

// displayWidth is the number of terminal columns s takes: East Asian wide
// and fullwidth characters count two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// rstEscape escapes the characters that start inline markup, references
// and substitutions in reStructuredText.
func rstEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '*', '`', '|', '_':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
