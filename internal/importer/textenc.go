package importer

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// badText is text of a page that could not be decoded: the line it is on
// and what it was. It reads as U+FFFD; the row that holds it is reported
// and not imported.
type badText struct {
	line    int
	kind    string   // invalid UTF-8, invalid UTF-16, not text
	details []string // byte 0xE9, unpaired surrogate 0xD800, noncharacter U+FDD0
}

func (t badText) String() string {
	return t.kind + " (" + strings.Join(t.details, ", ") + ")"
}

// maxBadDetails bounds the details kept for one line.
const maxBadDetails = 3

// textWriter builds the text of a page being decoded. It counts lines as
// pageText will once it normalises line ends (\r\n, \r and \n each end one
// line), and records the text it could not decode, by line.
type textWriter struct {
	b         strings.Builder
	line      int
	cr        bool // the last rune was \r
	blankLine bool // nothing but spaces on the line so far
	nonblank  int  // lines with something on them
	runes     int  // runes written
	multibyte int  // runes of more than one byte, decoded cleanly
	runs      int  // runs of undecodable input
	firstBad  int  // offset of the first undecodable input, -1 if none
	bad       []badText
}

func newTextWriter(size int) *textWriter {
	w := &textWriter{line: 1, blankLine: true, firstBad: -1}
	w.b.Grow(size)
	return w
}

func (w *textWriter) rune(r rune) {
	if r >= utf8.RuneSelf {
		w.multibyte++
	}
	w.put(r)
}

func (w *textWriter) put(r rune) {
	w.runes++
	switch r {
	case '\n':
		if !w.cr {
			w.line++
		}
		w.blankLine = true
	case '\r':
		w.line++
		w.blankLine = true
	default:
		if w.blankLine && !unicode.IsSpace(r) {
			w.blankLine = false
			w.nonblank++
		}
	}
	w.cr = r == '\r'
	w.b.WriteRune(r)
}

// invalid records undecodable input at offset off, and writes U+FFFD.
func (w *textWriter) invalid(off int, kind, detail string) {
	if w.firstBad < 0 {
		w.firstBad = off
	}
	w.runs++
	if n := len(w.bad); n > 0 && w.bad[n-1].line == w.line && w.bad[n-1].kind == kind {
		switch d := &w.bad[n-1].details; {
		case len(*d) < maxBadDetails:
			*d = append(*d, detail)
		case len(*d) == maxBadDetails:
			*d = append(*d, "…")
		}
	} else {
		w.bad = append(w.bad, badText{line: w.line, kind: kind, details: []string{detail}})
	}
	w.put(utf8.RuneError)
}

// badLines is the number of lines with undecodable text.
func (w *textWriter) badLines() int {
	n, last := 0, 0
	for _, b := range w.bad {
		if b.line != last {
			n++
			last = b.line
		}
	}
	return n
}

// strayBytes reports whether the undecodable text is rare enough to be
// damage in a page of this encoding (a stray byte), rather than a sign
// that the page is in another encoding or not text at all: at most one
// line in four has some, or (for pages of few long lines) one character
// in two hundred.
func (w *textWriter) strayBytes() bool {
	return w.badLines()*4 <= w.nonblank || w.runs*200 <= w.runes
}

// mostlyUTF8 reports whether a page with invalid UTF-8 is UTF-8 all the
// same: its multi-byte characters decode cleanly at least eight times as
// often as not, and only few lines are damaged. Reading such a page as
// another encoding (GB18030 decodes most byte pairs) would garble it.
func (w *textWriter) mostlyUTF8() bool {
	return w.multibyte >= 8*w.runs && w.strayBytes()
}

// decodeUTF8 decodes a page that is UTF-8 but for some invalid bytes, or
// noncharacters of the block the parsers take stand-ins from (see
// literal): each run of them becomes U+FFFD and is recorded.
func decodeUTF8(data []byte) *textWriter {
	w := newTextWriter(len(data))
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			j := i + 1
			for j < len(data) && isInvalidAt(data, j) {
				j++
			}
			w.invalid(i, "invalid UTF-8", hexBytes(data[i:j]))
			i = j
		case isStandIn(r):
			w.invalid(i, "not text", fmt.Sprintf("noncharacter U+%04X", r))
			i += n
		default:
			w.rune(r)
			i += n
		}
	}
	return w
}

func isInvalidAt(data []byte, i int) bool {
	r, n := utf8.DecodeRune(data[i:])
	return r == utf8.RuneError && n <= 1
}

// hexBytes names bytes: "byte 0xE9", "bytes 0xE9 0xFF", at most four.
func hexBytes(bs []byte) string {
	var b strings.Builder
	b.WriteString("byte")
	if len(bs) > 1 {
		b.WriteString("s")
	}
	for i, c := range bs {
		if i == 4 {
			b.WriteString(" …")
			break
		}
		fmt.Fprintf(&b, " 0x%02X", c)
	}
	return b.String()
}

// utf16BOM returns the byte order a UTF-16 byte-order mark at the start of
// data names: "le", "be", or "" when there is none.
func utf16BOM(data []byte) string {
	switch {
	case len(data) >= 2 && data[0] == 0xFF && data[1] == 0xFE:
		return "le"
	case len(data) >= 2 && data[0] == 0xFE && data[1] == 0xFF:
		return "be"
	}
	return ""
}

// decodeUTF16 decodes data, UTF-16 that starts with a byte-order mark in
// the given order (see utf16BOM). An unpaired
// surrogate, an odd final byte or a noncharacter of the stand-ins' block
// becomes U+FFFD and is recorded. nul is the offset in data of the first
// NUL character, or -1: a page with one is binary.
func decodeUTF16(data []byte, order string) (w *textWriter, nul int) {
	unit := func(i int) rune {
		if order == "be" {
			return rune(data[i])<<8 | rune(data[i+1])
		}
		return rune(data[i]) | rune(data[i+1])<<8
	}
	w = newTextWriter(len(data))
	const bom = 2
	i := bom
	for ; i+1 < len(data); i += 2 {
		c := unit(i)
		switch {
		case c == 0:
			return w, i
		case utf16.IsSurrogate(c):
			if c < 0xDC00 && i+3 < len(data) {
				if r := utf16.DecodeRune(c, unit(i+2)); r != utf8.RuneError {
					w.rune(r)
					i += 2
					continue
				}
			}
			w.invalid(i, "invalid UTF-16", fmt.Sprintf("unpaired surrogate 0x%04X", c))
		case isStandIn(c):
			w.invalid(i, "not text", fmt.Sprintf("noncharacter U+%04X", c))
		default:
			w.rune(c)
		}
	}
	if i < len(data) {
		w.invalid(i, "invalid UTF-16", fmt.Sprintf("odd final byte 0x%02X", data[i]))
	}
	return w, -1
}
