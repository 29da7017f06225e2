package decode_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/errcat/errcat/decode"
)

func ExampleDecode() {
	body := []byte(`{"RequestId":"5E571499","HostId":"polardb.aliyuncs.com","Code":"Throttling.User","Message":"Request was denied due to user flow control."}`)
	n, err := decode.Decode(400, http.Header{}, body)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n.Format, n.Code, n.RequestID)
	fmt.Println(n.Retryable, n.RetryReason)
	// Output:
	// aliyun Throttling.User 5E571499
	// true code Throttling.User is a well-known throttling code
}

func ExampleDecode_notAnError() {
	n, _ := decode.Decode(200, nil, []byte(`{"Action":"DescribeUHostInstanceResponse","RetCode":0,"UHostSet":[]}`))
	fmt.Println(n.NotError, n.Reason)
	// Output:
	// true RetCode 0 means success
}

func ExampleDecode_proxyPage() {
	n, err := decode.Decode(502, http.Header{"Server": {"nginx"}}, []byte("<html><head><title>502 Bad Gateway</title></head><body>…</body></html>"))
	fmt.Println(err)
	fmt.Println(n.Format, n.Message, n.Retryable)
	// Output:
	// error body not readable: HTML page instead of an API error body (from a proxy or load balancer?)
	// html 502 Bad Gateway true
}

// codes is a Catalog of one domain held in a map.
type codes map[string]decode.Entry

func (c codes) Lookup(domain, code string) []decode.Entry {
	if e, ok := c[code]; ok && (domain == "" || domain == e.Domain) {
		return []decode.Entry{e}
	}
	return nil
}

func (c codes) HasDomain(id string) bool { return id == "shop.orders" }

func ExampleDecoder() {
	d := decode.Decoder{
		Catalog: codes{"OrderLocked": {Domain: "shop.orders", Code: "OrderLocked", Category: "aborted", Retryable: true, WireFormat: "problem"}},
		// A code the built-in lists do not know, worth retrying.
		RetryCodes: []string{"Inventory.Syncing"},
	}
	n, _ := d.Decode(409, nil, []byte(`{"type":"about:blank","title":"Order locked","status":409,"code":"OrderLocked"}`))
	fmt.Println(n.Domain, n.Category, n.Retryable, n.Confidence)
	n, _ = d.Decode(409, nil, []byte(`{"code":"Inventory.Syncing","message":"try later"}`))
	fmt.Println(n.Retryable, n.RetryReason)
	// Output:
	// shop.orders aborted true high
	// true code Inventory.Syncing is in the decoder's RetryCodes
}

func ExampleMatchPattern() {
	ps, ok := decode.MatchPattern("Invalid{parameter}.Malformed", "InvalidDBClusterId.Malformed")
	fmt.Println(ok, ps.Map())
	// Output:
	// true map[parameter:DBClusterId]
}

func ExampleDecoder_DecodeResponse() {
	resp := &http.Response{
		StatusCode: 503,
		Header:     http.Header{"Retry-After": {"2"}, "X-Acs-Request-Id": {"4C4A-77"}},
		Body:       io.NopCloser(strings.NewReader(`{"Code":"ServiceUnavailable","Message":"The request has failed due to a temporary failure of the server."}`)),
	}
	var d decode.Decoder
	n, err := d.DecodeResponse(resp)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n.Format, n.Code, n.RequestID, n.RetryAfter)
	fmt.Println(n.Retryable, n.RetryReason)
	// Output:
	// aliyun ServiceUnavailable 4C4A-77 2
	// true code ServiceUnavailable is a well-known transient code
}

func ExampleTransport() {
	// A server that is busy once, then answers.
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"code":"NoSuchKey","message":"The specified key does not exist."}`)
			return
		}
		if calls++; calls == 1 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, `{"error":{"code":"ServerBusy","message":"The server is busy."}}`)
			return
		}
		io.WriteString(w, "done")
	}))
	defer srv.Close()

	client := &http.Client{Transport: &decode.Transport{MaxAttempts: 3, BaseDelay: time.Millisecond}}
	resp, err := client.Get(srv.URL)
	if err != nil {
		var de *decode.Error
		if errors.As(err, &de) {
			fmt.Println("failed:", de.Normalized.Code, de.Normalized.RetryReason)
		}
		return
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	fmt.Println(string(b), "after", calls, "requests")

	// A not-found is not retried: the error carries the decoded body.
	_, err = client.Get(srv.URL + "/missing")
	var de *decode.Error
	if errors.As(err, &de) {
		fmt.Println(de.StatusCode, de.Normalized.Code, "after", de.Attempts, "request")
	}
	// Output:
	// done after 2 requests
	// 404 NoSuchKey after 1 request
}

func ExampleError() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, `{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your current balance is 30, but that costs 50.","instance":"/account/12345/msgs/abc","balance":30}`)
	}))
	defer srv.Close()
	client := &http.Client{Transport: &decode.Transport{}}
	_, err := client.Get(srv.URL)
	var de *decode.Error
	if errors.As(err, &de) {
		n := de.Normalized
		fmt.Println(de.StatusCode, n.Code)
		fmt.Println(n.ShortCode, n.Instance, n.Extensions)
		fmt.Println(n.Retryable, n.RetryReason)
	}
	// Output:
	// 403 https://example.com/probs/out-of-credit
	// out-of-credit /account/12345/msgs/abc [{balance 30}]
	// false no retry signal: no retryable entry, code, category or status, no Retry-After
}
