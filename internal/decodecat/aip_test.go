package decodecat_test

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/decode"
	"github.com/errcat/errcat/defs"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/decodecat"
	"github.com/errcat/errcat/wire"
)

// TestGoogleReasonAndServiceName decodes google bodies of a domain with
// an api_domain and an explicit reason: ErrorInfo names the domain by its
// service name and the error by its reason, and both join the entry.
func TestGoogleReasonAndServiceName(t *testing.T) {
	src := `domain:
  id: example.orders
  name: Orders
  locales: [en]
  wire_format: google
  code_kind: string
  api_domain: orders.example.com
entries:
  - code: Order.NotFound
    http_status: 404
    category: not_found
    message: {en: "Order {order_id} does not exist."}
    params: [{name: order_id}]
  - code: Quota.Exceeded
    http_status: 429
    category: resource_exhausted
    reason: ORDER_QUOTA_EXCEEDED
    retry_after: 30s
    message: {en: Too many orders.}
`
	c, err := catalog.Parse("orders.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	dec := decode.Decoder{Catalog: decodecat.New(catalog.NewSet(c))}
	_, ds := defs.FromCatalog(c)
	google, _ := wire.ByName("google")
	type result struct{ Domain, Code, Entry string }
	var got []result
	for _, d := range ds {
		e := d.New("order_id", "o-1")
		n, err := dec.Decode(google.Status(e), http.Header{}, google.Append(nil, e, wire.Options{}))
		if err != nil {
			t.Fatal(err)
		}
		r := result{Domain: n.Domain, Code: n.Code}
		if n.Entry != nil {
			r.Entry = n.Entry.Code
		}
		got = append(got, r)
	}
	want := []result{
		{Domain: "example.orders", Code: "ORDER_NOT_FOUND", Entry: "Order.NotFound"},
		{Domain: "example.orders", Code: "ORDER_QUOTA_EXCEEDED", Entry: "Quota.Exceeded"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("-want +got:\n%s", diff)
	}
}
