package gen

import (
	"fmt"
	"go/token"
	"go/types"
	"hash/fnv"
	"slices"
	"strings"
	"unicode"

	"github.com/errcat/errcat/internal/catalog"
)

// GoNames returns the Go identifier of every code of c (code → identifier).
//
// The scheme, applied per entry:
//
//   - A code that is a number (96000, 4000, 140) is named after its text:
//     the first sentence of its title, or else of its message, in the
//     first of the domain's locales (default first) whose sentence is
//     written in Latin script; its first four words, each capitalised
//     (other letters kept), followed by the code: 96000 "Invalid CloudId.
//     Please use…" → InvalidCloudId96000. Without such a text it is
//     Code + the code: 140 "参数异常" → Code140.
//   - Any other code is split at every character that is not a letter or
//     digit (dots, dashes, underscores, placeholder braces) and the parts
//     are capitalised and joined: CSS.0001 → CSS0001,
//     InvalidAccessKeyId.NotFound → InvalidAccessKeyIdNotFound,
//     Invalid{parameter_name}.Malformed → InvalidParameterNameMalformed.
//     A name that would not start with an upper-case letter gets the
//     prefix Code.
//   - Each entry owns three identifiers: NAME (returns its *errcat.Def), NewNAME
//     (its constructor) and IsNAME (its predicate); Domain and Defs are
//     reserved. When any identifier of an entry is also wanted by another
//     entry, or is reserved, every entry involved appends X and the eight
//     hex digits of the FNV-32a hash of its code, which depends on the code
//     alone — so the names stay stable whatever else the catalog holds.
//
// Duplicate codes are an error: a package cannot hold both.
func GoNames(c *catalog.Catalog) (map[string]string, error) {
	names := map[string]string{}
	for i := range c.Entries {
		e := &c.Entries[i]
		if _, dup := names[e.Code]; dup {
			return nil, fmt.Errorf("%s: code %q is defined twice; a Go package can hold it once (merge the entries as variants)", c.Domain.ID, e.Code)
		}
		names[e.Code] = baseGoName(&c.Domain, e)
	}
	claim := func() map[string][]string {
		owners := map[string][]string{"Domain": {""}, "Defs": {""}}
		for code, n := range names {
			for _, sym := range []string{n, "New" + n, "Is" + n} {
				owners[sym] = append(owners[sym], code)
			}
		}
		return owners
	}
	clash := map[string]bool{}
	for _, codes := range claim() {
		if len(codes) > 1 {
			for _, code := range codes {
				if code != "" {
					clash[code] = true
				}
			}
		}
	}
	for code := range clash {
		h := fnv.New32a()
		h.Write([]byte(code))
		names[code] += fmt.Sprintf("X%08x", h.Sum32())
	}
	for sym, codes := range claim() {
		if len(codes) > 1 {
			slices.Sort(codes)
			return nil, fmt.Errorf("%s: codes %q all want the Go identifier %s", c.Domain.ID, codes, sym)
		}
	}
	return names, nil
}

func baseGoName(d *catalog.Domain, e *catalog.Entry) string {
	if isNumber(e.Code) {
		words := textWords(d, e)
		if len(words) == 0 {
			return "Code" + e.Code
		}
		name := strings.Join(words, "") + e.Code
		if !unicode.IsUpper([]rune(name)[0]) {
			name = "Code" + name
		}
		return name
	}
	var parts []string
	for _, p := range strings.FieldsFunc(e.Code, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		parts = append(parts, capitalise(p))
	}
	name := strings.Join(parts, "")
	if name == "" || !unicode.IsUpper([]rune(name)[0]) {
		name = "Code" + name
	}
	return name
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// textWords returns up to four capitalised words of the first Latin-script
// first sentence among the entry's title and message.
func textWords(d *catalog.Domain, e *catalog.Entry) []string {
	locs := slices.Clone(d.Locales)
	for _, t := range []catalog.Text{e.Title, e.Message} {
		for _, l := range t.Locales() {
			if !slices.Contains(locs, l) {
				locs = append(locs, l)
			}
		}
	}
	for _, t := range []catalog.Text{e.Title, e.Message} {
		for _, l := range locs {
			s := firstSentence(t.Get(l))
			if s == "" || !latin(s) {
				continue
			}
			var words []string
			for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !(r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r))) }) {
				words = append(words, capitalise(w))
				if len(words) == 4 {
					break
				}
			}
			if len(words) > 0 {
				return words
			}
		}
	}
	return nil
}

// firstSentence cuts s at the first sentence or clause punctuation.
func firstSentence(s string) string {
	if i := strings.IndexAny(s, ".,;:(!?\n。，；：（！？"); i >= 0 {
		return s[:i]
	}
	return s
}

// latin reports whether s has letters and all of them are Latin script.
func latin(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			n++
		}
	}
	return n > 0
}

func capitalise(s string) string {
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// goParamNames returns a Go parameter name per param: lower camel case,
// with the suffix Value when that would be a keyword or a predeclared
// identifier (max → maxValue), unique within the list.
func goParamNames(params []catalog.Param) []string {
	seen := map[string]bool{"errcat": true, "errors": true}
	var out []string
	for _, p := range params {
		parts := strings.FieldsFunc(p.Name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		n := ""
		for i, part := range parts {
			if i == 0 {
				r := []rune(part)
				n += strings.ToLower(string(r[0])) + string(r[1:])
			} else {
				n += capitalise(part)
			}
		}
		if n == "" || !unicode.IsLetter([]rune(n)[0]) {
			n = "p" + n
		}
		if token.IsKeyword(n) || types.Universe.Lookup(n) != nil {
			n += "Value"
		}
		base := n
		for k := 2; seen[n]; k++ {
			n = fmt.Sprintf("%s%d", base, k)
		}
		seen[n] = true
		out = append(out, n)
	}
	return out
}

// GoPackageName derives a Go package name from a domain id: its letters and
// digits, lower-cased (zilliz.cloud → zillizcloud).
func GoPackageName(id string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(id) {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	n := b.String()
	if n == "" || unicode.IsDigit(rune(n[0])) {
		n = "errs" + n
	}
	return n
}
