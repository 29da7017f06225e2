package errcat

import "testing"

// TestJSONSafeTable checks the table against encoding/json's rule for
// every byte value.
func TestJSONSafeTable(t *testing.T) {
	if len(jsonSafe) != 256 {
		t.Fatalf("len(jsonSafe) = %d, want 256", len(jsonSafe))
	}
	for b := range 256 {
		want := b >= 0x20 && b < 0x80 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&'
		if got := jsonSafe[b] == 1; got != want {
			t.Errorf("jsonSafe[%#x] = %v, want %v", b, got, want)
		}
	}
}
