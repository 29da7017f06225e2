package main

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/cli"
)

// TestShopOverHTTP runs the service on a loopback listener and checks that
// each failing request gets the body the catalog documents, in the
// domain's wire format (problem+json), localized, with the request id.
func TestShopOverHTTP(t *testing.T) {
	cat, err := catalog.LoadFile(filepath.Join("catalog", "example.shop.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	open := httptest.NewServer(newServer(&store{}, logger))
	defer open.Close()
	closed := httptest.NewServer(newServer(&store{closed: true}, logger))
	defer closed.Close()

	// documented returns the catalog's message of code in locale with
	// params filled in.
	documented := func(code, locale string, params map[string]string) string {
		e := cat.Lookup(code)
		if e == nil {
			t.Fatalf("catalog has no %s", code)
		}
		return catalog.Fill(e.Message.Get(locale), func(n string) (string, bool) { v, ok := params[n]; return v, ok })
	}
	tests := []struct {
		name        string
		srv         *httptest.Server
		method, url string
		lang        string
		wantStatus  int
		want        map[string]any // the body; request_id is checked apart
	}{
		{"found", open, "GET", "/orders/42", "", 200, map[string]any{"id": "42", "quantity": 2.0}},
		{"created", open, "POST", "/orders?quantity=3", "", 201, map[string]any{"id": "43", "quantity": 3.0}},
		{"not found", open, "GET", "/orders/7", "", 404, map[string]any{
			"type": "https://shop.example.com/errors#Order.NotFound", "title": "Not Found", "status": 404.0,
			"detail":   documented("Order.NotFound", "en", map[string]string{"order_id": "7"}),
			"instance": "/orders/7", "code": "Order.NotFound", "domain": "example.shop",
			"params":      map[string]any{"order_id": "7"},
			"remediation": "Check the order id; list your orders with GET /orders.",
		}},
		{"invalid quantity in Chinese", open, "POST", "/orders?quantity=99", "zh-CN,zh;q=0.9", 400, map[string]any{
			"type": "https://shop.example.com/errors#Order.InvalidQuantity", "title": "Bad Request", "status": 400.0,
			"detail":   documented("Order.InvalidQuantity", "zh-CN", map[string]string{"quantity": "99", "max": "10"}),
			"instance": "/orders?quantity=99", "code": "Order.InvalidQuantity", "domain": "example.shop",
			"params": map[string]any{"quantity": "99", "max": "10"},
		}},
		{"closed", closed, "GET", "/orders/42", "", 503, map[string]any{
			"type": "https://shop.example.com/errors#Shop.Closed", "title": "Service Unavailable", "status": 503.0,
			"detail":   documented("Shop.Closed", "en", nil),
			"instance": "/orders/42", "code": "Shop.Closed", "domain": "example.shop",
			"params": map[string]any{}, "remediation": "Try again in a few minutes.",
		}},
		{"panic is the domain's internal error", open, "GET", "/crash", "", 500, map[string]any{
			"type": "https://shop.example.com/errors#Shop.Internal", "title": "Internal Server Error", "status": 500.0,
			"detail":   documented("Shop.Internal", "en", nil),
			"instance": "/crash", "code": "Shop.Internal", "domain": "example.shop",
			"params": map[string]any{},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, tt.srv.URL+tt.url, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("X-Request-Id", "req-"+strings.ReplaceAll(tt.name, " ", "-"))
			if tt.lang != "" {
				req.Header.Set("Accept-Language", tt.lang)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			raw, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			var got map[string]any
			if err := json.Unmarshal(raw, &got); err != nil {
				t.Fatalf("body is not JSON: %v\n%s", err, raw)
			}
			if tt.wantStatus >= 400 {
				if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
					t.Errorf("Content-Type %q", ct)
				}
				wantID := req.Header.Get("X-Request-Id")
				if got["request_id"] != wantID || resp.Header.Get("X-Request-Id") != wantID {
					t.Errorf("request id: body %v, header %q; want %q", got["request_id"], resp.Header.Get("X-Request-Id"), wantID)
				}
				delete(got, "request_id")
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
		})
	}
	if !strings.Contains(logs.String(), "the stock database is gone") {
		t.Errorf("the panic was not logged:\n%s", logs.String())
	}
}

// TestGeneratedCodeIsFresh runs the go:generate command with --check: the
// committed shoperr package must be what the catalog generates.
func TestGeneratedCodeIsFresh(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := cli.Main([]string{"gen", "go", "--no-builtin", "--catalog", "catalog", "--domain", "example.shop", "--package", "shoperr", "-o", "shoperr", "--check"},
		strings.NewReader(""), &stdout, &stderr)
	if code != 0 {
		t.Errorf("shoperr is stale (run go generate ./examples/shop): exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
}
