package importer

import (
	"fmt"
	"math"
	"net/http"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/vocab"
)

// role is what a table column holds.
type role int

const (
	roleNone role = iota
	roleStatus
	roleCode
	roleTitle
	roleMessage
	roleDescription
	roleRemediation
	roleAlias
)

// roleKeys are the roles' names in --map.
var roleKeys = map[role]string{
	roleStatus:      "status",
	roleCode:        "code",
	roleTitle:       "title",
	roleMessage:     "message",
	roleDescription: "description",
	roleRemediation: "remediation",
	roleAlias:       "alias",
}

var roleNames = map[role]string{
	roleStatus:      "the HTTP status",
	roleCode:        "the error code",
	roleTitle:       "the error type",
	roleMessage:     "the error message",
	roleDescription: "the description",
	roleRemediation: "the remediation",
	roleAlias:       "an alias of the code",
}

// headingWords lists, per role and in the order they are tried, the words a
// column heading contains. Status comes before code so that "Status Code"
// and "HTTP 状态码" are statuses, not error codes.
var headingWords = []struct {
	role  role
	words []string
}{
	{roleStatus, []string{"http status", "status code", "http code", "httpcode", "http status code", "状态代码", "http 状态码", "http状态码", "状态码", "http 返回码", "status", "http"}},
	{roleRemediation, []string{"measure", "solution", "remediation", "what to do", "workaround", "resolution", "suggestion", "recommendation", "how to fix", "handling", "action", "fix", "处理措施", "解决方案", "解决方法", "解决办法", "处理方法", "处理建议", "建议", "操作建议"}},
	{roleCode, []string{"error code", "errorcode", "err code", "error_code", "code", "retcode", "ret code", "return code", "错误码", "错误代码", "返回码", "错误编码", "错误编号", "返回值", "ret", "errno", "error id", "代码"}},
	{roleTitle, []string{"error type", "type", "error name", "name", "title", "标题", "错误类型", "类型", "名称", "错误名称"}},
	{roleMessage, []string{"error message", "message", "msg", "error info", "error_msg", "错误信息", "错误描述", "错误提示", "提示信息", "返回信息", "报错信息", "错误消息", "strerror", "状态消息"}},
	{roleDescription, []string{"description", "meaning", "explanation", "detail", "cause", "causes", "reason", "描述", "说明", "含义", "原因", "详细信息", "释义", "错误码描述", "错误码说明"}},
}

// classify returns the role a column heading names, or roleNone.
func classify(heading string) role {
	h := strings.ToLower(collapseSpace(heading))
	h = strings.Trim(h, " *`_:：")
	if h == "" {
		return roleNone
	}
	// A heading that is exactly a word has its role; otherwise the
	// longest word it contains decides ("错误码描述" is a description,
	// not a code), the earlier role on a tie.
	best, bestLen := roleNone, 0
	for _, hw := range headingWords {
		for _, w := range hw.words {
			if h == w {
				return hw.role
			}
			if len(w) > bestLen && containsWord(h, w) {
				best, bestLen = hw.role, len(w)
			}
		}
	}
	return best
}

// containsWord reports whether w occurs in h on word boundaries (any
// position for words in a script without spaces).
func containsWord(h, w string) bool {
	for off := 0; ; {
		i := strings.Index(h[off:], w)
		if i < 0 {
			return false
		}
		i += off
		before, after := i == 0, i+len(w) == len(h)
		if !before {
			r := lastRune(h[:i])
			before = !isWordRune(r) || isHan(r) || isHan(firstRune(w))
		}
		if !after {
			r := firstRune(h[i+len(w):])
			after = !isWordRune(r) || isHan(r) || isHan(lastRune(w))
		}
		if before && after {
			return true
		}
		off = i + 1
	}
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func lastRune(s string) rune {
	rs := []rune(s)
	if len(rs) == 0 {
		return 0
	}
	return rs[len(rs)-1]
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// builder turns tables into a catalog's entries.
type builder struct {
	file    string
	opts    Options
	entries []*catalog.Entry
	byCode  map[string]*catalog.Entry
	diags   []Diagnostic
	bad     []badText // text of the page that could not be decoded
	claimed []bool    // by bad: reported with the row that holds it
	// locOrder are the message languages of the first table that names
	// them, in column order.
	locOrder []string
	variants int // variants added
	// skipped are notes on tables that are not about errors.
	skipped []Diagnostic
}

func newBuilder(file string, opts Options) *builder {
	return &builder{file: file, opts: opts, byCode: map[string]*catalog.Entry{}}
}

func (b *builder) diag(line int, format string, args ...any) {
	b.diags = append(b.diags, Diagnostic{File: b.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// note records a note: something left out on purpose, not a problem.
func (b *builder) note(line int, format string, args ...any) {
	b.diags = append(b.diags, Diagnostic{File: b.file, Line: line, Severity: SeverityNote, Msg: fmt.Sprintf(format, args...)})
}

func (b *builder) sortedDiags() []Diagnostic {
	slices.SortStableFunc(b.diags, func(x, y Diagnostic) int { return x.Line - y.Line })
	return b.diags
}

// columns is a table's column assignment.
type columns struct {
	idx   map[role]int
	extra []int // columns of no known role, kept in source.original
	// locMsg holds the message columns by locale when the page gives the
	// message in several languages (or names the language of its one);
	// locOrder lists those locales in column order.
	locMsg   map[string]int
	locOrder []string
}

// tableColumns matches a table's headings to roles. ok is false when the
// table is not an error table (no code column); err is set when the
// headings are ambiguous.
//
// A table with a status column but no code column ("状态码 | 说明",
// "Status Code | Description") documents its codes in the status column:
// they are the codes, and also the HTTP statuses when every one is one.
//
// Columns headed by a language (中文 | 英文, English | Chinese, en |
// zh-CN) hold the message in that language; a description column whose
// text is in another script than the message column's, row for row, is
// the message in that other language. Of two code columns, one of
// numbers and one of names, the names are the code and the numbers its
// alias; any other pair is unsure, and the error names the --map that
// settles it.
func tableColumns(t *table) (cols columns, ok bool, err error) {
	cols.idx = map[role]int{}
	roles, locs := t.roles, t.locs
	if roles == nil {
		roles, locs = headingRoles(t.header)
		if stubCode(t, roles) {
			roles[0] = roleCode
		}
	}
	byRole := map[role][]int{}
	for i, r := range roles {
		if r == roleNone {
			cols.extra = append(cols.extra, i)
			continue
		}
		byRole[r] = append(byRole[r], i)
	}
	if ms := byRole[roleMessage]; len(ms) > 1 && locs != nil {
		cols.locMsg = map[string]int{}
		for _, i := range ms {
			if locs[i] == "" {
				return cols, true, fmt.Errorf("ambiguous columns: %q and %q both read as %s", heading(t, ms[0]), heading(t, ms[1]), roleNames[roleMessage])
			}
			if _, dup := cols.locMsg[locs[i]]; dup {
				return cols, true, fmt.Errorf("two columns hold the message in %s", locs[i])
			}
			cols.locMsg[locs[i]] = i
			cols.locOrder = append(cols.locOrder, locs[i])
		}
		byRole[roleMessage] = ms[:1]
	} else if len(ms) == 1 && locs != nil && locs[ms[0]] != "" {
		cols.locMsg = map[string]int{locs[ms[0]]: ms[0]}
		cols.locOrder = []string{locs[ms[0]]}
	}
	if cs := byRole[roleCode]; len(cs) == 2 && t.roles == nil {
		a, b := cs[0], cs[1]
		numA, numB := allNumbers(t, a), allNumbers(t, b)
		switch {
		case numA && !numB:
			byRole[roleCode], byRole[roleAlias] = []int{b}, []int{a}
		case numB && !numA:
			byRole[roleCode], byRole[roleAlias] = []int{a}, []int{b}
		default:
			return cols, true, fmt.Errorf("unsure which column is the error code: %q (column %d) or %q (column %d); say which with --map 'code=%s'",
				heading(t, a), a+1, heading(t, b), b+1, heading(t, a))
		}
	}
	_, hasMsg := byRole[roleMessage]
	_, hasDesc := byRole[roleDescription]
	_, hasTitle := byRole[roleTitle]
	if _, ok := byRole[roleCode]; !ok && t.roles == nil && (hasMsg || hasDesc) {
		if _, hasStatus := byRole[roleStatus]; !hasStatus {
			if i := contentCodeColumn(t, roles); i >= 0 {
				byRole[roleCode] = []int{i}
				cols.extra = slices.DeleteFunc(cols.extra, func(j int) bool { return j == i })
			}
		}
	}
	if _, ok := byRole[roleCode]; !ok {
		st, hasStatus := byRole[roleStatus]
		if !hasStatus || len(st) != 1 || !(hasMsg || hasDesc) {
			return cols, false, nil
		}
		byRole[roleCode] = st
		if !allStatuses(t, st[0]) {
			delete(byRole, roleStatus)
		}
	}
	for r, is := range byRole {
		if len(is) > 1 {
			return cols, true, fmt.Errorf("ambiguous columns: %q and %q both read as %s; say which with --map '%s=%s'", heading(t, is[0]), heading(t, is[1]), roleNames[r], roleKeys[r], heading(t, is[0]))
		}
		cols.idx[r] = is[0]
	}
	if _, hasStatus := cols.idx[roleStatus]; !hasStatus && t.roles == nil && allKnownStatuses(t, cols.idx[roleCode]) {
		// Every code is an HTTP status: the codes are the statuses too.
		cols.idx[roleStatus] = cols.idx[roleCode]
	}
	if !hasMsg && !hasDesc && !hasTitle {
		return cols, true, fmt.Errorf("no message column: headings %s name an error code but no message or description; name it with --map 'message=HEADING'", quoteAll(t.header))
	}
	if cols.locMsg == nil && hasMsg && hasDesc && t.roles == nil {
		m, d := byRole[roleMessage][0], byRole[roleDescription][0]
		if lm, ld := columnScript(t, m), columnScript(t, d); lm != "" && ld != "" && lm != ld {
			cols.locMsg = map[string]int{lm: m, ld: d}
			cols.locOrder = []string{lm, ld}
			delete(cols.idx, roleDescription)
		}
	}
	return cols, true, nil
}

// headingRoles classifies a table's headings, and names the language of
// the columns headed by one.
func headingRoles(header []string) (roles []role, locs []string) {
	for i, h := range header {
		r := classify(h)
		if loc := headingLanguage(h); loc != "" {
			if locs == nil {
				locs = make([]string, len(header))
			}
			locs[i] = loc
			if r == roleNone || r == roleDescription || r == roleMessage {
				r = roleMessage
			}
		}
		roles = append(roles, r)
	}
	return roles, locs
}

var languageHeadings = map[string]string{
	"中文": "zh-CN", "简体中文": "zh-CN", "chinese": "zh-CN", "zh": "zh-CN", "zh-cn": "zh-CN", "zh_cn": "zh-CN",
	"中文描述": "zh-CN", "中文说明": "zh-CN", "中文信息": "zh-CN", "中文错误信息": "zh-CN", "中文含义": "zh-CN",
	"英文": "en", "english": "en", "en": "en", "en-us": "en", "en_us": "en",
	"英文描述": "en", "英文说明": "en", "英文信息": "en", "英文错误信息": "en", "英文含义": "en",
}

// headingLanguage returns the locale a heading names (中文, English), or "".
func headingLanguage(h string) string {
	h = strings.Trim(strings.ToLower(collapseSpace(plainText(h))), " *`_:：")
	return languageHeadings[h]
}

// columnScript is zh-CN when every non-empty cell of column i is mostly
// Chinese, en when every one is Latin text without Chinese, else "".
func columnScript(t *table, i int) string {
	script := ""
	n := 0
	for _, r := range t.rows {
		if i >= len(r.cells) || strings.TrimSpace(r.cells[i]) == "" {
			continue
		}
		han, latin := 0, 0
		for _, c := range r.cells[i] {
			switch {
			case isHan(c):
				han++
			case c < 0x80 && unicode.IsLetter(c):
				latin++
			}
		}
		s := ""
		switch {
		case han > 0 && han*2 >= latin:
			s = "zh-CN"
		case han == 0 && latin > 0:
			s = "en"
		default:
			return ""
		}
		if script != "" && s != script {
			return ""
		}
		script = s
		n++
	}
	if n < 2 {
		return ""
	}
	return script
}

// columnAll reports whether column i has at least min non-empty cells
// and ok holds for each of them (cleaned as codes are).
func columnAll(t *table, i, min int, ok func(string) bool) bool {
	n := 0
	for _, r := range t.rows {
		if i >= len(r.cells) {
			continue
		}
		c := cleanCode(r.cells[i])
		if c == "" {
			continue
		}
		if !ok(c) {
			return false
		}
		n++
	}
	return n >= min
}

// allNumbers reports whether every non-empty cell of column i is an
// integer, and one is.
func allNumbers(t *table, i int) bool { return columnAll(t, i, 1, intRe.MatchString) }

// allStatuses reports whether every non-empty cell of column i is an HTTP
// status number.
func allStatuses(t *table, i int) bool {
	return columnAll(t, i, 0, func(c string) bool {
		n, err := strconv.Atoi(c)
		return err == nil && n >= 100 && n <= 599
	})
}

func heading(t *table, i int) string {
	if i < len(t.header) {
		return t.header[i]
	}
	return fmt.Sprintf("column %d", i+1)
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// addTable adds the rows of an error table and reports whether t was one.
// tables are all the page's tables, in which t is.
func (b *builder) addTable(t *table, tables []*table) bool {
	cols, ok, err := tableColumns(t)
	if !ok {
		// Kept aside: when no table is an error table, the error that
		// says so names them all.
		why, what := notErrorTable(t), "are not error rows"
		if strings.HasPrefix(why, "column ") {
			what = "were not imported"
		}
		b.skipped = append(b.skipped, Diagnostic{File: b.file, Line: t.line, Severity: SeverityNote,
			Msg: fmt.Sprintf("table skipped: %s; its %d row(s) %s", why, len(t.rows), what)})
		return false
	}
	if err != nil {
		lines := make([]string, 0, len(t.rows))
		for _, r := range t.rows {
			lines = append(lines, fmt.Sprint(r.line))
		}
		b.diag(t.line, "table not read: %v; its %d row(s) at line(s) %s were not imported", err, len(t.rows), strings.Join(lines, ", "))
		return true
	}
	if b.locOrder == nil {
		b.locOrder = cols.locOrder
	}
	skipDelims := false
	hs := newHeadings(t)
	for k, r := range t.rows {
		if bad := b.badIn(t, k, tables); bad != "" {
			b.diag(r.line, "%s; row not imported", bad)
			continue
		}
		switch {
		case skipDelims && delimiterRow(r):
			// The |---| row under a repeated Markdown header.
			continue
		case hs.repeated(r):
			b.note(r.line, "repeated header row skipped")
			skipDelims = true
			continue
		}
		skipDelims = false
		b.addRow(t, cols, r)
	}
	return true
}

// badIn describes the undecodable text (now U+FFFD) that row k of t holds,
// and marks it reported; "" when there is none. A row with U+FFFD in a cell
// holds the bad text of the lines from its own to the next row's (or to
// the table's end), or else of an earlier line of the table, whose cell
// spans rows; a U+FFFD the page wrote as such, in a row with no bad text,
// is text like any other.
func (b *builder) badIn(t *table, k int, tables []*table) string {
	if len(b.bad) == 0 {
		return ""
	}
	r := t.rows[k]
	if !slices.ContainsFunc(r.cells, func(c string) bool { return strings.ContainsRune(c, utf8.RuneError) }) &&
		!slices.ContainsFunc(r.extra, func(c string) bool { return strings.ContainsRune(c, utf8.RuneError) }) {
		return ""
	}
	last := math.MaxInt
	switch {
	case k+1 < len(t.rows) && t.rows[k+1].line > r.line:
		last = t.rows[k+1].line - 1
	case k+1 < len(t.rows):
		last = r.line
	case t.end >= r.line:
		last = t.end
	default:
		for _, o := range tables {
			if o.line > r.line {
				last = min(last, o.line-1)
			}
		}
	}
	if b.claimed == nil {
		b.claimed = make([]bool, len(b.bad))
	}
	var parts []string
	add := func(from, to int, again bool) {
		for i, bt := range b.bad {
			if bt.line < from || bt.line > to || b.claimed[i] && !again {
				continue
			}
			b.claimed[i] = true
			p := bt.String()
			if bt.line != r.line {
				p = fmt.Sprintf("%s at line %d (%s)", bt.kind, bt.line, strings.Join(bt.details, ", "))
			}
			parts = append(parts, p)
		}
	}
	add(r.line, last, false)
	if len(parts) == 0 {
		// Several rows on one line (HTML without line breaks) share
		// its record.
		add(r.line, last, true)
	}
	if len(parts) == 0 {
		// A cell carried down from an earlier row (rowspan).
		add(t.line, r.line-1, true)
	}
	return strings.Join(parts, "; ")
}

// reportBad reports the undecodable text that no row holds (in a heading,
// in prose, in a row not imported for another reason).
func (b *builder) reportBad() {
	for i, bt := range b.bad {
		if b.claimed == nil || !b.claimed[i] {
			b.diag(bt.line, "%s, not in a table row; read as U+FFFD", bt)
		}
	}
}

// headings recognises a table's header repeated among its rows, as long
// pages repeat it every so many rows and as two tables glued together do.
type headings struct {
	keys  []string // the heading cells as headingKey reads them
	roles []role   // the columns' roles
}

func newHeadings(t *table) *headings {
	h := &headings{roles: t.roles}
	for _, c := range t.header {
		h.keys = append(h.keys, headingKey(c))
	}
	if h.roles == nil {
		for _, c := range t.header {
			h.roles = append(h.roles, classify(c))
		}
	}
	return h
}

// repeated reports whether r is a heading row: its cells are the heading
// cells (ignoring case and spaces), or every cell of a column of known role
// is exactly a heading word of that role (Error Code | Error Message under
// Code | Message), two at least.
func (h *headings) repeated(r row) bool {
	if allEmpty(r.cells) {
		return false
	}
	if len(h.keys) == len(r.cells) {
		same := true
		for i, c := range r.cells {
			if same = sameKey(c, h.keys[i]); !same {
				break
			}
		}
		if same {
			return true
		}
	}
	named := 0
	for i, c := range r.cells {
		if i >= len(h.roles) || h.roles[i] == roleNone {
			continue // a column of no known role: anything goes
		}
		if !isHeadingWord(c, h.roles[i]) {
			return false
		}
		named++
	}
	return named >= 2
}

// headingKey is a cell's text for comparing with a heading: lower case,
// without spaces or emphasis markup.
func headingKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if !ignoredInKey(r) {
			b.WriteRune(unicode.ToLower(plainRune(r)))
		}
	}
	return b.String()
}

func ignoredInKey(r rune) bool {
	return unicode.IsSpace(r) || r == '*' || r == '`' || r == '_'
}

// sameKey reports whether headingKey(s) is key, without building it: a
// row's cells are compared with the header on every row.
func sameKey(s, key string) bool {
	for _, r := range s {
		if ignoredInKey(r) {
			continue
		}
		k, n := utf8.DecodeRuneInString(key)
		if n == 0 || k != unicode.ToLower(plainRune(r)) {
			return false
		}
		key = key[n:]
	}
	return key == ""
}

// isHeadingWord reports whether cell c is exactly one of the heading words
// of role want, emphasis and a colon aside. Unlike classify it does not
// look for the words inside longer text, so that a message mentioning
// "error code" is not a heading.
func isHeadingWord(c string, want role) bool {
	c = strings.Trim(c, " \t\n*`_:：")
	if strings.ContainsAny(c, "\t\n\u00a0") || strings.Contains(c, "  ") || strings.Contains(c, "\xef\xb7") {
		// Spacing to collapse, or escaped characters: the long way.
		return exactRole(strings.Trim(strings.ToLower(collapseSpace(plainText(c))), " *`_:：")) == want
	}
	for _, hw := range headingWords {
		if hw.role != want {
			continue
		}
		for _, w := range hw.words {
			if strings.EqualFold(c, w) {
				return true
			}
		}
	}
	return false
}

var delimCellRe = regexp.MustCompile(`^:?-{3,}:?$`)

// delimiterRow reports whether every cell of r is a Markdown delimiter
// cell (---, :---:) or empty.
func delimiterRow(r row) bool {
	for _, c := range r.cells {
		if c = strings.TrimSpace(c); c != "" && !delimCellRe.MatchString(c) {
			return false
		}
	}
	return !allEmpty(r.cells)
}

func cell(r row, cols columns, ro role) (string, bool) {
	i, ok := cols.idx[ro]
	if !ok || i >= len(r.cells) {
		return "", false
	}
	return r.cells[i], true
}

// addRow turns one row into an entry or a variant, or a diagnostic.
func (b *builder) addRow(t *table, cols columns, r row) {
	orig := map[string]string{}
	// A ragged row is read as far as its cells are clear, and reported.
	if len(r.extra) > 0 && !allEmpty(r.extra) {
		orig["extra_cells"] = strings.Join(plainAll(r.extra), " | ")
		n := len(r.cells) + len(r.extra)
		var what []string
		for i, c := range r.extra {
			if strings.TrimSpace(c) != "" {
				what = append(what, fmt.Sprintf("cell %d %q", len(r.cells)+i+1, plainText(cleanText(c))))
			}
		}
		b.diag(r.line, "row has %d cells, the header %d: %s past the last column %q; kept in source.original.extra_cells, the row read from its first %d cells",
			n, len(r.cells), strings.Join(what, ", "), heading(t, len(r.cells)-1), len(r.cells))
	}
	if r.missing > 0 {
		have := len(r.cells) - r.missing
		var what []string
		for i := have; i < len(r.cells); i++ {
			what = append(what, fmt.Sprintf("%d %q", i+1, heading(t, i)))
		}
		b.note(r.line, "row has %d cells, the header %d: no cell for column %s; read as empty", have, len(r.cells), strings.Join(what, ", "))
	}
	rawCode, _ := cell(r, cols, roleCode)
	code := cleanCode(rawCode)
	message, _ := cell(r, cols, roleMessage)
	description, _ := cell(r, cols, roleDescription)
	title, _ := cell(r, cols, roleTitle)
	remediation, _ := cell(r, cols, roleRemediation)
	message, description, title, remediation = cleanText(message), cleanText(description), cleanText(title), cleanText(remediation)
	// The message in several languages: the first language with text
	// leads, the others follow it into the entry.
	msgLoc := ""
	var otherLocs []string
	for _, l := range cols.locOrder {
		i := cols.locMsg[l]
		if i >= len(r.cells) || cleanText(r.cells[i]) == "" {
			continue
		}
		if msgLoc == "" {
			msgLoc, message = l, cleanText(r.cells[i])
			continue
		}
		otherLocs = append(otherLocs, l)
	}
	if message == "" {
		message = description
		description = ""
	}
	if description != "" {
		orig["description"] = plainText(description)
	}
	if code == "" {
		if message == "" && title == "" && remediation == "" && allEmpty(r.cells) {
			return // a blank row of the table layout, not a documented row
		}
		b.diag(r.line, "row has no error code (cells: %s)", quoteAll(plainAll(r.cells)))
		return
	}
	var pn paramNamer
	codeP, codeChanged := pn.rewriteCode(code)
	codeStatus := statusWithPhrase(codeP)
	if codeStatus != 0 {
		// "500 Internal Server Error" in the code column: the code is the
		// status; the published cell stays in source.original.
		orig["code"] = plainText(rawCode)
		codeP = strconv.Itoa(codeStatus)
	}
	if n := len(strings.Fields(codeP)); n > maxCodeWords {
		// A sentence in the code column: not a code at all.
		b.diag(r.line, "code %q is %d words; not read as an error code", plainText(rawCode), n)
		return
	}
	if strings.ContainsAny(codeP, " \t") {
		// A word of the message slipped into the code cell
		// ("X.Duplicate Specified | connection string …"): move it back
		// when the message reads on from it. The published cells stay in
		// source.original, where lint reports them. Otherwise the code is
		// kept as published, and lint reports it.
		i := strings.LastIndexAny(codeP, " \t")
		head, tail := strings.TrimSpace(codeP[:i]), codeP[i+1:]
		if !strings.ContainsAny(head, " \t") && message != "" && startsLower(message) && isWordish(tail) {
			orig["code"] = plainText(rawCode)
			orig["message"] = plainText(message)
			codeP = head
			message = tail + " " + message
		}
	}
	if message == "" && title != "" {
		message = title
		title = ""
	}
	if message == "" {
		b.diag(r.line, "code %s has no message", plainText(code))
		return
	}
	var status *int
	if raw, ok := cell(r, cols, roleStatus); ok {
		raw = plainText(cleanText(raw))
		st, keep, err := parseStatus(raw)
		if err != nil && isCodeRange(code) && statusRangeRe.MatchString(raw) {
			// A range of codes with a range of statuses (5xx): no one
			// status; the published one stays in source.original.
			err, keep = nil, true
		}
		if err != nil {
			b.diag(r.line, "code %s: %v; imported without an HTTP status", plainText(code), err)
			keep = true
		}
		status = st
		if keep {
			orig["http_status"] = raw
		}
	}
	if status == nil && codeStatus != 0 {
		status = &codeStatus
	}
	for _, i := range cols.extra {
		if i < len(r.cells) && strings.TrimSpace(r.cells[i]) != "" {
			orig[columnKey(heading(t, i))] = plainText(cleanText(r.cells[i]))
		}
	}

	if codeChanged {
		orig["code"] = firstNonEmpty(orig["code"], plainText(code))
	}
	msgP, msgChanged := pn.rewrite(message)
	if msgChanged {
		orig["message"] = firstNonEmpty(orig["message"], plainText(message))
	}
	remP, remChanged := pn.rewrite(remediation)
	if remChanged {
		orig["remediation"] = plainText(remediation)
	}
	titleP, titleChanged := pn.rewrite(title)
	if titleChanged {
		orig["title"] = plainText(title)
	}
	// Placeholders already written as {name} are params too; braces the
	// page escaped (&#123;x&#125;) are not braces here.
	for _, s := range []string{codeP, titleP, msgP, remP} {
		for _, name := range vocab.Placeholders(s) {
			pn.add(name, "{"+name+"}")
		}
	}
	// Characters the page escaped are text again.
	codeP, titleP, msgP, remP = plainText(codeP), plainText(titleP), plainText(msgP), plainText(remP)
	loc := "und" // replaced once the locale is known
	if msgLoc != "" {
		loc = msgLoc
	}
	others := map[string]string{}
	for _, l := range otherLocs {
		tp, changed := pn.rewrite(cleanText(r.cells[cols.locMsg[l]]))
		if changed {
			orig["message."+l] = plainText(cleanText(r.cells[cols.locMsg[l]]))
		}
		others[l] = plainText(tp)
	}
	alias := ""
	if raw, ok := cell(r, cols, roleAlias); ok {
		if a := cleanCode(raw); a != "" && a != plainText(codeP) {
			alias = a
		}
	}
	src := &catalog.Source{File: b.file, Line: r.line}
	if len(orig) > 0 {
		src.Original = orig
	}
	if e, ok := b.byCode[codeP]; ok {
		v := catalog.Variant{HTTPStatus: status, Message: catalog.T(loc, msgP), Source: src}
		if remP != "" {
			v.Remediation = catalog.T(loc, remP)
		}
		if title != "" {
			orig["title"] = plainText(title) // a variant has no title of its own
		}
		if len(orig) > 0 {
			src.Original = orig
		}
		v.Message = v.Message.WithMap(others)
		e.Variants = append(e.Variants, v)
		b.variants++
		mergeParams(e, pn.params)
		if alias != "" && !slices.Contains(e.Aliases, alias) {
			e.Aliases = append(e.Aliases, alias)
		}
		return
	}
	e := &catalog.Entry{Code: codeP, HTTPStatus: status, Message: catalog.T(loc, msgP), Source: src}
	if remP != "" {
		e.Remediation = catalog.T(loc, remP)
	}
	if titleP != "" {
		e.Title = catalog.T(loc, titleP)
	}
	e.Message = e.Message.WithMap(others)
	if alias != "" {
		e.Aliases = []string{alias}
	}
	e.Params = pn.params
	b.entries = append(b.entries, e)
	b.byCode[codeP] = e
}

func startsLower(s string) bool { return unicode.IsLower(firstRune(s)) }

func isWordish(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// maxCodeWords is the most words a code cell may have.
const maxCodeWords = 3

func allEmpty(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func columnKey(h string) string {
	k := snake(h)
	if k == "" {
		k = "column"
	}
	return k
}

func mergeParams(e *catalog.Entry, ps []catalog.Param) {
	for _, p := range ps {
		if !slices.ContainsFunc(e.Params, func(q catalog.Param) bool { return q.Name == p.Name }) {
			e.Params = append(e.Params, p)
		}
	}
}

var (
	codeTrim   = " \t*`_'\"“”:：,，;；"
	backslashR = regexp.MustCompile(`\\([[:punct:]])`)
)

// cleanCode strips markup left around a code: emphasis, code spans
// (including a broken one with a single backtick), quotes, a trailing colon.
func cleanCode(s string) string {
	s = collapseSpace(strings.ReplaceAll(s, "\n", " "))
	s = backslashR.ReplaceAllString(s, "$1")
	return strings.Trim(s, codeTrim)
}

// cleanText collapses whitespace and drops a stray backtick of a broken code
// span at either end.
func cleanText(s string) string {
	s = collapseSpace(s)
	if strings.Count(s, "`")%2 == 1 {
		s = strings.TrimSpace(strings.Trim(s, "`"))
	}
	return s
}

// catalog assembles the domain header and the entries.
func (b *builder) catalog(pg *page) (*catalog.Catalog, error) {
	o := b.opts
	if len(b.entries) == 0 {
		return nil, &Error{b.file, "no error code could be read; see the diagnostics"}
	}
	loc := o.Locale
	if loc == "" {
		loc = detectLocale(b.entries...)
		if len(b.locOrder) > 0 && !slices.ContainsFunc(b.entries, func(e *catalog.Entry) bool { return e.Message.Has("und") }) {
			loc = b.locOrder[0]
		}
	}
	d := catalog.Domain{
		ID:         o.Domain,
		Name:       o.Name,
		Provider:   o.Provider,
		Locales:    []string{loc},
		WireFormat: o.WireFormat,
		CodeKind:   o.CodeKind,
		DocsURL:    o.DocsURL,
		Source: &catalog.DomainSource{
			File:    b.file,
			Format:  pg.format,
			Title:   pg.title,
			Updated: pg.updated,
			Notes:   pg.notes,
			URL:     o.SourceURL,
		},
	}
	if d.ID == "" {
		d.ID = domainFromFile(b.file)
	}
	if d.Name == "" {
		d.Name = firstNonEmpty(pg.title, d.ID)
	}
	if d.WireFormat == "" {
		d.WireFormat = "problem"
	}
	if o.Description != "" {
		d.Description = catalog.T(loc, o.Description)
	}
	d.SubCode = detectSubCode(pg.prose, loc, o.SubCodeDescription)
	if d.CodeKind == "" {
		d.CodeKind = "integer"
		for _, e := range b.entries {
			// 007 is a code of digits, not the number 7: such codes are
			// strings.
			digits := strings.TrimPrefix(e.Code, "-")
			if !intRe.MatchString(e.Code) || len(digits) > 1 && digits[0] == '0' || e.Code == "-0" {
				d.CodeKind = "string"
				break
			}
		}
	}
	success := o.SuccessCode
	if success == "" {
		if e := b.byCode["0"]; e != nil && successWording(e.Message.Get("und")) {
			success = "0"
		} else {
			// Exactly one row documents success (200 OK, "成功").
			var ok []string
			for _, e := range b.entries {
				if e.HTTPStatus != nil && *e.HTTPStatus >= 200 && *e.HTTPStatus < 300 && (successWording(firstText(e.Message)+" "+e.Code) || strings.Contains(strings.ToLower(firstText(e.Message)), "succeed")) ||
					e.HTTPStatus == nil && strings.EqualFold(strings.TrimSpace(strings.TrimRight(firstText(e.Message), ".!。")), "success") {
					ok = append(ok, e.Code)
				}
			}
			if len(ok) == 1 {
				success = ok[0]
			}
		}
	}
	if success != "" {
		d.SuccessCode = &success
		if b.byCode[success] == nil {
			return nil, &Error{b.file, fmt.Sprintf("success code %q is not documented on the page", success)}
		}
	}

	if o.InternalCode != "" {
		if b.byCode[o.InternalCode] == nil {
			return nil, &Error{b.file, fmt.Sprintf("internal code %q is not documented on the page", o.InternalCode)}
		}
		d.InternalCode = o.InternalCode
	}

	c := &catalog.Catalog{Domain: d, Entries: make([]catalog.Entry, 0, len(b.entries))}
	for _, e := range b.entries {
		eloc := loc
		if o.Locale == "" {
			// A page mixing languages: each entry in its own.
			if hasLetters(e.Message.Get("und")) {
				eloc = detectLocale(&catalog.Entry{Message: e.Message})
			}
			if !slices.Contains(c.Domain.Locales, eloc) {
				c.Domain.Locales = append(c.Domain.Locales, eloc)
			}
		}
		if _, und := e.Message.Lookup("und"); !und {
			// The page named the languages of its messages.
			for _, l := range e.Message.Locales() {
				if !slices.Contains(c.Domain.Locales, l) {
					c.Domain.Locales = append(c.Domain.Locales, l)
				}
			}
			eloc = loc
			if hasLetters(e.Title.Get("und") + e.Remediation.Get("und")) {
				eloc = detectLocale(e)
			}
		}
		relocale(e, eloc)
		if o.Locale == "" {
			// A title or remediation in another language than the
			// message is kept in its own.
			for _, t := range []*catalog.Text{&e.Title, &e.Remediation} {
				if v, ok := t.Lookup(eloc); ok && t.Len() == 1 && hasLetters(v) {
					if l := detectLocale(&catalog.Entry{Message: catalog.T("und", v)}); l != eloc {
						*t = catalog.T(l, v)
						if !slices.Contains(c.Domain.Locales, l) {
							c.Domain.Locales = append(c.Domain.Locales, l)
						}
					}
				}
			}
		}
		if d.IsSuccess(e.Code) {
			e.Category = catalog.OK
		} else {
			inferCategory(e)
		}
		c.Entries = append(c.Entries, *e)
	}
	if ps := catalog.Validate(c); len(ps) > 0 {
		msgs := make([]string, len(ps))
		for i, p := range ps {
			msgs[i] = p.String()
		}
		return nil, &Error{b.file, "the imported catalog is not valid: " + strings.Join(msgs, "; ")}
	}
	return c, nil
}

var intRe = regexp.MustCompile(`^-?[0-9]+$`)

func successWording(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "success") || strings.Contains(l, "成功") || l == "ok"
}

func relocale(e *catalog.Entry, loc string) {
	move := func(t catalog.Text) catalog.Text {
		if v, ok := t.Lookup("und"); ok {
			return catalog.T(loc, v)
		}
		return t
	}
	e.Title, e.Message, e.Remediation = move(e.Title), move(e.Message), move(e.Remediation)
	for i := range e.Variants {
		e.Variants[i].Message = move(e.Variants[i].Message)
		e.Variants[i].Remediation = move(e.Variants[i].Remediation)
	}
}

func hasLetters(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// detectLocale returns zh-CN when the entries' texts are mostly Chinese.
func detectLocale(es ...*catalog.Entry) string {
	han, latin := 0, 0
	for _, e := range es {
		for _, r := range e.Message.Get("und") + e.Title.Get("und") + e.Remediation.Get("und") {
			switch {
			case isHan(r):
				han++
			case r < 0x80 && unicode.IsLetter(r):
				latin++
			}
		}
	}
	if han > 0 && han*2 >= latin {
		return "zh-CN"
	}
	return "en"
}

// domainFromFile derives a domain id from a file name: lower-case dotted
// words.
func domainFromFile(file string) string {
	base := strings.TrimSuffix(path.Base(strings.ReplaceAll(file, "\\", "/")), path.Ext(file))
	var b strings.Builder
	for _, r := range strings.ToLower(base) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	id := strings.Trim(b.String(), ".-")
	for strings.Contains(id, "..") {
		id = strings.ReplaceAll(id, "..", ".")
	}
	if id == "" {
		id = "imported"
	}
	return id
}

var subCodeExampleRe = regexp.MustCompile(`(?:"([A-Za-z_]+)"\s*:\s*)?"(\((\d+)\)\s*[^"]+)"`)

// detectSubCode finds a documented example of a module sub-code carried in
// parentheses at the start of a message, as in
// "message": "(100004) incorrect projectId".
func detectSubCode(prose []string, loc, desc string) *catalog.SubCode {
	for _, p := range prose {
		m := subCodeExampleRe.FindStringSubmatch(p)
		if m == nil {
			continue
		}
		field := m[1]
		if field == "" {
			field = "message"
		}
		sc := &catalog.SubCode{
			Field:   field,
			Pattern: `^\((?P<code>[0-9]+)\)\s*(?P<message>.*)$`,
			Example: m[2],
		}
		if desc != "" {
			sc.Description = catalog.T(loc, desc)
		}
		return sc
	}
	return nil
}

// snake turns words into a snake_case name.
func snake(s string) string {
	var b strings.Builder
	prevUnderscore := true
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case unicode.IsUpper(r) && r < 0x80:
			if !prevUnderscore && i > 0 && (unicode.IsLower(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1]))) {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
			prevUnderscore = false
		case (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9'):
			b.WriteRune(r)
			prevUnderscore = false
		default:
			if !prevUnderscore {
				b.WriteByte('_')
				prevUnderscore = true
			}
		}
	}
	out := strings.Trim(b.String(), "_")
	if out != "" && out[0] >= '0' && out[0] <= '9' {
		out = "p_" + out
	}
	return out
}

// firstText is a text in its first locale.
func firstText(t catalog.Text) string { return t.Get(firstLocale(t)) }

// allKnownStatuses reports whether column i holds two or more codes, each
// a registered HTTP status written as three digits.
func allKnownStatuses(t *table, i int) bool {
	return columnAll(t, i, 2, func(c string) bool {
		v, err := strconv.Atoi(c)
		return err == nil && len(c) == 3 && http.StatusText(v) != ""
	})
}

// statusRangeRe is an HTTP status written as a range (4xx, 5XX).
var statusRangeRe = regexp.MustCompile(`^[1-5][xX]{2}$`)

// fieldWords are headings of tables that document parameters or fields,
// not errors.
var fieldWords = []string{"parameter", "parameters", "param", "params", "field", "fields", "property", "properties",
	"attribute", "attributes", "type", "data type", "required", "default", "参数", "参数名", "字段", "类型", "必填", "是否必填", "是否必选", "默认值", "属性"}

// notErrorTable says why t, which has no error-code column, is not read:
// its headings, and, when its first heading or two of them are words of
// parameter tables, that it documents parameters or fields.
func notErrorTable(t *table) string {
	if len(t.header) == 0 || allEmpty(t.header) {
		return "no headings and no column of error codes"
	}
	if roles, _ := headingRoles(t.header); !slices.Contains(roles, roleMessage) && !slices.Contains(roles, roleDescription) {
		if i := contentCodeColumn(t, roles); i >= 0 {
			return fmt.Sprintf("column %q holds error codes but no column gives their messages (headings %s; say which with --map 'message=HEADING')", t.header[i], quoteAll(t.header))
		}
	}
	n, first := 0, false
	for i, h := range t.header {
		k := strings.ToLower(h)
		if slices.ContainsFunc(fieldWords, func(w string) bool { return containsWord(k, w) }) {
			n++
			first = first || i == 0
		}
	}
	what := ""
	if n >= 2 || first {
		what = "; a table of parameters or fields"
	}
	return fmt.Sprintf("no error-code column (headings %s%s)", quoteAll(t.header), what)
}

// contentCodeColumn is the one column of no role by its heading whose
// heading may name codes ("Error", "Key", "ID", none) and whose cells are
// all codes by their look (400, 411; REQUEST_TOO_LARGE; Quota.Spent), or
// -1. Under other headings ("Port", "Year") numbers are not codes.
func contentCodeColumn(t *table, roles []role) int {
	found := -1
	for i, r := range roles {
		if r != roleNone || i >= len(t.header) {
			continue
		}
		h := strings.Trim(strings.ToLower(collapseSpace(plainText(t.header[i]))), " *`_:：")
		if !(h == "" || containsWord(h, "error") || containsWord(h, "errors") || containsWord(h, "错误") ||
			slices.Contains([]string{"key", "id", "编号", "标识"}, h)) {
			continue
		}
		isCode := func(c string) bool {
			return intRe.MatchString(c) || upperSnakeRe.MatchString(c) || listCodeRe.MatchString(c) && strings.Contains(c, ".")
		}
		if !columnAll(t, i, 2, isCode) {
			continue
		}
		if found >= 0 {
			return -1 // two such columns: neither is sure
		}
		found = i
	}
	return found
}

// upperSnakeRe is a name in upper snake case (REQUEST_TOO_LARGE).
var upperSnakeRe = regexp.MustCompile(`^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$`)

// stubCode reports whether t's first column, a stub column (row headings)
// with a heading of no role, holds the codes: no other column does.
func stubCode(t *table, roles []role) bool {
	return t.stub > 0 && len(roles) > 0 && roles[0] == roleNone && !slices.Contains(roles, roleCode)
}
