package importer

import (
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

// parseHTML reads the <table>s of an HTML page (or fragment). baseLine is
// added to line numbers, for fragments cut out of a larger page.
func parseHTML(src string, baseLine int) *page {
	pg := &page{}
	li := newLineIndex(src)
	z := html.NewTokenizer(strings.NewReader(src))
	var stack []*htmlTable
	var heading, prose strings.Builder
	inHeading, skip := 0, 0
	off := 0
	top := func() *htmlTable {
		if len(stack) == 0 {
			return nil
		}
		return stack[len(stack)-1]
	}
	flushProse := func() {
		if p := collapseSpace(prose.String()); p != "" {
			pg.prose = append(pg.prose, p)
		}
		prose.Reset()
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
			case inHeading > 0:
				heading.WriteString(tok.Data)
			case ht == nil:
				prose.WriteString(tok.Data)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			switch tok.DataAtom {
			case atom.Script, atom.Style:
				if tt == html.StartTagToken {
					skip++
				}
			case atom.Table:
				flushProse()
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
			case atom.Br, atom.P, atom.Div, atom.Li:
				if ht != nil && ht.cell != nil {
					ht.cell.WriteString("\n")
				} else if ht == nil && tok.DataAtom != atom.Br {
					flushProse()
				}
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Title:
				if ht == nil {
					flushProse()
					inHeading++
					heading.Reset()
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
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Title:
				if inHeading > 0 {
					inHeading--
					if h := collapseSpace(heading.String()); h != "" && pg.title == "" {
						pg.title = h
					}
				}
			case atom.P, atom.Div, atom.Li:
				if ht == nil {
					flushProse()
				}
			}
		}
	}
	flushProse()
	// Tables left open at the end of the page.
	for i := len(stack) - 1; i >= 0; i-- {
		stack[i].endRow()
		pg.tables = append(pg.tables, stack[i].finish())
	}
	return pg
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
