package catalog

import (
	"fmt"

	"github.com/goccy/go-yaml"
)

// SchemaComment is the first line of every catalog file errcat writes: it
// points editors (yaml-language-server) at the catalog format's JSON Schema.
const SchemaComment = "# yaml-language-server: $schema=%s\n"

// DefaultSchemaRef is where the schema sits relative to catalogs/*.yaml.
const DefaultSchemaRef = "../schema/catalog.schema.json"

// Marshal renders c as a catalog file that Parse reads back to an equal
// catalog. The output is deterministic: fields in model order, map keys
// sorted. schemaRef ("" for DefaultSchemaRef) is written in the header.
func Marshal(c *Catalog, schemaRef string) ([]byte, error) {
	if schemaRef == "" {
		schemaRef = DefaultSchemaRef
	}
	body, err := yaml.MarshalWithOptions(c,
		yaml.Indent(2),
		yaml.IndentSequence(true),
		yaml.UseLiteralStyleIfMultiline(true),
	)
	if err != nil {
		return nil, fmt.Errorf("marshal catalog %s: %w", c.Domain.ID, err)
	}
	return append([]byte(fmt.Sprintf(SchemaComment, schemaRef)), body...), nil
}
