package importer

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
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
	defs := &defList{t: newBlockList()}
	var para []string
	// A section whose title is a code ("InvalidToken", "E1001: Title"):
	// its paragraphs, field lines and bold labels are the code's block.
	var sec *row
	secField, secLabel := 1, ""
	skipIndent := -1 // inside a code's section: a directive's or literal block's lines
	endSec := func() {
		if sec == nil {
			return
		}
		if sec.cells[1] == "" && sec.cells[3] != "" {
			sec.cells[1], sec.cells[3] = sec.cells[3], ""
		}
		if defs.t.line == 0 {
			defs.t.line = sec.line
		}
		defs.t.rows = append(defs.t.rows, *sec)
		sec = nil
	}
	secAdd := func(k int, v string) {
		if v = strings.TrimSpace(v); v == "" {
			return
		}
		if k == 5 && secLabel != "" {
			v, secLabel = secLabel+": "+v, ""
		}
		if sec.cells[k] != "" {
			sec.cells[k] += "\n\n"
		}
		sec.cells[k] += v
	}
	secLabelled := func(label, value string) {
		k, known := labelCellLoose(label)
		switch {
		case value == "" && known:
			secField, secLabel = k, ""
		case value == "":
			secField, secLabel = 5, label
		case known:
			secAdd(k, rstInline(value))
		default:
			secLabel = label
			secAdd(5, rstInline(value))
		}
	}
	secText := func(para []string) {
		if m := rstBoldLabelRe.FindStringSubmatch(strings.Join(para, " ")); m != nil {
			if label, value, ok := labelFrom(m[1], m[1]+m[2]); ok {
				secLabelled(label, value)
				return
			}
		}
		var rest []string
		for _, l := range para {
			if m := rstFieldRe.FindStringSubmatch(l); m != nil {
				if k, ok := labelCellLoose(m[1]); ok {
					secAdd(k, rstInline(m[2]))
				} else {
					secAdd(5, m[1]+": "+rstInline(m[2]))
				}
				continue
			}
			if k, v, ok := labelLine(rstInline(l)); ok {
				secAdd(k, v)
				continue
			}
			rest = append(rest, l)
		}
		secAdd(secField, rstInline(collapseSpace(strings.Join(rest, " "))))
	}
	flushPara := func() {
		if sec != nil && len(para) > 0 {
			if strings.HasSuffix(para[len(para)-1], "::") {
				skipIndent = 0 // a literal block follows
				para[len(para)-1] = strings.TrimSuffix(para[len(para)-1], ":")
			}
			secText(para)
			para = nil
			return
		}
		if p := collapseSpace(strings.Join(para, " ")); p != "" {
			pg.prose = append(pg.prose, rstInline(p))
		}
		para = nil
	}
	for i := 0; i < len(lines); i++ {
		l := strings.TrimRight(lines[i], " \t")
		tl := strings.TrimSpace(l)
		if skipIndent >= 0 {
			if tl == "" || indentOf(l) > skipIndent {
				continue
			}
			skipIndent = -1
		}
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
			endSec()
			if pg.title == "" {
				pg.title = rstInline(tl)
			} else if code, title, ok := headingCode(rstInline(tl)); ok {
				sec = &row{line: i + 1, cells: []string{code, "", "", title, "", ""}}
				secField, secLabel = 1, ""
				if title != "" {
					secField = 5
				}
			}
			i++
		case isUnderline(tl):
			// an overline or transition
		case strings.HasPrefix(tl, ".. "):
			flushPara()
			if sec != nil {
				skipIndent = indentOf(l)
			}
		case sec != nil && rstFieldRe.MatchString(tl):
			para = append(para, tl)
		case len(para) == 0 && isDefTerm(lines, i):
			end := readDefItem(lines, i, defs)
			i = end - 1
		case rstFieldRe.MatchString(tl) && len(para) == 0:
			m := rstFieldRe.FindStringSubmatch(tl)
			pg.notes = append(pg.notes, m[1]+": "+m[2])
		default:
			para = append(para, tl)
		}
	}
	flushPara()
	endSec()
	defs.finish(pg)
	return pg
}

// newBlockList is the table of a list layout (codes as headings, bold
// lines or definition terms): its cells are code, message, status, title,
// remediation and description.
func newBlockList() *table {
	return &table{header: []string{"code", "message", "status", "title", "remediation", "description"},
		roles: []role{roleCode, roleMessage, roleStatus, roleTitle, roleRemediation, roleDescription}}
}

// defList gathers the items of a page's definition lists that document
// codes; skipped counts the others (log messages, terms of prose), by the
// line of their list.
type defList struct {
	t       *table
	skipped []int
}

var (
	rstLiteralLineRe = regexp.MustCompile("^``([^`]+)``[.,;]?$")
	statusOnlyRe     = regexp.MustCompile(`^[1-5][0-9]{2}\b`)
	// rstBoldLabelRe is a paragraph that opens with a bold label:
	// "**Solution:**", "**Causes**: text".
	rstBoldLabelRe = regexp.MustCompile(`^\*\*([^*\n]{1,40}?)\*\*(.*)$`)
)

// isDefTerm reports whether lines[i] is the term of a definition list
// item: a line of text followed at once by a more indented one.
func isDefTerm(lines []string, i int) bool {
	l := strings.TrimRight(lines[i], " \t")
	tl := strings.TrimSpace(l)
	if tl == "" || i+1 >= len(lines) || strings.HasPrefix(tl, "..") || strings.HasPrefix(tl, ":") ||
		strings.HasPrefix(tl, "- ") || strings.HasPrefix(tl, "* ") || strings.HasPrefix(tl, "+ ") ||
		strings.HasPrefix(tl, "|") || strings.HasPrefix(tl, "+") || strings.HasPrefix(tl, "#.") {
		return false
	}
	next := strings.TrimRight(lines[i+1], " \t")
	if strings.TrimSpace(next) == "" || isUnderline(next) {
		return false
	}
	return indentOf(next) > indentOf(l)
}

func indentOf(l string) int { return len(l) - len(strings.TrimLeft(l, " \t")) }

// readDefItem reads the definition list item whose term is lines[i] into
// d and returns the index of the first line after it. Its definition is
// read as a block: a line that is a lone literal HTTP status (403 set as a literal)
// is the status, a lone literal name (access#denied) the code when
// the term is a title rather than a code, "Label: value" and field lines
// (:Status: 400) fill their field, the rest is the message.
func readDefItem(lines []string, i int, d *defList) int {
	termIndent := indentOf(lines[i])
	term := strings.TrimSpace(lines[i])
	if k := strings.Index(term, " : "); k > 0 {
		term = term[:k] // a classifier
	}
	end := i + 1
	var body []string
	for ; end < len(lines); end++ {
		l := strings.TrimRight(lines[end], " \t")
		if l == "" {
			body = append(body, "")
			continue
		}
		if indentOf(l) <= termIndent {
			break
		}
		body = append(body, strings.TrimSpace(l))
	}
	for len(body) > 0 && body[len(body)-1] == "" {
		body = body[:len(body)-1]
		end--
	}
	for end > i+1 && strings.TrimSpace(lines[end-1]) == "" {
		end--
	}
	cells := make([]string, 6)
	add := func(k int, v string) {
		if v == "" {
			return
		}
		sep := " "
		if cells[k] == "" {
			sep = ""
		}
		cells[k] += sep + v
	}
	var idents []string
	for _, l := range body {
		if l == "" {
			if cells[1] != "" && !strings.HasSuffix(cells[1], "\n\n") {
				cells[1] += "\n\n"
			}
			continue
		}
		if m := rstLiteralLineRe.FindStringSubmatch(l); m != nil {
			v := strings.TrimSpace(m[1])
			if cells[2] == "" && statusOnlyRe.MatchString(v) {
				if st, _, err := parseStatus(v); err == nil && st != nil {
					cells[2] = v
					continue
				}
			}
			if !strings.ContainsAny(v, " \t") {
				idents = append(idents, v)
				continue
			}
		}
		if m := rstFieldRe.FindStringSubmatch(l); m != nil {
			if k, ok := labelCellLoose(m[1]); ok {
				add(k, rstInline(m[2]))
			} else {
				add(5, m[1]+": "+rstInline(m[2]))
			}
			continue
		}
		if k, v, ok := labelLine(l); ok {
			add(k, rstInline(v))
			continue
		}
		add(1, rstInline(l))
	}
	cells[1] = strings.TrimSpace(cells[1])
	title := strings.TrimSpace(rstInline(term))
	code := ""
	switch c := cleanCode(title); {
	case intRe.MatchString(c) || listCodeRe.MatchString(c) || upperSnakeRe.MatchString(c):
		code = c
		title = ""
		if len(idents) > 0 {
			add(5, strings.Join(idents, ", "))
		}
	case len(idents) == 1:
		code = idents[0]
	case cells[2] != "" && len(strings.Fields(c)) <= maxCodeWords:
		code, title = c, ""
	}
	if code == "" || cells[1] == "" && cells[3] == "" && title == "" {
		d.skipped = append(d.skipped, i+1)
		return end
	}
	cells[0], cells[3] = code, title
	if d.t.line == 0 {
		d.t.line = i + 1
	}
	d.t.rows = append(d.t.rows, row{line: i + 1, cells: cells})
	return end
}

// finish adds the list of codes to the page, when it is the page's
// layout (see keepList), and notes the items that are not about codes.
func (d *defList) finish(pg *page) {
	kept := keepList(d.t, pg.tables)
	if kept {
		pg.tables = append(pg.tables, d.t)
		sort.SliceStable(pg.tables, func(i, j int) bool { return pg.tables[i].line < pg.tables[j].line })
	} else {
		for _, r := range d.t.rows {
			d.skipped = append(d.skipped, r.line)
		}
		slices.Sort(d.skipped)
	}
	if len(d.skipped) == 0 || !kept && !hasErrorTable(pg.tables) {
		return
	}
	pg.lineNotes = append(pg.lineNotes, lineDiag{d.skipped[0], fmt.Sprintf("%d definition list item(s) or section(s) at line(s) %s not read as errors (no error code: terms of prose, log messages or parameters; or codes without an HTTP status beside an error table)",
		len(d.skipped), joinInts(d.skipped))})
}

func joinInts(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ", ")
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

// gridCell is a cell of a grid table: its borders' line and column
// (display columns of the table's lines, indent removed).
type gridCell struct {
	top, left, bottom, right int
}

// gridText holds a grid table's lines as runes by display column; a wide
// rune's second column holds 0.
type gridText [][]rune

func newGridText(lines []string) gridText {
	g := make(gridText, len(lines))
	width := 0
	for i, l := range lines {
		var rs []rune
		for _, gr := range gridRunes(l) {
			rs = append(rs, gr.r)
			if runeWidth(gr.r) == 2 {
				rs = append(rs, 0)
			}
		}
		g[i] = rs
		width = max(width, len(rs))
	}
	for i := range g {
		for len(g[i]) < width {
			g[i] = append(g[i], ' ')
		}
	}
	return g
}

func (g gridText) at(y, x int) rune {
	if y < 0 || y >= len(g) || x < 0 || x >= len(g[y]) {
		return 0
	}
	return g[y][x]
}

// cell finds the cell whose top-left corner is (top, left), as docutils
// does: right along the top border to a corner from which a right border
// runs down to a bottom border that runs back to the left one.
func (g gridText) cell(top, left int) (gridCell, bool) {
	for right := left + 1; right < len(g[top]); right++ {
		switch g.at(top, right) {
		case '+':
			for bottom := top + 1; bottom < len(g); bottom++ {
				c := g.at(bottom, right)
				if c == '+' && g.closes(top, left, bottom, right) {
					return gridCell{top, left, bottom, right}, true
				}
				if c != '+' && c != '|' {
					break
				}
			}
		case '-', '=':
		default:
			return gridCell{}, false
		}
	}
	return gridCell{}, false
}

// closes reports whether the bottom border of a cell runs from its right
// corner back to its left one and the left border up to its top.
func (g gridText) closes(top, left, bottom, right int) bool {
	for x := right - 1; x > left; x-- {
		if c := g.at(bottom, x); c != '-' && c != '=' && c != '+' {
			return false
		}
	}
	if g.at(bottom, left) != '+' {
		return false
	}
	for y := bottom - 1; y > top; y-- {
		if c := g.at(y, left); c != '|' && c != '+' {
			return false
		}
	}
	return true
}

// text is a cell's content, its lines joined.
func (g gridText) text(c gridCell) string {
	var lines []string
	for y := c.top + 1; y < c.bottom; y++ {
		var b strings.Builder
		for x := c.left + 1; x < c.right; x++ {
			if r := g.at(y, x); r != 0 {
				b.WriteRune(r)
			}
		}
		lines = append(lines, strings.TrimSpace(b.String()))
	}
	// An auto-numbered list (#. item) is numbered as it renders.
	n := 0
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "#. "):
			n++
			lines[i] = strconv.Itoa(n) + ". " + l[3:]
		case l == "":
		default:
			if i > 0 && lines[i-1] == "" {
				n = 0
			}
		}
	}
	return strings.Join(lines, "\n")
}

// parseGrid reads the grid table whose top border is lines[start] and
// returns it with the index of the first line after it. Cells may span
// columns and rows (found as docutils finds them): a cell spanning rows
// holds for each of them, as an HTML rowspan does; one spanning columns
// is the text of its first column; a row that is one cell across the
// table is a group heading, noted and not read as an error row.
func parseGrid(lines []string, start int, pg *page) (*table, int) {
	border := strings.TrimRight(lines[start], " \t")
	indent := len(border) - len(strings.TrimLeft(border, " \t"))
	var body []string
	end := start
	for ; end < len(lines); end++ {
		l := strings.TrimRight(lines[end], " \t")
		if len(l) < indent || strings.TrimSpace(l[:min(indent, len(l))]) != "" {
			break
		}
		b := l[indent:]
		if b == "" || (b[0] != '+' && b[0] != '|') {
			break
		}
		body = append(body, b)
	}
	// The table ends at its last border line.
	last := len(body) - 1
	for last > 0 && !rstBorderRe.MatchString(body[last]) && !strings.HasPrefix(body[last], "+") {
		last--
	}
	if last < len(body)-1 {
		pg.diags = append(pg.diags, lineDiag{start + last + 2, "grid table ends without a closing border; last row not imported"})
	}
	body = body[:last+1]
	g := newGridText(body)
	var cells []gridCell
	seen := map[[2]int]bool{}
	// Every full border restarts the scan, so that a row whose borders are
	// out of place costs that row only.
	var corners [][2]int
	for y, l := range body {
		if rstBorderRe.MatchString(l) {
			corners = append(corners, [2]int{y, 0})
		}
	}
	for len(corners) > 0 {
		c := corners[0]
		corners = corners[1:]
		if seen[c] || c[0] >= len(g)-1 {
			continue
		}
		seen[c] = true
		if g.at(c[0], c[1]) != '+' {
			continue
		}
		cl, ok := g.cell(c[0], c[1])
		if !ok {
			continue
		}
		cells = append(cells, cl)
		corners = append(corners, [2]int{cl.top, cl.right}, [2]int{cl.bottom, cl.left})
	}
	// Lines in no cell: the borders around them are out of place.
	inCell := make([]bool, len(g))
	for _, c := range cells {
		for y := c.top; y <= c.bottom; y++ {
			inCell[y] = true
		}
	}
	for y := 0; y < len(g); y++ {
		if inCell[y] {
			continue
		}
		from := y
		for y+1 < len(g) && !inCell[y+1] {
			y++
		}
		what := fmt.Sprintf("grid table lines %d-%d are", start+from+1, start+y+1)
		if from == y {
			what = fmt.Sprintf("grid table line %d is", start+from+1)
		}
		pg.diags = append(pg.diags, lineDiag{start + from + 1, what + " not closed by borders (a | or + out of place); not imported"})
	}
	ys, xs := map[int]bool{}, map[int]bool{}
	for _, c := range cells {
		ys[c.top], ys[c.bottom], xs[c.left], xs[c.right] = true, true, true, true
	}
	rowSeps, colSeps := sortedKeys(ys), sortedKeys(xs)
	nrow, ncol := len(rowSeps)-1, len(colSeps)-1
	if nrow < 1 || ncol < 1 {
		return nil, end
	}
	// The header ends at the = border, when there is one.
	headEnd := -1
	for i, y := range rowSeps {
		if strings.Contains(body[y], "=") && i > 0 {
			headEnd = i
			break
		}
	}
	grid := make([][]string, nrow)
	covered := make([][]bool, nrow)
	spanAll := make([]bool, nrow)
	for i := range grid {
		grid[i] = make([]string, ncol)
		covered[i] = make([]bool, ncol)
	}
	for _, c := range cells {
		r0, r1 := slices.Index(rowSeps, c.top), slices.Index(rowSeps, c.bottom)
		c0, c1 := slices.Index(colSeps, c.left), slices.Index(colSeps, c.right)
		text := rstInline(collapseSpace(g.text(c)))
		for r := r0; r < r1; r++ {
			for k := c0; k < c1; k++ {
				covered[r][k] = true
			}
			grid[r][c0] = text
			if c0 == 0 && c1 == ncol && ncol > 1 {
				spanAll[r] = true
			}
		}
	}
	t := &table{line: start + 1, end: end}
	var header [][]string
	for r := range nrow {
		line := start + rowSeps[r] + 2
		if slices.Contains(covered[r], false) {
			if !inCell[rowSeps[r]+1] {
				continue // reported with the lines in no cell
			}
			pg.diags = append(pg.diags, lineDiag{line, "grid row is not closed by borders (a | or + out of place); row not imported"})
			continue
		}
		switch {
		case r < headEnd:
			header = append(header, grid[r])
		case spanAll[r] && !allEmpty(grid[r]) && looksCoded(grid[r][0]):
			pg.diags = append(pg.diags, lineDiag{line, fmt.Sprintf("grid row %q is one cell across all columns (a | missing?); row not imported", grid[r][0])})
		case spanAll[r] && !allEmpty(grid[r]):
			pg.lineNotes = append(pg.lineNotes, lineDiag{line, fmt.Sprintf("grid row %q spans all columns; read as a group heading, not an error row", grid[r][0])})
		default:
			t.rows = append(t.rows, row{line: line, cells: grid[r]})
		}
	}
	if headEnd < 0 {
		// No header separator: the first row names the columns.
		if len(t.rows) == 0 {
			return nil, end
		}
		t.header = t.rows[0].cells
		t.rows = t.rows[1:]
		return t, end
	}
	hr := make([]row, len(header))
	for i, h := range header {
		hr[i] = row{cells: h}
	}
	t.header = joinHeaderRows(hr)
	return t, end
}

// looksCoded reports whether text starts with a word that looks like an
// error code (a number, or an identifier with a digit, dot or underscore).
func looksCoded(text string) bool {
	f := strings.Fields(text)
	return len(f) > 1 && listCodeRe.MatchString(cleanCode(f[0]))
}

func sortedKeys(m map[int]bool) []int {
	ks := make([]int, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
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
