package catalog_test

import (
	"fmt"

	"github.com/errcat/errcat/internal/catalog"
)

func ExampleParseFast() {
	data := []byte(`domain:
  id: example.api
  name: Example
  locales: [en]
  wire_format: problem
  code_kind: string
entries:
  - code: Cluster.NotFound
    http_status: 404
    category: not_found
    message: {en: "The cluster {cluster} does not exist."}
    params: [{name: cluster}]
`)
	c, err := catalog.ParseFast("example.yaml", data)
	if err != nil {
		panic(err)
	}
	e := c.Entries[0]
	fmt.Println(e.Code, e.Status(), e.Category, e.Pos.Line, catalog.InFastSubset("example.yaml", data))

	// Outside the subset (a block scalar), the full parser takes over and
	// reports problems with their place.
	_, err = catalog.ParseFast("bad.yaml", []byte("domain: |\n  text\nentries: []\n"))
	fmt.Println(err)
	// Output:
	// Cluster.NotFound 404 not_found 8 true
	// bad.yaml:1:9: scalar was used where mapping is expected
}
