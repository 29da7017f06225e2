package errcat

import (
	"strings"
	"testing"
	"unsafe"
)

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

// TestEscapeWords checks the 8-bytes-at-a-time scan of AppendJSONEscaped
// against a byte-by-byte escaper for every byte value at every position of
// a 16-byte string, over three backgrounds.
func TestEscapeWords(t *testing.T) {
	byteWise := func(s string) string {
		var out []byte
		for i := 0; i < len(s); i++ {
			out = AppendJSONEscaped(out, s[i:i+1]) // below 8 bytes: no word scan
		}
		return string(out)
	}
	for _, bg := range []byte{'a', '~', ' '} {
		for pos := range 16 {
			for b := range 0x80 { // ASCII: one byte is one character
				buf := make([]byte, 16)
				for i := range buf {
					buf[i] = bg
				}
				buf[pos] = byte(b)
				if got, want := string(AppendJSONEscaped(nil, string(buf))), byteWise(string(buf)); got != want {
					t.Errorf("AppendJSONEscaped(%q) = %s, want %s", buf, got, want)
				}
			}
		}
	}
}

// TestErrorSize keeps the Error, allocated once per returned error, in
// the 144-byte size class.
func TestErrorSize(t *testing.T) {
	if n := unsafe.Sizeof(Error{}); n > 144 {
		t.Errorf("Error is %d bytes, want ≤ 144", n)
	}
}

// escapeBothWays escapes s into a buffer with room (the one-pass copy)
// and into one without (scan, then append), and reports both.
func escapeBothWays(s string) (roomy, tight string) {
	buf := make([]byte, 3, 3+len(s)+8)
	copy(buf, "pre")
	return string(AppendJSONEscaped(buf, s)[3:]), string(AppendJSONEscaped([]byte("pre")[:3:3], s)[3:])
}

// TestEscapeRoom checks that escaping into a buffer with room writes what
// escaping into a full one does, for every ASCII byte at every position of
// strings of 1 to 17 bytes, and for non-ASCII seeds.
func TestEscapeRoom(t *testing.T) {
	for n := 1; n <= 17; n++ {
		for pos := range n {
			for b := range 0x80 {
				buf := []byte(strings.Repeat("a", n))
				buf[pos] = byte(b)
				if roomy, tight := escapeBothWays(string(buf)); roomy != tight {
					t.Errorf("AppendJSONEscaped(%q) with room = %s, without = %s", buf, roomy, tight)
				}
			}
		}
	}
	for _, s := range escapeRoomSeeds {
		if roomy, tight := escapeBothWays(s); roomy != tight {
			t.Errorf("AppendJSONEscaped(%q) with room = %s, without = %s", s, roomy, tight)
		}
	}
}

var escapeRoomSeeds = []string{
	"", "es-prod-1", "cn-north-4", "a\u2028b", "\u2029", "invalid \xff utf-8", "集群 es-prod-1",
	"<script>&amp;</script>", `quote " and \ backslash`, "tab\tnew\nline", "emoji 😀 ok",
}

func FuzzEscapeRoom(f *testing.F) {
	for _, s := range escapeRoomSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if roomy, tight := escapeBothWays(s); roomy != tight {
			t.Errorf("AppendJSONEscaped(%q) with room = %s, without = %s", s, roomy, tight)
		}
	})
}
