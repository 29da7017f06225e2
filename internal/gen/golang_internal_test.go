package gen

import (
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestGoLiteral checks the literal writer: zero fields are left out,
// pointers are named by ref, and a field of a type it cannot write is an
// error rather than a silently missing value.
func TestGoLiteral(t *testing.T) {
	type Known struct {
		S     string
		N     int
		B     bool
		L     []string
		M     map[string]string
		P     *int
		Zero  string
		inner int
	}
	type Unknown struct {
		F float64
	}
	target := 1
	ref := func(v reflect.Value) (string, bool) {
		if v.Interface() == &target {
			return "&d.target", true
		}
		return "", false
	}
	tests := []struct {
		name    string
		v       any
		want    string
		wantErr string
	}{
		{"known", Known{S: "a\"b", N: 404, B: true, L: []string{"x", "y"}, M: map[string]string{"zh-CN": "乙", "en": "a"}, P: &target, inner: 1},
			"errcat.Known{\nS: \"a\\\"b\",\nN: 404,\nB: true,\nL: []string{\"x\", \"y\"},\nM: map[string]string{\"en\": \"a\", \"zh-CN\": \"乙\"},\nP: &d.target,\n}", ""},
		{"foreign pointer", Known{P: new(int)}, "", "Known.P points outside the domain"},
		{"unknown type", Unknown{F: 1}, "", "cannot write Unknown.F of type float64 as Go"},
		{"all zero", Unknown{}, "errcat.Unknown{\n}", ""},
		{"duration", struct{ D time.Duration }{30 * time.Second}, "errcat.{\nD: 30000000000,\n}", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := goLiteral(reflect.ValueOf(tt.v), ref)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if diff := cmp.Diff(tt.wantErr, gotErr); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("literal (-want +got):\n%s", diff)
			}
		})
	}
}
