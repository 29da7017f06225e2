package vocab_test

import (
	"fmt"

	"github.com/errcat/errcat/vocab"
)

func ExampleCategory() {
	c := vocab.Category("not_found")
	fmt.Println(c.Valid(), c.HTTPStatus(), c.GRPCName(), c.GRPCCode(), c.DefaultRetryable())
	// Output: true 404 NOT_FOUND 5 false
}

func ExampleCategoryForStatus() {
	fmt.Println(vocab.CategoryForStatus(404), vocab.CategoryForStatus(418), vocab.CategoryForStatus(502))
	// Output: not_found failed_precondition unavailable
}

func ExampleNextPlaceholder() {
	t := "Cluster {cluster} in {region} ({not a placeholder})."
	for start, end := vocab.NextPlaceholder(t, 0); start >= 0; start, end = vocab.NextPlaceholder(t, end) {
		fmt.Println(t[start:end])
	}
	// Output:
	// {cluster}
	// {region}
}

func ExampleMatchPattern() {
	ps, ok := vocab.MatchPattern("Invalid{parameter}.Malformed", "InvalidDBClusterId.Malformed")
	fmt.Println(ok, ps)
	// Output: true [{parameter DBClusterId}]
}

func ExampleLookupWireFormat() {
	f, ok := vocab.LookupWireFormat("zilliz")
	fmt.Println(ok, f.Provider, f.ContentType, f.Status == vocab.Status200, f.IntegerCodes)
	// Output: true zilliz application/json true true
}
