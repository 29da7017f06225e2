package catalog

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Text is a text with {name} placeholders in one or more locales (BCP 47
// tags). It is a value: With, Set and Delete never change a Text another
// variable holds.
//
// A Text keeps its (locale, text) pairs sorted by locale in one string,
// so an entry's texts cost the collector one pointer each and no map: a
// catalog of a million entries holds millions of texts. The zero Text is
// a text in no locale, as a nil map was; T() (or NewText of an empty map)
// is an empty one that is not nil, written as {} where nil is written as
// null. Compare Texts with == or Equal.
type Text struct {
	// s is "" for the nil text; otherwise uvarint(number of pairs) (so
	// "\x00" for the empty text), then
	// for each pair in strictly ascending locale order uvarint(len(locale)),
	// locale, uvarint(len(text)), text.
	s string
}

// T returns the text of locale, text pairs: T("en", "Not found.",
// "zh-CN", "未找到。"). A locale given twice keeps its last text. T()
// is the empty text, which is not nil. It panics on an odd number of
// arguments.
func T(pairs ...string) Text {
	if len(pairs)%2 != 0 {
		panic("catalog.T: odd number of arguments")
	}
	ps := make([]textPair, 0, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		ps = append(ps, textPair{pairs[i], pairs[i+1]})
	}
	return makeText(ps)
}

// NewText returns the text of m: the nil text for a nil map, the empty
// one for an empty map.
func NewText(m map[string]string) Text {
	if m == nil {
		return Text{}
	}
	ps := make([]textPair, 0, len(m))
	for l, s := range m {
		ps = append(ps, textPair{l, s})
	}
	return makeText(ps)
}

type textPair struct{ locale, text string }

// makeText encodes pairs (in any order; of equal locales the last wins)
// as a non-nil Text. It sorts pairs in place.
func makeText(ps []textPair) Text {
	return encodeText(sortPairs(ps))
}

// sortPairs sorts pairs by locale in place and keeps, of equal locales,
// the last, as a map assignment would.
func sortPairs(ps []textPair) []textPair {
	slices.SortStableFunc(ps, func(a, b textPair) int { return strings.Compare(a.locale, b.locale) })
	out := ps[:0]
	for i, p := range ps {
		if i+1 < len(ps) && ps[i+1].locale == p.locale {
			continue
		}
		out = append(out, p)
	}
	return out
}

// encodedLen is the length of the encoding of pairs.
func encodedLen(ps []textPair) int {
	n := uvarintLen(uint64(len(ps)))
	for _, p := range ps {
		n += uvarintLen(uint64(len(p.locale))) + len(p.locale) + uvarintLen(uint64(len(p.text))) + len(p.text)
	}
	return n
}

// appendText appends the encoding of pairs that are sorted with distinct
// locales to b.
func appendText(b []byte, ps []textPair) []byte {
	b = binary.AppendUvarint(b, uint64(len(ps)))
	for _, p := range ps {
		b = binary.AppendUvarint(b, uint64(len(p.locale)))
		b = append(b, p.locale...)
		b = binary.AppendUvarint(b, uint64(len(p.text)))
		b = append(b, p.text...)
	}
	return b
}

// encodeText encodes pairs that are sorted with distinct locales.
func encodeText(ps []textPair) Text {
	b := appendText(make([]byte, 0, encodedLen(ps)), ps)
	return Text{unsafe.String(unsafe.SliceData(b), len(b))}
}

// textArena encodes many texts into blocks of memory shared between
// them, for the fast reader: a million entries' texts are then a few
// thousand allocations instead of millions, and, as they do not point
// into the file, compaction leaves them where they are instead of copying
// them again while the file is still held (see compactor.text). A block
// is never written again where a text was placed, so the texts are
// immutable strings. Texts of up to shortString bytes are allocated on
// their own: compaction shares the short ones, and one in a block would
// keep the block's bytes for nothing.
type textArena struct{ block []byte }

// textBlockMax is the largest block; blocks start small and double, so a
// small catalog's texts do not hold a large block.
const textBlockMax = 64 << 10

// make is makeText with the encoding placed in a block.
func (a *textArena) make(ps []textPair) Text {
	ps = sortPairs(ps)
	n := encodedLen(ps)
	if n <= shortString || n > textBlockMax/8 {
		return encodeText(ps)
	}
	if cap(a.block)-len(a.block) < n {
		a.block = make([]byte, 0, min(textBlockMax, max(4<<10, 2*cap(a.block))))
	}
	at := len(a.block)
	a.block = appendText(a.block, ps)
	return Text{unsafe.String(&a.block[at], n)}
}

func uvarintLen(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

// textReader walks the pairs of an encoded text.
type textReader struct {
	s string
	n int // pairs left
}

func readText(t Text) textReader {
	if t.s == "" {
		return textReader{}
	}
	n, w := uvarint(t.s)
	return textReader{s: t.s[w:], n: n}
}

// next returns the next pair; ok is false after the last.
func (r *textReader) next() (locale, text string, ok bool) {
	if r.n == 0 {
		return "", "", false
	}
	r.n--
	locale, r.s = readString(r.s)
	text, r.s = readString(r.s)
	return locale, text, true
}

func readString(s string) (string, string) {
	n, w := uvarint(s)
	return s[w : w+n], s[w+n:]
}

// uvarint decodes the length at the start of s and returns it with its
// width in bytes.
func uvarint(s string) (int, int) {
	if s[0] < 0x80 {
		return int(s[0]), 1
	}
	var v uint64
	var shift uint
	for i := 0; i < len(s); i++ {
		b := s[i]
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return int(v), i + 1
		}
		shift += 7
	}
	panic("catalog: malformed text")
}

// Get returns the text for locale, or "" when there is none.
func (t Text) Get(locale string) string {
	s, _ := t.Lookup(locale)
	return s
}

// Lookup returns the text for locale and whether there is one.
func (t Text) Lookup(locale string) (string, bool) {
	r := readText(t)
	for {
		l, s, ok := r.next()
		if !ok {
			return "", false
		}
		if l == locale {
			return s, true
		}
		if l > locale {
			return "", false
		}
	}
}

// Has reports whether the text has locale.
func (t Text) Has(locale string) bool {
	_, ok := t.Lookup(locale)
	return ok
}

// Len returns the number of locales.
func (t Text) Len() int { return readText(t).n }

// IsZero reports whether the text has no locale (nil or empty), which is
// when an omitempty (YAML) or omitzero (JSON) field leaves it out.
func (t Text) IsZero() bool { return t.Len() == 0 }

// IsNil reports whether t is the nil text, the zero Text.
func (t Text) IsNil() bool { return t.s == "" }

// Locales returns the text's locales, sorted.
func (t Text) Locales() []string {
	r := readText(t)
	ls := make([]string, 0, r.n)
	for {
		l, _, ok := r.next()
		if !ok {
			return ls
		}
		ls = append(ls, l)
	}
}

// All yields each locale and its text, locales in sorted order.
func (t Text) All() iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		r := readText(t)
		for {
			l, s, ok := r.next()
			if !ok || !yield(l, s) {
				return
			}
		}
	}
}

// pairs returns t's pairs, sorted.
func (t Text) pairs() []textPair {
	r := readText(t)
	ps := make([]textPair, 0, r.n+1)
	for {
		l, s, ok := r.next()
		if !ok {
			return ps
		}
		ps = append(ps, textPair{l, s})
	}
}

// With returns t with locale's text set to s (added or replaced).
func (t Text) With(locale, s string) Text {
	ps := t.pairs()
	i, found := slices.BinarySearchFunc(ps, locale, func(p textPair, l string) int { return strings.Compare(p.locale, l) })
	if found {
		ps[i].text = s
	} else {
		ps = slices.Insert(ps, i, textPair{locale, s})
	}
	return encodeText(ps)
}

// WithMap returns t with the texts of m set (added or replaced), as
// maps.Copy would.
func (t Text) WithMap(m map[string]string) Text {
	if len(m) == 0 {
		return t
	}
	ps := t.pairs()
	for l, s := range m {
		ps = append(ps, textPair{l, s})
	}
	// Stable sort keeps m's texts after t's of the same locale: they win.
	return makeText(ps)
}

// Set sets locale's text to s, as With does.
func (t *Text) Set(locale, s string) { *t = t.With(locale, s) }

// Without returns t without locale. A text without any locale left is
// empty, not nil, as a map is after its last key is deleted.
func (t Text) Without(locale string) Text {
	if !t.Has(locale) {
		return t
	}
	ps := slices.DeleteFunc(t.pairs(), func(p textPair) bool { return p.locale == locale })
	return encodeText(ps)
}

// Delete removes locale's text, as Without does.
func (t *Text) Delete(locale string) { *t = t.Without(locale) }

// Map returns the text as a new map: nil for the nil text.
func (t Text) Map() map[string]string {
	if t.IsNil() {
		return nil
	}
	m := make(map[string]string, t.Len())
	for l, s := range t.All() {
		m[l] = s
	}
	return m
}

// Equal reports whether t and u hold the same locales and texts (and are
// both nil or both not).
func (t Text) Equal(u Text) bool { return t == u }

// String formats the text as fmt formats a map: map[en:… zh-CN:…].
func (t Text) String() string { return fmt.Sprint(t.Map()) }

// MarshalJSON writes the text as a JSON object with sorted keys (null for
// the nil text), as encoding/json writes a map. Strings are written
// without HTML escaping, which encoding/json adds to a marshaler's output
// when its encoder escapes HTML, so the bytes are a map's either way.
func (t Text) MarshalJSON() ([]byte, error) {
	if t.IsNil() {
		return []byte("null"), nil
	}
	return t.AppendJSON(make([]byte, 0, len(t.s)+8)), nil
}

// AppendJSON appends the text as MarshalJSON writes it, with HTML
// characters not escaped.
func (t Text) AppendJSON(b []byte) []byte {
	if t.IsNil() {
		return append(b, "null"...)
	}
	b = append(b, '{')
	r := readText(t)
	for i := 0; ; i++ {
		l, s, ok := r.next()
		if !ok {
			break
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, l)
		b = append(b, ':')
		b = appendJSONString(b, s)
	}
	return append(b, '}')
}

// appendJSONString appends s as encoding/json writes a string with HTML
// escaping off: invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
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
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
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
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// UnmarshalJSON reads a JSON object of strings as encoding/json reads one
// into a map: null makes t nil, an object's keys are added to t's.
func (t *Text) UnmarshalJSON(b []byte) error {
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	if m == nil {
		*t = Text{}
		return nil
	}
	for l, s := range t.All() {
		if _, ok := m[l]; !ok {
			m[l] = s
		}
	}
	*t = NewText(m)
	return nil
}

// MarshalYAML gives the YAML encoder the text as the map it stands for,
// so the text is written as a map was: keys sorted, null for nil.
func (t Text) MarshalYAML() (any, error) { return t.Map(), nil }

// UnmarshalYAML reads a YAML mapping of strings.
func (t *Text) UnmarshalYAML(unmarshal func(any) error) error {
	var m map[string]string
	if err := unmarshal(&m); err != nil {
		return err
	}
	*t = NewText(m)
	return nil
}
