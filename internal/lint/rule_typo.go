package lint

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/errcat/errcat/internal/catalog"
)

//go:embed words.txt
var wordsFile string

// dictionary is the embedded English word list with a deletion index for
// finding words one edit away.
type dictionary struct {
	words map[string]bool
	near  map[string][]string // word and each of its one-letter deletions → words
}

func newDictionary() *dictionary {
	d := &dictionary{words: map[string]bool{}, near: map[string][]string{}}
	for line := range strings.SplitSeq(wordsFile, "\n") {
		w := strings.TrimSpace(line)
		if w == "" || w[0] == '#' {
			continue
		}
		d.words[w] = true
		addNear(d.near, w)
	}
	return d
}

// addNear indexes w under itself and each of its one-letter deletions.
func addNear(idx map[string][]string, w string) {
	forDeletes(w, func(k string) { idx[k] = append(idx[k], w) })
}

func forDeletes(w string, f func(string)) {
	f(w)
	for i := range len(w) {
		if i > 0 && w[i] == w[i-1] {
			continue // the same deletion as the previous position
		}
		f(w[:i] + w[i+1:])
	}
}

// codeWords splits a code into its words: dotted segments, then PascalCase
// humps; digits, placeholders and punctuation separate words.
// "InvalidDBClusterId.NotFound" → Invalid DB Cluster Id Not Found.
func codeWords(code string) []string {
	var out []string
	eachCodeWord(code, func(w string) { out = append(out, w) })
	return out
}

func isASCIIUpper(b byte) bool { return b >= 'A' && b <= 'Z' }
func isASCIILower(b byte) bool { return b >= 'a' && b <= 'z' }

// eachCodeWord calls f for each word of code (see codeWords); the words
// are substrings of code, so an ASCII code costs no allocation.
func eachCodeWord(code string, f func(w string)) {
	for i := 0; i < len(code); i++ {
		if code[i] >= 0x80 {
			eachCodeWordRunes(code, f)
			return
		}
	}
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			f(code[start:end])
		}
		start = -1
	}
	inBrace := false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '{':
			flush(i)
			inBrace = true
		case c == '}':
			inBrace = false
		case inBrace:
		case !isASCIIUpper(c) && !isASCIILower(c):
			flush(i)
		case isASCIIUpper(c):
			if start >= 0 && (isASCIILower(code[i-1]) || i+1 < len(code) && isASCIILower(code[i+1]) && isASCIIUpper(code[i-1])) {
				flush(i)
			}
			if start < 0 {
				start = i
			}
		default:
			if start < 0 {
				start = i
			}
		}
	}
	flush(len(code))
}

// eachCodeWordRunes is eachCodeWord for codes with non-ASCII letters.
func eachCodeWordRunes(code string, f func(w string)) {
	rs := []rune(code)
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			f(string(rs[start:end]))
		}
		start = -1
	}
	inBrace := false
	for i, r := range rs {
		switch {
		case r == '{':
			flush(i)
			inBrace = true
		case r == '}':
			inBrace = false
		case inBrace:
		case !unicode.IsLetter(r):
			flush(i)
		case unicode.IsUpper(r):
			if start >= 0 && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1])) {
				flush(i)
			}
			if start < 0 {
				start = i
			}
		default:
			if start < 0 {
				start = i
			}
		}
	}
	flush(len(rs))
}

// lowerInto appends the lower case of w to buf.
func lowerInto(buf []byte, w string) []byte {
	for _, r := range w {
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	return buf
}

// osaDistance is the optimal string alignment distance (Levenshtein with
// adjacent transpositions) of a and b, for short words.
func osaDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// minTypoLen is the shortest code word checked for typos: shorter words
// are mostly acronyms (DB, RAM, Vpc), one edit away from many others.
const minTypoLen = 5

func codeTypo() Rule {
	return Rule{
		ID: "code-typo", Severity: Warning, Default: true,
		Summary: "a word in a code looks like a misspelling of a common word or of the domain's other code words",
		Rationale: `A misspelt code is published forever: codes are append-only, so
Forbedden.NotSupportRAM has to be supported next to the correct spelling once
clients match on it. Each code word of five letters or more that is neither an
English word of the embedded list nor used more often in the domain is
compared with those words; one edit (a letter changed, added, dropped or two
swapped) with the same first letter is reported. Words are found through a
deletion index, so the rule is linear in the number of codes.`,
		Example: `  - code: Forbedden.NotSupportRAM       # code-typo: Forbidden
  - code: InvaildEngineInRegion.NotAvailable   # code-typo: Invalid`,
		check: func(p *pass) {
			count := map[string]int{}
			shape := map[string]string{} // lower → first spelling seen
			var buf []byte
			for i := range p.cat.Entries {
				eachCodeWord(p.cat.Entries[i].Code, func(w string) {
					buf = lowerInto(buf[:0], w)
					if _, ok := count[string(buf)]; ok {
						count[string(buf)]++
						return
					}
					lw := string(buf)
					count[lw] = 1
					shape[lw] = w
				})
			}
			near := map[string][]string{}
			for w := range count {
				if len([]rune(w)) >= minTypoLen-1 {
					addNear(near, w)
				}
			}
			suspect := map[string]string{} // word → suggestion ("" = fine)
			check := func(lw string) string {
				if s, ok := suspect[lw]; ok {
					return s
				}
				best := ""
				if len([]rune(lw)) >= minTypoLen && !p.dict.words[lw] {
					bestScore := 0
					consider := func(c string, score int) {
						if c == lw || c[0] != lw[0] || osaDistance(lw, c) != 1 {
							return
						}
						if score > bestScore || score == bestScore && c < best {
							best, bestScore = c, score
						}
					}
					forDeletes(lw, func(k string) {
						for _, c := range p.dict.near[k] {
							consider(c, count[c]+1<<20)
						}
						for _, c := range near[k] {
							// A domain word suggests a fix only when it is
							// used clearly more often than the suspect.
							if count[c] >= 2*count[lw] && count[c] >= 2 {
								consider(c, count[c])
							}
						}
					})
				}
				suspect[lw] = best
				return best
			}
			p.entries(func(e *catalog.Entry) {
				eachCodeWord(e.Code, func(w string) {
					if len(w) < minTypoLen {
						return // fewer bytes, so fewer letters too
					}
					buf = lowerInto(buf[:0], w)
					if s, ok := suspect[string(buf)]; ok && s == "" {
						return
					}
					lw := string(buf)
					if s := check(lw); s != "" {
						p.report(e, catalog.Pos{}, "code word %q of %s looks like a misspelling of %q", w, e.Code, matchCase(w, shapeOf(shape, s)))
					}
				})
			})
		},
	}
}

func shapeOf(shape map[string]string, lw string) string {
	if s, ok := shape[lw]; ok {
		return s
	}
	return lw
}

// matchCase writes suggestion in the case style of w (Title or UPPER).
func matchCase(w, suggestion string) string {
	rs := []rune(w)
	if len(rs) > 1 && unicode.IsUpper(rs[0]) && unicode.IsUpper(rs[1]) {
		return strings.ToUpper(suggestion)
	}
	if len(rs) > 0 && unicode.IsUpper(rs[0]) {
		ss := []rune(suggestion)
		ss[0] = unicode.ToUpper(ss[0])
		return string(ss)
	}
	return suggestion
}
