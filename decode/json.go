package decode

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// This file holds the JSON reader: one pass over the body builds a flat
// tape of tokens (spans into the body, never copies), and the format probes
// then walk the tape. A body of ordinary size needs no allocation beyond the
// caller's stack array; strings are substrings of the body unless they hold
// escapes.

type kind uint8

const (
	kNull kind = iota
	kFalse
	kTrue
	kNum
	kStr
	kArr
	kObj
)

// tok is one JSON value (or object key) on the tape. Containers are followed
// by their members; next is the index just past the value's subtree.
type tok struct {
	start, end int32 // the value's span; for strings, the contents between the quotes
	next       int32
	kind       kind
	esc        bool // a string holding backslash escapes
}

// maxDepth bounds nesting so that hostile bodies cannot exhaust the stack.
const maxDepth = 64

type jsonParser struct {
	s     string
	i     int
	depth int
	toks  []tok
	err   string
	errAt int
}

// parseJSON reads s into a tape appended to buf. It reports the tape, or
// "" and a reason with the byte offset where reading stopped.
func parseJSON(s string, buf []tok) ([]tok, string, int) {
	p := jsonParser{s: s, toks: buf}
	if p.value() {
		p.ws()
		if p.i < len(p.s) {
			p.fail("unexpected data after the JSON value")
		}
	}
	if p.err != "" {
		return p.toks, p.err, p.errAt
	}
	return p.toks, "", 0
}

func (p *jsonParser) fail(reason string) bool {
	if p.err == "" {
		p.err, p.errAt = reason, p.i
	}
	return false
}

func (p *jsonParser) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) value() bool {
	p.ws()
	if p.i >= len(p.s) {
		return p.fail("unexpected end of JSON (truncated body?)")
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.container(kObj, '}')
	case c == '[':
		return p.container(kArr, ']')
	case c == '"':
		return p.str()
	case c == '-' || (c >= '0' && c <= '9'):
		return p.num()
	case c == 't':
		return p.lit("true", kTrue)
	case c == 'f':
		return p.lit("false", kFalse)
	case c == 'n':
		return p.lit("null", kNull)
	}
	return p.fail("invalid character " + strconv.QuoteRune(rune(p.s[p.i])) + " looking for a JSON value")
}

func (p *jsonParser) lit(word string, k kind) bool {
	if len(p.s)-p.i < len(word) || p.s[p.i:p.i+len(word)] != word {
		if len(p.s)-p.i < len(word) && word[:len(p.s)-p.i] == p.s[p.i:] {
			p.i = len(p.s)
			return p.fail("unexpected end of JSON (truncated body?)")
		}
		return p.fail("invalid literal, expected " + word)
	}
	p.toks = append(p.toks, tok{start: int32(p.i), end: int32(p.i + len(word)), next: int32(len(p.toks) + 1), kind: k})
	p.i += len(word)
	return true
}

func (p *jsonParser) num() bool {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		n := 0
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.i < len(p.s) && p.s[p.i] == '0' {
		p.i++
	} else if digits() == 0 {
		return p.eofOr("invalid number")
	}
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return p.eofOr("invalid number")
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return p.eofOr("invalid number")
		}
	}
	p.toks = append(p.toks, tok{start: int32(start), end: int32(p.i), next: int32(len(p.toks) + 1), kind: kNum})
	return true
}

func (p *jsonParser) eofOr(reason string) bool {
	if p.i >= len(p.s) {
		return p.fail("unexpected end of JSON (truncated body?)")
	}
	return p.fail(reason)
}

func (p *jsonParser) str() bool {
	p.i++ // opening quote
	start, esc := p.i, false
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.toks = append(p.toks, tok{start: int32(start), end: int32(p.i), next: int32(len(p.toks) + 1), kind: kStr, esc: esc})
			p.i++
			return true
		case c == '\\':
			esc = true
			p.i++
			if p.i >= len(p.s) {
				break
			}
			switch p.s[p.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p.i++
			case 'u':
				p.i++
				for k := 0; k < 4; k++ {
					if p.i >= len(p.s) {
						return p.fail("unexpected end of JSON (truncated body?)")
					}
					if !isHex(p.s[p.i]) {
						return p.fail("invalid \\u escape in string")
					}
					p.i++
				}
			default:
				return p.fail("invalid escape in string")
			}
		case c < 0x20:
			return p.fail("control character in string")
		default:
			p.i++
		}
	}
	return p.fail("unexpected end of JSON inside a string (truncated body?)")
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func (p *jsonParser) container(k kind, closer byte) bool {
	p.depth++
	if p.depth > maxDepth {
		return p.fail("JSON nested too deeply")
	}
	idx := len(p.toks)
	p.toks = append(p.toks, tok{start: int32(p.i), kind: k})
	p.i++
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == closer {
		p.i++
	} else {
		for {
			p.ws()
			if k == kObj {
				if p.i >= len(p.s) {
					return p.fail("unexpected end of JSON (truncated body?)")
				}
				if p.s[p.i] != '"' {
					return p.fail("object key is not a string")
				}
				if !p.str() {
					return false
				}
				p.ws()
				if p.i >= len(p.s) {
					return p.fail("unexpected end of JSON (truncated body?)")
				}
				if p.s[p.i] != ':' {
					return p.fail("missing ':' after object key")
				}
				p.i++
			}
			if !p.value() {
				return false
			}
			p.ws()
			if p.i >= len(p.s) {
				return p.fail("unexpected end of JSON (truncated body?)")
			}
			if p.s[p.i] == ',' {
				p.i++
				continue
			}
			if p.s[p.i] == closer {
				p.i++
				break
			}
			return p.fail("missing ',' or closing bracket")
		}
	}
	p.toks[idx].end = int32(p.i)
	p.toks[idx].next = int32(len(p.toks))
	p.depth--
	return true
}

// doc is a parsed body: the text and its tape. Index -1 means "absent".
type doc struct {
	s string
	t []tok
}

func (d *doc) kind(i int) kind {
	if i < 0 || i >= len(d.t) {
		return kNull
	}
	return d.t[i].kind
}

func (d *doc) isObj(i int) bool { return i >= 0 && d.kind(i) == kObj }

// get returns the value of key in object obj, or -1.
func (d *doc) get(obj int, key string) int {
	if !d.isObj(obj) {
		return -1
	}
	end := int(d.t[obj].next)
	for j := obj + 1; j+1 < end; j = int(d.t[j+1].next) {
		k := d.t[j]
		if k.esc {
			if unescape(d.s[k.start:k.end]) == key {
				return j + 1
			}
		} else if d.s[k.start:k.end] == key {
			return j + 1
		}
	}
	return -1
}

// first returns the value of the first key of keys that obj has, or -1.
func (d *doc) first(obj int, keys ...string) int {
	for _, k := range keys {
		if v := d.get(obj, k); v >= 0 {
			return v
		}
	}
	return -1
}

// has reports whether object obj has key.
func (d *doc) has(obj int, key string) bool { return d.get(obj, key) >= 0 }

// elems calls f with each element of array arr until f returns false.
func (d *doc) elems(arr int, f func(i int) bool) {
	if arr < 0 || d.kind(arr) != kArr {
		return
	}
	end := int(d.t[arr].next)
	for j := arr + 1; j < end; j = int(d.t[j].next) {
		if !f(j) {
			return
		}
	}
}

// members calls f with each key and value index of object obj.
func (d *doc) members(obj int, f func(key string, val int)) {
	if !d.isObj(obj) {
		return
	}
	end := int(d.t[obj].next)
	for j := obj + 1; j+1 < end; j = int(d.t[j+1].next) {
		f(d.text(j), j+1)
	}
}

// text returns a string value (unescaped) or the literal of a number; ""
// for anything else.
func (d *doc) text(i int) string {
	if i < 0 || i >= len(d.t) {
		return ""
	}
	t := d.t[i]
	switch t.kind {
	case kStr:
		if t.esc {
			return unescape(d.s[t.start:t.end])
		}
		return d.s[t.start:t.end]
	case kNum:
		return d.s[t.start:t.end]
	}
	return ""
}

// scalar is text, plus "true" and "false" for booleans.
func (d *doc) scalar(i int) string {
	switch d.kind(i) {
	case kTrue:
		return "true"
	case kFalse:
		return "false"
	}
	return d.text(i)
}

// isNum reports whether i is a number.
func (d *doc) isNum(i int) bool { return i >= 0 && d.kind(i) == kNum }

// int returns an integer value (a number, or a string of digits) and
// whether it is one.
func (d *doc) int(i int) (int64, bool) {
	k := d.kind(i)
	if i < 0 || (k != kNum && k != kStr) {
		return 0, false
	}
	v, err := strconv.ParseInt(d.text(i), 10, 64)
	return v, err == nil
}

// unescape decodes the escapes of a JSON string's contents, which the
// parser has already checked.
func unescape(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b = append(b, c)
			continue
		}
		i++
		switch s[i] {
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			if i+5 > len(s) {
				b = append(b, s[i-1:]...)
				i = len(s)
				continue
			}
			r := hex4(s[i+1 : i+5])
			i += 4
			if utf16.IsSurrogate(r) && i+7 <= len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
				if r2 := utf16.DecodeRune(r, hex4(s[i+3:i+7])); r2 != utf8.RuneError {
					r = r2
					i += 6
				}
			}
			b = utf8.AppendRune(b, r)
		default:
			b = append(b, s[i])
		}
	}
	return string(b)
}

func hex4(s string) rune {
	var r rune
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return utf8.RuneError
		}
		r = r<<4 | rune(c)
	}
	return r
}
