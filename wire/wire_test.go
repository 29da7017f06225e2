package wire

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/vocab"
)

// TestFormatsFollowVocab: wire writes exactly the formats of vocab's list,
// in its order, each bound to vocab's descriptor; problem, the fallback,
// comes first.
func TestFormatsFollowVocab(t *testing.T) {
	if diff := cmp.Diff(vocab.WireFormatNames(), Names()); diff != "" {
		t.Errorf("wire's formats differ from vocab's (-vocab +wire):\n%s", diff)
	}
	for i, f := range Formats() {
		want, _ := vocab.LookupWireFormat(f.f.w.name())
		if f.Spec() != want || f.Name() != f.f.w.name() {
			t.Errorf("format %d (%s) is bound to %+v, want %+v", i, f.f.w.name(), f.Spec(), want)
		}
		if g, ok := ByName(f.Name()); !ok || g != f {
			t.Errorf("ByName(%q) = %v, %v", f.Name(), g, ok)
		}
		var schema map[string]any
		if err := json.Unmarshal([]byte(f.Schema()), &schema); err != nil {
			t.Errorf("%s: schema is not JSON: %v", f.Name(), err)
		} else if schema["type"] != "object" {
			t.Errorf("%s: schema of type %v, want object", f.Name(), schema["type"])
		}
	}
	if Problem().Name() != vocab.FormatProblem || !Problem().Valid() {
		t.Errorf("Problem() = %v", Problem())
	}
	var zero Format
	if zero.Valid() || zero.Name() != vocab.FormatProblem {
		t.Errorf("the zero Format: Valid %v, name %q; want false, problem", zero.Valid(), zero.Name())
	}
	if _, ok := ByName(""); ok {
		t.Error(`ByName("") found a format`)
	}
}
