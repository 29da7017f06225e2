// Command shop is an example service built on errcat: its error codes live
// in catalog/example.shop.yaml, the package shoperr is generated from that
// catalog, and the httperr middleware writes every error in the domain's
// wire format (RFC 9457 problem details), localized by Accept-Language.
//
// Regenerate shoperr after editing the catalog:
//
//	go generate ./examples/shop
//
// and run the service with
//
//	go run ./examples/shop -addr 127.0.0.1:8080
//	curl -i -H 'Accept-Language: zh-CN' 127.0.0.1:8080/orders/7
package main

//go:generate go run ../../cmd/errcat gen go --no-builtin --catalog catalog --domain example.shop --package shoperr -o shoperr

import (
	"encoding/json"
	"flag"
	"log"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/errcat/errcat/examples/shop/shoperr"
	"github.com/errcat/errcat/httperr"
)

// maxQuantity is the most items one order may hold.
const maxQuantity = 10

// store is the shop's state: whether it is closed (order 42 always exists).
type store struct {
	closed bool
}

// newServer returns the shop's HTTP handler.
// Errors of status 500 and above, and panics, are logged to logger.
func newServer(s *store, logger *slog.Logger) http.Handler {
	h := httperr.New(httperr.Config{Domain: shoperr.Domain(), Logger: logger})
	mux := http.NewServeMux()
	mux.Handle("GET /orders/{id}", h.Func(func(w http.ResponseWriter, r *http.Request) error {
		if s.closed {
			return shoperr.NewShopClosed()
		}
		id := r.PathValue("id")
		if id != "42" {
			return shoperr.NewOrderNotFound(id)
		}
		return writeJSON(w, http.StatusOK, map[string]any{"id": id, "quantity": 2})
	}))
	mux.Handle("POST /orders", h.Func(func(w http.ResponseWriter, r *http.Request) error {
		if s.closed {
			return shoperr.NewShopClosed()
		}
		q := r.URL.Query().Get("quantity")
		n, err := strconv.Atoi(q)
		if err != nil || n < 1 || n > maxQuantity {
			return shoperr.NewOrderInvalidQuantity(q, strconv.Itoa(maxQuantity))
		}
		return writeJSON(w, http.StatusCreated, map[string]any{"id": "43", "quantity": n})
	}))
	mux.Handle("GET /crash", h.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		panic("the stock database is gone")
	})))
	return mux
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(v)
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen on `ADDR`")
	closed := flag.Bool("closed", false, "answer every request with Shop.Closed")
	flag.Parse()
	log.Printf("shop listening on %s", *addr)
	log.Fatal(http.ListenAndServe(*addr, newServer(&store{closed: *closed}, slog.Default())))
}
