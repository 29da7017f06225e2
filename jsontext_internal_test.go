package errcat

import "testing"

// TestSafe8 checks the 8-byte test against the byte-wise rule for every
// byte value at every position, over two backgrounds.
func TestSafe8(t *testing.T) {
	safe := func(b byte) bool {
		return b >= 0x20 && b < 0x80 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&'
	}
	for _, bg := range []byte{'a', '~'} {
		for pos := range 8 {
			for b := range 256 {
				buf := []byte{bg, bg, bg, bg, bg, bg, bg, bg}
				buf[pos] = byte(b)
				if got, want := safe8(string(buf), 0), safe(byte(b)); got != want {
					t.Errorf("safe8(%q) = %v, want %v", buf, got, want)
				}
			}
		}
	}
}
