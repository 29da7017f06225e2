package wire

import (
	"unicode/utf8"

	"github.com/errcat/errcat"
)

// AppendJSONString appends s as a JSON string, quoted, byte for byte as
// encoding/json.Marshal writes it: control characters, '"' and '\\'
// escaped, <, > and & escaped as \u003c, \u003e and \u0026, invalid UTF-8
// replaced by \ufffd, and U+2028 and U+2029 escaped.
func AppendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	dst = appendJSONEscaped(dst, s)
	return append(dst, '"')
}

// appendJSONEscaped appends the inside of a JSON string.
func appendJSONEscaped(dst []byte, s string) []byte { return errcat.AppendJSONEscaped(dst, s) }

// appendXMLEscaped appends s as XML character data, as encoding/xml's
// EscapeText writes it: &, <, >, quotes, tab, newline and carriage return
// as character references, and invalid UTF-8 and characters XML does not
// allow replaced by U+FFFD.
func appendXMLEscaped(dst []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if !xmlChar(r) || (r == utf8.RuneError && size == 1) {
				esc = "\uFFFD"
				break
			}
			i += size
			continue
		}
		dst = append(dst, s[start:i]...)
		dst = append(dst, esc...)
		i += size
		start = i
	}
	return append(dst, s[start:]...)
}

// xmlChar reports whether r is in XML 1.0's Char production.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
