package catalog

// ParseSubsetChunked runs the fast reader with every entries section split
// among goroutines, however small.
func ParseSubsetChunked(name string, data []byte) (*Catalog, bool) {
	return parseSubset(name, string(data), 0)
}
