package wire_test

import (
	"fmt"
	"net/http/httptest"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/vocab"
	"github.com/errcat/errcat/wire"
)

func exampleError() *errcat.Error {
	dom := &errcat.Domain{ID: "zilliz.cloud", Locales: []string{"en", "zh-CN"}, Format: "zilliz"}
	def := &errcat.Def{
		Domain: dom, Code: "96000", Category: "invalid_argument",
		Message: map[string]string{
			"en":    "Invalid CloudId {cloud_id}. Please use the ListCloudProviders API to obtain a list of supported cloudIds.",
			"zh-CN": "无效的 CloudId {cloud_id}。请使用 ListCloudProviders API 获取支持的 cloudId 列表。",
		},
		Params: []string{"cloud_id"},
	}
	return def.New("cloud_id", "<aws>").WithRequestID("r-42")
}

func ExampleFormat_Append() {
	e := exampleError()
	zilliz, _ := wire.ByName("zilliz")
	buf := make([]byte, 0, 512)
	buf = zilliz.Append(buf[:0], e, wire.Options{Locale: "zh-CN"})
	fmt.Println(zilliz.Status(e), string(buf))
	// Output:
	// 200 {"code":96000,"message":"无效的 CloudId \u003caws\u003e。请使用 ListCloudProviders API 获取支持的 cloudId 列表。"}
}

func ExampleByName() {
	f, ok := wire.ByName("tencent")
	fmt.Println(f, ok, f.ContentType())
	_, ok = wire.ByName("soap")
	fmt.Println(ok)
	fmt.Println(wire.Names())
	// Output:
	// tencent true application/json
	// false
	// [problem google tencent tencent-v2 aliyun aliyun-xml huawei zilliz ucloud volcengine baidu]
}

func ExampleFormat_Write() {
	huawei, _ := wire.ByName("huawei")
	rec := httptest.NewRecorder()
	if err := huawei.Write(rec, exampleError(), wire.Options{}); err != nil {
		fmt.Println(err)
	}
	fmt.Println(rec.Code, rec.Header().Get("X-Request-Id"), rec.Header().Get("Content-Language"))
	fmt.Println(rec.Body.String())
	// Output:
	// 400 r-42 en
	// {"error_code":"96000","error_msg":"Invalid CloudId \u003caws\u003e. Please use the ListCloudProviders API to obtain a list of supported cloudIds."}
}

func ExampleFormat_AppendResponse() {
	tencent, _ := wire.ByName("tencent")
	fmt.Print(string(tencent.AppendResponse(nil, exampleError(), wire.Options{})))
	// Output:
	// HTTP/1.1 200 OK
	// Content-Language: en
	// Content-Length: 181
	// Content-Type: application/json
	// X-Content-Type-Options: nosniff
	// X-Request-Id: r-42
	//
	// {"Response":{"Error":{"Code":"96000","Message":"Invalid CloudId \u003caws\u003e. Please use the ListCloudProviders API to obtain a list of supported cloudIds."},"RequestId":"r-42"}}
}

func ExampleFor() {
	fmt.Println(wire.For(exampleError()))
	// Output: zilliz
}

func ExampleAppendJSONString() {
	fmt.Println(string(wire.AppendJSONString(nil, "a<b & \"c\"\n\xff")))
	// Output: "a\u003cb \u0026 \"c\"\n\ufffd"
}

func ExampleFormat_Status() {
	e := exampleError() // invalid_argument, no documented status
	for _, name := range []string{"problem", "tencent", "zilliz"} {
		f, _ := wire.ByName(name)
		fmt.Println(f, f.Status(e))
	}
	// Output:
	// problem 400
	// tencent 200
	// zilliz 200
}

func ExampleFormat_Spec() {
	f, _ := wire.ByName("ucloud")
	spec := f.Spec()
	fmt.Println(spec.Provider, spec.Status == vocab.Status200, spec.IntegerCodes, spec.Action)
	// Output: ucloud true true true
}

func ExampleLocale() {
	e := exampleError()
	fmt.Println(wire.Locale(e, wire.Options{Locale: "zh-CN"}), wire.Locale(e, wire.Options{Locale: "ja"}))
	// Output: zh-CN en
}
