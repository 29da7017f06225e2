package vocab

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNextPlaceholder(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"plain", nil},
		{"{a} and {b_2} and {a}", []string{"{a}", "{b_2}", "{a}"}},
		{"{} {1x} { a } {a-b} {ok}", []string{"{ok}"}},
		{"{{x}}", []string{"{x}"}},
		{"{_}{A9}", []string{"{_}", "{A9}"}},
		{"unclosed {abc", nil},
		{"{名字}", nil},
	}
	for _, tt := range tests {
		var got []string
		for start, end := NextPlaceholder(tt.in, 0); start >= 0; start, end = NextPlaceholder(tt.in, end) {
			got = append(got, tt.in[start:end])
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("NextPlaceholder over %q (-want +got):\n%s", tt.in, diff)
		}
		if has := HasPlaceholder(tt.in); has != (len(tt.want) > 0) {
			t.Errorf("HasPlaceholder(%q) = %v", tt.in, has)
		}
	}
}

func TestPlaceholders(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"plain", nil},
		{"{a} and {b_2} and {a}", []string{"a", "b_2"}},
		{"{} {1x} { a } {a-b} {ok}", []string{"ok"}},
		{"unclosed {abc", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Placeholders(tt.in)); diff != "" {
			t.Errorf("Placeholders(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
	// Names dst held before the call do not count as duplicates.
	if diff := cmp.Diff([]string{"a", "b", "a"}, AppendPlaceholders([]string{"a", "b"}, "{a}{a}")); diff != "" {
		t.Errorf("AppendPlaceholders (-want +got):\n%s", diff)
	}
}

func TestMatchPattern(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       []Param
		ok         bool
	}{
		{"Invalid{parameter_name}.Malformed", "InvalidDBClusterId.Malformed", params("parameter_name", "DBClusterId"), true},
		{"Invalid{parameter_name}.Malformed", "Invalid.Malformed", nil, false},
		{"Invalid{parameter_name}.Malformed", "InvalidX.Malformedx", nil, false},
		{"The {kind} {name} already exists.", "The cluster my-db already exists.", params("kind", "cluster", "name", "my-db"), true},
		{"{a}.{b}", "x.y.z", params("a", "x", "b", "y.z"), true},
		{"{a}-{a}", "ab-ab", params("a", "ab"), true},
		{"{a}-{a}", "ab-ac", nil, false},
		{"no placeholders", "no placeholders", nil, true},
		{"{not a name} {x}", "{not a name} 1", params("x", "1"), true},
	}
	for _, tc := range tests {
		t.Run(tc.pattern+"|"+tc.s, func(t *testing.T) {
			got, ok := MatchPattern(tc.pattern, tc.s)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("params (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMatchPatternBounded: a pattern that would backtrack exponentially
// fails quickly instead.
func TestMatchPatternBounded(t *testing.T) {
	pattern := strings.Repeat("{a}{b}{c}{d}", 8) + "!"
	if _, ok := MatchPattern(pattern, strings.Repeat("x", 200)); ok {
		t.Error("matched a text without the final literal")
	}
}

func params(kv ...string) []Param {
	var out []Param
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, Param{Name: kv[i], Value: kv[i+1]})
	}
	return out
}

// FuzzMatchPattern checks that a match fills back to the input.
func FuzzMatchPattern(f *testing.F) {
	f.Add("Invalid{parameter_name}.Malformed", "InvalidDBClusterId.Malformed")
	f.Add("The {kind} {name} already exists.", "The cluster my-db already exists.")
	f.Add("{a}{b}{a}", "xyzx")
	f.Add("{a}-{a}", "ab-ab")
	f.Fuzz(func(t *testing.T, pattern, s string) {
		if len(pattern) > 200 || len(s) > 400 {
			return
		}
		ps, ok := MatchPattern(pattern, s)
		if !ok {
			return
		}
		var b strings.Builder
		last := 0
		for start, end := NextPlaceholder(pattern, 0); start >= 0; start, end = NextPlaceholder(pattern, end) {
			name := pattern[start+1 : end-1]
			v, found := "", false
			for _, p := range ps {
				if p.Name == name {
					v, found = p.Value, true
					break
				}
			}
			if !found {
				t.Fatalf("no value for %s", pattern[start:end])
			}
			b.WriteString(pattern[last:start])
			b.WriteString(v)
			last = end
		}
		b.WriteString(pattern[last:])
		if b.String() != s {
			t.Fatalf("filled %q back as %q, want %q (params %v)", pattern, b.String(), s, ps)
		}
	})
}
