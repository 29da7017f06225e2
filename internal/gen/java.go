package gen

import "github.com/errcat/errcat/internal/catalog"

func Java(cats []*catalog.Catalog, opts Options) (Files, error) { return Files{}, nil }
