package search

import "github.com/errcat/errcat/internal/catalog"

// BuildWith indexes set with a given number of goroutines.
func BuildWith(set *catalog.Set, workers int) *Index { return build(set, workers) }

// IsCJK reports whether r is indexed as a CJK character.
func IsCJK(r rune) bool { return isCJK(r) }

// Parallel makes the synonym alternatives of ix's queries run on a second
// goroutine whatever its size, or never.
func (ix *Index) Parallel(on bool) { ix.parallel = on }
