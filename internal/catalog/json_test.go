package catalog

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDomainJSON pins the domain's JSON contract: every header field under
// its JSON name, in declaration order, then the number of entries.
func TestDomainJSON(t *testing.T) {
	zero := "0"
	tests := []struct {
		name string
		c    Catalog
		want string
	}{
		{"minimal", Catalog{Domain: Domain{ID: "a.b", Name: "A", Locales: []string{"en"}, WireFormat: "problem", CodeKind: "string"}},
			`{"id":"a.b","name":"A","locales":["en"],"wire_format":"problem","code_kind":"string","entries":0}`},
		{"every field", Catalog{
			Domain: Domain{
				ID: "a.b", Name: "A", Provider: "P", Locales: []string{"en", "zh-CN"}, WireFormat: "tencent-v2", CodeKind: "integer",
				SuccessCode: &zero, InternalCode: "500", DocsURL: "https://a.example/{code}", Description: T("en", "D"),
				SubCode: &SubCode{Field: "message", Pattern: "^([0-9]+) (.*)$"},
				Ranges:  []Range{{From: 1, To: 9}}, Lint: &LintConfig{Disable: []string{"L1"}},
				Source: &DomainSource{File: "a.html"},
			},
			Entries: []Entry{{Code: "1"}, {Code: "500"}},
		}, `{"id":"a.b","name":"A","provider":"P","locales":["en","zh-CN"],"wire_format":"tencent-v2","code_kind":"integer",` +
			`"success_code":"0","internal_code":"500","docs_url":"https://a.example/{code}","description":{"en":"D"},` +
			`"sub_code":{"field":"message","pattern":"^([0-9]+) (.*)$"},"ranges":[{"from":1,"to":9}],` +
			`"lint":{"disable":["L1"]},"source":{"file":"a.html"},"entries":2}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.c.JSON())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(b)); diff != "" {
				t.Errorf("DomainJSON (-want +got):\n%s", diff)
			}
			// The header is the Domain's own JSON.
			header, err := json.Marshal(tt.c.Domain)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(b[:len(header)-1]); got != string(header[:len(header)-1]) {
				t.Errorf("header = %s, want the Domain's JSON %s", got, header)
			}
		})
	}
}
