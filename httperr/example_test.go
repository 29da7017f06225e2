package httperr_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/errcat/errcat/httperr"
)

func ExampleHandler_Func() {
	svc := newService()
	h := httperr.New(httperr.Config{
		Domain: svc.dom,
		Hook: func(r *http.Request, ev httperr.Event) {
			fmt.Println("hook:", ev.Attrs())
		},
	})
	handler := h.Func(func(w http.ResponseWriter, r *http.Request) error {
		return svc.notFound.New("cluster", r.URL.Query().Get("id"))
	})

	req := httptest.NewRequest("GET", "/clusters?id=es-1", nil)
	req.Header.Set("Accept-Language", "zh-CN")
	req.Header.Set("X-Request-Id", "r-1")
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)

	fmt.Println(rec.Code, rec.Header().Get("Content-Language"), rec.Header().Get("X-Request-Id"))
	fmt.Println(rec.Body.String())
	// Output:
	// hook: [error.type=CSS.0015 errcat.domain=huaweicloud.css http.response.status_code=404]
	// 404 zh-CN r-1
	// {"error_code":"CSS.0015","error_msg":"集群 es-1 不存在。"}
}

func ExampleHandler_Wrap() {
	svc := newService()
	h := httperr.New(httperr.Config{Domain: svc.dom, Logger: discardLogger()})
	handler := h.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		panic("unexpected state")
	}))
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	fmt.Println(rec.Code, rec.Body.String())
	// Output: 500 {"error_code":"CSS.0005","error_msg":"Server error."}
}

func ExampleRequestID() {
	h := httperr.New(httperr.Config{})
	handler := h.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println("handler sees", httperr.RequestID(r.Context()))
	}))
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("X-Request-Id", "abc-123")
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	fmt.Println("client sees", rec.Header().Get("X-Request-Id"))
	// Output:
	// handler sees abc-123
	// client sees abc-123
}

// Done sees the final status of every request, the answer to a panic
// included, with the route the mux matched: what an access log or a
// request counter needs.
func ExampleConfig_done() {
	h := httperr.New(httperr.Config{
		Logger: discardLogger(),
		Done: func(r *http.Request, o httperr.Outcome) {
			fmt.Printf("%s %q %d\n", httperr.RequestID(r.Context()), r.Pattern, o.Status)
		},
	})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /clusters/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "broken" {
			panic("unexpected state")
		}
		fmt.Fprintln(w, "cluster", r.PathValue("id"))
	})
	handler := h.Wrap(mux)
	for _, path := range []string{"/clusters/es-1", "/clusters/broken", "/nowhere"} {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("X-Request-Id", "r"+path)
		handler.ServeHTTP(httptest.NewRecorder(), req)
	}
	// Output:
	// r/clusters/es-1 "GET /clusters/{id}" 200
	// r/clusters/broken "GET /clusters/{id}" 500
	// r/nowhere "" 404
}
