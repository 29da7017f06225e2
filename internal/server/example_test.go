package server_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/errcat/errcat/internal/server"
	"github.com/errcat/errcat/internal/source"
)

func ExampleNew() {
	builtin, err := source.Builtin()
	if err != nil {
		panic(err)
	}
	s, err := server.New(server.Config{Builtin: builtin})
	if err != nil {
		panic(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()

	resp, err := http.Get(ts.URL + "/v1/domains/nope")
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	fmt.Println(resp.StatusCode, resp.Header.Get("Content-Type"))
	// Output: 404 application/problem+json
}
