package importer

import (
	"regexp"
	"strconv"
	"strings"
)

var (
	adocSpecRe  = regexp.MustCompile(`^(?:[0-9]+[*+])?(?:[0-9]+(?:\.[0-9]+)?\+)?[<^>]?(?:\.[<^>])?[adehlmsv]?$`)
	adocColsRe  = regexp.MustCompile(`cols\s*=\s*"([^"]*)"`)
	adocHeadRe  = regexp.MustCompile(`options\s*=\s*"[^"]*header|%header`)
	adocTitleRe = regexp.MustCompile(`^=\s+(\S.*)$`)
	// adocSectionRe is a section title (== Title down to ====== Title).
	adocSectionRe = regexp.MustCompile(`^={2,6}\s+(\S.*)$`)
	adocMarkRe    = regexp.MustCompile(`(?m)^\|===\s*$`)
)

// parseAsciiDoc reads AsciiDoc |=== tables: a header row when the block's
// attributes say so ([options="header"], [%header]) or when the first line
// of cells is followed by a blank line; cells that start with a spec
// (a|, 2+|, .^|) and run over several lines.
func parseAsciiDoc(src string) *page {
	pg := &page{}
	lines := strings.Split(src, "\n")
	attrs, section := "", ""
	defs := &defList{t: newBlockList()}
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if m := adocTitleRe.FindStringSubmatch(l); m != nil && pg.title == "" {
			pg.title = m[1]
			continue
		}
		if m := adocSectionRe.FindStringSubmatch(l); m != nil {
			section = adocInline(m[1])
			continue
		}
		if strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]") {
			attrs = l
			continue
		}
		if m := adocDlistRe.FindStringSubmatch(l); m != nil && l == strings.TrimLeft(lines[i], " \t") {
			i = adocDlistItem(lines, i, m[1], m[3], defs) - 1
			attrs = ""
			continue
		}
		if l != "|===" {
			if l != "" && !strings.HasPrefix(l, ".") {
				attrs = ""
			}
			continue
		}
		t, end := adocTable(lines, i, attrs, pg)
		if t != nil {
			t.section = section
			pg.tables = append(pg.tables, t)
		}
		attrs = ""
		i = end
	}
	defs.finish(pg)
	if !hasErrorTable(pg.tables) {
		if t := codeLines(lines); t != nil {
			pg.tables = append(pg.tables, t)
		}
	}
	return pg
}

// adocDlistRe is an item of a description list: "TERM:: text", or
// "TERM::" with the text on the lines below (also :::, :::: and ;;).
var adocDlistRe = regexp.MustCompile(`^(\S.*?)(::|:::|::::|;;)(?:[ \t]+(.*))?$`)

// adocDlistItem reads the description list item at lines[i], whose term
// and first text are given, into d when its term is a code, and returns
// the index of the line after it. Its text runs to a blank line or the
// next item; "Label: value" lines fill their field.
func adocDlistItem(lines []string, i int, term, first string, d *defList) int {
	cells := make([]string, 6)
	add := func(k int, v string) {
		if v = strings.TrimSpace(v); v == "" {
			return
		}
		if cells[k] != "" {
			cells[k] += " "
		}
		cells[k] += v
	}
	body := []string{first}
	end := i + 1
	for ; end < len(lines); end++ {
		l := strings.TrimSpace(lines[end])
		if l == "" && len(strings.Join(body, "")) > 0 || l == "+" || adocDlistRe.MatchString(l) || l == "|===" {
			break
		}
		body = append(body, l)
	}
	for _, l := range body {
		if k, v, ok := labelLine(l); ok {
			add(k, adocInline(v))
			continue
		}
		add(1, adocInline(l))
	}
	code := cleanCode(adocInline(term))
	if !(intRe.MatchString(code) || listCodeRe.MatchString(code) || upperSnakeRe.MatchString(code)) || cells[1] == "" {
		d.skipped = append(d.skipped, i+1)
		return end
	}
	cells[0] = code
	if d.t.line == 0 {
		d.t.line = i + 1
	}
	d.t.rows = append(d.t.rows, row{line: i + 1, cells: cells})
	return end
}

type adocCell struct {
	line int
	text string
}

// adocTable reads the table opening at lines[at] and returns it with the
// index of its closing |=== line.
func adocTable(lines []string, at int, attrs string, pg *page) (*table, int) {
	var cells []adocCell
	firstLineCells, blankAfterFirst := -1, false
	end := len(lines) - 1
	for i := at + 1; i < len(lines); i++ {
		raw := lines[i]
		l := strings.TrimSpace(raw)
		if l == "|===" {
			end = i
			break
		}
		if l == "" {
			if firstLineCells < 0 && len(cells) > 0 {
				firstLineCells = len(cells)
				blankAfterFirst = true
			}
			if len(cells) > 0 {
				cells[len(cells)-1].text += "\n\n"
			}
			continue
		}
		if firstLineCells < 0 && len(cells) > 0 && cellStarts(l) {
			firstLineCells = len(cells)
		}
		parts := splitUnescaped(l)
		if len(parts) == 1 {
			if len(cells) > 0 {
				cells[len(cells)-1].text += "\n" + parts[0]
			}
			continue
		}
		if lead := strings.TrimSpace(parts[0]); lead != "" && !adocSpecRe.MatchString(lead) && len(cells) > 0 {
			cells[len(cells)-1].text += "\n" + lead
		}
		for k, p := range parts[1:] {
			if k < len(parts)-2 {
				// A spec at the end of a cell belongs to the next one.
				if f := strings.Fields(p); len(f) > 1 && adocSpecRe.MatchString(f[len(f)-1]) && len(f[len(f)-1]) <= 3 && strings.HasSuffix(p, f[len(f)-1]) {
					p = strings.TrimSuffix(p, f[len(f)-1])
				}
			}
			cells = append(cells, adocCell{i + 1, strings.TrimSpace(p)})
		}
	}
	if len(cells) == 0 {
		return nil, end
	}
	ncols := 0
	if m := adocColsRe.FindStringSubmatch(attrs); m != nil {
		spec := strings.TrimSpace(m[1])
		if n, err := strconv.Atoi(strings.TrimSuffix(spec, "*")); err == nil && strings.HasSuffix(spec, "*") {
			ncols = n
		} else {
			ncols = len(strings.Split(spec, ","))
		}
	}
	if ncols == 0 {
		ncols = firstLineCells
		if ncols <= 0 {
			ncols = len(cells)
		}
	}
	t := &table{line: at + 1, end: end + 1}
	header := adocHeadRe.MatchString(attrs) || blankAfterFirst && firstLineCells == ncols
	k := 0
	if header && len(cells) >= ncols {
		for _, c := range cells[:ncols] {
			t.header = append(t.header, collapseSpace(c.text))
		}
		k = ncols
	} else {
		t.header = make([]string, ncols)
	}
	for ; k < len(cells); k += ncols {
		r := row{line: cells[k].line}
		for j := k; j < k+ncols; j++ {
			if j < len(cells) {
				r.cells = append(r.cells, adocInline(strings.TrimSpace(cells[j].text)))
			}
		}
		if n := ncols - len(r.cells); n > 0 {
			// The last row, short of cells: read as far as it goes.
			r.missing = n
			for range n {
				r.cells = append(r.cells, "")
			}
		}
		t.rows = append(t.rows, r)
	}
	return t, end
}

// adocMonoRe is AsciiDoc monospace (`x`, “x“, ```x```, `+x+`) and
// strong (*x*, **x**) text.
var adocMonoRe = regexp.MustCompile("`{1,3}\\+?([^`\n]+?)\\+?`{1,3}|\\*{1,2}([^*\\s][^*\n]*?)\\*{1,2}")

// adocInline drops a cell's inline markup: monospace and strong text are
// their text.
func adocInline(s string) string {
	s = adocMonoRe.ReplaceAllString(s, "$1$2")
	return strings.Trim(s, "`")
}

// cellStarts reports whether an AsciiDoc table line starts a cell.
func cellStarts(l string) bool {
	parts := splitUnescaped(l)
	return len(parts) > 1 && (parts[0] == "" || adocSpecRe.MatchString(strings.TrimSpace(parts[0])))
}

// splitUnescaped splits l on | not escaped as \|.
func splitUnescaped(l string) []string {
	var out []string
	var b strings.Builder
	for i := 0; i < len(l); i++ {
		if l[i] == '\\' && i+1 < len(l) && l[i+1] == '|' {
			b.WriteByte('|')
			i++
			continue
		}
		if l[i] == '|' {
			out = append(out, b.String())
			b.Reset()
			continue
		}
		b.WriteByte(l[i])
	}
	return append(out, b.String())
}
