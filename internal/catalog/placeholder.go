package catalog

import "github.com/errcat/errcat/vocab"

// Fill replaces each {name} placeholder of s (vocab.NextPlaceholder) with
// lookup(name) when it reports ok, and leaves it visible as {name}
// otherwise.
func Fill(s string, lookup func(name string) (string, bool)) string {
	var out []byte
	last := 0
	for start, end := vocab.NextPlaceholder(s, 0); start >= 0; start, end = vocab.NextPlaceholder(s, end) {
		if v, ok := lookup(s[start+1 : end-1]); ok {
			out = append(out, s[last:start]...)
			out = append(out, v...)
			last = end
		}
	}
	if out == nil {
		return s
	}
	return string(append(out, s[last:]...))
}
