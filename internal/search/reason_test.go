package search

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHitReason(t *testing.T) {
	// Weakest first, as taking the max of a document's reasons relies on.
	reasons := []hitReason{byText, byTypo, byPrefix, byCode}
	if !slices.IsSorted(reasons) {
		t.Errorf("reasons %d are not ordered weakest first", reasons)
	}
	type named struct {
		Reason Reason
		String string
	}
	var got []named
	for _, r := range reasons {
		got = append(got, named{r.Reason(), r.String()})
	}
	want := []named{{ReasonText, "text"}, {ReasonTypo, "typo"}, {ReasonPrefix, "prefix"}, {ReasonCode, "code"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
}
