package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

var (
	rstBorderRe = regexp.MustCompile(`^\+([-=]+\+)+$`)
	rstFieldRe  = regexp.MustCompile(`^:([A-Za-z_ -]+):\s*(.*)$`)
	rstRoleRe   = regexp.MustCompile("(?::[a-z:]+:)?`([^`]+?)(?:\\s*<[^>]*>)?`_{0,2}")
	rstStrongRe = regexp.MustCompile(`\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*`)
)

// parseRST reads the grid tables of a reStructuredText page, its title
// and its field list (":original_name: …").
func parseRST(src string) *page {
	pg := &page{}
	lines := strings.Split(src, "\n")
	var para []string
	flushPara := func() {
		if p := collapseSpace(strings.Join(para, " ")); p != "" {
			pg.prose = append(pg.prose, rstInline(p))
		}
		para = nil
	}
	for i := 0; i < len(lines); i++ {
		l := strings.TrimRight(lines[i], " \t")
		tl := strings.TrimSpace(l)
		switch {
		case rstBorderRe.MatchString(tl):
			flushPara()
			t, end := parseGrid(lines, i, pg)
			if t != nil {
				pg.tables = append(pg.tables, t)
			}
			i = end - 1
		case isSimpleBorder(tl) && simpleTableAhead(lines, i):
			flushPara()
			t, end := parseSimple(lines, i, pg)
			if t != nil {
				pg.tables = append(pg.tables, t)
			}
			i = end - 1
		case strings.HasPrefix(tl, ".. list-table::"):
			flushPara()
			t, end := parseListTable(lines, i, pg)
			if t != nil {
				pg.tables = append(pg.tables, t)
			}
			i = end - 1
		case tl == "":
			flushPara()
		case i+1 < len(lines) && isUnderline(strings.TrimSpace(lines[i+1])) && displayWidth(strings.TrimSpace(lines[i+1])) >= displayWidth(tl) && !isUnderline(tl):
			flushPara()
			if pg.title == "" {
				pg.title = rstInline(tl)
			}
			i++
		case isUnderline(tl):
			// an overline or transition
		case strings.HasPrefix(tl, ".. "):
			flushPara()
		case rstFieldRe.MatchString(tl) && len(para) == 0:
			m := rstFieldRe.FindStringSubmatch(tl)
			pg.notes = append(pg.notes, m[1]+": "+m[2])
		default:
			para = append(para, tl)
		}
	}
	flushPara()
	return pg
}

// isUnderline reports whether s is a section underline: three or more of
// one punctuation character.
func isUnderline(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 3 || !strings.ContainsRune("=-~^*#\"'+`:._", rune(s[0])) {
		return false
	}
	return strings.Count(s, s[:1]) == len(s)
}

// gridRune is a rune with the display column it starts at.
type gridRune struct {
	col int
	r   rune
}

func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

func gridRunes(s string) []gridRune {
	var out []gridRune
	col := 0
	for _, r := range s {
		if r == '\t' {
			r = ' '
		}
		out = append(out, gridRune{col, r})
		col += runeWidth(r)
	}
	return out
}

// at returns the rune starting at display column col, or 0.
func runeAt(rs []gridRune, col int) rune {
	for _, g := range rs {
		if g.col == col {
			return g.r
		}
		if g.col > col {
			break
		}
	}
	return 0
}

// parseGrid reads the grid table whose top border is lines[start] and
// returns it with the index of the first line after it.
func parseGrid(lines []string, start int, pg *page) (*table, int) {
	border := strings.TrimRight(lines[start], " \t")
	indent := len(border) - len(strings.TrimLeft(border, " \t"))
	var bounds []int
	for _, g := range gridRunes(border) {
		if g.r == '+' {
			bounds = append(bounds, g.col)
		}
	}
	ncol := len(bounds) - 1
	t := &table{line: start + 1}
	var header [][]string // rows before the = border
	var body []row
	var cur [][]string
	var curSplit []bool // lines of cur that are partial borders
	spans := make([]bool, len(bounds))
	var merged []mergedRow
	curLine := 0
	bad := ""
	var end int
	finishRow := func(isHeader bool) {
		if cur == nil {
			return
		}
		cells := make([]string, ncol)
		for j := range ncol {
			var parts []string
			for _, ln := range cur {
				parts = append(parts, ln[j])
			}
			cells[j] = rstInline(collapseSpace(strings.Join(parts, "\n")))
		}
		switch {
		case bad != "" && isHeader:
			pg.diags = append(pg.diags, lineDiag{curLine, bad + ", row not imported"})
		case bad != "":
			merged = append(merged, mergedRow{line: curLine, why: bad, lines: cur, splits: curSplit, spans: spans})
			spans = make([]bool, len(bounds))
		case isHeader:
			header = append(header, cells)
		default:
			body = append(body, row{line: curLine, cells: cells})
		}
		cur, curSplit, bad = nil, nil, ""
		clear(spans)
	}
	sawHeaderBorder := false
	for end = start + 1; end < len(lines); end++ {
		l := strings.TrimRight(lines[end], " \t")
		if len(l) < indent || strings.TrimSpace(l[:min(indent, len(l))]) != "" {
			break
		}
		body := l[indent:]
		if body == "" || (body[0] != '+' && body[0] != '|') {
			break
		}
		rs := gridRunes(body)
		if rstBorderRe.MatchString(body) {
			isHead := strings.Contains(body, "=")
			if isHead && !sawHeaderBorder {
				sawHeaderBorder = true
				finishRow(true)
				// Rows so far were header rows.
				continue
			}
			finishRow(false)
			continue
		}
		if cur == nil {
			curLine = end + 1
		}
		cells := make([]string, ncol)
		for j := range ncol {
			if r := runeAt(rs, bounds[j+1]); r != '|' && r != '+' {
				spans[j+1] = true
				if bad == "" {
					bad = fmt.Sprintf("grid row spans columns (no | at column %d); merged cells are not supported", bounds[j+1]+1+indent)
				}
			}
			var b strings.Builder
			for _, g := range rs {
				if g.col > bounds[j] && g.col < bounds[j+1] {
					b.WriteRune(g.r)
				}
			}
			cells[j] = strings.TrimSpace(b.String())
		}
		split := strings.Contains(body, "+-") || strings.Contains(body, "+=")
		if split {
			bad = "grid row has a partial border (a cell spans rows); merged cells are not supported"
		}
		cur = append(cur, cells)
		curSplit = append(curSplit, split)
	}
	if cur != nil {
		pg.diags = append(pg.diags, lineDiag{curLine, "grid table ends without a closing border; last row not imported"})
	}
	t.end = end
	if !sawHeaderBorder {
		// No header separator: the first row names the columns.
		if len(body) == 0 {
			reportMerged(nil, merged, pg)
			return nil, end
		}
		t.header = body[0].cells
		t.rows = body[1:]
		reportMerged(t, merged, pg)
		return t, end
	}
	// Headings spread over several rows are joined per column.
	t.header = make([]string, ncol)
	for j := range ncol {
		var parts []string
		for _, h := range header {
			if h[j] != "" {
				parts = append(parts, h[j])
			}
		}
		t.header[j] = strings.Join(parts, " ")
	}
	t.rows = body
	reportMerged(t, merged, pg)
	return t, end
}

// mergedRow is a grid row with merged cells: not imported, and reported
// once the table's code column is known, naming the codes it holds.
type mergedRow struct {
	line   int
	why    string
	lines  [][]string // the cells of each of its lines
	splits []bool     // lines that are partial borders (+----+)
	spans  []bool     // by column boundary: no | there on some line
}

// codes returns the codes of the merged row's code column ci: one per
// part between partial borders that cross the column. None when the code
// column itself spans columns, as its text is then cut at the wrong place.
func (m mergedRow) codes(ci int) []string {
	if ci < 0 || ci+1 >= len(m.spans) || m.spans[ci] || m.spans[ci+1] {
		return nil
	}
	var codes, part []string
	flush := func() {
		c := cleanCode(rstInline(collapseSpace(strings.Join(part, "\n"))))
		if c != "" && !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
		part = nil
	}
	for k, ln := range m.lines {
		if m.splits[k] && isBorderText(ln[ci]) {
			flush()
			continue
		}
		part = append(part, ln[ci])
	}
	flush()
	return codes
}

func isBorderText(s string) bool {
	return s != "" && strings.Trim(s, "-=") == ""
}

// reportMerged reports the rows of t with merged cells, naming the codes
// they hold when t's code column is known.
func reportMerged(t *table, merged []mergedRow, pg *page) {
	ci := -1
	if t != nil && len(merged) > 0 {
		if cols, ok, err := tableColumns(t); ok && err == nil {
			if i, has := cols.idx[roleCode]; has {
				ci = i
			}
		}
	}
	for _, m := range merged {
		msg := m.why + ", row not imported"
		switch codes := m.codes(ci); len(codes) {
		case 0:
		case 1:
			msg = m.why + ", row of code " + codes[0] + " not imported"
		default:
			msg = m.why + ", rows of codes " + strings.Join(codes, ", ") + " not imported"
		}
		pg.diags = append(pg.diags, lineDiag{m.line, msg})
	}
}

// rstInline drops inline markup: escapes, emphasis, literals, roles and
// references.
func rstInline(s string) string {
	s = strings.ReplaceAll(s, "\\ ", "")
	s = strings.ReplaceAll(s, "``", "`")
	s = rstRoleRe.ReplaceAllString(s, "$1")
	s = rstStrongRe.ReplaceAllStringFunc(s, func(m string) string { return strings.Trim(m, "*") })
	s = backslashR.ReplaceAllString(s, "$1")
	return s
}

// simpleBorderRe is a border of an RST simple table: runs of = separated
// by spaces, at least two columns.
var simpleBorderRe = regexp.MustCompile(`^=+( +=+)+$`)

func isSimpleBorder(s string) bool { return simpleBorderRe.MatchString(s) }

// simpleTableAhead reports whether a simple-table border at lines[i] is
// followed by another border (so it is not a section underline).
func simpleTableAhead(lines []string, i int) bool {
	for j := i + 1; j < len(lines) && j < i+50; j++ {
		if isSimpleBorder(strings.TrimSpace(lines[j])) {
			return true
		}
	}
	return false
}

// parseSimple reads an RST simple table: the column spans come from the
// top border; the rows between the first two borders are the header; a
// line whose first column is blank continues the row above.
func parseSimple(lines []string, start int, pg *page) (*table, int) {
	border := strings.TrimRight(lines[start], " \t")
	type span struct{ from, to int }
	var spans []span
	for _, r := range gridRunes(border) {
		switch {
		case r.r == '=' && (len(spans) == 0 || spans[len(spans)-1].to < r.col-1):
			spans = append(spans, span{r.col, r.col})
		case r.r == '=':
			spans[len(spans)-1].to = r.col
		}
	}
	t := &table{line: start + 1}
	borders := 1
	var rows []row
	var header []string
	end := start + 1
	for ; end < len(lines); end++ {
		l := strings.TrimRight(lines[end], " \t")
		tl := strings.TrimSpace(l)
		if isSimpleBorder(tl) {
			borders++
			if borders == 2 && header == nil && len(rows) > 0 {
				header = rows[0].cells
				t.line = rows[0].line
				for _, r := range rows[1:] {
					for j := range header {
						header[j] = strings.TrimSpace(header[j] + " " + r.cells[j])
					}
				}
				rows = nil
				continue
			}
			end++
			break
		}
		if tl == "" {
			continue
		}
		rs := gridRunes(l)
		cells := make([]string, len(spans))
		for _, g := range rs {
			placed := false
			for j, sp := range spans {
				last := j == len(spans)-1
				if g.col >= sp.from && (g.col <= sp.to || last) {
					cells[j] += string(g.r)
					placed = true
					break
				}
			}
			if !placed && !unicode.IsSpace(g.r) {
				pg.diags = append(pg.diags, lineDiag{end + 1, fmt.Sprintf("simple-table text at column %d lies between columns; row not imported", g.col+1)})
				cells = nil
				break
			}
		}
		if cells == nil {
			continue
		}
		for j := range cells {
			cells[j] = strings.TrimSpace(cells[j])
		}
		if cells[0] == "" && len(rows) > 0 {
			prev := &rows[len(rows)-1]
			for j := range cells {
				if cells[j] != "" {
					prev.cells[j] = strings.TrimSpace(prev.cells[j] + "\n" + cells[j])
				}
			}
			continue
		}
		rows = append(rows, row{line: end + 1, cells: cells})
	}
	for j := range rows {
		for k := range rows[j].cells {
			rows[j].cells[k] = rstInline(collapseSpace(rows[j].cells[k]))
		}
	}
	if header == nil {
		return nil, end
	}
	for j := range header {
		header[j] = rstInline(header[j])
	}
	t.end = end
	t.header = header
	t.rows = rows
	return t, end
}

// parseListTable reads a list-table directive:
//
//	.. list-table::
//	   :header-rows: 1
//
//	   * - Code
//	     - Message
func parseListTable(lines []string, start int, pg *page) (*table, int) {
	t := &table{line: start + 1}
	headerRows, stubColumns := 0, 0
	var rows []row
	var cur *row
	base := -1
	end := start + 1
	for ; end < len(lines); end++ {
		l := strings.TrimRight(lines[end], " \t")
		tl := strings.TrimSpace(l)
		if tl == "" {
			continue
		}
		ind := len(l) - len(strings.TrimLeft(l, " \t"))
		if ind == 0 {
			break
		}
		if m := rstFieldRe.FindStringSubmatch(tl); m != nil && cur == nil {
			if m[1] == "header-rows" || m[1] == "stub-columns" {
				n, err := strconv.Atoi(strings.TrimSpace(m[2]))
				switch {
				case err != nil || n < 0:
					pg.diags = append(pg.diags, lineDiag{end + 1, fmt.Sprintf("list-table :%s: %q is not a number", m[1], m[2])})
				case m[1] == "header-rows":
					headerRows = n
				default:
					stubColumns = n
				}
			}
			continue
		}
		switch {
		case strings.HasPrefix(tl, "* -") || tl == "*" || tl == "* " || strings.HasPrefix(tl, "* "):
			if cur != nil {
				rows = append(rows, *cur)
			}
			base = ind
			cur = &row{line: end + 1}
			rest := strings.TrimSpace(strings.TrimPrefix(tl, "*"))
			if strings.HasPrefix(rest, "-") {
				cur.cells = append(cur.cells, strings.TrimSpace(strings.TrimPrefix(rest, "-")))
			}
		case cur != nil && (strings.HasPrefix(tl, "- ") || tl == "-") && ind > base:
			cur.cells = append(cur.cells, strings.TrimSpace(strings.TrimPrefix(tl, "-")))
		case cur != nil && len(cur.cells) > 0:
			cur.cells[len(cur.cells)-1] += "\n" + tl
		default:
			pg.diags = append(pg.diags, lineDiag{end + 1, "list-table line is not part of a row; not imported"})
		}
	}
	if cur != nil {
		rows = append(rows, *cur)
	}
	for j := range rows {
		for k := range rows[j].cells {
			rows[j].cells[k] = rstInline(collapseSpace(rows[j].cells[k]))
		}
	}
	if headerRows == 0 {
		headerRows = 1
	}
	if len(rows) < headerRows {
		return nil, end
	}
	t.end = end
	t.header = joinHeaderRows(rows[:headerRows])
	t.line = rows[0].line
	t.stub = stubColumns
	for _, r := range rows[headerRows:] {
		if len(r.cells) > len(t.header) {
			r.extra = r.cells[len(t.header):]
			r.cells = r.cells[:len(t.header)]
		}
		if !allEmpty(r.cells) {
			r.missing = len(t.header) - len(r.cells)
		}
		for len(r.cells) < len(t.header) {
			r.cells = append(r.cells, "")
		}
		t.rows = append(t.rows, r)
	}
	return t, end
}

// joinHeaderRows makes one heading per column of a table's header rows,
// top to bottom: "Error" over "code" is "Error code". An empty cell under
// a group heading takes it from the left ("HTTP" over "status | reason"
// heads both). A language under a group heading ("Message" over "English
// | 中文") heads its column alone, as the message in that language.
func joinHeaderRows(rows []row) []string {
	if len(rows) == 1 {
		return rows[0].cells
	}
	n := 0
	for _, r := range rows {
		n = max(n, len(r.cells))
	}
	parts := make([][]string, n)
	for k, r := range rows {
		group := ""
		for i := range n {
			c := ""
			if i < len(r.cells) {
				c = strings.TrimSpace(r.cells[i])
			}
			lowerHasText := false
			for _, lr := range rows[k+1:] {
				if i < len(lr.cells) && strings.TrimSpace(lr.cells[i]) != "" {
					lowerHasText = true
				}
			}
			switch {
			case c != "":
				group = c
			case lowerHasText && group != "":
				c = group
			default:
				group = ""
			}
			if c != "" && (len(parts[i]) == 0 || parts[i][len(parts[i])-1] != c) {
				parts[i] = append(parts[i], c)
			}
		}
	}
	header := make([]string, n)
	for i, p := range parts {
		switch {
		case len(p) == 0:
		case headingLanguage(p[len(p)-1]) != "":
			header[i] = p[len(p)-1]
		default:
			header[i] = strings.Join(p, " ")
		}
	}
	return header
}
