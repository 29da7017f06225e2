package catalog

import (
	"strings"
	"testing"
)

// plainOKScans is plainOK as it was written before its one-pass loop:
// the reference the loop must agree with.
func plainOKScans(s string, inFlow bool) bool {
	if s == "" || strings.ContainsRune("[]{}!&*|>%@`#,?:-'\"", rune(s[0])) && !(s[0] == '-' && len(s) > 1 && s[1] != ' ') {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return false
	}
	if inFlow && strings.ContainsAny(s, ",[]{}") {
		return false
	}
	return true
}

func FuzzPlainOK(f *testing.F) {
	for _, s := range []string{"", "a", "a: b", "a:b", "a:", "a #b", "a#b", "-", "-a", "- a", "a,b", "[a", "a]", "{", "}", ":", " #", "#", "é: x", "a :"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, inFlow := range []bool{false, true} {
			if got, want := plainOK(s, inFlow), plainOKScans(s, inFlow); got != want {
				t.Errorf("plainOK(%q, %v) = %v, want %v", s, inFlow, got, want)
			}
		}
	})
}
