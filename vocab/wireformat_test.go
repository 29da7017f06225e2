package vocab

import (
	"mime"
	"testing"
)

func TestWireFormats(t *testing.T) {
	names := WireFormatNames()
	list := WireFormats()
	if len(names) != len(list) || len(list) == 0 {
		t.Fatalf("%d names for %d formats", len(names), len(list))
	}
	seen := map[string]bool{}
	for i, f := range list {
		if names[i] != f.Name {
			t.Errorf("name %d is %q, format %d is %q", i, names[i], i, f.Name)
		}
		if f.Name == "" || seen[f.Name] {
			t.Errorf("format %d: empty or repeated name %q", i, f.Name)
		}
		seen[f.Name] = true
		if _, _, err := mime.ParseMediaType(f.ContentType); err != nil {
			t.Errorf("%s: content type %q: %v", f.Name, f.ContentType, err)
		}
		switch f.Status {
		case StatusOfEntry, StatusDocumentedElse200, Status200:
		default:
			t.Errorf("%s: no status policy", f.Name)
		}
		if got, ok := LookupWireFormat(f.Name); !ok || got != f {
			t.Errorf("LookupWireFormat(%q) = %+v, %v", f.Name, got, ok)
		}
		if p, ok := WireFormatProvider(f.Name); !ok || p != f.Provider {
			t.Errorf("WireFormatProvider(%q) = %q, %v; want %q", f.Name, p, ok, f.Provider)
		}
	}
	// The hash table stays sparse enough to find every name quickly and
	// to end every probe at an empty slot.
	if 2*len(list) > len(wireSlots) {
		t.Errorf("%d formats for %d hash slots: make wireSlots larger", len(list), len(wireSlots))
	}
	for _, name := range []string{"", "x", "bogus", "problemx", "Problem", "zillix", "ucloud "} {
		if _, ok := LookupWireFormat(name); ok {
			t.Errorf("LookupWireFormat(%q) found a format", name)
		}
		if _, ok := WireFormatProvider(name); ok {
			t.Errorf("WireFormatProvider(%q) found a format", name)
		}
	}
	if _, ok := LookupWireFormat("bogus"); ok {
		t.Error(`LookupWireFormat("bogus") found a format`)
	}
	// The lists are copies.
	WireFormats()[0].Name = "changed"
	WireFormatNames()[0] = "changed"
	if WireFormats()[0].Name == "changed" || WireFormatNames()[0] == "changed" {
		t.Error("the lists share memory with the package")
	}
}
