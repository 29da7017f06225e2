package gen_test

import (
	"fmt"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/gen"
)

func exampleCatalog() *catalog.Catalog {
	return &catalog.Catalog{
		Domain: catalog.Domain{ID: "example.api", Name: "Example API", Locales: []string{"en"}, WireFormat: "problem", CodeKind: "string"},
		Entries: []catalog.Entry{
			{Code: "Order.NotFound", HTTPStatus: catalog.IntPtr(404), Category: catalog.NotFound,
				Message:     catalog.T("en", "Order {order_id} does not exist."),
				Remediation: catalog.T("en", "Check the order id."),
				Params:      []catalog.Param{{Name: "order_id"}}},
			{Code: "Shop.Closed", Category: catalog.Unavailable,
				Message: catalog.T("en", "The shop is closed.")},
		},
	}
}

func ExampleRST() {
	files, err := gen.RST([]*catalog.Catalog{exampleCatalog()}, gen.Options{})
	if err != nil {
		panic(err)
	}
	for _, p := range files.Paths() {
		fmt.Printf("%s:\n%s", p, files[p])
	}
	// Output:
	// example.api.en.rst:
	// .. _example_api_en:
	//
	// Example API error codes
	// =======================
	//
	// The error codes of Example API (example.api).
	//
	// +-------------+----------------+-----------------------------------+---------------------+
	// | Status Code | Error Code     | Error Message                     | Measure             |
	// +=============+================+===================================+=====================+
	// | 404         | Order.NotFound | Order {order\_id} does not exist. | Check the order id. |
	// +-------------+----------------+-----------------------------------+---------------------+
	// | NA          | Shop.Closed    | The shop is closed.               |                     |
	// +-------------+----------------+-----------------------------------+---------------------+
}

func ExampleGoNames() {
	c := exampleCatalog()
	c.Entries = append(c.Entries, catalog.Entry{Code: "96000", Category: catalog.InvalidArgument,
		Message: catalog.T("en", "Invalid CloudId. Please use the ListCloudProviders API.")})
	names, err := gen.GoNames(c)
	if err != nil {
		panic(err)
	}
	for _, e := range c.Entries {
		fmt.Println(e.Code, "→", names[e.Code])
	}
	// Output:
	// Order.NotFound → OrderNotFound
	// Shop.Closed → ShopClosed
	// 96000 → InvalidCloudId96000
}
