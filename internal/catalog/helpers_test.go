package catalog

import (
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func cmpIgnorePos() cmp.Option {
	return cmp.Options{cmpopts.IgnoreFields(Entry{}, "Pos"), cmpopts.IgnoreFields(Variant{}, "Pos"), cmpopts.IgnoreFields(Catalog{}, "File"), cmpopts.EquateEmpty()}
}
