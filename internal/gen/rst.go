package gen

import (
	"bytes"
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
	if _, err := pickStyle("rst", opts); err != nil {
		return nil, err
	}
	files := Files{}
	for _, c := range sortedCatalogs(cats) {
		for _, loc := range locales(&c.Domain, opts.Lang) {
			var b bytes.Buffer
			label := strings.NewReplacer(".", "_", "-", "_").Replace(c.Domain.ID + "_" + loc)
			fmt.Fprintf(&b, ".. _%s:\n\n", label)
			title := rstEscape(pageTitle(c, loc))
			fmt.Fprintf(&b, "%s\n%s\n\n", title, strings.Repeat("=", displayWidth(title)))
			fmt.Fprintf(&b, "%s\n\n", rstEscape(intro(c, loc)))
			head := []string{"Status Code", "Error Code", "Error Message", "Measure"}
			if strings.HasPrefix(loc, "zh") {
				head = []string{"状态码", "错误码", "错误信息", "处理措施"}
			}
			var body [][]string
			for _, r := range rows(c, loc) {
				body = append(body, []string{statusText(r.Status, "NA"), rstEscape(r.Code), rstEscape(r.Message), rstEscape(r.Remediation)})
			}
			gridTable(&b, head, body)
			subCodeNote(&b, c, loc, rstEscape)
			files[docPath(c, loc, "rst")] = trimLines(b.Bytes())
		}
	}
	return files, nil
}

// gridTable writes an RST grid table. A cell's line breaks become lines of
// the cell. Widths count East Asian wide characters as two columns, as
// docutils does.
func gridTable(b *bytes.Buffer, head []string, body [][]string) {
	widths := make([]int, len(head))
	measure := func(cells []string) {
		for i, c := range cells {
			for _, l := range strings.Split(c, "\n") {
				widths[i] = max(widths[i], displayWidth(l))
			}
		}
	}
	measure(head)
	for _, r := range body {
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
	for _, r := range body {
		line(r)
		rule("-")
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
