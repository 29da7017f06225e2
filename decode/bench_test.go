package decode_test

import (
	"net/http"
	"testing"

	"github.com/errcat/errcat/decode"
)

// benchBodies are error bodies of the common formats.
var benchBodies = []struct {
	name   string
	status int
	body   string
}{
	{"problem", 404, `{"type":"about:blank","title":"Not Found","status":404,"detail":"The cluster es-1 does not exist.","code":"Cluster.NotFound","domain":"example.api","request_id":"r-1","params":{"cluster":"es-1"}}`},
	{"google", 400, `{"error":{"code":400,"message":"The cluster name is invalid.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"Cluster.Invalid","domain":"example.api","metadata":{"cluster":"es 1"}}]}}`},
	{"tencent", 200, `{"Response":{"Error":{"Code":"ResourceNotFound.Cluster","Message":"The cluster does not exist."},"RequestId":"5f1c2e3d"}}`},
	{"tencent-v2", 200, `{"code":4000,"message":"(100004) wrong project","codeDesc":"InvalidParameter"}`},
	{"aliyun", 400, `{"RequestId":"6A1B","HostId":"ecs.example.com","Code":"InvalidInstanceId.Malformed","Message":"The instance id is malformed."}`},
	{"huawei", 403, `{"error_code":"IAM.0003","error_msg":"The token has expired."}`},
	{"zilliz", 200, `{"code":65535,"message":"The collection does not exist."}`},
	{"ucloud", 200, `{"Action":"CreateUHostResponse","RetCode":8039,"Message":"Zone is not available"}`},
	{"azure", 409, `{"error":{"code":"Conflict","message":"The resource is busy.","target":"disk-1","innererror":{"code":"OperationInProgress"}}}`},
	{"kubernetes", 404, `{"kind":"Status","apiVersion":"v1","status":"Failure","message":"deployments \"api\" not found","reason":"NotFound","details":{"name":"api"},"code":404}`},
	{"general", 409, `{"result":{"err_no":"E_LOCKED","err_msg":"The record is locked.","trace_id":"t-9"}}`},
	{"graphql", 200, `{"data":null,"errors":[{"message":"Order 17 not found","path":["order"],"extensions":{"code":"NOT_FOUND"}}]}`},
	{"html", 502, `<html><head><title>502 Bad Gateway</title></head><body>bad gateway</body></html>`},
}

func BenchmarkDecode(b *testing.B) {
	h := http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"hdr-1"}}
	for _, c := range benchBodies {
		body := []byte(c.body)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := decode.Decode(c.status, h, body); err != nil && c.name != "html" {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkMatchPattern(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := decode.MatchPattern("The {kind} {name} already exists in {region}.", "The cluster my-db already exists in cn-north-4."); !ok {
			b.Fatal("no match")
		}
	}
}
