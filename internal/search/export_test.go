package search

import "github.com/errcat/errcat/internal/catalog"

// BuildWith indexes set with a given number of goroutines.
func BuildWith(set *catalog.Set, workers int) *Index { return build(set, workers) }

// IsCJK reports whether r is indexed as a CJK character.
func IsCJK(r rune) bool { return isCJK(r) }
