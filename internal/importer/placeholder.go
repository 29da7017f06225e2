package importer

import (
	"regexp"
	"strings"

	"github.com/errcat/errcat/internal/catalog"
)

// angledWords are the words of an angled placeholder.
const angledWords = `[\p{Han}A-Za-z][\p{Han}A-Za-z0-9]*(?:[ _-][\p{Han}A-Za-z0-9]+)*`

var (
	// printfRe matches a printf verb, with the key in front of it when
	// there is one ("id=%d").
	printfRe = regexp.MustCompile(`(?:([A-Za-z][A-Za-z0-9_]*)=)?%([-+#0]*[0-9]*(?:\.[0-9]+)?)([sdvqfxgt])\b`)
	// angledRe matches <parameter name>: lower-case words in angle brackets.
	angledRe = regexp.MustCompile(`<(` + angledWords + `)>`)
	// quotedRe matches "parameter name": lower-case words in double quotes.
	quotedRe = regexp.MustCompile(`"([a-z]+(?: [a-z]+)+)"`)
)

// htmlTags are angled words that are markup, not placeholders.
var htmlTags = map[string]bool{"br": true, "b": true, "i": true, "p": true, "code": true, "em": true, "strong": true, "span": true, "div": true, "a": true, "u": true, "sup": true, "sub": true, "li": true, "ul": true, "ol": true}

// placeholderNouns mark quoted wording as a placeholder: "parameter name"
// is one, "Action or Version" and "message" are literal.
var placeholderNouns = map[string]bool{"name": true, "value": true, "parameter": true, "param": true, "id": true, "key": true, "n": true, "type": true, "number": true, "field": true, "code": true}

// printfNames names printf verbs that have no key in front.
var printfNames = map[byte]string{'s': "detail", 'q': "detail", 'v': "value", 't': "value", 'd': "number", 'f': "number", 'g': "number", 'x': "value"}

// A character reference shows a character as it stands, and text a page
// escaped so is not read as a placeholder: &#123;x&#125; is the text {x},
// not a param, and &#37;s the text %s. Escaped angle brackets around one
// word (&lt;script&gt;, &lt;name&gt;) are markup shown as text and stay
// literal too; around placeholder wording (&lt;collection name&gt;,
// &lt;参数名&gt;) they are still a placeholder, as an HTML page cannot show
// those brackets otherwise. An escaped quote (&quot;) is a quote: escaping
// it is markup hygiene, not a way of showing it literally.
//
// The Markdown and HTML parsers hand the escaped characters on as
// stand-ins: noncharacters, which no placeholder pattern matches (and which
// pageText keeps out of pages). The row builder turns them back into text
// (plainText) once placeholders are rewritten.
var (
	toStandIns = strings.NewReplacer("<", "\uFDD0", ">", "\uFDD1", "{", "\uFDD2", "}", "\uFDD3", "%", "\uFDD4")
	toPlain    = strings.NewReplacer("\uFDD0", "<", "\uFDD1", ">", "\uFDD2", "{", "\uFDD3", "}", "\uFDD4", "%")
	// escapedAngledRe is an angled placeholder whose brackets the page
	// escaped.
	escapedAngledRe = regexp.MustCompile("\uFDD0(" + angledWords + ")\uFDD1")
)

// literal returns s, decoded from a character reference, with the
// characters of placeholders as their stand-ins.
func literal(s string) string { return toStandIns.Replace(s) }

// escapedWording turns escaped angle brackets around placeholder wording
// (several words, or words not in Latin letters) back into brackets, so that
// the rewrite reads them as a placeholder; around a single Latin word they
// stay escaped.
func escapedWording(s string) string {
	if !strings.Contains(s, "\uFDD0") {
		return s
	}
	return escapedAngledRe.ReplaceAllStringFunc(s, func(m string) string {
		inner := strings.TrimSuffix(strings.TrimPrefix(m, "\uFDD0"), "\uFDD1")
		if !strings.ContainsAny(inner, " _-") && !hasNonASCII(inner) {
			return m
		}
		return "<" + inner + ">"
	})
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

// plainText turns the stand-ins of escaped characters back into the
// characters.
func plainText(s string) string {
	if !strings.Contains(s, "\xef\xb7") { // the first bytes of U+FDC0..U+FDFF
		return s
	}
	return toPlain.Replace(s)
}

// plainRune is the character a stand-in stands for, or r.
func plainRune(r rune) rune {
	if r >= 0xFDD0 && r <= 0xFDD4 {
		return rune("<>{}%"[r-0xFDD0])
	}
	return r
}

// plainAll is plainText of every string of ss, in a new slice.
func plainAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = plainText(s)
	}
	return out
}

// isStandIn reports whether r is a noncharacter of the block the stand-ins
// are taken from (U+FDD0..U+FDEF).
func isStandIn(r rune) bool { return r >= 0xFDD0 && r <= 0xFDEF }

// paramNamer collects the params of one row.
type paramNamer struct {
	params []catalog.Param
}

// add adds a param, written original in the source (a match of a
// placeholder pattern, which holds no stand-ins).
func (pn *paramNamer) add(name, original string) {
	for _, p := range pn.params {
		if p.Name == name {
			return
		}
	}
	pn.params = append(pn.params, catalog.Param{Name: name, Description: "written " + original + " in the source"})
}

// nameFor is the param name of placeholder words: their snake case, or
// "param" for words with no Latin letters (<参数名>).
func (pn *paramNamer) nameFor(words string) string {
	if n := snake(words); n != "" {
		return n
	}
	return "param"
}

// rewrite replaces the placeholders of s by {name}s and reports whether it
// changed anything.
func (pn *paramNamer) rewrite(s string) (string, bool) {
	if !strings.ContainsAny(s, `%<"`) && !strings.Contains(s, "\uFDD0") {
		return s, false
	}
	out := escapedWording(s)
	out = angledRe.ReplaceAllStringFunc(out, func(m string) string {
		inner := m[1 : len(m)-1]
		if htmlTags[strings.ToLower(inner)] || !strings.ContainsAny(inner, " _-") && strings.ToLower(inner) != inner {
			return m
		}
		name := pn.nameFor(inner)
		pn.add(name, m)
		return "{" + name + "}"
	})
	out = quotedRe.ReplaceAllStringFunc(out, func(m string) string {
		inner := m[1 : len(m)-1]
		noun := false
		for _, w := range strings.Fields(inner) {
			if placeholderNouns[w] {
				noun = true
			}
		}
		if !noun {
			return m
		}
		name := snake(inner)
		pn.add(name, m)
		return `"{` + name + `}"`
	})
	used := map[string]int{}
	out = printfRe.ReplaceAllStringFunc(out, func(m string) string {
		sm := printfRe.FindStringSubmatch(m)
		key, verb := sm[1], sm[3][0]
		prefix := ""
		name := printfNames[verb]
		if key != "" {
			name = snake(key)
			prefix = m[:strings.IndexByte(m, '%')]
		}
		used[name]++
		if n := used[name]; n > 1 {
			name += "_" + string(rune('0'+min(n, 9)))
		}
		pn.add(name, m[len(prefix):])
		return prefix + "{" + name + "}"
	})
	return out, out != s
}

// codeRangeRe is a code written as a range: digits (after an optional
// prefix of letters and separators) then x for each digit of the range.
var codeRangeRe = regexp.MustCompile(`^([A-Za-z_.-]*[0-9]+)([xX]+|\*+)$`)

// isCodeRange reports whether code is written as a range (5xx, 561xxx).
func isCodeRange(code string) bool { return codeRangeRe.MatchString(code) }

// rewriteCode turns angled placeholders of a code into a code pattern:
// Invalid<parameter name>.Malformed → Invalid{parameter_name}.Malformed.
// A code written as a range (5xx, 561xxx) becomes 5{digits}, 561{digits}.
func (pn *paramNamer) rewriteCode(code string) (string, bool) {
	if m := codeRangeRe.FindStringSubmatch(code); m != nil {
		// A range of codes (5xx, 561xxx): a pattern whose placeholder
		// stands for the digits the page wrote as x.
		pn.add("digits", m[2])
		return m[1] + "{digits}", true
	}
	if !strings.Contains(code, "<") && !strings.Contains(code, "\uFDD0") {
		return code, false
	}
	out := angledRe.ReplaceAllStringFunc(escapedWording(code), func(m string) string {
		name := pn.nameFor(m[1 : len(m)-1])
		pn.add(name, m)
		return "{" + name + "}"
	})
	return out, out != code
}
