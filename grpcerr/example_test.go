package grpcerr_test

import (
	"errors"
	"fmt"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/grpcerr"
)

func ExampleStatus() {
	dom := &errcat.Domain{ID: "example.orders", APIDomain: "orders.example.com", Locales: []string{"en", "zh-CN"}}
	throttled := &errcat.Def{Domain: dom, Code: "Throttling.User", Category: "unavailable", RetryAfter: 2 * time.Second,
		Message: map[string]string{"en": "Too many requests from {user}.", "zh-CN": "用户 {user} 请求过多。"}, Params: []string{"user"}}

	st := grpcerr.Status(throttled.New("user", "ann"), "zh-CN,zh;q=0.9")
	fmt.Println(st.Code(), st.Message())
	for _, d := range st.Details() {
		switch d := d.(type) {
		case *errdetails.ErrorInfo:
			fmt.Println("ErrorInfo", d.GetReason(), d.GetDomain(), d.GetMetadata())
		case *errdetails.LocalizedMessage:
			fmt.Println("LocalizedMessage", d.GetLocale(), d.GetMessage())
		case *errdetails.RetryInfo:
			fmt.Println("RetryInfo", d.GetRetryDelay().AsDuration())
		}
	}

	// The client side: the status read back as the catalog error.
	err := grpcerr.FromStatus(st, grpcerr.NewIndex(throttled))
	fmt.Println(errors.Is(err, throttled))
	// Output:
	// Unavailable Too many requests from ann.
	// ErrorInfo THROTTLING_USER orders.example.com map[user:ann]
	// LocalizedMessage zh-CN 用户 ann 请求过多。
	// RetryInfo 2s
	// true
}
