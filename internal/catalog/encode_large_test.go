package catalog

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMarshalLarge checks that a catalog of many entries is written byte
// for byte as the YAML library's node tree of the whole catalog prints it.
func TestMarshalLarge(t *testing.T) {
	files, err := filepath.Glob("../../catalogs/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no catalogs: %v", err)
	}
	for _, f := range files {
		c, err := LoadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		big := *c
		big.Entries = nil
		for len(big.Entries) <= 1000 {
			big.Entries = append(big.Entries, c.Entries...)
		}
		got, err := Marshal(&big, "")
		if err != nil {
			t.Fatal(err)
		}
		want, err := marshalNodes(&big, "")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: Marshal differs (-want +got):\n%s", f, cmp.Diff(string(want), string(got)))
		}
	}
}
