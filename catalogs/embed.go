// Package catalogs holds errcat's built-in catalogs: one YAML file per
// domain, imported from the seed pages in sources/ (regenerate them with
// `go generate ./catalogs`), and locale overlays in i18n/. The source
// package loads them.
package catalogs

import (
	"embed"
	"io/fs"
)

//go:generate go run ../cmd/errcat import --regenerate-builtin .

//go:embed *.yaml sources i18n
var files embed.FS

// FS returns the built-in catalog files.
func FS() fs.FS { return files }
