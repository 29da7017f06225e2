package importer

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxSpan bounds colspan and rowspan values read from a page.
const maxSpan = 64

// htmlTable is a table being read.
type htmlTable struct {
	t        *table
	rows     []row
	headRows int  // rows read inside <thead> or made of <th> only
	bodySeen bool // a row after the heading rows was read: later ones repeat them
	cur      *row
	curTH    bool // every cell of the current row is a <th>
	inThead  bool
	cell     *strings.Builder
	colspan  int
	rowspan  int
	carry    map[int]*spanCell
}

type spanCell struct {
	text string
	left int
}

// htmlBlock is a block of text outside tables: a paragraph, heading, list
// item or definition term, with the text of a leading bold or code element.
type htmlBlock struct {
	line    int
	heading bool
	value   bool // a <dd>: its leading code is a value, not a term
	text    strings.Builder
	lead    strings.Builder // text of a leading <strong>, <b>, <code>, <em>
	inLead  int
	leadEnd bool // text came after the leading element (or none led)
	// strong is set when the leading element is <strong> or <b>, which
	// may be a label ("Solution:").
	strong bool
}

// parseHTML reads the <table>s of an HTML page (or fragment), and lists of
// codes written as headings, definition terms or bold paragraphs followed
// by their messages. baseLine is added to line numbers, for fragments cut
// out of a larger page.
func parseHTML(src string, baseLine int) *page {
	r := &htmlReader{
		pg:    &page{},
		list:  newBlockList(),
		field: 1,
	}
	li := newLineIndex(src)
	z := html.NewTokenizer(strings.NewReader(src))
	off := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		start := off
		off += len(z.Raw())
		raw := src[start:off] // as written; z.Raw() is unescaped in place by z.Token()
		line := li.line(start) + baseLine
		tok := z.Token()
		switch tt {
		case html.TextToken:
			r.text(escapedText(raw, tok.Data), line)
		case html.StartTagToken:
			if tok.DataAtom == 0 && angledTagRe.MatchString(raw) {
				// <parameter name>: no element of HTML, but a
				// placeholder the author wrote as it stands.
				r.text(raw, line)
				break
			}
			r.startTag(tok, false, line)
		case html.SelfClosingTagToken:
			r.startTag(tok, true, line)
		case html.EndTagToken:
			r.endTag(tok.DataAtom, line)
		}
	}
	return r.finish(li.line(len(src)) + baseLine)
}

var (
	// htmlRefRe matches what the HTML tokenizer may read as a character
	// reference: &#123; &#x7b; &name; and, for some names, &name without
	// the semicolon.
	htmlRefRe = regexp.MustCompile(`&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)`)
	// angledTagRe is a start tag that reads as an angled placeholder.
	angledTagRe = regexp.MustCompile(`^` + angledRe.String() + `$`)
)

// escapedText returns the text of a text token: data, the tokenizer's
// reading of raw, with the characters raw wrote as character references
// (&lt;script&gt;, &#123;x&#125;) as literal stand-ins, which the
// placeholder rewrite leaves alone.
func escapedText(raw, data string) string {
	if !strings.Contains(raw, "&") {
		return data
	}
	s := htmlRefRe.ReplaceAllStringFunc(raw, func(ref string) string {
		return literal(html.UnescapeString(ref))
	})
	if plainText(s) != data {
		return data // read otherwise than the tokenizer did: trust the tokenizer
	}
	return s
}

// htmlReader is what parseHTML knows at a token of the page: the tables
// open around it, the block of text outside tables being read, and the
// list of codes read so far.
type htmlReader struct {
	pg      *page
	stack   []*htmlTable // open tables, innermost last
	skip    int          // depth inside <script> and <style>
	list    *table       // codes as headings, terms or bold paragraphs, with their messages
	pending *row         // the list item whose message is being read
	blk     *htmlBlock   // the block being read, outside tables
	field   int          // the pending item's cell that text goes to
	label   string       // a label of no known role over the text that follows
	pre     int          // depth inside <pre> within a code's section
	// section is the last heading that named no code, and its line.
	section     string
	sectionLine int
}

// table returns the innermost open table, or nil outside tables.
func (r *htmlReader) table() *htmlTable {
	if len(r.stack) == 0 {
		return nil
	}
	return r.stack[len(r.stack)-1]
}

// text reads a text token: into the current cell inside a table, into the
// current block (starting one at non-blank text) outside.
func (r *htmlReader) text(data string, line int) {
	if r.skip > 0 {
		return
	}
	ht := r.table()
	switch {
	case ht != nil && ht.cell != nil:
		ht.cell.WriteString(data)
	case ht == nil:
		if r.blk == nil {
			if strings.TrimSpace(data) == "" {
				return
			}
			r.blk = &htmlBlock{line: line + countLeadingNewlines(data)}
		}
		r.blk.write(data)
	}
}

// write adds text to the block, and to its lead while inside the leading
// element.
func (b *htmlBlock) write(data string) {
	b.text.WriteString(data)
	switch {
	case b.inLead > 0 && !b.leadEnd:
		b.lead.WriteString(data)
	case strings.TrimSpace(data) != "":
		b.leadEnd = true
	}
}

// startTag reads a start tag, or a self-closing one, on the given line.
func (r *htmlReader) startTag(tok html.Token, selfClosing bool, line int) {
	ht := r.table()
	switch tok.DataAtom {
	case atom.Script, atom.Style:
		if !selfClosing {
			r.skip++
		}
	case atom.Table:
		r.endBlock()
		r.flushItem()
		r.stack = append(r.stack, &htmlTable{t: &table{line: line}, carry: map[int]*spanCell{}})
	case atom.Thead:
		if ht != nil {
			ht.inThead = true
		}
	case atom.Tbody, atom.Tfoot:
		if ht != nil {
			ht.inThead = false
		}
	case atom.Tr:
		if ht != nil {
			ht.startRow(line)
		}
	case atom.Td, atom.Th:
		if ht != nil {
			ht.startCell(tok, line)
		}
	case atom.Br, atom.P, atom.Div, atom.Li, atom.Dd:
		switch {
		case ht != nil && ht.cell != nil:
			ht.cell.WriteString("\n")
		case ht == nil && tok.DataAtom != atom.Br:
			r.endBlock()
			r.blk = &htmlBlock{line: line, value: tok.DataAtom == atom.Dd}
		case ht == nil && r.blk != nil:
			r.blk.text.WriteString("\n")
		}
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Title, atom.Dt:
		if ht == nil {
			r.endBlock()
			r.blk = &htmlBlock{line: line, heading: true}
		}
	case atom.Strong, atom.B, atom.Code, atom.Em:
		if ht == nil {
			if r.blk == nil {
				r.blk = &htmlBlock{line: line}
			}
			if r.blk.lead.Len() == 0 && !r.blk.leadEnd && r.blk.inLead == 0 {
				r.blk.strong = tok.DataAtom == atom.Strong || tok.DataAtom == atom.B
			}
			r.blk.inLead++
		}
	case atom.Pre:
		// An example inside a code's section: not its text.
		if ht == nil && r.pending != nil && !selfClosing {
			r.endBlock()
			r.pre++
			r.skip++
		}
	}
}

// endTag reads an end tag on the given line.
func (r *htmlReader) endTag(a atom.Atom, line int) {
	ht := r.table()
	switch a {
	case atom.Script, atom.Style:
		if r.skip > 0 {
			r.skip--
		}
	case atom.Pre:
		if r.pre > 0 {
			r.pre--
			r.skip--
		}
	case atom.Td, atom.Th:
		if ht != nil {
			ht.endCell()
		}
	case atom.Tr:
		if ht != nil {
			ht.endRow()
		}
	case atom.Thead:
		if ht != nil {
			ht.endRow()
			ht.inThead = false
		}
	case atom.Table:
		if ht != nil {
			ht.endRow()
			r.stack = r.stack[:len(r.stack)-1]
			ht.t.end = line
			r.pg.tables = append(r.pg.tables, ht.finish())
		}
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Title, atom.Dt, atom.P, atom.Div, atom.Li, atom.Dd:
		if ht == nil {
			r.endBlock()
		}
	case atom.Strong, atom.B, atom.Code, atom.Em:
		if b := r.blk; ht == nil && b != nil && b.inLead > 0 {
			b.inLead--
			if b.inLead == 0 && b.lead.Len() > 0 {
				b.leadEnd = true
			}
		}
	}
}

// flushItem adds the pending list item to the list.
func (r *htmlReader) flushItem() {
	if r.pending != nil {
		if r.pending.cells[1] == "" && r.pending.cells[3] != "" {
			// "CODE: Title": the title is the short message.
			r.pending.cells[1], r.pending.cells[3] = r.pending.cells[3], ""
		}
		r.list.rows = append(r.list.rows, *r.pending)
		r.pending = nil
	}
}

func codeLabelOK(t string) bool { _, ok := codeLabel(t); return ok }

// startItem starts a list item of the given code and message.
func (r *htmlReader) startItem(line int, code, msg string) {
	r.flushItem()
	r.pending = &row{line: line, cells: []string{code, msg, "", "", "", ""}}
	r.field, r.label = 1, ""
}

// addText adds text to cell i of the pending item.
func (r *htmlReader) addText(i int, t string) {
	if i == 5 && r.label != "" {
		t, r.label = r.label+": "+t, ""
	}
	if r.pending.cells[i] != "" {
		r.pending.cells[i] += "\n\n"
	}
	r.pending.cells[i] += t
}

// endBlock ends the current block: a code (as a heading, or leading the
// block) starts a list item, another heading is the page's title (the
// first one), other text continues the pending item's message or is
// prose.
func (r *htmlReader) endBlock() {
	if r.blk == nil {
		return
	}
	b := r.blk
	r.blk = nil
	text := collapseSpace(b.text.String())
	if text == "" {
		return
	}
	lead := strings.TrimRight(collapseSpace(b.lead.String()), ":：")
	code, title, headed := "", "", false
	if b.heading {
		code, title, headed = headingCode(strings.Trim(text, ":："))
	}
	switch {
	case headed:
		r.startItem(b.line, code, "")
		if title != "" {
			r.pending.cells[3] = title
			r.field = 5
		}
	case lead != "" && !b.value && listCodeRe.MatchString(lead):
		rest := strings.TrimSpace(strings.TrimPrefix(text, collapseSpace(b.lead.String())))
		rest = strings.TrimSpace(strings.TrimLeft(rest, ":：-–—|"))
		r.startItem(b.line, lead, rest)
	case b.heading:
		r.flushItem()
		if r.pg.title == "" {
			r.pg.title = text
		} else {
			r.section, r.sectionLine = text, b.line
		}
	case r.pending == nil && r.section != "" && !b.value && codeLabelOK(text):
		// A heading over "Error code: X": the section is the code's.
		code, _ := codeLabel(text)
		r.startItem(r.sectionLine, code, "")
		r.pending.cells[3], r.field = r.section, 5
		if _, rest, _ := strings.Cut(text, "\n"); strings.TrimSpace(rest) != "" {
			r.addText(r.field, strings.TrimSpace(rest))
		}
	case r.pending != nil:
		if b.strong {
			if l, v, ok := labelFrom(collapseSpace(b.lead.String()), text); ok {
				// A bold label names the field of what follows it.
				i, known := labelCellLoose(l)
				if i == 1 && r.pending.cells[1] != "" {
					i = 5
				}
				switch {
				case v == "" && known:
					r.field, r.label = i, ""
				case v == "":
					r.field, r.label = 5, l
				case known:
					r.addText(i, v)
				default:
					r.label = l
					r.addText(5, v)
				}
				break
			}
		}
		if i, v, ok := labelLine(text); ok {
			r.addText(i, v)
			break
		}
		r.addText(r.field, text)
	default:
		r.pg.prose = append(r.pg.prose, text)
	}
	if r.list.line == 0 && r.pending != nil {
		r.list.line = r.pending.line
	}
}

// finish ends the page, whose last line is lastLine: the last block and
// list item, the tables left open, and the list of codes when it is worth
// keeping, in line order with the tables.
func (r *htmlReader) finish(lastLine int) *page {
	pg := r.pg
	r.endBlock()
	r.flushItem()
	// Tables left open at the end of the page.
	for i := len(r.stack) - 1; i >= 0; i-- {
		r.stack[i].endRow()
		r.stack[i].t.end = lastLine
		pg.tables = append(pg.tables, r.stack[i].finish())
	}
	if keepList(r.list, pg.tables) {
		pg.tables = append(pg.tables, r.list)
		sort.SliceStable(pg.tables, func(i, j int) bool { return pg.tables[i].line < pg.tables[j].line })
	}
	return pg
}

func countLeadingNewlines(s string) int {
	return strings.Count(s[:len(s)-len(strings.TrimLeft(s, " \t\r\n"))], "\n")
}

func spanAttr(tok html.Token, name string) int {
	for _, a := range tok.Attr {
		if a.Key == name {
			n, err := strconv.Atoi(strings.TrimSpace(a.Val))
			if err != nil || n < 1 {
				return 1
			}
			return min(n, maxSpan)
		}
	}
	return 1
}

// startRow starts a row (<tr>) on the given line, ending the current one.
func (h *htmlTable) startRow(line int) {
	h.endRow()
	h.cur = &row{line: line}
	h.curTH = true
}

// startCell starts a cell (<td> or <th>), and a row when none is open (a
// cell outside <tr>).
func (h *htmlTable) startCell(tok html.Token, line int) {
	if h.cur == nil {
		h.cur = &row{line: line}
		h.curTH = true
	}
	h.endCell()
	h.fillCarry()
	h.cell = &strings.Builder{}
	h.colspan = spanAttr(tok, "colspan")
	h.rowspan = spanAttr(tok, "rowspan")
	if tok.DataAtom == atom.Td {
		h.curTH = false
	}
}

// fillCarry adds the cells that rowspans of earlier rows carry into the
// current position of the current row.
func (h *htmlTable) fillCarry() {
	for {
		col := len(h.cur.cells)
		sc, ok := h.carry[col]
		if !ok || sc.left == 0 {
			return
		}
		h.cur.cells = append(h.cur.cells, sc.text)
		sc.left--
		if sc.left == 0 {
			delete(h.carry, col)
		}
	}
}

func (h *htmlTable) endCell() {
	if h.cell == nil || h.cur == nil {
		h.cell = nil
		return
	}
	text := collapseSpace(h.cell.String())
	for i := 0; i < h.colspan; i++ {
		col := len(h.cur.cells)
		v := text
		if i > 0 {
			v = ""
		}
		h.cur.cells = append(h.cur.cells, v)
		if h.rowspan > 1 {
			h.carry[col] = &spanCell{text: v, left: h.rowspan - 1}
		}
	}
	h.cell = nil
}

func (h *htmlTable) endRow() {
	if h.cur == nil {
		return
	}
	h.endCell()
	h.fillCarry()
	if len(h.cur.cells) > 0 {
		switch {
		case h.bodySeen:
			// A <thead> of a second table glued to this one, or a
			// heading row repeated: a row, which the builder skips.
		case h.inThead || (h.curTH && h.headRows == len(h.rows)):
			h.headRows = len(h.rows) + 1
		case h.headRows > 0:
			h.bodySeen = true
		}
		h.rows = append(h.rows, *h.cur)
	}
	h.cur = nil
}

// finish picks the header: the last row of the first <thead> or of leading
// <th> rows, else the first row.
func (h *htmlTable) finish() *table {
	t := h.t
	if len(h.rows) == 0 {
		return t
	}
	head := max(h.headRows, 1)
	t.header = h.rows[head-1].cells
	t.line = h.rows[head-1].line
	for _, r := range h.rows[head:] {
		if len(r.cells) > len(t.header) {
			r.extra = r.cells[len(t.header):]
			r.cells = r.cells[:len(t.header)]
		}
		if n := len(t.header) - len(r.cells); n > 0 && !allEmpty(r.cells) {
			r.missing = n
			for range n {
				r.cells = append(r.cells, "")
			}
		}
		t.rows = append(t.rows, r)
	}
	return t
}
