package importer

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

var (
	updatedRe  = regexp.MustCompile(`(?i)^\s*(?:last updated|last modified|updated|更新时间|最近更新时间)\s*[:：]\s*(.+?)\s*$`)
	gapRe      = regexp.MustCompile(`\t+|\s{2,}`)
	textCodeRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.:\-]*$`)
)

// parseText reads plain-text tables: a line naming the columns ("Error
// Code Error Type Description"), then one row per line until a blank line.
// Columns separated by tabs or two or more spaces are split there; with
// single spaces the code is the first word, and a middle text column (a
// type) ends where the next capitalised word begins.
func parseText(src string) *page {
	pg := &page{}
	lines := strings.Split(src, "\n")
	var para []string
	flushPara := func() {
		if p := collapseSpace(strings.Join(para, " ")); p != "" {
			pg.prose = append(pg.prose, p)
		}
		para = nil
	}
	for i := 0; i < len(lines); i++ {
		tl := strings.TrimSpace(lines[i])
		if tl == "" {
			flushPara()
			continue
		}
		if m := updatedRe.FindStringSubmatch(tl); m != nil && pg.updated == "" {
			flushPara()
			pg.updated = m[1]
			continue
		}
		if header, aligned, ok := textHeader(tl); ok {
			flushPara()
			t, end := readTextRows(lines, i, header, aligned, pg)
			pg.tables = append(pg.tables, t)
			i = end - 1
			continue
		}
		if pg.title == "" && len(pg.prose) == 0 && len(para) == 0 && len(pg.tables) == 0 && len([]rune(tl)) < 80 {
			pg.title = tl
			continue
		}
		para = append(para, tl)
	}
	flushPara()
	if !hasErrorTable(pg.tables) {
		if t := codeLines(lines); t != nil {
			pg.tables = append(pg.tables, t)
		}
	}
	return pg
}

// codeLineRe is a line "CODE: message", "CODE - message" or
// "CODE<tab>message", bulleted or numbered or not, the code perhaps in
// backticks and perhaps after an HTTP status ("400 - `bad_input`: ...").
var codeLineRe = regexp.MustCompile("^\\s*(?:[-*•]\\s+|[0-9]{1,3}[.)、]\\s+)?(?:([1-5][0-9]{2})\\s+[-–—]\\s+)?`?([A-Za-z0-9][A-Za-z0-9_.\\-]*)`?(?:\\s*(?:[:：=]|\\s[-–—]\\s)|\\t+)\\s*(\\S.*)$")

// codeLines reads a page without a table as lines of "CODE: message" (or
// "CODE - message"), when at least two consecutive lines look so. Codes
// must have a digit, a capital, a dot or an underscore.
func codeLines(lines []string) *table {
	t := &table{header: []string{"code", "message", "status"}, roles: []role{roleCode, roleMessage, roleStatus}}
	var block []row
	flush := func() {
		if len(block) >= 2 {
			if t.line == 0 {
				t.line = block[0].line
			}
			t.rows = append(t.rows, block...)
			t.end = block[len(block)-1].line
		}
		block = nil
	}
	for i, l := range lines {
		m := codeLineRe.FindStringSubmatch(l)
		if m == nil || !strings.ContainsAny(m[2], "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ._") {
			flush()
			continue
		}
		block = append(block, row{line: i + 1, cells: []string{m[2], m[3], m[1]}})
	}
	flush()
	if len(t.rows) == 0 {
		return nil
	}
	return t
}

// textHeader reports whether line names table columns, and returns the
// headings. aligned is true when the columns are separated by gaps.
func textHeader(line string) (headings []string, aligned bool, ok bool) {
	if parts := gapRe.Split(line, -1); len(parts) >= 2 {
		all := true
		for _, p := range parts {
			if exactRole(p) == roleNone {
				all = false
				break
			}
		}
		if all && hasCode(parts) {
			return parts, true, true
		}
	}
	words := strings.Fields(line)
	for i := 0; i < len(words); {
		n := 0
		for k := min(4, len(words)-i); k >= 1; k-- {
			if exactRole(strings.Join(words[i:i+k], " ")) != roleNone {
				n = k
				break
			}
		}
		if n == 0 {
			return nil, false, false
		}
		headings = append(headings, strings.Join(words[i:i+n], " "))
		i += n
	}
	if len(headings) < 2 || !hasCode(headings) {
		return nil, false, false
	}
	return headings, false, true
}

func hasCode(hs []string) bool {
	for _, h := range hs {
		if exactRole(h) == roleCode {
			return true
		}
	}
	return false
}

// exactRole is the role of a heading that is exactly one of the heading
// words (plain text has no cell borders to lean on).
func exactRole(h string) role {
	h = strings.ToLower(collapseSpace(h))
	for _, hw := range headingWords {
		for _, w := range hw.words {
			if h == w {
				return hw.role
			}
		}
	}
	return roleNone
}

// readTextRows reads the rows after the header at lines[at].
func readTextRows(lines []string, at int, header []string, aligned bool, pg *page) (*table, int) {
	t := &table{line: at + 1, header: header}
	indent := -1
	end := at + 1
	for ; end < len(lines); end++ {
		l := strings.TrimRight(lines[end], " \t")
		if strings.TrimSpace(l) == "" {
			break
		}
		ind := len(l) - len(strings.TrimLeft(l, " \t"))
		tl := strings.TrimSpace(l)
		if indent < 0 {
			indent = ind
		}
		if ind > indent && len(t.rows) > 0 {
			// A continuation line of the previous row's last cell.
			last := &t.rows[len(t.rows)-1]
			last.cells[len(last.cells)-1] += " " + tl
			continue
		}
		cells, msg := splitTextRow(tl, len(header), aligned)
		if parts := gapRe.Split(tl, -1); msg != "" && aligned && len(parts) < len(header) && strings.HasSuffix(strings.TrimRight(lines[end], " "), "\t") {
			// Tab-separated, the last cells empty.
			cells, msg = append(parts, make([]string, len(header)-len(parts))...), ""
		}
		if msg != "" {
			pg.diags = append(pg.diags, lineDiag{end + 1, msg})
			continue
		}
		t.rows = append(t.rows, row{line: end + 1, cells: cells})
	}
	t.end = end
	return t, end
}

// splitTextRow splits a plain-text row into n cells.
func splitTextRow(line string, n int, aligned bool) ([]string, string) {
	if parts := gapRe.Split(line, -1); len(parts) == n {
		return parts, ""
	} else if aligned && len(parts) > 1 {
		return nil, "row has " + itoa(len(parts)) + " columns, the header " + itoa(n) + "; not imported"
	}
	code, rest, _ := strings.Cut(line, " ")
	if !textCodeRe.MatchString(code) || !strings.ContainsAny(code, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ._") {
		return nil, "not a table row: " + quote(code) + " does not look like an error code; not imported"
	}
	rest = strings.TrimSpace(rest)
	switch n {
	case 2:
		return []string{code, rest}, ""
	case 3:
		words := strings.Fields(rest)
		for k := 1; k < len(words); k++ {
			if unicode.IsUpper(firstRune(words[k])) {
				return []string{code, strings.Join(words[:k], " "), strings.Join(words[k:], " ")}, ""
			}
		}
		return nil, "cannot tell where the second column ends and the third begins (no capitalised word); not imported"
	}
	return nil, "cannot split a row of single-spaced text into " + itoa(n) + " columns; not imported"
}

func itoa(n int) string { return strconv.Itoa(n) }

func quote(s string) string { return strconv.Quote(s) }
