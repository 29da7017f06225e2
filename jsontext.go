package errcat

import (
	"slices"
	"sync/atomic"
	"unicode/utf8"

	"github.com/errcat/errcat/vocab"
)

// Field names one of a Def's texts.
type Field uint8

// The texts of a Def.
const (
	Title Field = iota
	Message
	Remediation
	numFields
)

func (d *Def) field(f Field) map[string]string {
	switch f {
	case Title:
		return d.Title
	case Message:
		return d.Message
	case Remediation:
		return d.Remediation
	}
	return nil
}

// compiled holds a Def's templates split at their placeholders, with the
// literal text already escaped for JSON, per field and locale. It is built
// on first use.
type compiled struct {
	fields [numFields]map[string]*template
	// byLocale holds the template each of the domain's locales resolves
	// to (after fallback), per field, indexed like Domain.Locales.
	byLocale [numFields][]*template
	// codeJSON is the code as a JSON string, quoted; codeNumber says
	// whether the code is also a valid JSON integer of at most 15 digits.
	codeJSON   string
	codeNumber bool
	// reason is vocab.Reason(Code).
	reason string
	// bodies are the JSONBody values precompiled for the Def.
	bodies atomic.Pointer[[]bodyTemplates]
}

type template struct {
	// holes are the placeholders, each with the literal text before it;
	// tail is the literal text after the last. Literal text is escaped
	// for JSON.
	holes []hole
	tail  string
	// locale is the locale the template is in; localeValue is the same
	// as a one-element header value.
	locale      string
	localeValue []string
}

// hole is a placeholder of a template.
type hole struct {
	// lit is the literal text before the placeholder.
	lit string
	// pos is the index of name in Def.Params, or -1: an Error stores the
	// values of the params named in that order by position.
	pos  int
	name string
	// raw is the placeholder as written, "{name}", escaped for JSON, for
	// when the param is missing.
	raw string
}

func (d *Def) compiled() *compiled {
	if c := d.comp.Load(); c != nil {
		return c
	}
	return d.compile()
}

func (d *Def) compile() *compiled {
	c := &compiled{}
	for f := range numFields {
		texts := d.field(f)
		if len(texts) == 0 {
			continue
		}
		m := make(map[string]*template, len(texts))
		for loc, t := range texts {
			tp := compileTemplate(t, d.Params)
			tp.locale = loc
			tp.localeValue = []string{loc}[:1:1]
			m[loc] = tp
		}
		c.fields[f] = m
	}
	if d.Domain != nil {
		for f := range numFields {
			if c.fields[f] == nil {
				continue
			}
			c.byLocale[f] = make([]*template, len(d.Domain.Locales))
			for i, l := range d.Domain.Locales {
				_, resolved := d.Text(d.field(f), l)
				c.byLocale[f][i] = c.fields[f][resolved]
			}
		}
	}
	c.codeJSON = `"` + string(AppendJSONEscaped(nil, d.Code)) + `"`
	c.codeNumber = isJSONInt(d.Code)
	c.reason = vocab.Reason(d.Code)
	if d.comp.CompareAndSwap(nil, c) {
		return c
	}
	return d.comp.Load()
}

func compileTemplate(t string, params []string) *template {
	tp := &template{}
	last := 0
	for start, end := vocab.NextPlaceholder(t, 0); start >= 0; start, end = vocab.NextPlaceholder(t, end) {
		name := t[start+1 : end-1]
		tp.holes = append(tp.holes, hole{
			lit:  string(AppendJSONEscaped(nil, t[last:start])),
			pos:  slices.Index(params, name),
			name: name,
			raw:  string(AppendJSONEscaped(nil, t[start:end])),
		})
		last = end
	}
	tp.tail = string(AppendJSONEscaped(nil, t[last:]))
	return tp
}

// template returns the compiled template of field for locale, after the
// fallbacks of Text; nil when the field is empty.
func (d *Def) template(field Field, locale string) *template {
	c := d.compiled()
	if i := d.localeIndex(locale); i >= 0 && i < len(c.byLocale[field]) {
		return c.byLocale[field][i]
	}
	texts := c.fields[field]
	if tp, ok := texts[locale]; ok {
		return tp
	}
	_, l := d.Text(d.field(field), locale)
	return texts[l]
}

// localeIndex returns the index of locale in the domain's locales, or -1.
func (d *Def) localeIndex(locale string) int {
	if d.Domain == nil {
		return -1
	}
	locales := d.Domain.Locales
	// Usually the same string as one of the domain's (Negotiate and
	// DefaultLocale return those): found without comparing bytes.
	for i := range locales {
		if sameData(locales[i], locale) {
			return i
		}
	}
	return slices.Index(locales, locale)
}

// TextLocale returns the locale the text of field is written in for a
// request in locale (see Def.Text); ok is false when the Def has no such
// text.
func (e *Error) TextLocale(field Field, locale string) (textLocale string, ok bool) {
	if e.def == nil || field >= numFields {
		return "", false
	}
	tp := e.def.template(field, locale)
	if tp == nil {
		return "", false
	}
	return tp.locale, true
}

// TextLocaleValue is TextLocale as a one-element slice, for a
// Content-Language header value (http.Header maps names to slices). The
// slice is shared by every caller and must not be modified; nil when the
// Def has no text of field.
func (d *Def) TextLocaleValue(field Field, locale string) []string {
	if d == nil || field >= numFields {
		return nil
	}
	tp := d.template(field, locale)
	if tp == nil {
		return nil
	}
	return tp.localeValue
}

// TextHasParams reports whether the text of field for locale (after the
// fallbacks of Text) has {name} placeholders, i.e. whether it can differ
// between occurrences of the error.
func (d *Def) TextHasParams(field Field, locale string) bool {
	if d == nil || field >= numFields {
		return false
	}
	tp := d.template(field, locale)
	if tp == nil {
		return false
	}
	return len(tp.holes) > 0
}

// AppendJSONMembers appends e's params (those given with a value) when
// params is set, then its metadata when meta is set, as the members of a
// JSON object ("name":"value", comma-separated, no braces). Each key is
// written once: the first occurrence wins, a param before metadata, as
// when placeholders are filled.
func (e *Error) AppendJSONMembers(dst []byte, params, meta bool) []byte {
	n := 0
	member := func(dst []byte, k, v string) []byte {
		if n > 0 {
			dst = append(dst, ',')
		}
		n++
		dst = append(dst, '"')
		dst = AppendJSONEscaped(dst, k)
		dst = append(dst, '"', ':', '"')
		dst = AppendJSONEscaped(dst, v)
		return append(dst, '"')
	}
	if params {
		for i := 0; i < e.NumParams(); i++ {
			k, v, ok := e.ParamAt(i)
			if ok && e.firstParam(i, k) {
				dst = member(dst, k, v)
			}
		}
	}
	if meta {
		for i := 0; i < e.NumMeta(); i++ {
			k, v := e.MetaAt(i)
			if !e.firstMeta(i, k) {
				continue
			}
			if _, isParam := e.Param(k); isParam && params {
				continue
			}
			dst = member(dst, k, v)
		}
	}
	return dst
}

// firstParam reports whether the i-th param is the first with name k.
func (e *Error) firstParam(i int, k string) bool {
	for j := 0; j < i; j++ {
		if kj, _, ok := e.ParamAt(j); ok && kj == k {
			return false
		}
	}
	return true
}

// firstMeta reports whether the i-th metadata pair is the first with key k.
func (e *Error) firstMeta(i int, k string) bool {
	for j := 0; j < i; j++ {
		if kj, _ := e.MetaAt(j); kj == k {
			return false
		}
	}
	return true
}

// AppendJSONText appends the text of field in locale (with the fallbacks
// of Def.Text), its placeholders filled from e's params, escaped for the
// inside of a JSON string (no quotes), as AppendJSONEscaped escapes. A
// missing param stays visible as {name}. The template is split and its
// literal text escaped once per Def, so this costs a copy plus the
// escaping of the param values.
func (e *Error) AppendJSONText(dst []byte, field Field, locale string) []byte {
	d := e.def
	if d == nil || field >= numFields {
		return dst
	}
	tp := d.template(field, locale)
	if tp == nil {
		return dst
	}
	return e.appendFilled(dst, tp)
}

// appendFilled appends tp with its placeholders filled from e's params,
// escaped for JSON; a missing param stays visible as {name}.
func (e *Error) appendFilled(dst []byte, tp *template) []byte {
	for i := range tp.holes {
		h := &tp.holes[i]
		dst = append(dst, h.lit...)
		if p := h.pos; uint(p) < uint(e.npos) {
			v := e.slots[p]
			// AppendJSONEscaped's case of most params, inline: 8 to 16
			// bytes, none to escape, room in dst.
			if n := len(dst); len(v) >= 8 && len(v) <= 16 && len(v) <= cap(dst)-n {
				w0, w1 := load8(v), load8(v[len(v)-8:])
				if jsonUnsafeBits(w0)|jsonUnsafeBits(w1) == 0 {
					dst = dst[:n+len(v)]
					store8(dst[n:], w0)
					store8(dst[len(dst)-8:], w1)
					continue
				}
			}
			dst = AppendJSONEscaped(dst, v)
		} else if v, ok := e.Param(h.name); ok {
			dst = AppendJSONEscaped(dst, v)
		} else {
			dst = append(dst, h.raw...)
		}
	}
	// The tail is often a few bytes (`."}`): those without a call.
	if t, n := tp.tail, len(dst); len(t) < 8 && len(t) <= cap(dst)-n {
		out := dst[n : n+len(t)]
		for i := range out {
			out[i] = t[i]
		}
		return dst[:n+len(t)]
	}
	return append(dst, tp.tail...)
}

const hexDigits = "0123456789abcdef"

// AppendJSONEscaped appends s escaped for the inside of a JSON string,
// byte for byte as encoding/json.Marshal escapes it: '"', '\\' and control
// characters escaped, <, > and & as \u003c, \u003e and \u0026, invalid
// UTF-8 as \ufffd, and U+2028 and U+2029 escaped.
func AppendJSONEscaped(dst []byte, s string) []byte {
	if n := len(dst); len(s) <= cap(dst)-n {
		// Room enough: check and copy in one pass, 8 bytes at a time (a
		// short value, like most params, in one or two words), the last
		// word overlapping the one before.
		out := dst[n : n+len(s)]
		if len(s) < 8 {
			for i := 0; i < len(s); i++ {
				c := s[i]
				if jsonSafe[c] == 0 {
					return appendJSONEscapedFrom(dst, s, i)
				}
				out[i] = c
			}
			return dst[:n+len(s)]
		}
		if len(s) <= 16 {
			// Most params: two words, the second overlapping the first.
			w0, w1 := load8(s), load8(s[len(s)-8:])
			if jsonUnsafeBits(w0)|jsonUnsafeBits(w1) == 0 {
				store8(out, w0)
				store8(out[len(s)-8:], w1)
				return dst[:n+len(s)]
			}
			return appendJSONEscapedFrom(dst, s, 0)
		}
		i := 0
		for ; len(s)-i > 8; i += 8 {
			w := load8(s[i:])
			if !jsonSafeWord(w) {
				return appendJSONEscapedFrom(dst, s, i)
			}
			store8(out[i:], w)
		}
		if w := load8(s[len(s)-8:]); jsonSafeWord(w) {
			store8(out[len(s)-8:], w)
			return dst[:n+len(s)]
		}
		return appendJSONEscapedFrom(dst, s, i)
	}
	if i := jsonSafePrefix(s); i < len(s) {
		return appendJSONEscapedFrom(dst, s, i)
	}
	return append(dst, s...)
}

// jsonSafePrefix returns the length of the longest prefix of s written as
// it is in a JSON string.
func jsonSafePrefix(s string) int {
	i := 0
	if len(s) >= 8 {
		// 8 bytes at a time, the last word overlapping the one before.
		for ; len(s)-i > 8; i += 8 {
			if !jsonSafeWord(load8(s[i:])) {
				goto bytes
			}
		}
		if jsonSafeWord(load8(s[len(s)-8:])) {
			return len(s)
		}
	}
bytes:
	for i < len(s) && jsonSafe[s[i]] == 1 {
		i++
	}
	return i
}

// jsonSafeWord reports whether each byte of the 8 in x is written as it
// is in a JSON string. It may report false for a word that is safe (see
// jsonUnsafeBits), never true for one that is not.
func jsonSafeWord(x uint64) bool { return jsonUnsafeBits(x) == 0 }

// jsonUnsafeBits returns a word with the high bit of a byte set for each
// byte of x that may not be written as it is in a JSON string: a control
// character, a byte of 0x80 or above, or one of " & < > \ — and also,
// to keep the test short, | ^ and ~ (x|0x62 is 0x7e for < > \ | ^ ~ and
// two control characters), which the byte-by-byte scan then finds safe.
// Zero means every byte is safe.
//
// A byte of 0x80 or above has its high bit already; x-0x20 sets it for a
// byte below 0x20; y-1 sets it for a zero byte of y, where y is x with the
// bits that tell a pair of characters apart set and then compared by xor
// ('"' and '&' differ in bit 2). No &^y is needed as usual in a zero-byte
// test: a byte of y with its high bit set is a byte of x that has it.
// Borrows cross bytes only past a byte that is already flagged.
func jsonUnsafeBits(x uint64) uint64 {
	quoteAmp := x | ones*0x04 ^ ones*'&'
	rest := x | ones*0x62 ^ ones*0x7e
	return (x | (x - ones*0x20) | (quoteAmp - ones) | (rest - ones)) & highs
}

// appendJSONEscapedFrom is AppendJSONEscaped of s, whose first i bytes
// need no escaping.
func appendJSONEscapedFrom(dst []byte, s string, i int) []byte {
	start := 0
	for i < len(s) {
		// A run of bytes written as they are, 8 at a time and then one
		// by one.
		for len(s)-i >= 8 && jsonSafeWord(load8(s[i:])) {
			i += 8
		}
		for i < len(s) && jsonSafe[s[i]] == 1 {
			i++
		}
		if i == len(s) {
			break
		}
		b := s[i]
		if b < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(dst, s[start:]...)
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// load8 reads the first 8 bytes of w (at least 8 long) as a little-endian
// word; the compiler turns it into one load.
func load8(w string) uint64 {
	w = w[:8]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// store8 writes x into the first 8 bytes of b (at least 8 long), little
// endian; the compiler turns it into one store.
func store8(b []byte, x uint64) {
	b = b[:8]
	b[0], b[1], b[2], b[3] = byte(x), byte(x>>8), byte(x>>16), byte(x>>24)
	b[4], b[5], b[6], b[7] = byte(x>>32), byte(x>>40), byte(x>>48), byte(x>>56)
}

// jsonSafe has a 1 for each byte written as itself in a JSON string: the
// printable ASCII characters but " \\ < > &. Bytes of 0x80 and above are
// checked as UTF-8.
const jsonSafe = "" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x01\x01\x00\x01\x01\x01\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01" + // " and &
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x01\x00\x01" + // < and >
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x01\x01\x01" + // \\
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"

// AppendJSONCode appends the Def's code as a JSON value: a number when
// asNumber is set and the code is a decimal integer of at most 15 digits
// (exact in any JSON decoder), else a string.
func (d *Def) AppendJSONCode(dst []byte, asNumber bool) []byte {
	c := d.compiled()
	if asNumber && c.codeNumber {
		return append(dst, d.Code...)
	}
	return append(dst, c.codeJSON...)
}

func isJSONInt(s string) bool {
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 15 || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
