package decode

import (
	"math/bits"
	"strconv"
	"strings"
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

// tok is one JSON value (or object key) on the tape, 16 bytes. Containers
// are followed by their members; next is the index just past the value's
// subtree (while a container is open, the index of the container holding
// it, -1 for none).
type tok struct {
	start, end int32 // the value's span; for strings, the contents between the quotes
	next       int32
	// meta holds the kind (bits 0–2) and the flags tEsc, tPlain and
	// tEscKeys; for an object, bits 8–31 are a filter of its keys: bit
	// keyBit(k) is set for every plain key k, every bit when a key holds
	// escapes. get skips the scan when the key's bit is clear.
	meta uint32
}

const (
	tEsc     = 1 << 3 // a string holding backslash escapes
	tPlain   = 1 << 4 // a string without escapes or a number: text is its span
	tEscKeys = 1 << 5 // an object with a key holding escapes
	tFilter  = ^uint32(0xff)
)

func (t *tok) kind() kind  { return kind(t.meta & 7) }
func (t *tok) esc() bool   { return t.meta&tEsc != 0 }
func (t *tok) plain() bool { return t.meta&tPlain != 0 }

// keyBit is the bit of an object's key filter that key sets.
func keyBit(key string) uint32 {
	if len(key) == 0 {
		return 1 << 8
	}
	return 1 << (8 + (uint(len(key))*7+uint(key[0])*3+uint(key[len(key)-1]))%24)
}

// maxDepth bounds nesting so that hostile bodies cannot exhaust memory.
const maxDepth = 64

const errEOF = "unexpected end of JSON (truncated body?)"

// parseJSON reads d.s into d's tape. It reports "" or a reason and the
// byte offset where reading stopped. It is one loop without recursion or
// callbacks, so that a doc declared by the caller stays on its stack; the
// open containers are chained through their next fields (see tok).
func parseJSON(d *doc) (string, int) {
	s := d.s
	top := -1 // tape index of the innermost open container
	depth := 0
	i := 0
	done := false // a value just ended
	for {
		if !done {
			i = skipWS(s, i)
			if i >= len(s) {
				return errEOF, i
			}
			switch c := s[i]; {
			case c == '{' || c == '[':
				if depth == maxDepth {
					return "JSON nested too deeply", i
				}
				k, closer := kObj, byte('}')
				if c == '[' {
					k, closer = kArr, ']'
				}
				if k == kObj && d.n <= 1 && depth == d.n {
					d.rt.obj = int32(d.n + 1) // the root object: see rootTable
				}
				o := d.n
				d.push(tok{start: int32(i), next: int32(top), meta: uint32(k)})
				top = o
				depth++
				i = skipWS(s, i+1)
				if i < len(s) && s[i] == closer {
					i++
					depth--
					top = d.close(o, i)
					done = true
				} else if k == kObj {
					var reason string
					if i, reason = parseKey(d, o, i); reason != "" {
						return reason, i
					}
				}
				continue
			case c == '"':
				end, esc, reason := scanString(s, i)
				if reason != "" {
					return reason, end
				}
				meta := uint32(kStr) | tPlain
				if esc {
					meta = uint32(kStr) | tEsc
				}
				d.push(tok{start: int32(i + 1), end: int32(end - 1), next: int32(d.n + 1), meta: meta})
				i = end
			case c == '-' || (c >= '0' && c <= '9'):
				end, reason := scanNumber(s, i)
				if reason != "" {
					return reason, end
				}
				d.push(tok{start: int32(i), end: int32(end), next: int32(d.n + 1), meta: uint32(kNum) | tPlain})
				i = end
			case c == 't' || c == 'f' || c == 'n':
				word, k := "null", kNull
				if c == 't' {
					word, k = "true", kTrue
				} else if c == 'f' {
					word, k = "false", kFalse
				}
				if len(s)-i < len(word) || s[i:i+len(word)] != word {
					if len(s)-i < len(word) && word[:len(s)-i] == s[i:] {
						return errEOF, len(s)
					}
					return "invalid literal, expected " + word, i
				}
				d.push(tok{start: int32(i), end: int32(i + len(word)), next: int32(d.n + 1), meta: uint32(k)})
				i += len(word)
			default:
				return "invalid character " + strconv.QuoteRune(rune(c)) + " looking for a JSON value", i
			}
			done = true
		}
		// A value ended: the document ends, or its container goes on or closes.
		i = skipWS(s, i)
		if depth == 0 {
			if i < len(s) {
				return "unexpected data after the JSON value", i
			}
			return "", 0
		}
		if i >= len(s) {
			return errEOF, i
		}
		closer := byte(']')
		if d.ref(top).kind() == kObj {
			closer = '}'
		}
		switch s[i] {
		case ',':
			i++
			done = false
			if closer == '}' {
				var reason string
				if i, reason = parseKey(d, top, skipWS(s, i)); reason != "" {
					return reason, i
				}
			}
		case closer:
			i++
			depth--
			top = d.close(top, i)
		default:
			return "missing ',' or closing bracket", i
		}
	}
}

// parseKey reads a key of object obj and its colon at i.
func parseKey(d *doc, obj, i int) (int, string) {
	s := d.s
	if i >= len(s) {
		return i, errEOF
	}
	if s[i] != '"' {
		return i, "object key is not a string"
	}
	end, esc, reason := scanString(s, i)
	if reason != "" {
		return end, reason
	}
	if esc {
		d.push(tok{start: int32(i + 1), end: int32(end - 1), next: int32(d.n + 1), meta: uint32(kStr) | tEsc})
		d.ref(obj).meta |= tFilter | tEscKeys
	} else {
		d.push(tok{start: int32(i + 1), end: int32(end - 1), next: int32(d.n + 1), meta: uint32(kStr) | tPlain})
		d.ref(obj).meta |= keyBit(s[i+1 : end-1])
	}
	if obj+1 == int(d.rt.obj) {
		d.noteRootKey(obj, d.n-1, s[i+1:end-1], esc)
	}
	i = skipWS(s, end)
	if i >= len(s) {
		return i, errEOF
	}
	if s[i] != ':' {
		return i, "missing ':' after object key"
	}
	return i + 1, ""
}

// skipWS returns the index of the first byte at or after i that is not
// white space. Compact bodies have none: the first test answers.
func skipWS(s string, i int) int {
	if i < len(s) && s[i] > ' ' {
		return i
	}
	return skipWSLoop(s, i)
}

func skipWSLoop(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// scanString checks the string starting at the quote s[i] and returns the
// index just past its closing quote and whether it holds escapes; or the
// offset of the problem and a reason. Eight bytes at a time it skips runs
// without a quote, a backslash or a control character.
func scanString(s string, i int) (int, bool, string) {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	i++
	esc := false
	for {
		for i+8 <= len(s) {
			w := s[i : i+8]
			x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
				uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
			q := x ^ (lo * '"')
			b := x ^ (lo * '\\')
			if m := ((q-lo)&^q | (b-lo)&^b | (x-lo*0x20)&^x) & hi; m != 0 {
				// One of the eight is special: the lowest flagged byte is
				// the first special one (a borrow only flags bytes above).
				i += bits.TrailingZeros64(m) / 8
				break
			}
			i += 8
		}
		if i >= len(s) {
			return i, esc, "unexpected end of JSON inside a string (truncated body?)"
		}
		c := s[i]
		switch {
		case c == '"':
			return i + 1, esc, ""
		case c == '\\':
			esc = true
			i++
			if i >= len(s) {
				return i, esc, errEOF
			}
			switch s[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				i++
				for k := 0; k < 4; k++ {
					if i >= len(s) {
						return i, esc, errEOF
					}
					if !isHex(s[i]) {
						return i, esc, "invalid \\u escape in string"
					}
					i++
				}
			default:
				return i, esc, "invalid escape in string"
			}
		case c < 0x20:
			return i, esc, "control character in string"
		default:
			i++
		}
	}
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// scanNumber checks the number starting at s[i] and returns its end.
func scanNumber(s string, i int) (int, string) {
	digits := func(i int) (int, int) {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return i, n
	}
	bad := func(i int) (int, string) {
		if i >= len(s) {
			return i, errEOF
		}
		return i, "invalid number"
	}
	if s[i] == '-' {
		i++
	}
	var n int
	if i < len(s) && s[i] == '0' {
		i++
	} else if i, n = digits(i); n == 0 {
		return bad(i)
	}
	if i < len(s) && s[i] == '.' {
		if i, n = digits(i + 1); n == 0 {
			return bad(i)
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i, n = digits(i); n == 0 {
			return bad(i)
		}
	}
	return i, ""
}

// inlineToks is the tape length a doc holds without allocating.
const inlineToks = 64

// doc is a parsed body: the text and its tape. The first inlineToks tokens
// live in the doc itself, so a doc on the stack costs no allocation; the
// rest spill to a slice. Index -1 means "absent".
type doc struct {
	s    string
	n    int
	arr  [inlineToks]tok
	more []tok
	rt   rootTable
}

func (d *doc) push(t tok) {
	if d.n < inlineToks {
		d.arr[d.n] = t
	} else {
		d.more = append(d.more, t)
	}
	d.n++
}

func (d *doc) at(i int) tok {
	if i < inlineToks {
		return d.arr[i]
	}
	return d.more[i-inlineToks]
}

// ref returns token i, to read or update in place.
func (d *doc) ref(i int) *tok {
	if i < inlineToks {
		return &d.arr[i]
	}
	return &d.more[i-inlineToks]
}

// close records the end of container i, whose subtree is complete, and
// returns the container holding it (-1 for none).
func (d *doc) close(i, end int) int {
	t := d.ref(i)
	up := int(t.next)
	t.end, t.next = int32(end), int32(d.n)
	return up
}

func (d *doc) kind(i int) kind {
	if i < 0 || i >= d.n {
		return kNull
	}
	return d.ref(i).kind()
}

func (d *doc) isObj(i int) bool { return i >= 0 && d.kind(i) == kObj }

// get returns the value of key in object obj, or -1.
func (d *doc) get(obj int, key string) int {
	if obj < 0 || obj >= d.n {
		return -1
	}
	o := d.at(obj)
	if o.kind() != kObj || o.meta&keyBit(key) == 0 {
		return -1
	}
	end := int(o.next)
	if end <= inlineToks && o.meta&tEscKeys == 0 {
		// The object lies in the inline tape and no key holds escapes.
		toks := d.arr[:end]
		for j := obj + 1; j+1 < end; j = int(toks[j+1].next) {
			if k := &toks[j]; int(k.end-k.start) == len(key) && d.s[k.start:k.end] == key {
				return j + 1
			}
		}
		return -1
	}
	for j := obj + 1; j+1 < end; j = int(d.at(j + 1).next) {
		k := d.at(j)
		if !k.esc() && int(k.end-k.start) != len(key) {
			continue
		}
		if k.esc() {
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

// elem returns the first element of array arr, or -1. Iterate with
// next. (Loops rather than callbacks keep the tape on the caller's stack.)
func (d *doc) elem(arr int) int {
	if arr < 0 || d.kind(arr) != kArr || arr+1 >= int(d.at(arr).next) {
		return -1
	}
	return arr + 1
}

// key returns the first key of object obj, or -1; its value is key+1.
func (d *doc) key(obj int) int {
	if !d.isObj(obj) || obj+1 >= int(d.at(obj).next) {
		return -1
	}
	return obj + 1
}

// next returns the element after i in array arr (or the key after key i
// in object arr), or -1.
func (d *doc) next(arr, i int) int {
	a := d.ref(arr)
	var j int
	if a.kind() == kObj {
		j = int(d.ref(i + 1).next) // past the key's value
	} else {
		j = int(d.ref(i).next)
	}
	if j < int(a.next) {
		return j
	}
	return -1
}

// text returns a string value (unescaped) or the literal of a number; ""
// for anything else.
func (d *doc) text(i int) string {
	// The common case, small enough to be inlined: a plain string or a
	// number on the inline tape (past d.n the tape is zero, plain false).
	if uint(i) < inlineToks && d.arr[i].meta&tPlain != 0 {
		return d.s[d.arr[i].start:d.arr[i].end]
	}
	return d.textSlow(i)
}

func (d *doc) textSlow(i int) string {
	if i < 0 || i >= d.n {
		return ""
	}
	t := d.ref(i)
	switch {
	case t.plain():
		return d.s[t.start:t.end]
	case t.kind() == kStr:
		return unescape(d.s[t.start:t.end])
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
	s := d.text(i)
	t := strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	if !isDigits(t) {
		return 0, false // not an integer: no error value to build
	}
	if len(t) <= 18 && len(s)-len(t) <= 1 { // cannot overflow: sum the digits
		var v int64
		for j := 0; j < len(t); j++ {
			v = v*10 + int64(t[j]-'0')
		}
		if len(t) < len(s) && s[0] == '-' {
			v = -v
		}
		return v, true
	}
	v, err := strconv.ParseInt(s, 10, 64)
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
