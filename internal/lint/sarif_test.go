package lint

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchema compiles the official SARIF 2.1.0 schema in testdata.
func sarifSchema(tb testing.TB) *jsonschema.Schema {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		tb.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		tb.Fatal(err)
	}
	s, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func TestSARIFValidates(t *testing.T) {
	schema := sarifSchema(t)
	var seeds []Finding
	for _, fs := range seedFindings(t) {
		seeds = append(seeds, fs...)
	}
	tests := []struct {
		name     string
		findings []Finding
	}{
		{"no findings", nil},
		{"seed findings", seeds},
		{"odd places", []Finding{
			{Rule: "breaking-change", Severity: Error, Domain: "a.b", Code: "X", Message: "code X was removed"},
			{Rule: "code-syntax", Severity: Error, Domain: "a.b", Code: "A B", File: "dir with space/a b.yaml", Line: 3, Message: "space"},
			{Rule: "code-typo", Severity: Warning, Domain: "a.b", File: "x.yaml", Message: "no line"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteSARIF(&buf, tt.findings, Rules(), "devel"); err != nil {
				t.Fatal(err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(inst); err != nil {
				t.Errorf("SARIF output does not validate: %v", err)
			}
			var log struct {
				Runs []struct {
					Results []json.RawMessage `json:"results"`
				} `json:"runs"`
			}
			if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
				t.Fatal(err)
			}
			if got := len(log.Runs[0].Results); got != len(tt.findings) {
				t.Errorf("%d results, want %d", got, len(tt.findings))
			}
		})
	}
}

// TestSARIFSchemaRejects makes sure the schema check can fail.
func TestSARIFSchemaRejects(t *testing.T) {
	schema := sarifSchema(t)
	bad := `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"errcat"}},"results":[{"message":{"text":"x"},"level":"fatal"}]}]}`
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(bad)))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err == nil {
		t.Error("the schema accepted level \"fatal\"")
	}
}
