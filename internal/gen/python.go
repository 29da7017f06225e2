package gen

import "github.com/errcat/errcat/internal/catalog"

func Python(cats []*catalog.Catalog, opts Options) (Files, error) { return Files{}, nil }
