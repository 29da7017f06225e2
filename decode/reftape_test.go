package decode

import (
	"strconv"
	"strings"
	"testing"
)

// The tape reader as it was before tokens shrank to 16 bytes and the open
// containers were chained through the tape: the reference FuzzTape
// compares parseJSON against.

// refTok is one JSON value (or object key) on the tape. Containers are followed
// by their members; next is the index just past the value's subtree.
type refTok struct {
	start, end int32 // the value's span; for strings, the contents between the quotes
	next       int32
	// keys, for an object, is a filter of its keys: bit refKeyBit(k) is set
	// for every plain key k, every bit when a key holds escapes. get
	// skips the scan when the key's bit is clear.
	keys  uint32
	kind  kind
	esc   bool // a string holding backslash escapes
	plain bool // a string without escapes or a number: text is its span
}

// refKeyBit is the bit of an object's key filter that key sets.
func refKeyBit(key string) uint32 {
	if len(key) == 0 {
		return 1
	}
	return 1 << ((uint(len(key))*7 + uint(key[0])*3 + uint(key[len(key)-1])) & 31)
}

// refParseJSON reads d.s into d's tape. It reports "" or a reason and the
// byte offset where reading stopped. It is one loop without recursion or
// callbacks, so that a refDoc declared by the caller stays on its stack.
func refParseJSON(d *refDoc) (string, int) {
	s := d.s
	var stack [maxDepth]int32 // tape indices of the open containers
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
					d.rt.obj = int32(d.n + 1) // the root object: see refRootTable
				}
				stack[depth] = int32(d.n)
				depth++
				d.push(refTok{start: int32(i), kind: k})
				i = skipWS(s, i+1)
				if i < len(s) && s[i] == closer {
					i++
					depth--
					d.close(int(stack[depth]), i)
					done = true
				} else if k == kObj {
					var reason string
					if i, reason = refParseKey(d, int(stack[depth-1]), i); reason != "" {
						return reason, i
					}
				}
				continue
			case c == '"':
				end, esc, reason := scanString(s, i)
				if reason != "" {
					return reason, end
				}
				d.push(refTok{start: int32(i + 1), end: int32(end - 1), next: int32(d.n + 1), kind: kStr, esc: esc, plain: !esc})
				i = end
			case c == '-' || (c >= '0' && c <= '9'):
				end, reason := scanNumber(s, i)
				if reason != "" {
					return reason, end
				}
				d.push(refTok{start: int32(i), end: int32(end), next: int32(d.n + 1), kind: kNum, plain: true})
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
				d.push(refTok{start: int32(i), end: int32(i + len(word)), next: int32(d.n + 1), kind: k})
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
		top := stack[depth-1]
		closer := byte(']')
		if d.ref(int(top)).kind == kObj {
			closer = '}'
		}
		switch s[i] {
		case ',':
			i++
			done = false
			if closer == '}' {
				var reason string
				if i, reason = refParseKey(d, int(top), skipWS(s, i)); reason != "" {
					return reason, i
				}
			}
		case closer:
			i++
			depth--
			d.close(int(top), i)
		default:
			return "missing ',' or closing bracket", i
		}
	}
}

// refParseKey reads a key of object obj and its colon at i.
func refParseKey(d *refDoc, obj, i int) (int, string) {
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
	d.push(refTok{start: int32(i + 1), end: int32(end - 1), next: int32(d.n + 1), kind: kStr, esc: esc, plain: !esc})
	bit := ^uint32(0)
	if !esc {
		bit = refKeyBit(s[i+1 : end-1])
	}
	d.ref(obj).keys |= bit
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

// refInlineToks is the tape length a refDoc holds without allocating.
const refInlineToks = 96

// refDoc is a parsed body: the text and its tape. The first refInlineToks tokens
// live in the refDoc itself, so a refDoc on the stack costs no allocation; the
// rest spill to a slice. Index -1 means "absent".
type refDoc struct {
	s    string
	n    int
	arr  [refInlineToks]refTok
	more []refTok
	rt   refRootTable
}

func (d *refDoc) push(t refTok) {
	if d.n < refInlineToks {
		d.arr[d.n] = t
	} else {
		d.more = append(d.more, t)
	}
	d.n++
}

func (d *refDoc) at(i int) refTok {
	if i < refInlineToks {
		return d.arr[i]
	}
	return d.more[i-refInlineToks]
}

// ref returns token i, to read or update in place.
func (d *refDoc) ref(i int) *refTok {
	if i < refInlineToks {
		return &d.arr[i]
	}
	return &d.more[i-refInlineToks]
}

// close records the end of container i, whose subtree is complete.
func (d *refDoc) close(i, end int) {
	t := d.ref(i)
	t.end, t.next = int32(end), int32(d.n)
}

// refRootTable is the root table of a refDoc.
type refRootTable struct {
	// obj is the tape index of the root object plus one (0: none yet):
	// the document's object, or the first element of its array.
	obj int32
	// off: a key repeats or holds escapes, the table is not used.
	off bool
	// at holds, per key, the tape index of its value plus one (0: absent).
	at [nRK]int32
}

// noteRootKey records the key just pushed at tape index k (its value
// comes next) when obj is the root object.
func (d *refDoc) noteRootKey(obj, k int, key string, esc bool) {
	if esc {
		d.rt.off = true
		return
	}
	if id := rootKey(key); id >= 0 {
		if d.rt.at[id] != 0 {
			d.rt.off = true
			return
		}
		d.rt.at[id] = int32(k + 2)
	}
}

// FuzzTape checks parseJSON against the reference reader: the same
// reason at the same offset, the same tokens, and the same root table.
func FuzzTape(f *testing.F) {
	for _, s := range []string{
		`{}`, `[]`, `{"a":1}`, `{"a":[1,2,{"b":null}],"c":true,"d":false}`, `"\u00e9\ud83d\ude00\n"`,
		`{"a\u0062":1,"ab":2,"c":3}`, `{"code":1,"code":2,"message":"m"}`, `[{"code":1},{"x":[[],{}]}]`,
		`{"Response":{"Error":{"Code":"X","Message":"y"},"RequestId":"z"}}`, `{"a" 1}`, `[1,]`, `{"a":1,}`, `tru`,
		"[" + strings.Repeat(`{"a":[1,"x"]},`, 60) + `{"Code":"X"}]`, `{"x":[` + strings.Repeat(`1,`, 300) + `1],"code":1}`,
		strings.Repeat("[", 70) + strings.Repeat("]", 70),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, r := &doc{s: s}, &refDoc{s: s}
		reason, at := parseJSON(d)
		rreason, rat := refParseJSON(r)
		if reason != rreason || at != rat {
			t.Fatalf("parseJSON: %q at %d, reference %q at %d", reason, at, rreason, rat)
		}
		if reason != "" {
			return
		}
		if d.n != r.n {
			t.Fatalf("%d tokens, reference %d", d.n, r.n)
		}
		for i := 0; i < d.n; i++ {
			g, w := d.at(i), r.at(i)
			if g.start != w.start || g.end != w.end || g.next != w.next || g.kind() != w.kind || g.esc() != w.esc || g.plain() != w.plain {
				t.Fatalf("token %d: %+v (kind %d), reference %+v", i, g, g.kind(), w)
			}
			if g.kind() != kObj {
				continue
			}
			escKeys := false
			for k := d.key(i); k >= 0; k = d.next(i, k) {
				kt := d.at(k)
				if kt.esc() {
					escKeys = true
				} else if g.meta&keyBit(d.s[kt.start:kt.end]) == 0 {
					t.Fatalf("object %d: filter lacks key %q", i, d.s[kt.start:kt.end])
				}
			}
			if (g.meta&tEscKeys != 0) != escKeys {
				t.Fatalf("object %d: escaped-keys flag %v, want %v", i, g.meta&tEscKeys != 0, escKeys)
			}
		}
		if d.rt.obj != r.rt.obj {
			t.Fatalf("root object %d, reference %d", d.rt.obj, r.rt.obj)
		}
		if d.rt.off != r.rt.off {
			// The table also turns off when a value lies past index 254.
			big := false
			for _, v := range r.rt.at {
				big = big || v > 255
			}
			if !d.rt.off || !big {
				t.Fatalf("table off %v, reference %v", d.rt.off, r.rt.off)
			}
			return
		}
		if !d.rt.off {
			for id := range d.rt.at {
				if int32(d.rt.at[id]) != r.rt.at[id] {
					t.Fatalf("table[%s] = %d, reference %d", rootKeyName(rk(id)), d.rt.at[id], r.rt.at[id])
				}
			}
		}
	})
}
