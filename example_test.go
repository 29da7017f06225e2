package errcat_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/errcat/errcat"
)

// exampleDefs returns Defs as generated code declares them.
func exampleDefs() (notFound *errcat.Def, dom *errcat.Domain) {
	dom = &errcat.Domain{
		ID:      "huaweicloud.css",
		Name:    "Huawei Cloud CSS",
		Locales: []string{"en", "zh-CN"},
		Format:  "huawei",
	}
	notFound = &errcat.Def{
		Domain:     dom,
		Code:       "CSS.0015",
		HTTPStatus: 404,
		Category:   "not_found",
		Message: map[string]string{
			"en":    "The cluster {cluster} does not exist in {region}.",
			"zh-CN": "集群 {cluster} 在 {region} 不存在。",
		},
		Params: []string{"cluster", "region"},
	}
	return notFound, dom
}

func ExampleDef_New() {
	notFound, _ := exampleDefs()
	err := notFound.New("cluster", "es-1", "region", "cn-north-4").
		WithRequestID("7f3a").
		WithMeta("project", "p-9")
	fmt.Println(err)
	fmt.Println(err.Message("zh-CN"))
	// Output:
	// huaweicloud.css CSS.0015: The cluster es-1 does not exist in cn-north-4. [request_id=7f3a]
	// 集群 es-1 在 cn-north-4 不存在。
}

func ExampleError_Is() {
	notFound, _ := exampleDefs()
	err := fmt.Errorf("delete: %w", notFound.New("cluster", "es-1"))
	fmt.Println(errors.Is(err, notFound))
	// Output: true
}

func ExampleError_WithCause() {
	notFound, _ := exampleDefs()
	err := notFound.New("cluster", "es-1").WithCause(os.ErrNotExist)
	fmt.Println(errors.Is(err, os.ErrNotExist))
	fmt.Println(err.Message("en")) // a missing param stays visible
	// Output:
	// true
	// The cluster es-1 does not exist in {region}.
}

func ExampleCodeOf() {
	notFound, _ := exampleDefs()
	err := fmt.Errorf("get: %w", notFound.New())
	fmt.Println(errcat.CodeOf(err), errcat.HTTPStatusOf(err))
	fmt.Println(errcat.CodeOf(os.ErrClosed) == "", errcat.HTTPStatusOf(os.ErrClosed))
	// Output:
	// CSS.0015 404
	// true 500
}

func ExampleFrom() {
	_, dom := exampleDefs()
	// An error that is not a catalog error becomes the domain's internal
	// error; its text stays in the cause, for logs only.
	e := errcat.From(errors.New("pq: connection reset"), dom)
	fmt.Println(e.Code(), e.Def().Status())
	fmt.Println(e.Message("en"))
	// Output:
	// InternalError 500
	// An internal error occurred. Please try again later.
}

func ExampleDomain_Negotiate() {
	_, dom := exampleDefs()
	fmt.Println(dom.Negotiate("zh-CN,zh;q=0.9,en;q=0.8"))
	fmt.Println(dom.Negotiate("en-GB"))
	fmt.Println(dom.Negotiate("fr"))
	// Output:
	// zh-CN
	// en
	// en
}

func ExampleAppendFill() {
	notFound, _ := exampleDefs()
	e := notFound.New("cluster", "es-1", "region", "cn-north-4")
	raw := func(dst []byte, s string) []byte { return fmt.Appendf(dst, "%s", s) }
	fmt.Println(string(errcat.AppendFill(nil, "[{cluster}|{region}|{zone}]", e, raw)))
	// Output: [es-1|cn-north-4|{zone}]
}

func ExampleHTTPStatusOf() {
	notFound, dom := exampleDefs()
	throttled := &errcat.Def{Domain: dom, Code: "CSS.0429", Category: "resource_exhausted",
		Message: map[string]string{"en": "Too many requests."}}
	fmt.Println(errcat.HTTPStatusOf(notFound.New()))
	fmt.Println(errcat.HTTPStatusOf(throttled.New())) // no documented status: the category's
	fmt.Println(errcat.HTTPStatusOf(nil))
	// Output:
	// 404
	// 429
	// 200
}

func ExampleDef_Text() {
	notFound, _ := exampleDefs()
	for _, want := range []string{"zh-CN", "fr"} {
		text, locale := notFound.Text(notFound.Message, want)
		fmt.Printf("%s → %s: %s\n", want, locale, text)
	}
	// Output:
	// zh-CN → zh-CN: 集群 {cluster} 在 {region} 不存在。
	// fr → en: The cluster {cluster} does not exist in {region}.
}

func ExampleError_AppendJSONText() {
	notFound, _ := exampleDefs()
	e := notFound.New("cluster", `<"es-1">`, "region", "cn-north-4")
	buf := []byte(`{"message":"`)
	buf = e.AppendJSONText(buf, errcat.Message, "zh-CN")
	buf = append(buf, `"}`...)
	fmt.Println(string(buf))
	// Output: {"message":"集群 \u003c\"es-1\"\u003e 在 cn-north-4 不存在。"}
}

func ExampleAppendJSONEscaped() {
	fmt.Println(string(errcat.AppendJSONEscaped(nil, "tab\there & \u2028 \xff")))
	// Output: tab\there \u0026 \u2028 \ufffd
}

func ExampleDomain_InternalDef() {
	_, dom := exampleDefs()
	d := dom.InternalDef() // no Internal configured: the generic one
	fmt.Println(d.Code, d.Status(), d.New().Message("zh-CN"))
	// Output: InternalError 500 服务内部错误，请稍后重试。
}

func ExampleError_Clone() {
	notFound, _ := exampleDefs()
	shared := notFound.New("cluster", "es-1")
	mine := shared.Clone().WithRequestID("r-2")
	fmt.Printf("%q %q\n", shared.RequestID(), mine.RequestID())
	// Output: "" "r-2"
}

// huaweiBody is Huawei Cloud's error body as a JSONBody: declared once, in
// a package variable, so each Def precompiles it once per locale.
var huaweiBody = &errcat.JSONBody{Head: `{"error_code":`, Mid: `,"error_msg":`, Tail: `}`, Field: errcat.Message}

func ExampleError_AppendJSONBody() {
	notFound, _ := exampleDefs()
	e := notFound.New("cluster", "es-prod-1", "region", "cn-north-4")
	buf := make([]byte, 0, 512) // reused between errors
	buf = e.AppendJSONBody(buf[:0], huaweiBody, "zh-CN")
	fmt.Println(string(buf))
	// Output: {"error_code":"CSS.0015","error_msg":"集群 es-prod-1 在 cn-north-4 不存在。"}
}
