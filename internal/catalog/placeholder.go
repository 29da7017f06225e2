package catalog

import (
	"slices"

	"github.com/errcat/errcat"
)

// Placeholders returns the names of the {name} placeholders in s, in order
// of first appearance, without duplicates. The syntax is the runtime's
// (errcat.NextPlaceholder): a name is a letter or underscore followed by
// letters, digits or underscores; other braces are literal text.
func Placeholders(s string) []string {
	var names []string
	for start, end := errcat.NextPlaceholder(s, 0); start >= 0; start, end = errcat.NextPlaceholder(s, end) {
		if name := s[start+1 : end-1]; !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return names
}

// Fill replaces each {name} placeholder of s with lookup(name) when it
// reports ok, and leaves it visible as {name} otherwise.
func Fill(s string, lookup func(name string) (string, bool)) string {
	var out []byte
	last := 0
	for start, end := errcat.NextPlaceholder(s, 0); start >= 0; start, end = errcat.NextPlaceholder(s, end) {
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
