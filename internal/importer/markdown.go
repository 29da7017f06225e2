package importer

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var (
	frontMatterEndRe = regexp.MustCompile(`(?m)^(---|\.\.\.)[ \t]*$`)
	ditaBlockRe      = regexp.MustCompile(`^\{[#.][^{}]*\}$`)
	ditaTrailRe      = regexp.MustCompile(`\s*\{#[^{}]*\}\s*$`)
	htmlTableRe      = regexp.MustCompile(`(?is)<table[\s>].*?</table\s*>`)
	// listCodeRe is what a bold or heading code of a list layout looks
	// like: a number, or an identifier with a dot, digit or underscore.
	listCodeRe = regexp.MustCompile(`^(-?[0-9]+|[A-Za-z][A-Za-z0-9]*([._-][A-Za-z0-9]+)+|[A-Za-z]+[0-9][A-Za-z0-9]*|[A-Z][a-z0-9]+([A-Z][a-z0-9]*)+)$`)
	// headingCodeRe is a heading "code: X", or a code then its title
	// ("201 权限校验失败").
	headingCodePrefixRe = regexp.MustCompile(`(?i)^(?:error\s+)?code\s*[:：]\s*`)
	// statusLineRe is a line "HTTP Status Code: 400" or "状态码：400".
	labelLineRe = regexp.MustCompile(`^\s*(?:[-*]\s+)?\**([^:：*]{1,30}?)\**\s*[:：]\**\s*(\S.*)$`)
)

// parseMarkdown reads pipe tables, HTML tables and lists of bold codes
// followed by their message paragraphs.
func parseMarkdown(src string) *page {
	pg := &page{}
	src = stripFrontMatter(src, pg)
	li := newLineIndex(src)

	// HTML tables anywhere in the page.
	for _, loc := range htmlTableRe.FindAllStringIndex(src, -1) {
		sub := parseHTML(src[loc[0]:loc[1]], li.line(loc[0])-1)
		pg.tables = append(pg.tables, sub.tables...)
		pg.diags = append(pg.diags, sub.diags...)
	}

	md := goldmark.New(
		goldmark.WithExtensions(extension.Table),
		goldmark.WithParserOptions(parser.WithHeadingAttribute()),
	)
	source := []byte(src)
	doc := md.Parser().Parse(text.NewReader(source))

	// A block: a code (heading, bold line), then paragraphs of its message,
	// "Label: value" lines and bold labels heading the paragraphs under them.
	list := &table{header: []string{"code", "message", "status", "title", "remediation", "description"},
		roles: []role{roleCode, roleMessage, roleStatus, roleTitle, roleRemediation, roleDescription}}
	var pending *row
	section := "" // the last heading's text
	sectionLine := 0
	field := 1 // the cell the next paragraph goes to
	// label is a label of no known role over the paragraphs that follow
	// ("Affected endpoints"): they are description, under it.
	label := ""
	flush := func() {
		if pending != nil {
			if pending.cells[1] == "" && pending.cells[3] != "" {
				// "### CODE: Title": the title is the short message;
				// the paragraphs under it describe the error.
				pending.cells[1], pending.cells[3] = pending.cells[3], ""
			}
			list.rows = append(list.rows, *pending)
			pending = nil
		}
	}
	startItem := func(code string, line int, rest string) {
		flush()
		if list.line == 0 {
			list.line = line
		}
		pending = &row{line: line, cells: []string{code, rest, "", "", "", ""}}
		field, label = 1, ""
	}
	addText := func(i int, t string) {
		if i == 5 && label != "" {
			t, label = label+": "+t, ""
		}
		if pending.cells[i] != "" {
			pending.cells[i] += "\n\n"
		}
		pending.cells[i] += t
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch x := n.(type) {
		case *ast.Heading:
			t := strings.TrimSpace(ditaTrailRe.ReplaceAllString(inlineText(x, source), ""))
			section, sectionLine = t, nodeLine(x, li)
			if pg.title == "" && (x.Level == 1 || firstHeading(doc) == x) {
				pg.title = t
			}
			if code, title, ok := headingCode(t); ok {
				startItem(code, nodeLine(x, li), "")
				pending.cells[3] = title
				if title != "" {
					field = 5
				}
				return ast.WalkSkipChildren, nil
			}
			flush()
			return ast.WalkSkipChildren, nil
		case *east.Table:
			flush()
			mt := mdTable(x, source, li)
			mt.section = section
			pg.tables = append(pg.tables, mt)
			return ast.WalkSkipChildren, nil
		case *ast.ThematicBreak:
			flush()
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			// An example inside a code's section does not end it.
			label = ""
			if pending == nil || pending.cells[3] == "" && pending.cells[2] == "" {
				flush()
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock:
			if d, ok := brokenTable(x, source, li); ok {
				pg.diags = append(pg.diags, d)
				return ast.WalkSkipChildren, nil
			}
			t := strings.TrimSpace(inlineText(x, source))
			if t == "" || ditaBlockRe.MatchString(t) {
				return ast.WalkSkipChildren, nil
			}
			if code, rest, ok := boldCode(x, source); ok {
				startItem(code, nodeLine(x, li), rest)
				return ast.WalkSkipChildren, nil
			}
			if code, ok := codeLabel(t); ok && pending == nil && section != "" && section != pg.title {
				// "## Missing contact" over "**Error code:** NOT-1": the
				// section is the code's, its heading the title.
				startItem(code, sectionLine, "")
				pending.cells[3], field = section, 5
				_, rest, _ := strings.Cut(t, "\n")
				if strings.TrimSpace(rest) == "" {
					return ast.WalkSkipChildren, nil
				}
				t = rest
			}
			if pending != nil {
				if l, v, ok := boldLabel(x, source, t); ok {
					// "**Solution:**", "**Common causes:** …": a bold
					// label names the field of what follows it; one of no
					// known role heads description, never the message.
					// Lines after the label's own are read on their own
					// ("**Status:** 400" then "**Description:** …").
					var more string
					if k := strings.IndexByte(v, '\n'); k >= 0 {
						v, more = strings.TrimSpace(v[:k]), v[k+1:]
					}
					i, known := labelCellLoose(l)
					if i == 1 && pending.cells[1] != "" {
						i = 5 // a second message label ("错误描述" after "错误信息")
					}
					switch {
					case v == "" && known:
						field, label = i, ""
					case v == "":
						field, label = 5, l
					case known:
						addText(i, v)
					default:
						label = l
						addText(5, v)
					}
					if strings.TrimSpace(more) == "" {
						return ast.WalkSkipChildren, nil
					}
					t = more
				}
				if i, ok := blockLabel(t); ok {
					// A bold label over the paragraphs that follow.
					field = i
					if i == 1 && pending.cells[1] != "" {
						field = 5
					}
					return ast.WalkSkipChildren, nil
				}
				var rest []string
				for l := range strings.SplitSeq(t, "\n") {
					if i, v, ok := labelLine(l); ok {
						addText(i, v)
						continue
					}
					rest = append(rest, l)
				}
				if r := strings.TrimSpace(strings.Join(rest, "\n")); r != "" {
					addText(field, r)
				}
				return ast.WalkSkipChildren, nil
			}
			pg.prose = append(pg.prose, t)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	flush()
	for _, t := range pg.tables {
		reshape(t)
	}
	if keepList(list, pg.tables) {
		pg.tables = append(pg.tables, list)
	}
	if !hasErrorTable(pg.tables) {
		// Tables of tab-separated columns, as pages captured from a
		// browser hold them.
		lines := strings.Split(src, "\n")
		for i := 0; i < len(lines); i++ {
			if !strings.Contains(strings.TrimSpace(lines[i]), "\t") {
				continue
			}
			if header, aligned, ok := textHeader(strings.TrimSpace(lines[i])); ok && aligned {
				t, end := readTextRows(lines, i, header, aligned, pg)
				pg.tables = append(pg.tables, t)
				i = end - 1
			}
		}
	}
	if !hasErrorTable(pg.tables) {
		if t := codeLines(strings.Split(src, "\n")); t != nil {
			pg.tables = append(pg.tables, t)
		}
	}
	sort.SliceStable(pg.tables, func(i, j int) bool { return pg.tables[i].line < pg.tables[j].line })
	return pg
}

// brokenTable reports a paragraph of pipe-table lines that goldmark did
// not take as a table (no delimiter row, or a header with another number
// of cells than the delimiter row): its rows are not read, and say so.
func brokenTable(p ast.Node, source []byte, li lineIndex) (lineDiag, bool) {
	ls := p.Lines()
	if ls == nil || ls.Len() < 2 {
		return lineDiag{}, false
	}
	line := func(i int) string { seg := ls.At(i); return string(seg.Value(source)) }
	pipes := 0
	for i := 0; i < ls.Len(); i++ {
		l := strings.TrimSpace(line(i))
		if strings.HasPrefix(l, "|") && strings.Count(l, "|") >= 2 {
			pipes++
		}
	}
	if pipes < 2 || pipes*2 < ls.Len() {
		return lineDiag{}, false
	}
	first, last := li.line(ls.At(0).Start), li.line(ls.At(ls.Len()-1).Start)
	why := "no delimiter row (|---|) under the header"
	if mdTableRe.MatchString(strings.TrimSpace(line(1))) {
		why = fmt.Sprintf("the header has %d cells but the delimiter row %d", len(rawCells(line(0))), len(rawCells(line(1))))
	}
	return lineDiag{first, fmt.Sprintf("lines %d-%d look like a pipe table but are not one (%s); not imported", first, last, why)}, true
}

// keepList reports whether a list of bold or heading codes is the page's
// error list: only on a page with no error table, where it is the layout;
// beside an error table, bold or heading codes are emphasis and metadata.
func keepList(list *table, tables []*table) bool {
	if len(list.rows) == 0 {
		return false
	}
	if !hasErrorTable(tables) {
		return true
	}
	// Beside an error table, the blocks are kept when they are sections of
	// codes of their own (two or more, each with an HTTP status) that the
	// tables do not already list: a parameter's bold name over its
	// description is not one.
	if len(list.rows) < 2 {
		return false
	}
	listed := map[string]bool{}
	for _, t := range tables {
		cols, ok, _ := tableColumns(t)
		if !ok {
			continue
		}
		for _, r := range t.rows {
			if c, ok := cell(r, cols, roleCode); ok {
				listed[cleanCode(c)] = true
			}
		}
	}
	for _, r := range list.rows {
		if listed[cleanCode(r.cells[0])] || len(r.cells) < 3 || strings.TrimSpace(r.cells[2]) == "" {
			return false
		}
	}
	return true
}

// hasErrorTable reports whether any of tables has an error-code column.
func hasErrorTable(tables []*table) bool {
	for _, t := range tables {
		if _, ok, _ := tableColumns(t); ok {
			return true
		}
	}
	return false
}

func firstHeading(doc ast.Node) ast.Node {
	var h ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == ast.KindHeading {
			h = n
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return h
}

// stripFrontMatter blanks a leading YAML front matter block (keeping line
// numbers) and records its title, slug and description.
func stripFrontMatter(src string, pg *page) string {
	if !strings.HasPrefix(src, "---\n") {
		return src
	}
	loc := frontMatterEndRe.FindStringIndex(src[4:])
	if loc == nil {
		pg.diags = append(pg.diags, lineDiag{1, "front matter starts with --- but never ends; read as Markdown"})
		return src
	}
	body := src[4 : 4+loc[0]]
	end := 4 + loc[1]
	var fm map[string]any
	if err := yaml.Unmarshal([]byte(body), &fm); err != nil {
		pg.diags = append(pg.diags, lineDiag{2, "front matter is not valid YAML: " + firstLine(err.Error())})
	}
	for _, k := range []string{"title", "id", "slug", "description"} {
		v, ok := fm[k]
		if !ok || v == nil {
			continue
		}
		s := strings.TrimSpace(fmt.Sprint(v))
		if k == "title" {
			pg.title = s
			continue
		}
		pg.notes = append(pg.notes, k+": "+s)
	}
	blank := strings.Repeat("\n", strings.Count(src[:end], "\n"))
	return blank + src[end:]
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func nodeLine(n ast.Node, li lineIndex) int {
	if n.Type() == ast.TypeBlock {
		if ls := n.Lines(); ls != nil && ls.Len() > 0 {
			return li.line(ls.At(0).Start)
		}
	}
	if p := n.Pos(); p >= 0 {
		return li.line(p)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			return li.line(t.Segment.Start)
		}
	}
	return 0
}

// boldCode reports whether a paragraph starts with a bold (or emphasised,
// or code-span) code, and returns the code and the rest of the paragraph.
func boldCode(p ast.Node, source []byte) (code, rest string, ok bool) {
	first := p.FirstChild()
	switch first.(type) {
	case *ast.Emphasis, *ast.CodeSpan:
	default:
		return "", "", false
	}
	code = strings.TrimSpace(inlineText(first, source))
	code = strings.TrimRight(code, ":：")
	if !listCodeRe.MatchString(code) {
		return "", "", false
	}
	var b strings.Builder
	for c := first.NextSibling(); c != nil; c = c.NextSibling() {
		writeInline(&b, c, source)
	}
	rest = strings.TrimSpace(b.String())
	rest = strings.TrimSpace(strings.TrimLeft(rest, ":：-–—|"))
	return code, rest, true
}

// mdTable turns a goldmark table into cells with line numbers.
func mdTable(tb *east.Table, source []byte, li lineIndex) *table {
	t := &table{}
	for r := tb.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, strings.TrimSpace(inlineText(c, source)))
		}
		line := li.line(r.Pos())
		t.end = line
		if _, ok := r.(*east.TableHeader); ok {
			t.header = cells
			t.line = line
			continue
		}
		rw := row{line: line, cells: cells}
		switch raw := rawCells(lineAt(source, r.Pos())); {
		case len(raw) > len(t.header):
			rw.extra = raw[len(t.header):]
		case len(raw) < len(t.header) && len(raw) <= len(cells):
			rw.missing = len(t.header) - len(raw)
		}
		t.rows = append(t.rows, rw)
	}
	return t
}

func lineAt(source []byte, off int) string {
	if off < 0 || off > len(source) {
		return ""
	}
	rest := source[off:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	return string(rest)
}

// rawCells splits a pipe-table line on unescaped pipes, as GFM does.
func rawCells(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, `\|`) {
		line = line[:len(line)-1]
	}
	var cells []string
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		if line[i] == '|' && (i == 0 || line[i-1] != '\\') {
			cells = append(cells, strings.TrimSpace(b.String()))
			b.Reset()
			continue
		}
		b.WriteByte(line[i])
	}
	return append(cells, strings.TrimSpace(b.String()))
}

// inlineText renders a node's inline content as plain text: escapes and
// entities resolved, code spans verbatim, emphasis dropped, line breaks as
// spaces.
func inlineText(n ast.Node, source []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		writeInline(&b, c, source)
	}
	return b.String()
}

func writeInline(b *strings.Builder, n ast.Node, source []byte) {
	switch x := n.(type) {
	case *ast.Text:
		writeMarkdownText(b, x.Segment.Value(source))
		if x.SoftLineBreak() || x.HardLineBreak() {
			b.WriteByte('\n')
		}
	case *ast.String:
		b.Write(x.Value)
	case *ast.CodeSpan:
		for c := x.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Segment.Value(source))
			case *ast.String:
				b.Write(t.Value)
			}
		}
	case *ast.RawHTML:
		var raw strings.Builder
		for i := 0; i < x.Segments.Len(); i++ {
			s := x.Segments.At(i)
			raw.Write(s.Value(source))
		}
		r := raw.String()
		if strings.EqualFold(strings.ReplaceAll(r, " ", ""), "<br>") || strings.EqualFold(strings.ReplaceAll(r, " ", ""), "<br/>") {
			b.WriteByte('\n')
			return
		}
		b.WriteString(r)
	case *ast.AutoLink:
		b.Write(x.URL(source))
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			writeInline(b, c, source)
		}
	}
}

// mdRefRe is a CommonMark entity or numeric character reference at the
// start of a text.
var mdRefRe = regexp.MustCompile(`^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});`)

// writeMarkdownText writes the text of a Markdown text node: backslash
// escapes resolved (\< is <), character references decoded, the characters
// of placeholders among them as literal stand-ins (&lt;script&gt; is the
// text <script>, never a placeholder).
func writeMarkdownText(b *strings.Builder, v []byte) {
	for len(v) > 0 {
		i := bytes.IndexAny(v, `\&`)
		if i < 0 {
			b.Write(v)
			return
		}
		b.Write(v[:i])
		v = v[i:]
		switch {
		case v[0] == '\\' && len(v) > 1 && util.IsPunct(v[1]):
			b.WriteByte(v[1])
			v = v[2:]
		case v[0] == '&' && mdRefRe.Match(v):
			ref := mdRefRe.Find(v)
			b.WriteString(literal(string(util.ResolveEntityNames(util.ResolveNumericReferences(ref)))))
			v = v[len(ref):]
		default:
			b.WriteByte(v[0])
			v = v[1:]
		}
	}
}

// headingCode reads a heading that names a code: "InvalidToken",
// "code: StreamClosed", "201 权限校验失败" (code and title).
func headingCode(h string) (code, title string, ok bool) {
	h = headingCodePrefixRe.ReplaceAllString(strings.TrimSpace(h), "")
	if c := strings.Trim(h, "*`"); listCodeRe.MatchString(c) {
		return c, "", true
	}
	first, rest, found := strings.Cut(h, " ")
	// "NOT-00001: Missing contact information": a colon after a word
	// with a digit marks it as the code.
	colon := strings.HasSuffix(strings.TrimRight(first, "*`"), ":") || strings.HasSuffix(strings.TrimRight(first, "*`"), "：")
	first = strings.Trim(strings.TrimRight(strings.Trim(first, "*`"), ":："), "*`")
	rest = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(rest), ":：-–—"))
	if found && rest != "" && (intRe.MatchString(first) || strings.ContainsAny(first, "._") || colon && strings.ContainsAny(first, "0123456789")) && listCodeRe.MatchString(first) && !strings.HasSuffix(first, ".") {
		return first, rest, true
	}
	return "", "", false
}

// blockLabel reports whether paragraph t is a bold label of a block's
// field ("**错误信息**", "**Solution**") and returns the list cell it fills.
func blockLabel(t string) (int, bool) {
	if strings.ContainsAny(strings.TrimRight(t, " *:："), "\n:：") || len([]rune(t)) > 30 {
		return 0, false
	}
	return labelCell(strings.Trim(t, " *:："))
}

// labelCell is the list cell that a label names.
func labelCell(label string) (int, bool) {
	switch l := strings.ToLower(strings.TrimSpace(label)); {
	case l == "处理步骤" || l == "处理方式" || l == "解决方法" || l == "操作步骤":
		return 4, true
	case l == "可能原因" || l == "原因":
		return 5, true
	}
	// Only a label that is exactly a heading word: a short message that
	// mentions one ("状态异常") is text, not a label.
	switch exactRole(strings.Trim(label, " *`_")) {
	case roleMessage:
		return 1, true
	case roleStatus:
		return 2, true
	case roleTitle:
		return 3, true
	case roleRemediation:
		return 4, true
	case roleDescription:
		return 5, true
	}
	return 0, false
}

// boldLabel reads a paragraph that opens with a bold label: "**Solution:**",
// "**Common causes:** text", "**解决方法：**", or a short bold line of its
// own. It returns the label and the text after it (t is the paragraph's
// plain text).
func boldLabel(p ast.Node, source []byte, t string) (label, value string, ok bool) {
	em, isEm := p.FirstChild().(*ast.Emphasis)
	if !isEm || em.Level != 2 {
		return "", "", false
	}
	return labelFrom(strings.TrimSpace(inlineText(em, source)), t)
}

// labelFrom reads a block's text t that opens with bold text l as a label
// and what follows it: l must end with a colon, or be followed by one, or
// be all of t; and it is short, on one line.
func labelFrom(l, t string) (label, value string, ok bool) {
	if l == "" || strings.Contains(l, "\n") || len([]rune(l)) > 40 || !strings.HasPrefix(t, l) {
		return "", "", false
	}
	rest := strings.TrimSpace(t[len(l):])
	colon := strings.HasSuffix(l, ":") || strings.HasSuffix(l, "：") || strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "：")
	if !colon && rest != "" {
		return "", "", false
	}
	label = strings.TrimSpace(strings.TrimRight(l, ":："))
	value = strings.TrimSpace(strings.TrimLeft(rest, ":："))
	if label == "" {
		return "", "", false
	}
	return label, value, true
}

// labelCellLoose is the list cell a bold label names: by the words it
// contains ("Common causes" is description, "How to fix" remediation),
// not only exact heading words, as the bold and the colon mark it a label.
func labelCellLoose(label string) (int, bool) {
	if i, ok := labelCell(label); ok {
		return i, true
	}
	switch classify(label) {
	case roleMessage:
		return 1, true
	case roleStatus:
		return 2, true
	case roleRemediation:
		return 4, true
	case roleDescription:
		return 5, true
	}
	return 0, false
}

// codeLabel reads a paragraph whose first line is "Error code: X" (or
// "错误码：X", bold or not) and returns X when it looks like a code.
func codeLabel(t string) (string, bool) {
	first, _, _ := strings.Cut(t, "\n")
	m := labelLineRe.FindStringSubmatch(first)
	if m == nil || classify(m[1]) != roleCode {
		return "", false
	}
	c := cleanCode(m[2])
	if !(intRe.MatchString(c) || listCodeRe.MatchString(c) || upperSnakeRe.MatchString(c)) {
		return "", false
	}
	return c, true
}

// labelLine reads a line "HTTP Status Code: 400", "状态码：400" or
// "Solution: ..." of a block.
func labelLine(l string) (int, string, bool) {
	m := labelLineRe.FindStringSubmatch(l)
	if m == nil {
		return 0, "", false
	}
	i, ok := labelCell(m[1])
	if !ok {
		return 0, "", false
	}
	if i == 2 {
		if _, _, err := parseStatus(m[2]); err != nil {
			return 0, "", false
		}
	}
	return i, strings.TrimSpace(m[2]), true
}
