package importer

import (
	"regexp"
	"strings"

	"github.com/errcat/errcat/internal/catalog"
)

var (
	// printfRe matches a printf verb, with the key in front of it when
	// there is one ("id=%d").
	printfRe = regexp.MustCompile(`(?:([A-Za-z][A-Za-z0-9_]*)=)?%([-+#0]*[0-9]*(?:\.[0-9]+)?)([sdvqfxgt])\b`)
	// angledRe matches <parameter name>: lower-case words in angle brackets.
	angledRe = regexp.MustCompile(`<([\p{Han}A-Za-z][\p{Han}A-Za-z0-9]*(?:[ _-][\p{Han}A-Za-z0-9]+)*)>`)
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

// paramNamer collects the params of one row.
type paramNamer struct {
	params []catalog.Param
}

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
	if !strings.ContainsAny(s, `%<"`) {
		return s, false
	}
	out := s
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

// rewriteCode turns angled placeholders of a code into a code pattern:
// Invalid<parameter name>.Malformed → Invalid{parameter_name}.Malformed.
func (pn *paramNamer) rewriteCode(code string) (string, bool) {
	if !strings.Contains(code, "<") {
		return code, false
	}
	out := angledRe.ReplaceAllStringFunc(code, func(m string) string {
		name := pn.nameFor(m[1 : len(m)-1])
		pn.add(name, m)
		return "{" + name + "}"
	})
	return out, out != code
}
