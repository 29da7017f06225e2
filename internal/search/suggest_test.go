package search_test

import (
	"slices"
	"testing"
)

func TestSuggest(t *testing.T) {
	ix := builtin(t)
	tests := []struct {
		q          string
		code, word string // among the suggestions, when not empty
	}{
		{"Throtlingg", "Throttling", ""},
		{"CSS.00011", "CSS.0001", ""},
		{"pasword", "", "password"},
		{"clustr expird", "", "cluster"},
	}
	for _, tt := range tests {
		codes, words := ix.Suggest(tt.q, 5)
		t.Logf("%q: codes %v, words %v", tt.q, codes, words)
		if tt.code != "" && !slices.Contains(codes, tt.code) {
			t.Errorf("%q: codes %v lack %s", tt.q, codes, tt.code)
		}
		if tt.word != "" && !slices.Contains(words, tt.word) {
			t.Errorf("%q: words %v lack %s", tt.q, words, tt.word)
		}
	}
}
