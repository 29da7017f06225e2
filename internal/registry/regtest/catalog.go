package regtest

import (
	"fmt"
	"strings"

	"github.com/errcat/errcat/vocab"
)

// Catalog returns the YAML of a lint-clean catalog of domain with n
// entries; status is every entry's HTTP status (404 or 409 give a
// breaking change between two catalogs), and note is added to every
// message (a compatible change).
func Catalog(domain string, n, status int, note string) []byte {
	category := vocab.CategoryForStatus(status)
	var b strings.Builder
	fmt.Fprintf(&b, "domain:\n  id: %s\n  name: Example %s\n  locales: [en]\n  wire_format: problem\n  code_kind: string\nentries:\n", domain, domain)
	for i := range n {
		fmt.Fprintf(&b, "  - code: Item%05d.Missing\n    http_status: %d\n    category: %s\n    message: {en: \"The item {item} of shelf %d cannot be found%s.\"}\n    params: [{name: item}]\n",
			i, status, category, i, note)
	}
	return []byte(b.String())
}
