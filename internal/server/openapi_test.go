package server

import (
	"context"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestOpenAPIValidates checks /openapi.json against the OpenAPI 3 schema.
func TestOpenAPIValidates(t *testing.T) {
	_, ts := newTestServer(t, nil)
	r := do(t, ts, "GET", "/openapi.json", nil, nil)
	doc, err := openapi3.NewLoader().LoadFromData(r.body)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
}
