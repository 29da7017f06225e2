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
	return collect(cats, opts, StreamText)
}

// StreamText is Text writing each page as it goes, never whole in memory.
func StreamText(cats []*catalog.Catalog, opts Options, create CreateFunc) error {
	if _, err := pickStyle("text", opts); err != nil {
		return err
	}
	for _, c := range sortedCatalogs(cats) {
		for _, loc := range locales(&c.Domain, opts.Lang) {
			w, err := create(docPath(c, loc, "txt"))
			if err != nil {
				return err
			}
			b := &pageWriter{w: w}
			fmt.Fprintf(b, "%s\n\n", pageTitle(c, loc))
			fmt.Fprintf(b, "    %s\n\n", oneLine(intro(c, loc)))
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
			// The cells of row i of the table (0 the head), made again for
			// each of alignedTable's two passes rather than kept.
			cells := func(i int, cells []string) []string {
				if i == 0 {
					return append(cells, head...)
				}
				r := &rs[i-1]
				cells = append(cells, r.Code)
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
				return cells
			}
			alignedTable(b, "    ", len(rs)+1, cells)
			b.WriteString("\n")
			var note bytes.Buffer
			subCodeNote(&note, c, loc, oneLine)
			for _, l := range strings.Split(note.String(), "\n") {
				if l != "" {
					l = "    " + l
				}
				b.WriteString(l + "\n")
			}
			if err := b.close(); err != nil {
				return err
			}
		}
	}
	return nil
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

// alignedTable writes the n rows of a table, every column but the last
// padded to its widest cell plus two spaces. cells appends the cells of
// row i to its argument; it is called twice a row (widths, then text).
func alignedTable(b *pageWriter, indent string, n int, cells func(i int, cells []string) []string) {
	var widths []int
	var r []string
	for i := range n {
		r = cells(i, r[:0])
		for len(widths) < len(r) {
			widths = append(widths, 0)
		}
		for k, c := range r {
			widths[k] = max(widths[k], displayWidth(c))
		}
	}
	for i := range n {
		r = cells(i, r[:0])
		b.WriteString(indent)
		for k, c := range r {
			b.WriteString(c)
			if k < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[k]-displayWidth(c)+2))
			}
		}
		b.WriteString("\n")
		b.maybeFlush()
	}
}

// oneLine joins the lines of s with spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
