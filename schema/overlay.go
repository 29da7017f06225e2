package schema

import (
	_ "embed"
	"slices"
)

//go:embed overlay.schema.json
var overlaySchema []byte

// Overlay returns the JSON Schema of a locale overlay file
// (catalogs/i18n/<domain>.<locale>.yaml).
func Overlay() []byte { return slices.Clone(overlaySchema) }
