package benchmarks

import (
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"github.com/errcat/errcat/decode"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/decodecat"
	"github.com/errcat/errcat/internal/source"
)

// decodeBodies are the common JSON error bodies, one per format.
var decodeBodies = []struct {
	format string
	status int
	body   string
}{
	{"problem", 400, `{"type":"https://errcat.dev/errors/huaweicloud.css/CSS.0001","title":"Invalid parameter","status":400,"detail":"The parameter name is incorrect.","instance":"/v1.0/clusters","code":"CSS.0001","domain":"huaweicloud.css","request_id":"7f0c2a1e","params":{"parameter":"name"}}`},
	{"google", 429, `{"error":{"code":429,"message":"Quota exceeded for quota metric 'Queries'","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"googleapis.com","metadata":{"service":"translate.googleapis.com"}}]}}`},
	{"tencent", 200, `{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"The provided credentials could not be validated."},"RequestId":"b9b3e1b5-7f43-4a3c-9b3c-2a0c1f7a1c52"}}`},
	{"tencent-v2", 200, `{"code":4000,"message":"(100004) incorrect projectId","codeDesc":"InvalidParameter"}`},
	{"aliyun", 400, `{"RequestId":"5E571499-C8A6-4DB6-8C9B-D3B7D3E5F5A9","HostId":"polardb.aliyuncs.com","Code":"Throttling.User","Message":"Request was denied due to user flow control.","Recommend":"https://api.aliyun.com/troubleshoot?q=Throttling.User&product=polardb"}`},
	{"huawei", 400, `{"error_code":"CSS.0001","error_msg":"Invalid parameter."}`},
	{"zilliz", 200, `{"code":96000,"message":"Invalid CloudId. Please use the ListCloudProviders API to obtain a list of supported cloudIds."}`},
	{"ucloud", 200, `{"Action":"DescribeUHostInstanceResponse","RetCode":230,"Message":"Params [Region] not available"}`},
	{"aws-json", 400, `{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"The level of configured provisioned throughput for the table was exceeded."}`},
	{"azure", 409, `{"error":{"code":"InvalidTemplateDeployment","message":"The template deployment failed.","target":"vmName","details":[{"code":"QuotaExceeded","message":"Quota exceeded."}],"innererror":{"code":"PolicyViolation"}}}`},
	{"kubernetes", 404, `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"web-0\" not found","reason":"NotFound","details":{"name":"web-0","kind":"pods"},"code":404}`},
}

var decodeHeader = http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"hdr-1"}}

// baseline is the decoder one writes first: encoding/json into a map,
// then probing the keys of each shape.
func baseline(status int, body []byte) (code, msg, reqID string, ok bool) {
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		return "", "", "", false
	}
	str := func(v any) string {
		switch v := v.(type) {
		case string:
			return v
		case float64:
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
		return ""
	}
	if r, ok := m["Response"].(map[string]any); ok {
		e, _ := r["Error"].(map[string]any)
		return str(e["Code"]), str(e["Message"]), str(r["RequestId"]), true
	}
	if t, ok := m["__type"].(string); ok {
		return t, str(m["message"]), "", true
	}
	if e, ok := m["error"].(map[string]any); ok {
		code := str(e["code"])
		if s := str(e["status"]); s != "" {
			code = s
		}
		if ds, ok := e["details"].([]any); ok {
			for _, d := range ds {
				if d, ok := d.(map[string]any); ok && str(d["reason"]) != "" {
					code = str(d["reason"])
				}
			}
		}
		return code, str(e["message"]), "", true
	}
	if c, ok := m["error_code"]; ok {
		return str(c), str(m["error_msg"]), "", true
	}
	if c, ok := m["RetCode"]; ok {
		return str(c), str(m["Message"]), "", true
	}
	if m["kind"] == "Status" {
		return str(m["reason"]), str(m["message"]), "", true
	}
	if c, ok := m["Code"]; ok {
		return str(c), str(m["Message"]), str(m["RequestId"]), true
	}
	if c, ok := m["code"]; ok {
		msg := str(m["message"])
		if d := str(m["detail"]); d != "" {
			msg = d
		}
		return str(c), msg, str(m["request_id"]), true
	}
	return "", "", "", false
}

// BenchmarkDecode compares decode.Decode with the baseline on each format,
// side by side in one run. "errcat+catalog" adds the join to the built-in
// catalogs (entry, candidates, params).
func BenchmarkDecode(b *testing.B) {
	// The catalogs load only when the errcat+catalog rows run.
	joinedDecoder := sync.OnceValues(func() (*decode.Decoder, error) {
		cats, err := source.Builtin()
		if err != nil {
			return nil, err
		}
		return &decode.Decoder{Catalog: decodecat.New(catalog.NewSet(cats...))}, nil
	})
	for _, tc := range decodeBodies {
		body := []byte(tc.body)
		b.Run("format="+tc.format+"/impl=baseline", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, _, ok := baseline(tc.status, body); !ok {
					b.Fatal("baseline failed")
				}
			}
		})
		b.Run("format="+tc.format+"/impl=errcat", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := decode.Decode(tc.status, decodeHeader, body); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("format="+tc.format+"/impl=errcat+catalog", func(b *testing.B) {
			joined, err := joinedDecoder()
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := joined.Decode(tc.status, decodeHeader, body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestDecodeAllocs holds the decoder to at most 3 allocations per JSON body.
func TestDecodeAllocs(t *testing.T) {
	for _, tc := range decodeBodies {
		t.Run(tc.format, func(t *testing.T) {
			body := []byte(tc.body)
			n, err := decode.Decode(tc.status, decodeHeader, body)
			if err != nil || n.Format != tc.format || n.Code == "" {
				t.Fatalf("Decode: format %q code %q err %v", n.Format, n.Code, err)
			}
			allocs := testing.AllocsPerRun(100, func() {
				_, _ = decode.Decode(tc.status, decodeHeader, body)
			})
			if allocs > 3 {
				t.Errorf("%v allocations per body, want at most 3", allocs)
			}
		})
	}
}
