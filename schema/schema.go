// Package schema holds the JSON Schema of the errcat catalog format
// (catalog.schema.json), which every catalog file names on its first line
// so editors complete and check it.
package schema

import (
	_ "embed"
	"slices"
)

//go:embed catalog.schema.json
var catalogSchema []byte

// Catalog returns the JSON Schema of a catalog file.
func Catalog() []byte { return slices.Clone(catalogSchema) }
