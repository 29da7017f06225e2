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
// [HTTP Status,] [Error Type (the title),] Description[, Remediation]. The
// status column is there when some row has a status (NA marks a row
// without); the type and remediation columns only when every row has one,
// since a blank cell cannot be told from a column gap. Line breaks and runs
// of spaces inside a text become one space: a cell is one line.
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
			withTitle := every(rs, func(r row) string { return r.Title })
			withRem := every(rs, func(r row) string { return r.Remediation })
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
			var note bytes.Buffer
			subCodeNote(&note, c, loc, oneLine)
			for _, l := range strings.Split(note.String(), "\n") {
				if l != "" {
					l = "    " + l
				}
				b.WriteString(l + "\n")
			}
			files[docPath(c, loc, "txt")] = trimLines(b.Bytes())
		}
	}
	return files, nil
}

// every reports whether every row has a non-empty field.
func every(rs []row, field func(row) string) bool {
	for _, r := range rs {
		if field(r) == "" {
			return false
		}
	}
	return len(rs) > 0
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
