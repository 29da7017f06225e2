package vocab

import "strings"

// NextPlaceholder finds the first {name} placeholder of t at or after
// from: t[start:end] is "{name}", where name is a letter or underscore
// followed by letters, digits or underscores. Other braces are literal
// text. It returns -1, -1 when there is none.
//
// This is the one definition of the placeholder syntax: the runtime's
// templates, the catalog tools and the decoder's code patterns all use it.
func NextPlaceholder(t string, from int) (start, end int) {
	for i := from; i < len(t); i++ {
		if t[i] != '{' {
			continue
		}
		j := i + 1
		for j < len(t) && isNameByte(t[j], j == i+1) {
			j++
		}
		if j > i+1 && j < len(t) && t[j] == '}' {
			return i, j + 1
		}
	}
	return -1, -1
}

func isNameByte(b byte, first bool) bool {
	switch {
	case b == '_', b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z':
		return true
	case b >= '0' && b <= '9':
		return !first
	}
	return false
}

// HasPlaceholder reports whether s has a {name} placeholder: whether s is
// a template or a pattern rather than plain text.
func HasPlaceholder(s string) bool {
	start, _ := NextPlaceholder(s, 0)
	return start >= 0
}

// Placeholders returns the names of the placeholders of s, in order of
// first appearance, without duplicates.
func Placeholders(s string) []string { return AppendPlaceholders(nil, s) }

// AppendPlaceholders appends the names of the placeholders of s to dst,
// in order of first appearance, each once (names dst already held before
// the call do not count).
func AppendPlaceholders(dst []string, s string) []string {
	first := len(dst)
	for start, end := NextPlaceholder(s, 0); start >= 0; start, end = NextPlaceholder(s, end) {
		name := s[start+1 : end-1]
		dup := false
		for _, n := range dst[first:] {
			if n == name {
				dup = true
				break
			}
		}
		if !dup {
			dst = append(dst, name)
		}
	}
	return dst
}

// Param is the value of one placeholder.
type Param struct {
	Name, Value string
}

// MatchPattern matches s against pattern, a text with {name}
// placeholders (a code pattern such as Invalid{parameter}.Malformed, or a
// message template), and returns the placeholder values in the order the
// pattern names them. Each placeholder matches at least one byte; a name
// used twice must match the same text. The search is bounded, so a
// pathological pattern fails rather than running long.
func MatchPattern(pattern, s string) ([]Param, bool) {
	var segs []segment
	last := 0
	for start, end := NextPlaceholder(pattern, 0); start >= 0; start, end = NextPlaceholder(pattern, end) {
		segs = append(segs, segment{lit: pattern[last:start]}, segment{name: pattern[start+1 : end-1]})
		last = end
	}
	segs = append(segs, segment{lit: pattern[last:]})
	budget := 10000
	var ps []Param
	if !matchSegments(segs, s, &ps, &budget) {
		return nil, false
	}
	return ps, true
}

// segment is a literal (name "") or a placeholder of a pattern.
type segment struct{ lit, name string }

func matchSegments(segs []segment, s string, ps *[]Param, budget *int) bool {
	*budget--
	if *budget < 0 {
		return false
	}
	if len(segs) == 0 {
		return s == ""
	}
	sg := segs[0]
	if sg.name == "" {
		if !strings.HasPrefix(s, sg.lit) {
			return false
		}
		return matchSegments(segs[1:], s[len(sg.lit):], ps, budget)
	}
	for _, p := range *ps {
		if p.Name == sg.name {
			return strings.HasPrefix(s, p.Value) && matchSegments(segs[1:], s[len(p.Value):], ps, budget)
		}
	}
	// Try each end for the value, shortest first; the next literal anchors it.
	next := ""
	if len(segs) > 1 {
		next = segs[1].lit
	}
	mark := len(*ps)
	for end := 1; end <= len(s); end++ {
		if next != "" {
			k := strings.Index(s[end:], next)
			if k < 0 {
				return false
			}
			end += k
			if end == 0 {
				continue
			}
		} else if len(segs) == 2 {
			end = len(s) // the placeholder ends the pattern
		}
		*ps = append((*ps)[:mark], Param{sg.name, s[:end]})
		if matchSegments(segs[1:], s[end:], ps, budget) {
			return true
		}
	}
	*ps = (*ps)[:mark]
	return false
}
