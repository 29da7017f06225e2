package gen_test

import (
	"context"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/errcat/errcat/internal/gen"
	"github.com/errcat/errcat/vocab"
)

// TestOpenAPIValidates loads the document generated from every seed
// catalog with kin-openapi and validates it, examples included: each
// example body must satisfy its wire format's schema.
//
// The seeds use five of the wire formats; copies of a string-code seed in
// every format and of an integer-code seed in the integer formats cover
// the others, so every schema is checked against the runtime's bodies.
func TestOpenAPIValidates(t *testing.T) {
	cs := slices.Clone(seedList(t))
	s := seeds(t)
	for _, wf := range vocab.WireFormats() {
		f := wf.Name
		base := s["huaweicloud.css"]
		if wf.IntegerCodes {
			base = s["zilliz.cloud"]
		}
		c := *base
		c.Domain.ID = "as." + f
		c.Domain.WireFormat = f
		cs = append(cs, &c)
	}
	files, err := gen.OpenAPI(cs, gen.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(files["openapi.json"])
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if !doc.IsOpenAPI31OrLater() {
		t.Errorf("openapi = %q, want 3.1", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background(), openapi3.EnableExamplesValidation()); err != nil {
		t.Fatalf("validate: %v", err)
	}
	n := 0
	for _, c := range cs {
		for _, e := range c.Entries {
			if !c.Domain.IsSuccess(e.Code) {
				n++
			}
		}
	}
	if got := len(doc.Components.Responses); got < n {
		t.Errorf("%d responses, want at least one per error code (%d)", got, n)
	}
	for _, f := range []string{"problem", "google", "tencent", "tencent-v2", "aliyun", "aliyun-xml", "huawei", "zilliz", "ucloud"} {
		if doc.Components.Schemas[f] == nil {
			t.Errorf("no schema for wire format %s", f)
		}
	}
	r := doc.Components.Responses["huaweicloud.css.CSS.0001"]
	if r == nil || r.Value == nil {
		t.Fatalf("no response huaweicloud.css.CSS.0001")
	}
	if got := r.Value.Content["application/json"].Schema.Ref; got != "#/components/schemas/huawei" {
		t.Errorf("CSS.0001 schema ref = %q", got)
	}
}

// TestOpenAPIRejectsBadExample makes sure the validation above can fail:
// an example that breaks its schema is reported.
func TestOpenAPIRejectsBadExample(t *testing.T) {
	bad := []byte(`{"openapi":"3.1.0","info":{"title":"t","version":"1"},"components":{
"schemas":{"zilliz":{"type":"object","required":["code","message"],"properties":{"code":{"type":"integer"},"message":{"type":"string"}}}},
"responses":{"x":{"description":"d","content":{"application/json":{"schema":{"$ref":"#/components/schemas/zilliz"},"example":{"code":"not a number","message":"m"}}}}}}}`)
	doc, err := openapi3.NewLoader().LoadFromData(bad)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background(), openapi3.EnableExamplesValidation()); err == nil {
		t.Error("an example with a string code validated against an integer schema")
	}
}
