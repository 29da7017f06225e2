package defs_test

import (
	"errors"
	"fmt"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/decode"
	"github.com/errcat/errcat/defs"
	"github.com/errcat/errcat/internal/catalog"
)

func ExampleBuiltin() {
	reg, err := defs.Builtin()
	if err != nil {
		fmt.Println(err)
		return
	}
	def := reg.Lookup("huaweicloud.css", "CSS.0001")
	err = def.New().WithRequestID("r-1")
	fmt.Println(errcat.CodeOf(err), errcat.HTTPStatusOf(err), def.Domain.Format)
	fmt.Println(errors.Is(err, reg.Lookup("huaweicloud.css", "CSS.0001")))
	// Output:
	// CSS.0001 400 huawei
	// true
}

func ExampleFromCatalog() {
	c := &catalog.Catalog{
		Domain: catalog.Domain{ID: "shop.orders", Name: "Orders", Locales: []string{"en"}, WireFormat: "problem"},
		Entries: []catalog.Entry{{
			Code: "OrderNotFound", HTTPStatus: catalog.IntPtr(404), Category: catalog.NotFound,
			Message: catalog.T("en", "Order {order} does not exist."),
			Params:  []catalog.Param{{Name: "order"}},
		}},
	}
	dom, ds := defs.FromCatalog(c)
	fmt.Println(dom.ID, len(ds), ds[0].New("order", "A-17"))
	// Output: shop.orders 1 shop.orders OrderNotFound: Order A-17 does not exist.
}

func ExampleLoadDir() {
	reg, err := defs.LoadDir("../wire/testdata/catalogs")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(reg.Domains())
	fmt.Println(reg.Lookup("privatecloud.retcode", "140").New("name", "zone").Message(""))
	// Output:
	// [aliyun.polardb huaweicloud.css privatecloud.retcode]
	// 参数异常：zone
}

func ExampleRegistry_Lookup() {
	reg, err := defs.LoadFile("../wire/testdata/catalogs/aliyun.polardb.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	d := reg.Lookup("aliyun.polardb", "MissingParameter")
	fmt.Println(d.Params, d.HTTPStatus, reg.Domain("aliyun.polardb").InternalDef().Code)
	fmt.Println(reg.Lookup("aliyun.polardb", "NoSuchCode") == nil)
	// Output:
	// [parameter] 400 InternalError
	// true
}

// A service joins the error bodies it receives to its own catalogs.
func ExampleRegistry_DecodeCatalog() {
	reg, err := defs.LoadDir("../wire/testdata/catalogs")
	if err != nil {
		fmt.Println(err)
		return
	}
	d := decode.Decoder{Catalog: reg.DecodeCatalog()}
	n, err := d.Decode(400, nil, []byte(`{"RequestId":"6A1B","HostId":"polardb.aliyuncs.com","Code":"MissingParameter","Message":"The input parameter \"DBClusterId\" that is mandatory for processing this request is not supplied."}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n.Domain, n.Entry.Code, n.Confidence, n.Params)
	// The same catalog, for a Go client's transport.
	_ = &decode.Transport{Decoder: reg.Decoder("aliyun.polardb")}
	// Output:
	// aliyun.polardb MissingParameter high [{parameter DBClusterId}]
}
