package catalog

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"unicode/utf8"

	"github.com/goccy/go-yaml/token"
)

// The loader's limits. A small YAML file can otherwise cost the YAML
// library memory and time out of all proportion to its size: an alias
// repeats its anchor's value wherever it is used, and nested brackets and
// long mappings cost time and memory quadratic in their count. Catalogs,
// overlays and glossaries are checked against these limits before the YAML
// library sees them (prescan, checkTokens) and while the fast reader
// reads them.
const (
	// maxFileSize bounds every file the loader reads: 1 GiB, about two
	// and a half million entries. A larger catalog is split by domain.
	maxFileSize = 1 << 30
	// maxFullSize bounds a file the full YAML parser reads: 4 MiB. The
	// parser takes up to 400 bytes of memory per byte of input and a few
	// seconds per megabyte, so a larger catalog must be in the fast
	// reader's subset, errcat's own layout.
	maxFullSize = 4 << 20
	// maxDepth bounds the nesting of collections; a catalog uses seven
	// levels.
	maxDepth = 64
	// maxItems bounds the items of one sequence: above the entries of the
	// largest catalog that fits maxFileSize in errcat's layout.
	maxItems = 1 << 21
	// maxKeys bounds the keys of one mapping; a catalog's mappings have a
	// few dozen at most.
	maxKeys = 1 << 10
)

// limits are the caps on a YAML document's shape.
type limits struct {
	depth int // collections nested in one another
	items int // items of one sequence
	keys  int // keys of one mapping
}

func stdLimits() limits { return limits{depth: maxDepth, items: maxItems, keys: maxKeys} }

// sizeError says why a file of n bytes is not read, or returns nil.
func sizeError(name string, n int, full bool) error {
	switch {
	case n > maxFileSize:
		return &Error{File: name, Msg: fmt.Sprintf("file of %d bytes: errcat reads files of at most %d bytes (1 GiB); split the catalog by domain", n, maxFileSize)}
	case full && n > maxFullSize:
		return &Error{File: name, Msg: fmt.Sprintf("file of %d bytes: the full YAML parser reads at most %d bytes (4 MiB); write a larger catalog in errcat's own layout, as errcat import and synth do", n, maxFullSize)}
	}
	return nil
}

// readFile reads a file the loader may read: os.ReadFile, but a file
// larger than maxFileSize is an error before it is read.
func readFile(name string) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if err := sizeError(name, int(min(st.Size(), maxFileSize+1)), false); err != nil {
		return nil, err
	}
	return os.ReadFile(name)
}

// readFileFS is readFile for a file of fsys.
func readFileFS(fsys fs.FS, name string) ([]byte, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if err := sizeError(name, int(min(st.Size(), maxFileSize+1)), false); err != nil {
		return nil, err
	}
	return fs.ReadFile(fsys, name)
}

// nesting tracks the open collections of a YAML document: block ones by
// the column of their keys or dashes, and flow ones inside them.
type nesting struct {
	lim   limits
	block []level
	flow  []level
}

type level struct {
	col   int  // column of the keys or dashes (block collections)
	kind  byte // 'm' mapping, 's' sequence
	n     int  // keys or items so far
	fresh bool // a flow collection is at the start of an item
}

// add records a block mapping key ('m') or sequence dash ('s') at col and
// returns what is wrong, if anything: the collection nests too deep or
// holds too many keys or items.
func (ns *nesting) add(col int, kind byte) string {
	b := ns.block
	for len(b) > 0 && b[len(b)-1].col > col {
		b = b[:len(b)-1]
	}
	// A sequence may sit at the column of the key it is the value of;
	// the next key at that column ends it.
	if kind == 'm' && len(b) > 0 && b[len(b)-1].col == col && b[len(b)-1].kind == 's' {
		b = b[:len(b)-1]
	}
	ns.block = b
	if len(b) > 0 && b[len(b)-1].col == col && b[len(b)-1].kind == kind {
		top := &b[len(b)-1]
		top.n++
		return ns.tooMany(top)
	}
	ns.block = append(ns.block, level{col: col, kind: kind, n: 1})
	return ns.tooDeep()
}

// open records a flow collection ([ or {).
func (ns *nesting) open(kind byte) string {
	ns.flow = append(ns.flow, level{kind: kind, fresh: true})
	return ns.tooDeep()
}

// close records the end of a flow collection.
func (ns *nesting) close() {
	if len(ns.flow) > 0 {
		ns.flow = ns.flow[:len(ns.flow)-1]
	}
}

// next records a comma of a flow collection: another item or key may
// follow.
func (ns *nesting) next() {
	if len(ns.flow) > 0 {
		ns.flow[len(ns.flow)-1].fresh = true
	}
}

// item records something other than a comma or an end in a flow
// collection: after its start or a comma, the start of an item or key.
func (ns *nesting) item() string {
	if len(ns.flow) == 0 {
		return ""
	}
	top := &ns.flow[len(ns.flow)-1]
	if !top.fresh {
		return ""
	}
	top.fresh = false
	top.n++
	return ns.tooMany(top)
}

// reset forgets the block collections, at a new document.
func (ns *nesting) reset() { ns.block, ns.flow = ns.block[:0], ns.flow[:0] }

func (ns *nesting) tooDeep() string {
	if len(ns.block)+len(ns.flow) > ns.lim.depth {
		return fmt.Sprintf("collections nested more than %d deep: errcat's limit (a catalog nests about 7)", ns.lim.depth)
	}
	return ""
}

func (ns *nesting) tooMany(l *level) string {
	if l.kind == 's' && l.n > ns.lim.items {
		return fmt.Sprintf("more than %d items in one sequence: errcat's limit", ns.lim.items)
	}
	if l.kind == 'm' && l.n > ns.lim.keys {
		return fmt.Sprintf("more than %d keys in one mapping: errcat's limit", ns.lim.keys)
	}
	return ""
}

func anchorMsg(tk string) string {
	what := "anchor"
	if tk != "" && tk[0] == '*' {
		what = "alias"
	}
	return fmt.Sprintf("%s %s: anchors and aliases are not allowed (quote a text that starts with & or *)", what, tk)
}

// checkTokens checks the YAML library's tokens of a document against lim
// before its parser builds anything from them: no anchors or aliases,
// and collections within the limits. prescan has read the bytes the same
// way already; this is the library's own reading of them, and so exact.
func checkTokens(name string, tokens token.Tokens, lim limits) error {
	ns := nesting{lim: lim}
	fail := func(tk *token.Token, msg string) error {
		return tokenError(name, tk, msg)
	}
	var prev *token.Token
	for _, tk := range tokens {
		var msg string
		switch tk.Type {
		case token.AnchorType, token.AliasType:
			name := tk.Value
			if len(name) <= 1 && tk.Next != nil {
				name += tk.Next.Value
			}
			return fail(tk, anchorMsg(name))
		case token.DocumentHeaderType:
			ns.reset()
		case token.SequenceEndType, token.MappingEndType:
			ns.close()
		case token.CollectEntryType:
			ns.next()
		case token.CommentType:
		default:
			msg = ns.item()
		}
		if msg != "" {
			return fail(tk, msg)
		}
		switch tk.Type {
		case token.SequenceStartType:
			msg = ns.open('s')
		case token.MappingStartType:
			msg = ns.open('m')
		case token.SequenceEntryType:
			if len(ns.flow) == 0 {
				msg = ns.add(tk.Position.Column, 's')
			}
		case token.MappingKeyType:
			if len(ns.flow) == 0 {
				msg = ns.add(tk.Position.Column, 'm')
			}
		case token.MappingValueType:
			if len(ns.flow) == 0 && prev != nil && prev.Type != token.MappingKeyType {
				if msg = ns.add(prev.Position.Column, 'm'); msg != "" {
					return fail(prev, msg)
				}
			}
		}
		if msg != "" {
			return fail(tk, msg)
		}
		if tk.Type != token.CommentType {
			prev = tk
		}
	}
	return nil
}

// prescan reads data the way the YAML library's scanner does, without
// building anything, and checks it before the library sees it: valid
// UTF-8 with valid escapes, no anchors or aliases, and collections within
// lim. Its memory does not grow with the input.
//
// Where its reading may differ from the library's (in text that is not
// YAML as errcat writes it), it errs on the side of counting: it skips
// the text of a quoted or block scalar only where the library surely
// starts one, and counts a bracket wherever the library may read one.
// checkTokens then checks the library's own tokens.
func prescan(name string, data []byte, lim limits) error {
	s := &prescanner{name: name, data: data, ns: nesting{lim: lim}, utf8: utf8.Valid(data), line: 1, block: -2}
	return s.run()
}

// prescanner is prescan's state.
type prescanner struct {
	name string
	data []byte
	ns   nesting
	utf8 bool // the whole input is valid UTF-8

	line      int // current line (1-based)
	lineStart int // offset of the line's first byte

	quote       byte // the quote of a quoted scalar open across lines, or 0
	block       int  // an open block scalar's parent column, or -2
	blockIndent int  // the indentation of its text, or -1 before its first line
	seqs, maps  int  // flow sequences and mappings opened less closed, as the library counts them

	plain   bool // inside a plain scalar, where indicators are text
	closed  bool // after a quoted scalar or a flow collection in a block
	certain bool // where the library surely starts a node
	nodeCol int  // byte column of the current node's start in a block: a key's column
}

func (s *prescanner) errAt(i int, msg string) error {
	return &Error{File: s.name, Line: s.line, Col: utf8.RuneCount(s.data[s.lineStart:i]) + 1, Msg: msg}
}

func (s *prescanner) run() error {
	data := s.data
	for s.lineStart < len(data) {
		end := len(data)
		if j := indexEither(data[s.lineStart:], '\n', '\r'); j >= 0 {
			end = s.lineStart + j
		}
		if !s.utf8 {
			if err := s.checkUTF8(s.lineStart, end); err != nil {
				return err
			}
		}
		if err := s.scanLine(s.lineStart, end); err != nil {
			return err
		}
		next := end
		if next < len(data) {
			if data[next] == '\r' && next+1 < len(data) && data[next+1] == '\n' {
				next++
			}
			next++
		}
		s.line++
		s.lineStart = next
	}
	return nil
}

// checkUTF8 reports the first byte of data[start:end] that is not UTF-8.
func (s *prescanner) checkUTF8(start, end int) error {
	for i := start; i < end; {
		r, size := utf8.DecodeRune(s.data[i:end])
		if r == utf8.RuneError && size == 1 {
			return s.errAt(i, fmt.Sprintf("invalid UTF-8 (byte 0x%02x): errcat files are UTF-8 text", s.data[i]))
		}
		i += size
	}
	return nil
}

// scanLine reads the line data[start:end].
func (s *prescanner) scanLine(start, end int) error {
	data := s.data
	indent := start
	for indent < end && data[indent] == ' ' {
		indent++
	}
	// The first byte after the indentation and tabs, which the library
	// does not count as columns.
	first, tabs := indent, 0
	for first < end && (data[first] == ' ' || data[first] == '\t') {
		if data[first] == '\t' {
			tabs++
		}
		first++
	}
	blank := first == end
	i := start
	if end-start >= 3 && (string(data[start:start+3]) == "---" || string(data[start:start+3]) == "...") && (end-start == 3 || data[start+3] == ' ' || data[start+3] == '\t') {
		// A document marker ends whatever is open.
		s.ns.reset()
		s.quote, s.block, s.seqs, s.maps = 0, -2, 0, 0
		s.plain, s.closed, s.certain, s.nodeCol = false, false, true, 3
		i = start + 3
	}
	if s.block > -2 {
		// The text of a block scalar: the lines indented as deep as its
		// first, which is deeper than the block scalar's parent.
		if blank {
			return nil
		}
		if n := indent - start; s.blockIndent < 0 && n > s.block {
			s.blockIndent = n
			return nil
		} else if s.blockIndent >= 0 && n >= s.blockIndent {
			return nil
		}
		s.block = -2
	}
	switch {
	case i > start:
	case s.quote != 0:
		next, closed, err := s.quoted(s.quote, start, end)
		if err != nil || !closed {
			return err
		}
		s.quote, i = 0, next
		s.plain, s.closed, s.certain = false, true, false
	case len(s.ns.flow) == 0:
		if blank {
			return nil // a plain scalar may span blank lines
		}
		i = indent
		if data[i] == '#' {
			s.plain = false
			return nil
		}
		// A plain scalar goes on on a line indented deeper than the
		// collection it is in; a tab leaves that in doubt.
		top := -1
		if n := len(s.ns.block); n > 0 {
			top = s.ns.block[n-1].col
		}
		tab := data[i] == '\t'
		if s.plain && !s.closed && (tab || indent-start > top) {
			s.certain = false
			break
		}
		s.plain, s.closed, s.certain, s.nodeCol = false, false, !tab, i-start
	}
	prevSpace := true
	for i < end {
		if s.plain && s.seqs <= 0 && s.maps <= 0 {
			// The text of a plain scalar in a block: only a key's colon
			// or a comment ends it.
			j := indexEither(data[i:end], ':', '#')
			if j < 0 {
				return nil
			}
			if j > 0 {
				i += j
				prevSpace = data[i-1] == ' ' || data[i-1] == '\t'
			}
		}
		c := data[i]
		if c == ' ' || c == '\t' {
			prevSpace = true
			i++
			continue
		}
		if c == '#' && (!s.plain || prevSpace) {
			s.plain = false
			return nil // a comment
		}
		spaceAfter := i+1 == end || data[i+1] == ' ' || data[i+1] == '\t'
		prevSpace = false
		// The library is in a flow collection while it counts more opened
		// than closed; its counts may go below zero.
		flow := s.seqs > 0 || s.maps > 0
		col := i - s.lineStart - tabs
		var msg string
		if len(s.ns.flow) > 0 && c != ']' && c != '}' && c != ',' {
			if msg = s.ns.item(); msg != "" {
				return s.errAt(i, msg)
			}
		}
		switch {
		case (c == '[' || c == '{') && (flow || !s.plain):
			if c == '[' {
				msg = s.ns.open('s')
				s.seqs++
			} else {
				msg = s.ns.open('m')
				s.maps++
			}
			if !flow {
				s.nodeCol = col
			}
			s.plain, s.closed, s.certain = false, false, true
		case c == ']' && (!s.plain || s.seqs > 0), c == '}' && s.maps > 0:
			s.ns.close()
			if c == ']' {
				s.seqs--
			} else {
				s.maps--
			}
			s.plain, s.closed, s.certain = false, true, false
		case c == ',' && flow:
			s.ns.next()
			s.plain, s.closed, s.certain = false, false, true
		case flow && c == ':' && (spaceAfter || strchr(",[]{}", data[i+1])):
			s.plain, s.closed, s.certain = false, false, spaceAfter
		case !flow && c == ':' && spaceAfter:
			// A key: the scalar or collection before, or none.
			key := col
			if s.plain || s.closed {
				key = s.nodeCol
			}
			if msg = s.ns.add(key, 'm'); msg != "" && s.lineStart+key+tabs < i {
				return s.errAt(s.lineStart+key+tabs, msg)
			}
			s.plain, s.closed, s.certain = false, false, true
		case s.plain:
		case c == '&' || c == '*':
			return s.errAt(i, anchorMsg(word(data[i:end])))
		case !flow && (c == '-' || c == '?') && spaceAfter:
			kind := byte('s')
			if c == '?' {
				kind = 'm'
			}
			msg = s.ns.add(col, kind)
			s.closed, s.certain = false, true
		case flow && (c == '-' || c == '?') && spaceAfter:
			s.certain = true
		case c == '!':
			// A tag: a node follows.
			i += len(word(data[i:end]))
			s.certain = i == end || data[i] == ' ' || data[i] == '\t'
			continue
		case (c == '"' || c == '\'') && s.certain:
			if !flow {
				s.nodeCol = col
			}
			next, closed, err := s.quoted(c, i+1, end)
			if err != nil {
				return err
			}
			if !closed {
				s.quote = c
				return nil
			}
			i = next
			s.plain, s.closed, s.certain = false, true, false
			continue
		case !flow && (c == '|' || c == '>') && s.certain:
			// A block scalar's header: its text is on the lines below.
			s.block, s.blockIndent = -1, -1
			if n := len(s.ns.block); n > 0 {
				s.block = s.ns.block[n-1].col
			}
			return nil
		case c == '"' || c == '\'' || c == '|' || c == '>':
			// A quote or block scalar where the library may not start
			// one: read on as if it did not, which skips nothing.
			s.certain = false
		default:
			// The start of a plain scalar.
			if !flow {
				s.nodeCol = col
			}
			s.plain, s.closed, s.certain = true, false, false
		}
		if msg != "" {
			return s.errAt(i, msg)
		}
		i++
	}
	return nil
}

// quoted reads a quoted scalar from data[i:] up to the end of the line at
// end, past its closing quote q if the line has it. It checks the escapes
// of a double-quoted scalar.
func (s *prescanner) quoted(q byte, i, end int) (next int, closed bool, err error) {
	data := s.data
	for i < end {
		var j int
		if q == '"' {
			j = indexEither(data[i:end], '"', '\\')
		} else {
			j = bytes.IndexByte(data[i:end], q)
		}
		if j < 0 {
			break
		}
		i += j
		switch {
		case data[i] == '\\':
			if err := s.escape(i, end); err != nil {
				return 0, false, err
			}
			i += 2
		case q == '\'' && i+1 < end && data[i+1] == '\'':
			i += 2
		default:
			return i + 1, true, nil
		}
	}
	return end, false, nil
}

// escape checks the escape at data[i] (a backslash) of a double-quoted
// scalar: \u and \U must name a Unicode character, not half a surrogate
// pair or a number past U+10FFFF, which would be read as U+FFFD.
func (s *prescanner) escape(i, end int) error {
	data := s.data
	if i+1 >= end || data[i+1] != 'u' && data[i+1] != 'U' {
		return nil
	}
	width := 4
	if data[i+1] == 'U' {
		width = 8
	}
	if i+2+width > end {
		return nil // too short: the library says so
	}
	v, ok := hexValue(data[i+2 : i+2+width])
	if !ok {
		return nil
	}
	if width == 4 && v >= 0xD800 && v <= 0xDBFF && i+12 <= end && data[i+6] == '\\' && data[i+7] == 'u' {
		if lo, ok := hexValue(data[i+8 : i+12]); ok && lo >= 0xDC00 && lo <= 0xDFFF {
			return nil // a surrogate pair
		}
	}
	if !utf8.ValidRune(rune(v)) {
		return s.errAt(i, fmt.Sprintf("escape %s is not a Unicode character", data[i:i+2+width]))
	}
	return nil
}

// indexEither returns the index of the first x or y in b, or -1.
func indexEither(b []byte, x, y byte) int {
	i := bytes.IndexByte(b, x)
	if i >= 0 {
		b = b[:i]
	}
	if j := bytes.IndexByte(b, y); j >= 0 {
		return j
	}
	return i
}

func hexValue(b []byte) (uint64, bool) {
	var v uint64
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | uint64(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | uint64(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | uint64(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// word returns the run of b up to a space or a flow indicator, at most
// 40 bytes: an anchor's, alias's or tag's name.
func word(b []byte) string {
	n := 0
	for n < len(b) && n < 40 && b[n] != ' ' && b[n] != '\t' && !strchr(",[]{}", b[n]) {
		n++
	}
	if n == 0 {
		n = 1
	}
	for n > 1 && !utf8.Valid(b[:n]) {
		n--
	}
	return string(b[:n])
}

func strchr(set string, c byte) bool {
	for i := 0; i < len(set); i++ {
		if set[i] == c {
			return true
		}
	}
	return false
}
