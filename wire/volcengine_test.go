package wire

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat"
)

func TestVolcengineMetadata(t *testing.T) {
	dom := &errcat.Domain{ID: "volcengine.iam", Locales: []string{"en"}, Format: "volcengine"}
	def := &errcat.Def{Domain: dom, Code: "InvalidParameter", HTTPStatus: 400, Category: "invalid_argument",
		Message: map[string]string{"en": "The parameter {name} is invalid."}, Params: []string{"name"}}
	f, _ := ByName("volcengine")
	tests := []struct {
		name string
		meta []string
		o    Options
		want string
	}{
		{"bare", nil, Options{},
			`{"ResponseMetadata":{"RequestId":"r-1","Error":{"Code":"InvalidParameter","Message":"The parameter UserName is invalid."}}}`},
		{"all", []string{"code_n", "100009", "region", "cn-beijing", "service", "iam", "version", "2021-08-01"}, Options{Action: "CreateUser"},
			`{"ResponseMetadata":{"RequestId":"r-1","Action":"CreateUser","Version":"2021-08-01","Service":"iam","Region":"cn-beijing","Error":{"CodeN":100009,"Code":"InvalidParameter","Message":"The parameter UserName is invalid."}}}`},
		{"CodeN not an integer", []string{"code_n", "0100", "region", ""}, Options{},
			`{"ResponseMetadata":{"RequestId":"r-1","Error":{"Code":"InvalidParameter","Message":"The parameter UserName is invalid."}}}`},
		{"negative CodeN", []string{"code_n", "-1"}, Options{},
			`{"ResponseMetadata":{"RequestId":"r-1","Error":{"CodeN":-1,"Code":"InvalidParameter","Message":"The parameter UserName is invalid."}}}`},
	}
	for _, tt := range tests {
		e := def.New("name", "UserName").WithRequestID("r-1")
		for i := 0; i+1 < len(tt.meta); i += 2 {
			e.WithMeta(tt.meta[i], tt.meta[i+1])
		}
		if diff := cmp.Diff(tt.want, string(f.Append(nil, e, tt.o))); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestIsJSONInteger(t *testing.T) {
	for s, want := range map[string]bool{"0": true, "7": true, "-12": true, "100009": true,
		"": false, "-": false, "01": false, "1.5": false, "1e3": false, "+1": false, "1234567890123456789": false} {
		if got := isJSONInteger(s); got != want {
			t.Errorf("isJSONInteger(%q) = %v, want %v", s, got, want)
		}
	}
}
