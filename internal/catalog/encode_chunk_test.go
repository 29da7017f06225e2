package catalog

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMarshalChunked checks that a catalog too large to render at once is
// written byte for byte as the whole-tree rendering writes it.
func TestMarshalChunked(t *testing.T) {
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
		for len(big.Entries) <= 3*marshalChunk+7 {
			big.Entries = append(big.Entries, c.Entries...)
		}
		got, err := Marshal(&big, "")
		if err != nil {
			t.Fatal(err)
		}
		body, err := marshalBody(&big, big.Domain.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := append([]byte(fmt.Sprintf(SchemaComment, DefaultSchemaRef)), body...)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: chunked Marshal differs (-want +got):\n%s", f, cmp.Diff(string(want), string(got)))
		}
	}
}
