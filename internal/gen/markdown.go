package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/errcat/errcat/internal/catalog"
)

// Markdown writes a page per domain and locale, DOMAIN.LOCALE.md, in one
// of two styles:
//
//   - table (default): Docusaurus front matter, a heading, the intro, and
//     a table with the columns Error code, [Title,] Error message, HTTP
//     status code[, Remediation] — a column only when some row has it. A
//     variant is a further row with the same code, as on the Aliyun page.
//   - list: Docusaurus front matter, a heading, the intro, and per row a
//     bold code followed by its message paragraph, as on the Zilliz page.
//     It carries code and message only: every paragraph after a bold code
//     reads as its message, so there is no place for a title, remediation
//     or status.
func Markdown(cats []*catalog.Catalog, opts Options) (Files, error) {
	return collect(cats, opts, StreamMarkdown)
}

// StreamMarkdown is Markdown writing each page as it goes, never whole in
// memory.
func StreamMarkdown(cats []*catalog.Catalog, opts Options, create CreateFunc) error {
	style, err := pickStyle("markdown", opts)
	if err != nil {
		return err
	}
	for _, c := range sortedCatalogs(cats) {
		for _, loc := range locales(&c.Domain, opts.Lang) {
			w, err := create(docPath(c, loc, "md"))
			if err != nil {
				return err
			}
			b := &pageWriter{w: w}
			frontMatter(&b.Buffer, c, loc)
			fmt.Fprintf(b, "# %s\n\n%s\n\n", mdEscape(pageTitle(c, loc)), mdEscape(intro(c, loc)))
			rs := rows(c, loc)
			if style == StyleList {
				mdList(b, rs)
			} else {
				mdTable(b, rs, loc)
			}
			if c.Domain.SubCode != nil {
				// A heading ends the list: the note is no code's message.
				fmt.Fprintf(b, "## %s\n\n", subCodeHeading(loc))
				subCodeNote(&b.Buffer, c, loc, mdEscape)
			}
			if err := b.close(); err != nil {
				return err
			}
		}
	}
	return nil
}

func frontMatter(b *bytes.Buffer, c *catalog.Catalog, loc string) {
	b.WriteString("---\n")
	fmt.Fprintf(b, "id: %s\n", yamlString(c.Domain.ID+"."+loc))
	fmt.Fprintf(b, "title: %s\n", yamlString(pageTitle(c, loc)))
	fmt.Fprintf(b, "slug: %s\n", yamlString("/errors/"+c.Domain.ID+"/"+loc))
	fmt.Fprintf(b, "domain: %s\n", yamlString(c.Domain.ID))
	fmt.Fprintf(b, "locale: %s\n", yamlString(loc))
	b.WriteString("---\n\n")
}

// yamlString quotes s as a YAML double-quoted scalar (JSON strings are
// valid YAML).
func yamlString(s string) string {
	q, _ := json.Marshal(s) // a string always marshals
	return string(q)
}

// header names of the table columns per language.
type headers struct{ code, title, message, status, remediation string }

func tableHeaders(loc string) headers {
	if strings.HasPrefix(loc, "zh") {
		return headers{"错误码", "名称", "错误信息", "HTTP 状态码", "处理措施"}
	}
	return headers{"Error code", "Title", "Error message", "HTTP status code", "Remediation"}
}

func mdTable(b *pageWriter, rs []row, loc string) {
	h := tableHeaders(loc)
	withTitle := has(rs, func(r row) string { return r.Title })
	withRem := has(rs, func(r row) string { return r.Remediation })
	cols := []string{h.code}
	if withTitle {
		cols = append(cols, h.title)
	}
	cols = append(cols, h.message, h.status)
	if withRem {
		cols = append(cols, h.remediation)
	}
	b.WriteString("|" + strings.Join(cols, "|") + "|\n|")
	for range cols {
		b.WriteString(":---|")
	}
	b.WriteString("\n")
	for _, r := range rs {
		cells := []string{mdCell(r.Code)}
		if withTitle {
			cells = append(cells, mdCell(r.Title))
		}
		cells = append(cells, mdCell(r.Message), statusText(r.Status, ""))
		if withRem {
			cells = append(cells, mdCell(r.Remediation))
		}
		b.WriteString("|" + strings.Join(cells, "|") + "|\n")
		b.maybeFlush()
	}
	b.WriteString("\n")
}

func mdList(b *pageWriter, rs []row) {
	for _, r := range rs {
		fmt.Fprintf(b, "**%s**\n\n%s\n\n", mdEscape(r.Code), mdParagraph(r.Message))
		b.maybeFlush()
	}
}

func subCodeHeading(loc string) string {
	if strings.HasPrefix(loc, "zh") {
		return "模块错误码"
	}
	return "Module error codes"
}

// subCodeNote documents a domain's module sub-code convention.
func subCodeNote(b *bytes.Buffer, c *catalog.Catalog, loc string, esc func(string) string) {
	sc := c.Domain.SubCode
	if sc == nil {
		return
	}
	if d := textIn(sc.Description, loc, c.Domain.DefaultLocale()); d != "" {
		fmt.Fprintf(b, "%s\n\n", esc(d))
	}
	if sc.Example != "" {
		fmt.Fprintf(b, "%s: %s\n\n", esc(sc.Field), esc(sc.Example))
	}
}

// mdEscape escapes the characters that would otherwise start Markdown
// syntax inside inline text. CommonMark unescapes them all.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '*', '_', '`', '<', '>', '[', ']', '|', '#':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdParagraph escapes a text for a paragraph; line breaks become hard
// breaks (a backslash at the end of the line).
func mdParagraph(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = mdEscape(l)
	}
	return strings.Join(lines, "\\\n")
}

// mdCell escapes a text for a table cell; line breaks become <br>.
func mdCell(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = mdEscape(l)
	}
	return strings.Join(lines, "<br>")
}
