package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

func uniq(ss []string) []string {
	slices.Sort(ss)
	return slices.Compact(ss)
}

// CodeTokens appends the lower-cased tokens of an error code: it splits at
// anything not a letter or digit, at lower→upper case changes, before the
// last capital of a run of capitals followed by a lower-case letter, and
// between letters and digits. "InvalidDBClusterId.NotFound" gives invalid,
// db, cluster, id, not, found; "CSS.0001" gives css, 0001.
func CodeTokens(dst []string, code string) []string {
	if !isASCII(code) {
		return codeTokensRunes(dst, code)
	}
	// ASCII: tokens are substrings of the lower-cased code.
	lc := strings.ToLower(code)
	start := -1
	for i := 0; i < len(code); i++ {
		c := code[i]
		if !isAlnum(c) {
			if start >= 0 {
				dst = append(dst, lc[start:i])
			}
			start = -1
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		p := code[i-1]
		if isLowerASCII(p) && isUpperASCII(c) ||
			isDigitASCII(p) != isDigitASCII(c) ||
			isUpperASCII(p) && isUpperASCII(c) && i+1 < len(code) && isLowerASCII(code[i+1]) {
			dst = append(dst, lc[start:i])
			start = i
		}
	}
	if start >= 0 {
		dst = append(dst, lc[start:])
	}
	return dst
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isLowerASCII(c byte) bool { return c >= 'a' && c <= 'z' }
func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }
func isDigitASCII(c byte) bool { return c >= '0' && c <= '9' }
func isAlnum(c byte) bool      { return isLowerASCII(c) || isUpperASCII(c) || isDigitASCII(c) }

// codeTokensRunes is CodeTokens for codes with non-ASCII characters.
func codeTokensRunes(dst []string, code string) []string {
	rs := []rune(code)
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			dst = append(dst, strings.ToLower(string(rs[start:end])))
		}
		start = -1
	}
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		p := rs[i-1]
		switch {
		case unicode.IsLower(p) && unicode.IsUpper(r),
			unicode.IsDigit(p) != unicode.IsDigit(r),
			unicode.IsUpper(p) && unicode.IsUpper(r) && i+1 < len(rs) && unicode.IsLower(rs[i+1]):
			flush(i)
			start = i
		}
	}
	flush(len(rs))
	return dst
}

// TextTerms appends the index terms of a text: English (and other
// alphabetic) words lower-cased and stemmed, stop words dropped; numbers as
// they are; runs of CJK characters as unigrams and bigrams. A query's terms
// come from the same function, so a two-character Chinese word matches as
// one bigram.
func TextTerms(dst []string, s string) []string {
	wordStart := -1
	var hanBuf [32]int
	han := hanBuf[:0] // byte offsets of the runes of the current CJK run
	flushWord := func(end int) {
		if wordStart < 0 {
			return
		}
		word := s[wordStart:end]
		wordStart = -1
		w := strings.ToLower(word)
		if !stopWords[w] {
			dst = append(dst, Stem(w))
		}
		// OwnerAccount is also owner and account.
		if n := len(dst); len(word) > 3 && mayHaveParts(word) {
			dst = codeTerms(dst, word)
			if len(dst) == n+1 {
				dst = dst[:n]
			}
		}
	}
	flushHan := func(end int) {
		switch len(han) {
		case 0:
		case 1:
			dst = append(dst, s[han[0]:end])
		default:
			han = append(han, end)
			for i := 0; i+1 < len(han); i++ {
				dst = append(dst, s[han[i]:han[i+1]])
				if i+2 < len(han) {
					dst = append(dst, s[han[i]:han[i+2]])
				}
			}
		}
		han = han[:0]
	}
	for i, r := range s {
		switch {
		case isCJK(r):
			flushWord(i)
			han = append(han, i)
		case r < utf8.RuneSelf && isAlnum(byte(r)) || r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			flushHan(i)
			if wordStart < 0 {
				wordStart = i
			}
		default:
			flushWord(i)
			flushHan(i)
		}
	}
	flushWord(len(s))
	flushHan(len(s))
	return dst
}

// mayHaveParts reports whether CodeTokens could split word: it has a
// capital after its first letter, mixes letters and digits, or is not ASCII.
func mayHaveParts(word string) bool {
	digits, letters := false, false
	for i := 0; i < len(word); i++ {
		c := word[i]
		switch {
		case c >= utf8.RuneSelf:
			return true
		case isUpperASCII(c) && i > 0:
			return true
		case isDigitASCII(c):
			digits = true
		default:
			letters = true
		}
	}
	return digits && letters
}

// QueryTerms returns the distinct terms of a query: its text terms, except
// that a run of two or more CJK characters gives only its bigrams (参数
// must occur as a word, not as 参 and 数 apart), plus the stemmed tokens
// of the query read as a code.
func QueryTerms(q string) []string { return queryTermSet(q) }

func queryTermSet(q string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(q, func(r rune) bool { return !isCJK(r) }) {
		// Each CJK run alone: its bigrams, or the character when single.
		rs := []rune(f)
		if len(rs) == 1 {
			out = append(out, f)
		}
		for i := 0; i+1 < len(rs); i++ {
			out = append(out, string(rs[i:i+2]))
		}
	}
	nonCJK := strings.Map(func(r rune) rune {
		if isCJK(r) {
			return ' '
		}
		return r
	}, q)
	for _, w := range strings.FieldsFunc(nonCJK, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if ct := codeTerms(nil, w); len(ct) > 1 {
			out = append(out, ct...)
		} else {
			out = TextTerms(out, w)
		}
	}
	return uniq(out)
}

// codeTerms appends the stemmed code tokens of code, which is what the
// code-token index holds.
func codeTerms(dst []string, code string) []string {
	n := len(dst)
	dst = CodeTokens(dst, code)
	for i := n; i < len(dst); i++ {
		dst[i] = Stem(dst[i])
	}
	return dst
}

func isCJK(r rune) bool {
	if r < 0x1100 {
		return false
	}
	if r >= 0x4E00 && r <= 0x9FFF { // CJK Unified Ideographs, all Han
		return true
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

var stopWords = map[string]bool{
	"a": true, "an": true, "the": true, "is": true, "are": true, "was": true, "be": true, "to": true,
	"of": true, "and": true, "or": true, "in": true, "on": true, "for": true, "this": true, "that": true,
	"it": true, "with": true, "as": true, "by": true, "at": true, "from": true,
}

// Stem strips common English inflections from a lower-cased word:
// parameters → parameter, quotas → quota, policies → policy, exceeded →
// exceed, processing → process. It is deliberately small: both index and
// query go through it, so it needs to be consistent, not linguistically
// complete.
func Stem(w string) string {
	if len(w) <= 3 || !isASCIILetters(w) {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	case strings.HasSuffix(w, "ing") && len(w) > 5:
		return undouble(w[:len(w)-3])
	case strings.HasSuffix(w, "ed") && len(w) > 4:
		return undouble(w[:len(w)-2])
	}
	return w
}

func undouble(w string) string {
	if n := len(w); n >= 2 && w[n-1] == w[n-2] && !strings.ContainsRune("lsz", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}

func isASCIILetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}
