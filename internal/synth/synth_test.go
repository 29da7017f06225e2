package synth_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/lint"
	"github.com/errcat/errcat/internal/synth"
)

func TestWrite(t *testing.T) {
	tests := []struct {
		n    int
		seed int64
	}{{0, 1}, {1, 1}, {10, 2}, {2000, 3}}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.n), func(t *testing.T) {
			var a, b bytes.Buffer
			if err := synth.Write(&a, tt.n, tt.seed); err != nil {
				t.Fatal(err)
			}
			if err := synth.Write(&b, tt.n, tt.seed); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("two writes with the same seed differ")
			}
			c, err := catalog.Parse("synthetic.yaml", a.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Entries) != tt.n || c.Domain.ID != synth.Domain {
				t.Errorf("%d entries of %s, want %d of %s", len(c.Entries), c.Domain.ID, tt.n, synth.Domain)
			}
			seen := map[string]bool{}
			for _, e := range c.Entries {
				if seen[e.Code] {
					t.Fatalf("code %s twice", e.Code)
				}
				seen[e.Code] = true
			}
		})
	}
}

func TestWriteSeedsDiffer(t *testing.T) {
	var a, b bytes.Buffer
	if err := synth.Write(&a, 50, 1); err != nil {
		t.Fatal(err)
	}
	if err := synth.Write(&b, 50, 2); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("different seeds gave the same catalog")
	}
}

func TestWriteNegative(t *testing.T) {
	if err := synth.Write(&bytes.Buffer{}, -1, 1); err == nil {
		t.Error("Write accepted a negative count")
	}
}

func ExampleWrite() {
	var buf bytes.Buffer
	if err := synth.Write(&buf, 1, 42); err != nil {
		panic(err)
	}
	c, err := catalog.Parse("synthetic.yaml", buf.Bytes())
	if err != nil {
		panic(err)
	}
	e := c.Entries[0]
	fmt.Println(c.Domain.ID, len(c.Entries), strings.Contains(e.Message.Get("en"), "{name}"), e.Params[0].Name)
	// Output: synthetic.api 1 true name
}

// TestWriteLintsClean lints a synthetic catalog: its texts carry no format
// defect (such as %!(EXTRA …)) and no placeholder finding; only the
// injected defects are found.
func TestWriteLintsClean(t *testing.T) {
	var b bytes.Buffer
	if err := synth.Write(&b, 3000, 7); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b.Bytes(), []byte("%!")) {
		i := bytes.Index(b.Bytes(), []byte("%!"))
		t.Fatalf("format defect in the synthetic texts: %q", b.Bytes()[max(0, i-60):i+20])
	}
	c, err := catalog.Parse("synthetic.yaml", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{"code-typo": true, "missing-status": true}
	for _, f := range lint.Run([]*catalog.Catalog{c}, lint.Config{}) {
		if !allowed[f.Rule] {
			t.Errorf("unexpected finding: %s", f)
		}
		if strings.Contains(f.Rule, "placeholder") {
			t.Errorf("placeholder finding: %s", f)
		}
	}
}
