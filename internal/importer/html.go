package importer

import (
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
	headRows int // rows read inside <thead> or made of <th> only
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
}

// parseHTML reads the <table>s of an HTML page (or fragment), and lists of
// codes written as headings, definition terms or bold paragraphs followed
// by their messages. baseLine is added to line numbers, for fragments cut
// out of a larger page.
func parseHTML(src string, baseLine int) *page {
	pg := &page{}
	li := newLineIndex(src)
	z := html.NewTokenizer(strings.NewReader(src))
	var stack []*htmlTable
	skip := 0
	off := 0
	list := &table{header: []string{"code", "message"}, roles: []role{roleCode, roleMessage}}
	var pending *row
	flushItem := func() {
		if pending != nil {
			list.rows = append(list.rows, *pending)
			pending = nil
		}
	}
	var blk *htmlBlock
	endBlock := func() {
		if blk == nil {
			return
		}
		b := blk
		blk = nil
		text := collapseSpace(b.text.String())
		if text == "" {
			return
		}
		lead := strings.TrimRight(collapseSpace(b.lead.String()), ":：")
		switch {
		case b.heading && listCodeRe.MatchString(strings.Trim(text, ":：")):
			flushItem()
			pending = &row{line: b.line, cells: []string{strings.Trim(text, ":："), ""}}
		case lead != "" && !b.value && listCodeRe.MatchString(lead):
			flushItem()
			rest := strings.TrimSpace(strings.TrimPrefix(text, collapseSpace(b.lead.String())))
			rest = strings.TrimSpace(strings.TrimLeft(rest, ":：-–—|"))
			pending = &row{line: b.line, cells: []string{lead, rest}}
		case b.heading:
			flushItem()
			if pg.title == "" {
				pg.title = text
			}
		case pending != nil:
			if pending.cells[1] != "" {
				pending.cells[1] += "\n\n"
			}
			pending.cells[1] += text
		default:
			pg.prose = append(pg.prose, text)
		}
		if list.line == 0 && pending != nil {
			list.line = pending.line
		}
	}
	top := func() *htmlTable {
		if len(stack) == 0 {
			return nil
		}
		return stack[len(stack)-1]
	}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		start := off
		off += len(z.Raw())
		line := li.line(start) + baseLine
		tok := z.Token()
		ht := top()
		switch tt {
		case html.TextToken:
			if skip > 0 {
				continue
			}
			switch {
			case ht != nil && ht.cell != nil:
				ht.cell.WriteString(tok.Data)
			case ht == nil:
				if blk == nil {
					if strings.TrimSpace(tok.Data) == "" {
						continue
					}
					blk = &htmlBlock{line: line + countLeadingNewlines(tok.Data)}
				}
				blk.text.WriteString(tok.Data)
				switch {
				case blk.inLead > 0 && !blk.leadEnd:
					blk.lead.WriteString(tok.Data)
				case strings.TrimSpace(tok.Data) != "":
					blk.leadEnd = true
				}
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			switch tok.DataAtom {
			case atom.Script, atom.Style:
				if tt == html.StartTagToken {
					skip++
				}
			case atom.Table:
				endBlock()
				flushItem()
				stack = append(stack, &htmlTable{t: &table{line: line}, carry: map[int]*spanCell{}})
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
					ht.endRow()
					ht.cur = &row{line: line}
					ht.curTH = true
				}
			case atom.Td, atom.Th:
				if ht != nil {
					if ht.cur == nil {
						ht.cur = &row{line: line}
						ht.curTH = true
					}
					ht.endCell()
					ht.fillCarry()
					ht.cell = &strings.Builder{}
					ht.colspan = spanAttr(tok, "colspan")
					ht.rowspan = spanAttr(tok, "rowspan")
					if tok.DataAtom == atom.Td {
						ht.curTH = false
					}
				}
			case atom.Br, atom.P, atom.Div, atom.Li, atom.Dd:
				if ht != nil && ht.cell != nil {
					ht.cell.WriteString("\n")
				} else if ht == nil && tok.DataAtom != atom.Br {
					endBlock()
					blk = &htmlBlock{line: line, value: tok.DataAtom == atom.Dd}
				} else if ht == nil && blk != nil {
					blk.text.WriteString("\n")
				}
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Title, atom.Dt:
				if ht == nil {
					endBlock()
					blk = &htmlBlock{line: line, heading: true}
				}
			case atom.Strong, atom.B, atom.Code, atom.Em:
				if ht == nil {
					if blk == nil {
						blk = &htmlBlock{line: line}
					}
					blk.inLead++
				}
			}
		case html.EndTagToken:
			switch tok.DataAtom {
			case atom.Script, atom.Style:
				if skip > 0 {
					skip--
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
					stack = stack[:len(stack)-1]
					pg.tables = append(pg.tables, ht.finish())
				}
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Title, atom.Dt, atom.P, atom.Div, atom.Li, atom.Dd:
				if ht == nil {
					endBlock()
				}
			case atom.Strong, atom.B, atom.Code, atom.Em:
				if ht == nil && blk != nil && blk.inLead > 0 {
					blk.inLead--
					if blk.inLead == 0 && blk.lead.Len() > 0 {
						blk.leadEnd = true
					}
				}
			}
		}
	}
	endBlock()
	flushItem()
	// Tables left open at the end of the page.
	for i := len(stack) - 1; i >= 0; i-- {
		stack[i].endRow()
		pg.tables = append(pg.tables, stack[i].finish())
	}
	if keepList(list, pg.tables) {
		pg.tables = append(pg.tables, list)
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
		if h.inThead || (h.curTH && h.headRows == len(h.rows)) {
			h.headRows = len(h.rows) + 1
		}
		h.rows = append(h.rows, *h.cur)
	}
	h.cur = nil
}

// finish picks the header: the last row of <thead> or of leading <th>
// rows, else the first row.
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
		t.rows = append(t.rows, r)
	}
	return t
}
