package gen

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/errcat/errcat/internal/catalog"
)

// Text writes a plain text page per domain and locale, DOMAIN.LOCALE.txt,
// in the style of the Tencent page: a title, the intro, and an indented
// table whose columns are separated by at least two spaces: Error Code,
// [HTTP Status,] [Error Type (the title),] Description[, Remediation] — a
// column only when some row has it. A row without a status says NA
// there. Line breaks and runs of spaces inside a text become one space: a cell is
// one line.
func Text(cats []*catalog.Catalog, opts Options) (Files, error) {
	if _, err := pickStyle("text", opts); err != nil {
		return nil, err
	}
	files := Files{}
	for _, c := range sortedCatalogs(cats) {
		for _, loc := range locales(&c.Domain, opts.Lang) {
			var b bytes.Buffer
			fmt.Fprintf(&b, "%s\n\n", pageTitle(c, loc))
			fmt.Fprintf(&b, "    %s\n\n", oneLine(intro(c, loc)))
			rs := rows(c, loc)
			withStatus := false
			for _, r := range rs {
				withStatus = withStatus || r.Status != nil
			}
			withTitle := has(rs, func(r row) string { return r.Title })
			withRem := has(rs, func(r row) string { return r.Remediation })
			head := []string{"Error Code"}
			if withStatus {
				head = append(head, "HTTP Status")
			}
			if withTitle {
				head = append(head, "Error Type")
			}
			head = append(head, "Description")
			if withRem {
				head = append(head, "Remediation")
			}
			table := [][]string{head}
			for _, r := range rs {
				cells := []string{r.Code}
				if withStatus {
					cells = append(cells, statusText(r.Status, "NA"))
				}
				if withTitle {
					cells = append(cells, oneLine(r.Title))
				}
				cells = append(cells, oneLine(r.Message))
				if withRem {
					cells = append(cells, oneLine(r.Remediation))
				}
				table = append(table, cells)
			}
			alignedTable(&b, "    ", table)
			b.WriteString("\n")
			subCodeNote(&b, c, loc, func(s string) string { return "    " + oneLine(s) })
			files[docPath(c, loc, "txt")] = trimLines(b.Bytes())
		}
	}
	return files, nil
}

// alignedTable writes rows with every column but the last padded to its
// widest cell plus two spaces.
func alignedTable(b *bytes.Buffer, indent string, table [][]string) {
	widths := make([]int, len(table[0]))
	for _, r := range table {
		for i, c := range r {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	for _, r := range table {
		b.WriteString(indent)
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		b.WriteString("\n")
	}
}

// oneLine joins the lines of s with spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
