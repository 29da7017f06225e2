package catalog

// ParseSubsetChunked runs the fast reader with every entries section split
// among goroutines, however small.
func ParseSubsetChunked(name string, data []byte) (*Catalog, bool) {
	c, _, ok := parseSubset(name, string(data), 0, stdLimits())
	return c, ok
}
