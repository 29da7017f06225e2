package catalog

// ParseSubsetChunked runs the fast reader with every entries section split
// among goroutines, however small.
func ParseSubsetChunked(name string, data []byte) (*Catalog, bool) {
	c, _, ok := parseSubset(name, string(data), 0, stdLimits())
	return c, ok
}

// MarshalNodes is marshalNodes, for the external tests.
func MarshalNodes(c *Catalog, schemaRef string) ([]byte, error) { return marshalNodes(c, schemaRef) }

// NeedQuote is needQuote, for the external tests.
func NeedQuote(s string) bool { return needQuote(s) }
