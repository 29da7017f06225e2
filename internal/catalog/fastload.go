package catalog

import (
	"errors"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/goccy/go-yaml/ast"
)

// ParseFast parses a catalog exactly as Parse does, but reads the YAML
// subset errcat itself writes with a streaming reader that is many times
// faster and lighter than the full YAML parser: block mappings and
// sequences, plain, single- and double-quoted one-line scalars, and
// one-line flow collections. The domain header is small and goes through
// the full parser. On anything outside the subset (block scalars, anchors,
// tags, comments after values, multi-line strings, unknown keys, values
// whose type the subset cannot tell), or when the catalog does not
// validate, ParseFast falls back to Parse, so the result and every error
// message are Parse's. The one exception is a file in the subset too
// large for Parse (maxFullSize) that does not validate: its problems are
// placed at the entries they concern.
func ParseFast(name string, data []byte) (*Catalog, error) {
	return parseFast(name, string(data), data, false)
}

// LoadFileFast reads and parses one catalog file with ParseFast.
func LoadFileFast(name string) (*Catalog, error) {
	data, err := readFile(name)
	if err != nil {
		return nil, err
	}
	return parseOwned(name, data)
}

// parseOwned is ParseFast for data that belongs to the caller alone and
// never changes afterwards: the catalog's strings point into it instead
// of into a copy, which matters for a file of hundreds of megabytes.
func parseOwned(name string, data []byte) (*Catalog, error) {
	if len(data) == 0 {
		return Parse(name, data)
	}
	return parseFast(name, unsafe.String(unsafe.SliceData(data), len(data)), data, true)
}

// parseFast is ParseFast of data, which s holds as a string; owned says
// that data is the caller's alone (see parseOwned).
func parseFast(name, s string, data []byte, owned bool) (*Catalog, error) {
	c, header, ok := parseSubset(name, s, parallelMin, stdLimits())
	if !ok {
		return Parse(name, data)
	}
	// A large catalog is checked and compacted in pieces at once.
	workers := max(1, min(runtime.GOMAXPROCS(0), 8, len(c.Entries)/minPart))
	if ps := validate(c, workers); len(ps) > 0 || c.Domain.CodeKind == "integer" && len(codeProblems(c)) > 0 {
		if len(data) > maxFullSize {
			return nil, placeProblems(name, c, header, append(ps, codeProblems(c)...))
		}
		return Parse(name, data)
	}
	if owned && len(data) >= compactMin {
		// Most of a large file is keys, indentation and repeats: copy the
		// strings out so the file's bytes can go.
		compact(c, workers, s)
	}
	return c, nil
}

// placeProblems places problems of a catalog the fast reader read, for a
// file too large for Parse to place them: a problem of an entry or of a
// variant is placed at its start, one of the domain at its place in the
// header.
func placeProblems(name string, c *Catalog, header ast.Node, ps []Problem) ErrorList {
	var list ErrorList
	for _, p := range ps {
		var pos Pos
		if len(p.Path) >= 2 && p.Path[0] == "entries" {
			if i, ok := p.Path[1].(int); ok && i < len(c.Entries) {
				e := &c.Entries[i]
				pos = e.Pos
				if len(p.Path) >= 4 && p.Path[2] == "variants" {
					if j, ok := p.Path[3].(int); ok && j < len(e.Variants) && e.Variants[j].Pos.Line > 0 {
						pos = e.Variants[j].Pos
					}
				}
			}
		} else if header != nil {
			list = append(list, problemError(name, header, p))
			continue
		}
		list = append(list, &Error{File: name, Line: pos.Line, Col: pos.Col, Msg: p.Msg})
	}
	list.sort()
	return list
}

// minPart is the fewest entries worth a goroutine of their own when a
// catalog is checked and compacted.
const minPart = 50000

// compactMin is the file size from which parseOwned compacts the
// catalog's strings instead of keeping the whole file alive.
const compactMin = 1 << 20

// errSubset means the input is outside the fast reader's subset.
var errSubset = errors.New("outside the fast subset")

// fnode is a parsed YAML node of the subset.
type fnode struct {
	kind  byte // 's' scalar, 'm' mapping, 'q' sequence
	str   string
	plain bool // an unquoted scalar
	keys  []string
	vals  []*fnode
	items []*fnode
	pos   Pos // the node's first key (mappings) or its start
}

// fparser reads the subset line by line.
type fparser struct {
	data string
	off  int // start of the next unread line
	end  int // where to stop reading
	line int // number of the next unread line (1-based)

	// the peeked line
	peeked  bool
	pIndent int
	pText   string // content after the indentation, without line end
	pLine   int
	pStart  int // offset of the line

	// nodes is an arena of nodes, reused for every entry.
	nodes []fnode
	nn    int

	lim   limits
	depth int // collections open
	// tabs is false when data holds no tab, so that lines need not be
	// searched for one.
	tabs bool

	texts textArena // the entries' texts
}

// enter opens a collection; too deep a document is outside the subset
// (Parse reports it).
func (p *fparser) enter() error {
	p.depth++
	if p.depth > p.lim.depth {
		return errSubset
	}
	return nil
}

func (p *fparser) leave() { p.depth-- }

// node returns a cleared node of the arena.
func (p *fparser) node(kind byte) *fnode {
	if p.nn == len(p.nodes) {
		p.nodes = append(p.nodes, fnode{})
		p.nodes = p.nodes[:cap(p.nodes)]
	}
	n := &p.nodes[p.nn]
	p.nn++
	*n = fnode{kind: kind, keys: n.keys[:0], vals: n.vals[:0], items: n.items[:0]}
	return n
}

// peek returns the next line that is not blank or a comment. Its indent
// is -1 when the line holds a tab, which the subset does not read.
func (p *fparser) peek() (indent int, text string, line int, ok bool) {
	if p.peeked {
		return p.pIndent, p.pText, p.pLine, true
	}
	for p.off < p.end {
		start := p.off
		end := strings.IndexByte(p.data[start:p.end], '\n')
		next := start + end + 1
		if end < 0 {
			end = p.end - start
			next = p.end
		}
		raw := strings.TrimSuffix(p.data[start:start+end], "\r")
		line := p.line
		p.line++
		p.off = next
		i := 0
		for i < len(raw) && raw[i] == ' ' {
			i++
		}
		content := strings.TrimRight(raw[i:], " ")
		if len(content) == 0 || content[0] == '#' {
			continue
		}
		p.peeked, p.pIndent, p.pText, p.pLine, p.pStart = true, i, content, line, start
		if p.tabs && strings.IndexByte(raw, '\t') >= 0 {
			p.pIndent = -1
		}
		return p.pIndent, p.pText, p.pLine, true
	}
	return 0, "", 0, false
}

func (p *fparser) consume() { p.peeked = false }

// splitKey splits "key: rest" or "key:"; ok is false when text is not a
// simple key.
func splitKey(text string) (key, rest string, ok bool) {
	i := 0
	for i < len(text) && (text[i] >= 'a' && text[i] <= 'z' || text[i] >= 'A' && text[i] <= 'Z' || text[i] >= '0' && text[i] <= '9' || text[i] == '_' || text[i] == '-' || text[i] == '.') {
		i++
	}
	if i == 0 || i >= len(text) || text[i] != ':' {
		return "", "", false
	}
	if i+1 < len(text) && text[i+1] != ' ' {
		return "", "", false
	}
	return text[:i], strings.TrimLeft(text[i+1:], " "), true
}

// parseMap reads a block mapping whose keys sit at indent; first, when
// set, is the text of its first key line (after "- ").
func (p *fparser) parseMap(indent int, first string, firstLine int) (*fnode, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	n := p.node('m')
	for {
		var text string
		var line int
		if first != "" {
			text, line, first = first, firstLine, ""
		} else {
			ind, t, l, ok := p.peek()
			if !ok || ind < indent {
				break
			}
			if ind != indent {
				return nil, errSubset
			}
			if strings.HasPrefix(t, "- ") || t == "-" {
				break
			}
			p.consume()
			text, line = t, l
		}
		key, rest, ok := splitKey(text)
		if !ok || len(n.keys) >= p.lim.keys {
			return nil, errSubset
		}
		for _, k := range n.keys {
			if k == key {
				return nil, errSubset // duplicate key: Parse reports it
			}
		}
		if len(n.keys) == 0 {
			n.pos = Pos{Line: line, Col: indent + 1}
		}
		var v *fnode
		var err error
		if rest == "" {
			v, err = p.parseBlock(indent)
		} else {
			v, err = p.inline(rest, indent)
		}
		if err != nil {
			return nil, err
		}
		n.keys = append(n.keys, key)
		n.vals = append(n.vals, v)
	}
	return n, nil
}

// parseBlock reads the block value of a key at parentIndent.
func (p *fparser) parseBlock(parentIndent int) (*fnode, error) {
	ind, t, _, ok := p.peek()
	if !ok || ind < parentIndent || ind < 0 {
		return nil, errSubset // an empty value
	}
	isSeq := strings.HasPrefix(t, "- ") || t == "-"
	switch {
	case isSeq && ind >= parentIndent:
		return p.parseSeq(ind, nil)
	case ind > parentIndent:
		return p.parseMap(ind, "", 0)
	}
	return nil, errSubset
}

// parseSeq reads a block sequence at indent; each, when set, receives the
// items one by one instead of collecting them.
func (p *fparser) parseSeq(indent int, each func(*fnode) error) (*fnode, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	n := p.node('q')
	for count := 1; ; count++ {
		ind, t, line, ok := p.peek()
		if !ok || ind < indent {
			break
		}
		if ind != indent {
			return nil, errSubset
		}
		if !(strings.HasPrefix(t, "- ") || t == "-") {
			break // a key of the enclosing mapping
		}
		if count > p.lim.items {
			return nil, errSubset
		}
		p.consume()
		rest := strings.TrimLeft(strings.TrimPrefix(t, "-"), " ")
		if rest == "" {
			return nil, errSubset
		}
		var item *fnode
		var err error
		if _, _, isKey := splitKey(rest); isKey {
			item, err = p.parseMap(indent+len(t)-len(rest), rest, line)
		} else {
			item, err = p.inline(rest, indent)
		}
		if err != nil {
			return nil, err
		}
		if each != nil {
			if err := each(item); err != nil {
				return nil, err
			}
			continue
		}
		n.items = append(n.items, item)
	}
	return n, nil
}

// inline reads a value that starts on the key's line: a scalar or a flow
// collection, which must end on the line.
func (p *fparser) inline(s string, parentIndent int) (*fnode, error) {
	switch s[0] {
	case '|':
		v, err := p.literal(s, parentIndent)
		if err != nil {
			return nil, err
		}
		n := p.node('s')
		n.str = v
		return n, nil
	case '[', '{':
		n, rest, err := p.flow(s)
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(rest) != "" {
			return nil, errSubset
		}
		return n, nil
	case '"', '\'':
		v, rest, err := quoted(s)
		if err != nil || strings.TrimSpace(rest) != "" {
			return nil, errSubset
		}
		n := p.node('s')
		n.str = v
		return n, nil
	}
	if !plainOK(s, false) {
		return nil, errSubset
	}
	n := p.node('s')
	n.str, n.plain = s, true
	return n, nil
}

// literal reads a literal block scalar (|, |- or |+) whose header ends
// the current line, as errcat's writer emits multi-line texts. Its lines
// are indented deeper than parentIndent; the first one sets the indent.
func (p *fparser) literal(header string, parentIndent int) (string, error) {
	chomp := byte(0)
	switch header {
	case "|":
	case "|-", "|+":
		chomp = header[1]
	default:
		return "", errSubset // indentation indicators, comments
	}
	var lines []string
	blockIndent := -1
	finalBreak := true // whether the last line read ends with a line break
	for p.off < p.end {
		end := strings.IndexByte(p.data[p.off:p.end], '\n')
		next := p.off + end + 1
		finalBreak = end >= 0
		if end < 0 {
			end = p.end - p.off
			next = p.end
		}
		raw := p.data[p.off : p.off+end]
		i := 0
		for i < len(raw) && raw[i] == ' ' {
			i++
		}
		if p.tabs && strings.IndexByte(raw, '\t') >= 0 {
			return "", errSubset
		}
		if i == len(raw) { // a blank line
			if blockIndent >= 0 && i > blockIndent || blockIndent < 0 && i > parentIndent+1 {
				return "", errSubset // spaces that may be content
			}
			lines = append(lines, "")
		} else {
			if blockIndent < 0 {
				if i <= parentIndent {
					break // an empty block
				}
				blockIndent = i
			}
			if i < blockIndent {
				break
			}
			lines = append(lines, raw[blockIndent:])
		}
		p.off = next
		p.line++
	}
	if blockIndent < 0 {
		return "", errSubset // only blank lines: leave it to Parse
	}
	// Trailing blank lines belong to the block only with |+.
	content := len(lines)
	for content > 0 && lines[content-1] == "" {
		content--
	}
	text := strings.Join(lines[:content], "\n")
	switch {
	case !finalBreak && content == len(lines) && (chomp != '-' || strings.HasSuffix(text, " ")):
		// The file ends inside the text: leave it to Parse, which drops
		// the spaces at the end of such a last line.
		return "", errSubset
	case chomp == '-':
		return text, nil
	case chomp == '+':
		return text + strings.Repeat("\n", len(lines)-content+1), nil
	}
	return text + "\n", nil
}

// plainOK reports whether s is a plain scalar the subset reads as text.
func plainOK(s string, inFlow bool) bool {
	if s == "" || strings.ContainsRune("[]{}!&*|>%@`#,?:-'\"", rune(s[0])) && !(s[0] == '-' && len(s) > 1 && s[1] != ' ') {
		return false
	}
	// In one pass: no ": ", " #" or final ":", and in a flow collection
	// none of ",[]{}".
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ':':
			if i+1 == len(s) || s[i+1] == ' ' {
				return false
			}
		case ' ':
			if i+1 < len(s) && s[i+1] == '#' {
				return false
			}
		case ',', '[', ']', '{', '}':
			if inFlow {
				return false
			}
		}
	}
	return true
}

// flow reads a one-line flow sequence or mapping at the start of s.
func (p *fparser) flow(s string) (*fnode, string, error) {
	if err := p.enter(); err != nil {
		return nil, "", err
	}
	defer p.leave()
	open := s[0]
	closeCh := byte(']')
	n := p.node('q')
	if open == '{' {
		closeCh, n.kind = '}', 'm'
	}
	s = strings.TrimLeft(s[1:], " ")
	if s != "" && s[0] == closeCh {
		return n, s[1:], nil
	}
	for count := 1; ; count++ {
		if open == '{' && count > p.lim.keys || count > p.lim.items {
			return nil, "", errSubset
		}
		var key string
		if open == '{' {
			i := strings.IndexByte(s, ':')
			if i <= 0 {
				return nil, "", errSubset
			}
			k, _, ok := splitKey(s[:i+1])
			if !ok {
				return nil, "", errSubset
			}
			key = k
			for _, old := range n.keys {
				if old == key {
					return nil, "", errSubset
				}
			}
			s = strings.TrimLeft(s[i+1:], " ")
		}
		var v *fnode
		switch {
		case s == "":
			return nil, "", errSubset
		case s[0] == '[' || s[0] == '{':
			var err error
			v, s, err = p.flow(s)
			if err != nil {
				return nil, "", err
			}
		case s[0] == '"' || s[0] == '\'':
			str, rest, err := quoted(s)
			if err != nil {
				return nil, "", err
			}
			v, s = p.node('s'), rest
			v.str = str
		default:
			j := strings.IndexAny(s, ",]}")
			if j < 0 {
				return nil, "", errSubset
			}
			val := strings.TrimRight(s[:j], " ")
			if !plainOK(val, true) {
				return nil, "", errSubset
			}
			v, s = p.node('s'), s[j:]
			v.str, v.plain = val, true
		}
		if open == '{' {
			n.keys = append(n.keys, key)
			n.vals = append(n.vals, v)
		} else {
			n.items = append(n.items, v)
		}
		s = strings.TrimLeft(s, " ")
		switch {
		case s != "" && s[0] == ',':
			s = strings.TrimLeft(s[1:], " ")
		case s != "" && s[0] == closeCh:
			return n, s[1:], nil
		default:
			return nil, "", errSubset
		}
	}
}

// quoted reads a one-line single- or double-quoted scalar at the start of
// s and returns its value and the rest of s.
func quoted(s string) (string, string, error) {
	q := s[0]
	if j := strings.IndexByte(s[1:], q); j >= 0 && (q == '\'' || strings.IndexByte(s[1:1+j], '\\') < 0) {
		if q == '"' || !strings.HasPrefix(s[2+j:], "'") {
			return s[1 : 1+j], s[2+j:], nil
		}
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case q == '\'' && c == '\'':
			if i+1 < len(s) && s[i+1] == '\'' {
				b.WriteByte('\'')
				i++
				continue
			}
			return b.String(), s[i+1:], nil
		case q == '"' && c == '"':
			return b.String(), s[i+1:], nil
		case q == '"' && c == '\\':
			if i+1 >= len(s) {
				return "", "", errSubset
			}
			i++
			switch e := s[i]; e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case '0':
				b.WriteByte(0)
			case 'x', 'u', 'U':
				width := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
				if i+width >= len(s) {
					return "", "", errSubset
				}
				v, err := strconv.ParseUint(s[i+1:i+1+width], 16, 32)
				if err != nil || !utf8.ValidRune(rune(v)) {
					return "", "", errSubset
				}
				b.WriteRune(rune(v))
				i += width
			default:
				return "", "", errSubset
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", "", errSubset // not closed on this line
}

// parseSubset reads data with the fast reader within lim; ok is false
// when the input is outside the subset. header is the domain header's
// document, for placing its problems.
func parseSubset(name string, data string, minParallel int, lim limits) (c *Catalog, header ast.Node, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			c, header, ok = nil, nil, false
		}
	}()
	// Carriage returns count as line breaks of their own for the YAML
	// library, which would shift positions: leave such files to Parse.
	if len(data) > maxFileSize || !plainText(data) {
		return nil, nil, false
	}
	tabs := strings.IndexByte(data, '\t') >= 0
	p := &fparser{data: data, line: 1, end: len(data), lim: lim, depth: 1, tabs: tabs}
	c = &Catalog{File: name}
	seen := map[string]bool{}
	for {
		ind, t, _, more := p.peek()
		if !more {
			break
		}
		if ind != 0 {
			return nil, nil, false
		}
		key, rest, isKey := splitKey(t)
		if !isKey || rest != "" || seen[key] {
			return nil, nil, false
		}
		seen[key] = true
		switch key {
		case "domain":
			var err error
			if header, err = p.domain(c); err != nil {
				return nil, nil, false
			}
		case "entries":
			p.consume()
			ind, t, _, more := p.peek()
			if !more || ind == 0 && !strings.HasPrefix(t, "- ") {
				continue // no entries
			}
			if ind < 0 || !strings.HasPrefix(t, "- ") {
				return nil, nil, false
			}
			// A large entries section is read in chunks at once; should
			// that fail (say, a key follows the entries), it is read
			// again in one piece, as a small one is.
			if ind > 0 && len(p.data)-p.pStart > minParallel {
				if es, ok := parseEntriesParallel(p.data, p.pStart, p.pLine, ind, lim, tabs); ok {
					c.Entries = es
					p.peeked, p.off = false, len(p.data)
					continue
				}
			}
			_, err := p.parseSeq(ind, func(n *fnode) error {
				e, err := p.entry(n)
				if err != nil {
					return err
				}
				c.Entries = append(c.Entries, e)
				p.nn = 0 // the entry's nodes are free again
				return nil
			})
			if err != nil {
				return nil, nil, false
			}
		default:
			return nil, nil, false
		}
	}
	if !seen["domain"] || !seen["entries"] {
		return nil, nil, false
	}
	return c, header, true
}

// plainText reports whether data is valid UTF-8 without carriage
// returns; a large text is checked in pieces at once.
func plainText(data string) bool {
	if len(data) < parallelMin {
		return utf8.ValidString(data) && strings.IndexByte(data, '\r') < 0
	}
	// Pieces end after a line break, which is never part of a longer
	// UTF-8 sequence: the text is valid if each piece is.
	workers := max(1, min(runtime.GOMAXPROCS(0), 8))
	oks := make([]bool, workers)
	var wg sync.WaitGroup
	from := 0
	for w := range workers {
		to := len(data)
		if w < workers-1 {
			to = max(from, len(data)*(w+1)/workers)
			if k := strings.IndexByte(data[to:], '\n'); k >= 0 {
				to += k + 1
			} else {
				to = len(data)
			}
		}
		piece := data[from:to]
		wg.Go(func() { oks[w] = utf8.ValidString(piece) && strings.IndexByte(piece, '\r') < 0 })
		from = to
	}
	wg.Wait()
	return !slices.Contains(oks, false)
}

// parallelMin is the size of an entries section worth splitting among
// goroutines.
const parallelMin = 4 << 20

// parseEntriesParallel reads an entries sequence that runs from offset
// start (line number line) to the end of data, with items at indent, in
// chunks split at item boundaries, one goroutine per processor; tabs
// says whether data holds a tab.
func parseEntriesParallel(data string, start, line, indent int, lim limits, tabs bool) ([]Entry, bool) {
	sep := "\n" + strings.Repeat(" ", indent) + "- "
	workers := max(1, min(runtime.GOMAXPROCS(0), 8))
	type chunk struct {
		from, to, line, first, n int
	}
	chunks := make([]chunk, 0, workers)
	from := start
	for w := range workers {
		to := len(data)
		if w < workers-1 {
			mid := start + (len(data)-start)*(w+1)/workers
			if mid < from {
				mid = from
			}
			k := strings.Index(data[mid:], sep)
			if k < 0 {
				to = len(data)
			} else {
				to = mid + k + 1
			}
		}
		chunks = append(chunks, chunk{from: from, to: to})
		from = to
		if to == len(data) {
			break
		}
	}
	// Count each chunk's items and lines at once, then number them.
	lines := make([]int, len(chunks))
	var wg sync.WaitGroup
	for i := range chunks {
		ch := &chunks[i]
		wg.Go(func() {
			ch.n = strings.Count(data[ch.from-1:ch.to-1], sep)
			lines[i] = strings.Count(data[ch.from:ch.to], "\n")
		})
	}
	wg.Wait()
	total := 0
	for i := range chunks {
		chunks[i].line, chunks[i].first = line, total
		total += chunks[i].n
		line += lines[i]
	}
	if total > lim.items {
		return nil, false
	}
	// Size the slice once: growing a million entries by copying would
	// hold two copies at the end.
	entries := make([]Entry, total)
	oks := make([]bool, len(chunks))
	for i, ch := range chunks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if recover() != nil {
					oks[i] = false
				}
			}()
			p := &fparser{data: data, off: ch.from, end: ch.to, line: ch.line, lim: lim, depth: 1, tabs: tabs}
			k := ch.first
			_, err := p.parseSeq(indent, func(n *fnode) error {
				if k >= ch.first+ch.n {
					return errSubset
				}
				e, err := p.entry(n)
				if err != nil {
					return err
				}
				entries[k] = e
				k++
				p.nn = 0
				return nil
			})
			_, _, _, more := p.peek()
			oks[i] = err == nil && !more && k == ch.first+ch.n
		}()
	}
	wg.Wait()
	for _, ok := range oks {
		if !ok {
			return nil, false
		}
	}
	return entries, true
}

// domain decodes the domain header with the full YAML decoder, within
// the loader's limits: it is a handful of lines, and holds the few
// free-form values (lint options). It returns the header's document.
func (p *fparser) domain(c *Catalog) (ast.Node, error) {
	start, line := p.pStart, p.pLine
	p.consume()
	end := len(p.data)
	for {
		ind, _, _, more := p.peek()
		if !more {
			break
		}
		if ind == 0 {
			end = p.pStart
			break
		}
		p.consume()
	}
	// Pad with the lines before the header, so positions stay right.
	doc := make([]byte, 0, end-start+line)
	for range line - 1 {
		doc = append(doc, '\n')
	}
	doc = append(doc, p.data[start:end]...)
	var v struct {
		Domain Domain `yaml:"domain"`
	}
	body, err := decodeDocument(c.File, doc, "catalog", "domain and entries", &v)
	if err != nil {
		return nil, errSubset
	}
	c.Domain = v.Domain
	return body, nil
}

// The decoders below turn subset nodes into the model. Anything they do
// not recognise is errSubset: Parse then reads the file and reports it.

func (p *fparser) entry(n *fnode) (Entry, error) {
	var e Entry
	if n.kind != 'm' || n.pos.Line == 0 {
		return e, errSubset // a flow mapping: Parse knows its position
	}
	e.Pos = n.pos
	for i, k := range n.keys {
		v := n.vals[i]
		var err error
		switch k {
		case "code":
			e.Code, err = textOf(v)
		case "http_status":
			var s int
			s, err = intOf(v)
			e.HTTPStatus = &s
		case "category":
			var s string
			s, err = textOf(v)
			e.Category = Category(s)
		case "reason":
			e.Reason, err = textOf(v)
		case "retry_after":
			e.RetryAfter, err = textOf(v)
		case "retryable":
			var b bool
			b, err = boolOf(v)
			e.Retryable = &b
		case "inferred":
			e.Inferred, err = stringsOf(v)
		case "title":
			e.Title, err = textMapOf(v, &p.texts)
		case "message":
			e.Message, err = textMapOf(v, &p.texts)
		case "remediation":
			e.Remediation, err = textMapOf(v, &p.texts)
		case "origin":
			var m map[string]string
			m, err = stringMapOf(v)
			if err == nil {
				e.Origin = make(map[string]Origin, len(m))
				for l, o := range m {
					e.Origin[l] = internOrigin(o)
				}
			}
		case "params":
			e.Params, err = paramsOf(v)
		case "variants":
			e.Variants, err = variantsOf(v, &p.texts)
		case "deprecated":
			e.Deprecated, err = boolOf(v)
		case "replaced_by":
			e.ReplacedBy, err = textOf(v)
		case "aliases":
			e.Aliases, err = stringsOf(v)
		case "exempt":
			e.Exempt, err = exemptOf(v)
		case "source":
			e.Source, err = sourceOf(v)
		default:
			err = errSubset
		}
		if err != nil {
			return e, err
		}
	}
	return e, nil
}

// textOf reads a string scalar. A plain scalar that YAML would read as
// another type (a number, a bool, null) is left to the full parser.
func textOf(n *fnode) (string, error) {
	if n.kind != 's' {
		return "", errSubset
	}
	if n.plain && !plainString(n.str) {
		return "", errSubset
	}
	return n.str, nil
}

// plainString reports whether a plain scalar is a string for YAML: not
// null, a bool, a number or a timestamp, which the full parser may turn
// into something else.
func plainString(s string) bool {
	if len(s) <= 5 {
		switch strings.ToLower(s) {
		case "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", "+.inf", ".nan":
			return false
		}
	}
	// Every number or timestamp starts with a sign, a digit or a dot.
	if c := s[0]; c != '-' && c != '+' && c != '.' && (c < '0' || c > '9') {
		return true
	}
	return !numberLike.MatchString(s)
}

// numberLike matches plain scalars YAML 1.1 or 1.2 could read as numbers
// (decimal, float, hex, octal, binary, base 60) or timestamps.
var numberLike = regexp.MustCompile(`^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?$|^[-+]?0[xXoObB][0-9a-fA-F_]+$|^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$|^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}`)

func intOf(n *fnode) (int, error) {
	if n.kind != 's' || !n.plain {
		return 0, errSubset
	}
	v, err := strconv.Atoi(n.str)
	if err != nil || (len(n.str) > 1 && n.str[0] == '0') || n.str[0] == '+' {
		return 0, errSubset
	}
	return v, nil
}

func boolOf(n *fnode) (bool, error) {
	if n.kind != 's' || !n.plain {
		return false, errSubset
	}
	switch n.str {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, errSubset
}

func stringsOf(n *fnode) ([]string, error) {
	if n.kind != 'q' {
		return nil, errSubset
	}
	out := make([]string, len(n.items))
	for i, it := range n.items {
		s, err := textOf(it)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

// textMapOf reads a mapping of locales to texts, encoded in a (nil: on
// its own).
func textMapOf(n *fnode, a *textArena) (Text, error) {
	if n.kind != 'm' {
		return Text{}, errSubset
	}
	var buf [4]textPair
	ps := buf[:0]
	for i, k := range n.keys {
		s, err := textOf(n.vals[i])
		if err != nil {
			return Text{}, err
		}
		ps = append(ps, textPair{k, s})
	}
	if a == nil {
		return makeText(ps), nil
	}
	return a.make(ps), nil
}

// stringMapOf reads a mapping of strings into a map whose keys do not
// point into the file.
func stringMapOf(n *fnode) (map[string]string, error) {
	if n.kind != 'm' {
		return nil, errSubset
	}
	m := make(map[string]string, len(n.keys))
	for i, k := range n.keys {
		s, err := textOf(n.vals[i])
		if err != nil {
			return nil, err
		}
		m[internKey(k)] = s
	}
	return m, nil
}

// internOrigin returns an Origin that does not point into the file.
func internOrigin(o string) Origin {
	for _, known := range []Origin{OriginSource, OriginTranslated, OriginReviewed} {
		if string(known) == o {
			return known
		}
	}
	return Origin(strings.Clone(o))
}

// internKey returns a map key that does not point into the file: the
// usual locale tags and field names are constants, anything else a copy.
// Keys repeat in every entry, so compacting them later would cost a map
// re-insert each.
func internKey(k string) string {
	switch k {
	case "en":
		return "en"
	case "zh-CN":
		return "zh-CN"
	case "zh-TW":
		return "zh-TW"
	case "ja":
		return "ja"
	case "ko":
		return "ko"
	case "code":
		return "code"
	case "message":
		return "message"
	case "remediation":
		return "remediation"
	case "title":
		return "title"
	case "http_status":
		return "http_status"
	case "description":
		return "description"
	}
	return strings.Clone(k)
}

// fields calls f for each key of a mapping node.
func fields(n *fnode, f func(k string, v *fnode) error) error {
	if n.kind != 'm' {
		return errSubset
	}
	for i, k := range n.keys {
		if err := f(k, n.vals[i]); err != nil {
			return err
		}
	}
	return nil
}

// seqOf reads a sequence of mappings into a []T, one field at a time.
func seqOf[T any](n *fnode, field func(t *T, k string, v *fnode) error) ([]T, error) {
	if n.kind != 'q' {
		return nil, errSubset
	}
	out := make([]T, len(n.items))
	for i, it := range n.items {
		if err := fields(it, func(k string, v *fnode) error { return field(&out[i], k, v) }); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func paramsOf(n *fnode) ([]Param, error) {
	return seqOf(n, func(p *Param, k string, v *fnode) (err error) {
		switch k {
		case "name":
			p.Name, err = textOf(v)
		case "description":
			p.Description, err = textOf(v)
		default:
			err = errSubset
		}
		return err
	})
}

func exemptOf(n *fnode) ([]Exemption, error) {
	return seqOf(n, func(x *Exemption, k string, v *fnode) (err error) {
		switch k {
		case "rule":
			x.Rule, err = textOf(v)
		case "reason":
			x.Reason, err = textOf(v)
		default:
			err = errSubset
		}
		return err
	})
}

func sourceOf(n *fnode) (*Source, error) {
	s := new(Source)
	err := fields(n, func(k string, v *fnode) (err error) {
		switch k {
		case "file":
			s.File, err = textOf(v)
		case "line":
			s.Line, err = intOf(v)
		case "original":
			s.Original, err = stringMapOf(v)
		default:
			err = errSubset
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

func variantsOf(n *fnode, a *textArena) ([]Variant, error) {
	if n.kind != 'q' {
		return nil, errSubset
	}
	out := make([]Variant, len(n.items))
	for i, it := range n.items {
		if it.kind != 'm' || it.pos.Line == 0 {
			return nil, errSubset
		}
		out[i].Pos = it.pos
		err := fields(it, func(k string, v *fnode) (err error) {
			switch k {
			case "http_status":
				var s int
				s, err = intOf(v)
				out[i].HTTPStatus = &s
			case "message":
				out[i].Message, err = textMapOf(v, a)
			case "remediation":
				out[i].Remediation, err = textMapOf(v, a)
			case "source":
				out[i].Source, err = sourceOf(v)
			default:
				err = errSubset
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// InFastSubset reports whether data is inside the fast reader's subset,
// that is, whether ParseFast reads it without falling back to Parse.
func InFastSubset(name string, data []byte) bool {
	_, _, ok := parseSubset(name, string(data), parallelMin, stdLimits())
	return ok
}
