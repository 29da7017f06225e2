package catalog

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestValidateInPieces checks that validating the entries in pieces at
// once finds the same problems, in the same order, as one piece.
func TestValidateInPieces(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	success := "OK0"
	for round := range 30 {
		c := &Catalog{Domain: Domain{ID: "pieces.test", Name: "Pieces", Locales: []string{"en", "zh-CN"},
			WireFormat: "problem", CodeKind: "string", InternalCode: "E3"}}
		if round%3 == 0 {
			c.Domain.SuccessCode = &success
		}
		for i := range r.IntN(400) {
			e := Entry{Code: fmt.Sprintf("E%d", i), HTTPStatus: IntPtr(500), Category: Internal, Message: T("en", "m")}
			switch r.IntN(12) {
			case 0:
				e.Code = ""
			case 1:
				e.Category = "nonsense"
			case 2:
				e.HTTPStatus = IntPtr(42)
			case 3:
				e.Message = Text{}
			case 4:
				e.Title = T("fr", "t")
			case 5:
				e.Params = []Param{{Name: "bad name"}}
			case 6:
				e.Category, e.Code = OK, success
			case 7:
				e.Variants = []Variant{{HTTPStatus: IntPtr(700), Remediation: T("xx-", "r")}}
			case 8:
				e.Reason = "lower"
			case 9:
				e.Category = OK
			}
			c.Entries = append(c.Entries, e)
		}
		want := validate(c, 1)
		if diff := cmp.Diff(want, Validate(c)); diff != "" {
			t.Fatalf("round %d: Validate is not validate(c, 1) (-want +got):\n%s", round, diff)
		}
		for _, parts := range []int{2, 3, 8, 1000} {
			if diff := cmp.Diff(want, validate(c, parts)); diff != "" {
				t.Fatalf("round %d, %d pieces (-one piece +pieces):\n%s", round, parts, diff)
			}
		}
	}
}

// FuzzValidParamName checks the hand-written check against the regular
// expression it replaces.
func FuzzValidParamName(f *testing.F) {
	re := regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	for _, s := range []string{"", "a", "_", "0a", "a0", "A_b9", "a b", "é", "a\n", "\na", "a-b", "Z", "9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := validParamName(s), re.MatchString(s); got != want {
			t.Errorf("validParamName(%q) = %v, want %v", s, got, want)
		}
	})
}
