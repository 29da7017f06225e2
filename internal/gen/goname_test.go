package gen_test

import (
	"go/token"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/gen"
)

// TestGoNamesSeeds derives the identifiers of every seed catalog and
// wants each to be a valid exported Go identifier, with no two codes of a
// domain sharing one, and none of a code's three symbols (NAME, NewNAME,
// IsNAME) clashing with another code's or with Domain and Defs.
func TestGoNamesSeeds(t *testing.T) {
	for _, c := range seedList(t) {
		t.Run(c.Domain.ID, func(t *testing.T) {
			names, err := gen.GoNames(c)
			if err != nil {
				t.Fatal(err)
			}
			if len(names) != len(c.Entries) {
				t.Errorf("%d names for %d entries", len(names), len(c.Entries))
			}
			owner := map[string]string{"Domain": "(reserved)", "Defs": "(reserved)"}
			for code, n := range names {
				if !token.IsIdentifier(n) || !token.IsExported(n) {
					t.Errorf("%s → %q is not an exported identifier", code, n)
				}
				for _, sym := range []string{n, "New" + n, "Is" + n} {
					if o, ok := owner[sym]; ok {
						t.Errorf("%s and %s both want %s", o, code, sym)
					}
					owner[sym] = code
				}
			}
		})
	}
}

func TestGoNamesScheme(t *testing.T) {
	d := catalog.Domain{ID: "example.api", Locales: []string{"zh-CN", "en"}}
	entry := func(code, zh, en string) catalog.Entry {
		return catalog.Entry{Code: code, Category: catalog.Internal, Message: catalog.T("zh-CN", zh, "en", en)}
	}
	c := &catalog.Catalog{Domain: d, Entries: []catalog.Entry{
		entry("96000", "", "Invalid CloudId. Please use the ListCloudProviders API."),
		entry("140", "参数异常", ""),
		entry("152", "API 调用异常", ""),
		entry("153", "网关服务异常", "Gateway service error"),
		entry("CSS.0001", "", "x"),
		entry("InvalidAccessKeyId.NotFound", "", "x"),
		entry("Invalid{parameter_name}.Malformed", "", "x"),
		entry("invalid-thing", "", "x"),
		entry("Foo", "", "x"),
		entry("IsFoo", "", "x"),
		entry("Domain", "", "x"),
	}}
	got, err := gen.GoNames(c)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"96000":                             "InvalidCloudId96000",
		"140":                               "Code140",
		"152":                               "Code152",
		"153":                               "GatewayServiceError153",
		"CSS.0001":                          "CSS0001",
		"InvalidAccessKeyId.NotFound":       "InvalidAccessKeyIdNotFound",
		"Invalid{parameter_name}.Malformed": "InvalidParameterNameMalformed",
		"invalid-thing":                     "InvalidThing",
		"Foo":                               "FooX0c7e1677",
		"IsFoo":                             "IsFooXaf496a47",
		"Domain":                            "DomainXbe1c8911",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GoNames (-want +got):\n%s", diff)
	}
}
