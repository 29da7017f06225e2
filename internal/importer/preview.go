package importer

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"
)

// A columnMap is what --map says: the role of a column named by its
// heading or by its number (1-based).
type columnMap struct {
	col  string // heading, or number
	role role
	loc  string // for message.LOC
}

// parseMap reads "code=错误码,message.en=英文,status=3".
func parseMap(s string) ([]columnMap, error) {
	var out []columnMap
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, col, ok := strings.Cut(part, "=")
		k, col = strings.TrimSpace(k), strings.TrimSpace(col)
		if !ok || k == "" || col == "" {
			return nil, fmt.Errorf("map %q: want ROLE=COLUMN (a heading or a column number)", part)
		}
		m := columnMap{col: col, role: -1}
		name, loc, hasLoc := strings.Cut(k, ".")
		for r, key := range roleKeys {
			if key == name {
				m.role = r
			}
		}
		if name == "ignore" {
			m.role = roleNone
		}
		if m.role < 0 {
			return nil, fmt.Errorf("map %q: unknown role %q; want code, message, message.LOCALE, status, title, description, remediation, alias or ignore", part, name)
		}
		if hasLoc {
			if m.role != roleMessage {
				return nil, fmt.Errorf("map %q: only message takes a locale", part)
			}
			tag, err := language.Parse(loc)
			if err != nil {
				return nil, fmt.Errorf("map %q: bad locale %q", part, loc)
			}
			m.loc = tag.String()
		}
		out = append(out, m)
	}
	return out, nil
}

// columnIndex is the column of t that m names, or -1.
func (m columnMap) columnIndex(t *table) int {
	if n, err := strconv.Atoi(m.col); err == nil {
		if n >= 1 && n <= len(t.header) {
			return n - 1
		}
		return -1
	}
	for i, h := range t.header {
		if sameKey(h, headingKey(m.col)) {
			return i
		}
	}
	return -1
}

// applyMap gives the columns of the tables the roles the map says; a
// table none of whose columns the map names keeps its own reading. It
// returns the map's columns that no table has.
func applyMap(tables []*table, ms []columnMap) []string {
	used := make([]bool, len(ms))
	for _, t := range tables {
		if t.roles != nil && t.mapped == nil {
			continue // a list whose columns are known
		}
		var hit []int
		for k, m := range ms {
			if i := m.columnIndex(t); i >= 0 {
				hit = append(hit, k)
				used[k] = true
			}
		}
		if len(hit) == 0 {
			continue
		}
		roles, locs := headingRoles(t.header)
		if locs == nil {
			locs = make([]string, len(t.header))
		}
		mapped := make([]bool, len(t.header))
		for _, k := range hit {
			m := ms[k]
			i := m.columnIndex(t)
			// The role moves: another column read so gives it up.
			for j := range roles {
				if j != i && !mapped[j] && roles[j] == m.role && (m.role != roleMessage || m.loc == "" || locs[j] == "" || locs[j] == m.loc) {
					roles[j], locs[j] = roleNone, ""
				}
			}
			roles[i], locs[i], mapped[i] = m.role, m.loc, true
		}
		t.roles, t.locs, t.mapped = roles, locs, mapped
	}
	var missing []string
	for k, m := range ms {
		if !used[k] {
			missing = append(missing, m.col)
		}
	}
	return missing
}

// Preview reads a page as Import does and describes what it understood:
// for each table or list found, the role of each column and why (its
// heading, its content, or --map), and how many of its rows became
// entries, variants or diagnostics. It writes no catalog.
func Preview(name string, data []byte, opts Options) (string, error) {
	var b strings.Builder
	_, diags, err := importPage(name, data, opts, &b)
	for _, d := range diags {
		b.WriteString(d.String() + "\n")
	}
	return b.String(), err
}

// describeTable writes a table's column roles and sample rows.
func describeTable(w *strings.Builder, t *table, cols columns, ok bool, err error, entries, variants, diags int) {
	kind := "table"
	if t.roles != nil && t.mapped == nil {
		kind = "list"
	}
	fmt.Fprintf(w, "%s at line %d: %d row(s)", kind, t.line, len(t.rows))
	switch {
	case !ok:
		fmt.Fprintf(w, ", not an error table (no code column): skipped\n")
		return
	case err != nil:
		fmt.Fprintf(w, ", not read: %v\n", err)
		return
	}
	fmt.Fprintf(w, " → %d entr(ies), %d variant(s), %d diagnostic(s)\n", entries, variants, diags)
	headRoles, _ := headingRoles(t.header)
	for i := range max(len(t.header), len(t.roles)) {
		h := heading(t, i)
		what, why := "", ""
		for r, j := range cols.idx {
			if j == i {
				what = roleKeys[r]
			}
		}
		for l, j := range cols.locMsg {
			if j == i {
				what = "message." + l
			}
		}
		if r, j := cols.idx[roleCode], cols.idx[roleStatus]; r == j && i == r && hasRole(cols, roleStatus) {
			what = "code+status"
		}
		switch {
		case what == "":
			what, why = "(kept in source.original)", "no role"
		case t.mapped != nil && i < len(t.mapped) && t.mapped[i]:
			why = "--map"
		case t.roles != nil && t.mapped == nil:
			why = "layout"
		case i == 0 && what == "code" && stubCode(t, headRoles):
			why = "stub column"
		case i < len(headRoles) && roleKeys[headRoles[i]] == strings.Split(what, ".")[0] && (headingLanguage(h) != "" || !strings.Contains(what, ".") || headRoles[i] == roleMessage && classify(h) == roleMessage):
			why = "heading"
		case i < len(headRoles) && headRoles[i] != roleNone:
			why = "heading and content"
		default:
			why = "content"
		}
		fmt.Fprintf(w, "  column %d %q: %s (%s)\n", i+1, h, what, why)
	}
	for k, r := range t.rows {
		if k == 3 {
			fmt.Fprintf(w, "  ...\n")
			break
		}
		fmt.Fprintf(w, "  line %d: %s\n", r.line, strings.Join(plainAll(r.cells), " | "))
	}
}

func hasRole(cols columns, r role) bool {
	_, ok := cols.idx[r]
	return ok
}

var _ = slices.Contains[[]string]

// allHeadingLike reports whether every cell reads as a column heading:
// a few words, no digits, not a sentence, not a code.
func allHeadingLike(cells []string) bool {
	for _, c := range cells {
		c = plainText(strings.TrimSpace(c))
		if c == "" || len(strings.Fields(c)) > 4 || len([]rune(c)) > 30 || strings.ContainsAny(c, "0123456789.。") || listCodeRe.MatchString(c) {
			return false
		}
	}
	return true
}

// reshape reads a table whose header row is empty with its first row as
// the header, and a vertical table (Field | Value, whose first column
// names the roles: Code / Reason / Action) as one row.
func reshape(t *table) {
	if t.roles != nil || len(t.rows) == 0 {
		return
	}
	if allEmpty(t.header) {
		first := t.rows[0]
		named := 0
		for _, c := range first.cells {
			if classify(c) != roleNone {
				named++
			}
		}
		if named >= 2 || named == 1 && len(first.cells) >= 2 && allHeadingLike(first.cells) && !vertical(t) {
			t.header = plainAll(first.cells)
			t.line = first.line
			t.rows = t.rows[1:]
			return
		}
	}
	if len(t.header) != 2 {
		return
	}
	if r, _ := headingRoles(t.header); r[0] == roleCode || r[1] == roleCode {
		return
	}
	var header, cells []string
	hasCode, line := false, 0
	for _, r := range t.rows {
		if len(r.cells) != 2 {
			return
		}
		ro := classify(r.cells[0])
		if ro == roleNone {
			return
		}
		if ro == roleCode {
			hasCode, line = true, r.line
		}
		header = append(header, plainText(r.cells[0]))
		cells = append(cells, r.cells[1])
	}
	if !hasCode && len(header) >= 1 {
		// A vertical table under a heading that names its code.
		if code, _, ok := headingCode(t.section); ok {
			header = append([]string{"Code"}, header...)
			cells = append([]string{code}, cells...)
			hasCode, line = true, t.rows[0].line
		}
	}
	if !hasCode || len(header) < 2 {
		return
	}
	t.header = header
	t.rows = []row{{line: line, cells: cells}}
}

// vertical reports whether t, of two columns, reads as a field/value
// table: the first cell of each of its two or more rows names a role.
func vertical(t *table) bool {
	if len(t.rows) < 2 {
		return false
	}
	for _, r := range t.rows {
		if len(r.cells) != 2 || classify(r.cells[0]) == roleNone {
			return false
		}
	}
	return true
}
