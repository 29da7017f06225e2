package decode_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/errcat/errcat/decode"
)

// fullView is a view plus the fields the named shapes of providers add.
type fullView struct {
	V                                view
	Type, ShortCode, Title, Instance string
	Extensions                       decode.Members
	Details                          []decode.Detail
}

func fullViewOf(n decode.Normalized) fullView {
	dets := make([]decode.Detail, len(n.Details))
	for i, d := range n.Details {
		d.Raw = "" // checked apart
		dets[i] = d
	}
	if len(dets) == 0 {
		dets = nil
	}
	return fullView{viewOf(n), n.Type, n.ShortCode, n.Title, n.Instance, n.Extensions, dets}
}

// shapeCases are bodies of the providers' own shapes, written after their
// public documentation.
var shapeCases = []struct {
	name   string
	status int
	header []string
	body   string
	want   fullView
}{
	{
		name: "graphql, two errors with extensions", status: 200,
		body: `{"data":{"product":null},"errors":[{"message":"Product 42 was not found.","locations":[{"line":2,"column":3}],"path":["product"],"extensions":{"code":"NOT_FOUND"}},{"message":"You may not read prices.","path":["product","price"],"extensions":{"code":"FORBIDDEN"}}]}`,
		want: fullView{V: view{Format: "graphql", Provider: "graphql", Code: "NOT_FOUND", Message: "Product 42 was not found.", Target: "product", HTTPStatus: 200, Category: "not_found", Confidence: "high"},
			Details: []decode.Detail{{Code: "NOT_FOUND", Message: "Product 42 was not found.", Target: "product"}, {Code: "FORBIDDEN", Message: "You may not read prices.", Target: "product.price"}}},
	},
	{
		name: "graphql validation error without data", status: 400,
		body: `{"errors":[{"message":"Cannot query field \"nme\" on type \"User\".","locations":[{"line":1,"column":9}],"extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}`,
		want: fullView{V: view{Format: "graphql", Provider: "graphql", Code: "GRAPHQL_VALIDATION_FAILED", Message: `Cannot query field "nme" on type "User".`, HTTPStatus: 400, Category: "invalid_argument", Confidence: "high"},
			Details: []decode.Detail{{Code: "GRAPHQL_VALIDATION_FAILED", Message: `Cannot query field "nme" on type "User".`}}},
	},
	{
		name: "google.rpc.Status from grpc-gateway", status: 404,
		body: `{"code":5,"message":"book shelves/3/books/9 not found","details":[{"@type":"type.googleapis.com/google.rpc.ResourceInfo","resourceType":"book","resourceName":"shelves/3/books/9","description":"no such book"}]}`,
		want: fullView{V: view{Format: "grpc-status", Provider: "grpc", Code: "NOT_FOUND", Message: "book shelves/3/books/9 not found", HTTPStatus: 404, Category: "not_found", Confidence: "high"},
			Details: []decode.Detail{{Type: "type.googleapis.com/google.rpc.ResourceInfo", Message: "no such book"}}},
	},
	{
		name: "google.rpc.Status with ErrorInfo, status from the code",
		body: `{"code":8,"message":"quota exhausted","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"QUOTA_EXCEEDED","domain":"library.example.com","metadata":{"limit":"100"}}]}`,
		want: fullView{V: view{Format: "grpc-status", Provider: "grpc", Domain: "library.example.com", Code: "QUOTA_EXCEEDED", Message: "quota exhausted", HTTPStatus: 429, Category: "resource_exhausted", Retryable: true, Confidence: "high", Params: ps("limit", "100")},
			Details: []decode.Detail{{Type: "type.googleapis.com/google.rpc.ErrorInfo", Code: "QUOTA_EXCEEDED"}}},
	},
	{
		name: "google AIP-193 keeps its details", status: 400,
		body: `{"error":{"code":400,"message":"Invalid field.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"name","description":"too long"}]},{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"FIELD_INVALID","domain":"pets.example.com"}]}}`,
		want: fullView{V: view{Format: "google", Provider: "google", Domain: "pets.example.com", Code: "FIELD_INVALID", Message: "Invalid field.", HTTPStatus: 400, Category: "invalid_argument", Confidence: "high"},
			Details: []decode.Detail{{Type: "type.googleapis.com/google.rpc.BadRequest"}, {Type: "type.googleapis.com/google.rpc.ErrorInfo", Code: "FIELD_INVALID"}}},
	},
	{
		name: "stripe card error", status: 402, header: []string{"Request-Id: req_8Qh2"},
		body: `{"error":{"code":"card_declined","decline_code":"insufficient_funds","doc_url":"https://stripe.com/docs/error-codes/card-declined","message":"Your card has insufficient funds.","param":"","request_log_url":"https://dashboard.stripe.com/test/logs/req_8Qh2","type":"card_error"}}`,
		want: fullView{V: view{Format: "stripe", Provider: "stripe", Code: "card_declined", SubCode: "insufficient_funds", Message: "Your card has insufficient funds.", RequestID: "req_8Qh2", HTTPStatus: 402, Category: "failed_precondition", Confidence: "high"}},
	},
	{
		name: "stripe invalid request without code", status: 400,
		body: `{"error":{"message":"Unrecognized request URL (GET: /v1/chargez).","type":"invalid_request_error"}}`,
		want: fullView{V: view{Format: "error-object", Code: "invalid_request_error", Message: "Unrecognized request URL (GET: /v1/chargez).", HTTPStatus: 400, Category: "invalid_argument", Confidence: "medium"}},
	},
	{
		name: "openai: the code beats the type", status: 401, header: []string{"X-Request-Id: req_abc"},
		body: `{"error":{"message":"Incorrect API key provided: sk-abc***. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}`,
		want: fullView{V: view{Format: "openai", Provider: "openai", Code: "invalid_api_key", Message: "Incorrect API key provided: sk-abc***. You can find your API key at https://platform.openai.com/account/api-keys.", RequestID: "req_abc", HTTPStatus: 401, Category: "unauthenticated", Confidence: "high"}},
	},
	{
		name: "openai: a null code leaves the type", status: 429,
		body: `{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":null}}`,
		want: fullView{V: view{Format: "openai", Provider: "openai", Code: "requests", Message: "Rate limit reached for requests", HTTPStatus: 429, Category: "resource_exhausted", Retryable: true, Confidence: "high"}},
	},
	{
		name: "twilio", status: 404, header: []string{"Twilio-Request-Id: RQ1234"},
		body: `{"code":20404,"message":"The requested resource /2010-04-01/Accounts/AC1/Messages/SM1.json was not found","more_info":"https://www.twilio.com/docs/errors/20404","status":404}`,
		want: fullView{V: view{Format: "twilio", Provider: "twilio", Code: "20404", Message: "The requested resource /2010-04-01/Accounts/AC1/Messages/SM1.json was not found", RequestID: "RQ1234", HTTPStatus: 404, Category: "not_found", Confidence: "high"}},
	},
	{
		name: "github validation failed", status: 422, header: []string{"X-GitHub-Request-Id: CD01:2A2B:3C4D"},
		body: `{"message":"Validation Failed","errors":[{"resource":"Issue","field":"title","code":"missing_field"},{"resource":"Issue","field":"labels","code":"invalid","message":"labels are invalid"}],"documentation_url":"https://docs.github.com/rest/issues/issues#create-an-issue","status":"422"}`,
		want: fullView{V: view{Format: "github", Provider: "github", Code: "missing_field", Message: "Validation Failed", Target: "title", RequestID: "CD01:2A2B:3C4D", HTTPStatus: 422, Category: "failed_precondition", Confidence: "high"},
			Details: []decode.Detail{{Code: "missing_field", Target: "title"}, {Code: "invalid", Message: "labels are invalid", Target: "labels"}}},
	},
	{
		name: "github not found, status from the body",
		body: `{"message":"Not Found","documentation_url":"https://docs.github.com/rest","status":"404"}`,
		want: fullView{V: view{Format: "github", Provider: "github", Message: "Not Found", HTTPStatus: 404, Category: "not_found", Confidence: "high"}},
	},
	{
		name: "slack error with HTTP 200", status: 200,
		body: `{"ok":false,"error":"invalid_auth"}`,
		want: fullView{V: view{Format: "slack", Provider: "slack", Code: "invalid_auth", HTTPStatus: 200, Category: "unknown", Confidence: "high"}},
	},
	{
		name: "slack with response_metadata messages", status: 200,
		body: `{"ok":false,"error":"invalid_arguments","response_metadata":{"messages":["[ERROR] missing required field: channel"]}}`,
		want: fullView{V: view{Format: "slack", Provider: "slack", Code: "invalid_arguments", Message: "[ERROR] missing required field: channel", HTTPStatus: 200, Category: "unknown", Confidence: "high"}},
	},
	{
		name: "slack success", status: 200,
		body: `{"ok":true}`,
		want: fullView{V: view{Format: "slack", Provider: "slack", HTTPStatus: 200, Category: "ok", NotError: true, Confidence: "high"}},
	},
	{
		name: "elasticsearch index not found",
		body: `{"error":{"root_cause":[{"type":"index_not_found_exception","reason":"no such index [logs-7]","resource.type":"index_or_alias","resource.id":"logs-7","index":"logs-7"}],"type":"index_not_found_exception","reason":"no such index [logs-7]","resource.type":"index_or_alias","resource.id":"logs-7","index":"logs-7"},"status":404}`,
		want: fullView{V: view{Format: "elasticsearch", Provider: "elasticsearch", Code: "index_not_found_exception", Message: "no such index [logs-7]", HTTPStatus: 404, Category: "not_found", Confidence: "high"},
			Details: []decode.Detail{{Code: "index_not_found_exception", Message: "no such index [logs-7]", Target: "logs-7"}}},
	},
	{
		name: "elasticsearch parsing exception with caused_by", status: 400,
		body: `{"error":{"root_cause":[{"type":"parsing_exception","reason":"unknown query [mach]","line":1,"col":19}],"type":"parsing_exception","reason":"unknown query [mach]","line":1,"col":19,"caused_by":{"type":"named_object_not_found_exception","reason":"[1:19] unknown field [mach]"}},"status":400}`,
		want: fullView{V: view{Format: "elasticsearch", Provider: "elasticsearch", Code: "parsing_exception", Message: "unknown query [mach]", HTTPStatus: 400, Category: "invalid_argument", Confidence: "high"},
			Details: []decode.Detail{{Code: "parsing_exception", Message: "unknown query [mach]"}, {Code: "named_object_not_found_exception", Message: "[1:19] unknown field [mach]"}}},
	},
	{
		name: "volcengine with HTTP 200", status: 200,
		body: `{"ResponseMetadata":{"RequestId":"20230604110420E1C2F1A6F1D1A6B7C8D9","Action":"DescribeInstances","Version":"2020-04-01","Service":"ecs","Region":"cn-beijing","Error":{"CodeN":100009,"Code":"InvalidAccessKey","Message":"The specified access key is invalid."}}}`,
		want: fullView{V: view{Format: "volcengine", Provider: "volcengine", Code: "InvalidAccessKey", Message: "The specified access key is invalid.", RequestID: "20230604110420E1C2F1A6F1D1A6B7C8D9", HTTPStatus: 200, Category: "unknown", Confidence: "high"}},
	},
	{
		name: "baidu cloud", status: 403, header: []string{"x-bce-request-id: 1e4a7f0b"},
		body: `{"code":"AccessDenied","message":"Access denied.","requestId":"1e4a7f0b-2c3d-4e5f-8a9b-0c1d2e3f4a5b"}`,
		want: fullView{V: view{Format: "baidu", Provider: "baiducloud", Code: "AccessDenied", Message: "Access denied.", RequestID: "1e4a7f0b-2c3d-4e5f-8a9b-0c1d2e3f4a5b", HTTPStatus: 403, Category: "permission_denied", Confidence: "high"}},
	},
	{
		name: "qingcloud with HTTP 200", status: 200,
		body: `{"ret_code":1400,"message":"PermissionDenied, resource [i-abc12345] is not belong to you"}`,
		want: fullView{V: view{Format: "qingcloud", Provider: "qingcloud", Code: "1400", Message: "PermissionDenied, resource [i-abc12345] is not belong to you", HTTPStatus: 200, Category: "unknown", Confidence: "high"}},
	},
	{
		name: "qingcloud success", status: 200,
		body: `{"action":"DescribeInstancesResponse","instance_set":[],"total_count":0,"ret_code":0}`,
		want: fullView{V: view{Format: "qingcloud", Provider: "qingcloud", Code: "0", HTTPStatus: 200, Category: "ok", NotError: true, Confidence: "high"}},
	},
	{
		name: "qiniu: the status is the code", status: 631, header: []string{"X-Reqid: qn-7Ab"},
		body: `{"error":"no such bucket"}`,
		want: fullView{V: view{Format: "qiniu", Provider: "qiniu", Code: "631", Message: "no such bucket", RequestID: "qn-7Ab", HTTPStatus: 631, Category: "not_found", Confidence: "high"}},
	},
	{
		name: "qiniu with error_code", status: 401, header: []string{"X-Reqid: qn-8"},
		body: `{"error":"bad token","error_code":"BadToken"}`,
		want: fullView{V: view{Format: "qiniu", Provider: "qiniu", Code: "BadToken", Message: "bad token", RequestID: "qn-8", HTTPStatus: 401, Category: "unauthenticated", Confidence: "high"}},
	},
	{
		name: "azure resource manager without the error wrapper", status: 400, header: []string{"x-ms-request-id: arm-1"},
		body: `{"code":"InvalidTemplateDeployment","message":"The template deployment is not valid.","target":"storage1","details":[{"code":"StorageAccountAlreadyTaken","message":"The storage account named storage1 is already taken.","target":"name"},{"code":"QuotaExceeded","message":"Operation could not be completed as it results in exceeding approved quota."}]}`,
		want: fullView{V: view{Format: "azure", Provider: "azure", Code: "InvalidTemplateDeployment", Message: "The template deployment is not valid.", Target: "storage1", RequestID: "arm-1", HTTPStatus: 400, Category: "invalid_argument", Confidence: "high"},
			Details: []decode.Detail{{Code: "StorageAccountAlreadyTaken", Message: "The storage account named storage1 is already taken.", Target: "name"}, {Code: "QuotaExceeded", Message: "Operation could not be completed as it results in exceeding approved quota."}}},
	},
	{
		name: "azure nested details keep their order", status: 409,
		body: `{"error":{"code":"Conflict","message":"Deployment failed.","details":[{"code":"A","message":"first"},{"code":"B","message":"second"},{"code":"C","message":"third"}]}}`,
		want: fullView{V: view{Format: "azure", Provider: "azure", Code: "Conflict", Message: "Deployment failed.", HTTPStatus: 409, Category: "already_exists", Confidence: "high"},
			Details: []decode.Detail{{Code: "A", Message: "first"}, {Code: "B", Message: "second"}, {Code: "C", Message: "third"}}},
	},
	{
		name: "minio XML with extra elements", status: 404,
		body: `<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>reports/q3.csv</Key><BucketName>finance</BucketName><Resource>/finance/reports/q3.csv</Resource><Region>us-east-1</Region><RequestId>17A2B3C4D5E6F708</RequestId><HostId>dd9025bab4ad464b049177c95eb6ebf374d3b3fd1af9251148b658df7ac2e3e8</HostId></Error>`,
		want: fullView{V: view{Format: "aws-xml", Provider: "aws", Code: "NoSuchKey", Message: "The specified key does not exist.", Target: "reports/q3.csv", RequestID: "17A2B3C4D5E6F708", HTTPStatus: 404, Category: "not_found", Confidence: "high"}},
	},
	{
		name: "oss XML with EC", status: 403, header: []string{"x-oss-request-id: 5C3D9175B6FC201293AD4890"},
		body: `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>AccessDenied</Code>
  <Message>You have no right to access this object because of bucket acl.</Message>
  <RequestId>5C3D9175B6FC201293AD4890</RequestId>
  <HostId>media-bucket.oss-cn-hangzhou.aliyuncs.com</HostId>
  <EC>0003-00000001</EC>
  <RecommendDoc>https://api.aliyun.com/troubleshoot?q=0003-00000001</RecommendDoc>
</Error>`,
		want: fullView{V: view{Format: "aliyun-xml", Provider: "aliyun", Code: "AccessDenied", SubCode: "0003-00000001", Message: "You have no right to access this object because of bucket acl.", RequestID: "5C3D9175B6FC201293AD4890", HTTPStatus: 403, Category: "permission_denied", Confidence: "high"}},
	},
	{
		name: "RFC 9457: the type is the code", status: 403,
		body: `{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","detail":"Your current balance is 30, but that costs 50.","instance":"/account/12345/msgs/abc","balance":30,"accounts":["/account/12345","/account/67890"]}`,
		want: fullView{V: view{Format: "problem", Code: "https://example.com/probs/out-of-credit", Message: "Your current balance is 30, but that costs 50.", HTTPStatus: 403, Category: "permission_denied", Confidence: "high"},
			Type: "https://example.com/probs/out-of-credit", ShortCode: "out-of-credit", Title: "You do not have enough credit.", Instance: "/account/12345/msgs/abc",
			Extensions: decode.Members{{Name: "balance", Value: "30"}, {Name: "accounts", Value: `["/account/12345","/account/67890"]`}}},
	},
	{
		name: "RFC 9457 with a tag URI and a code member", status: 409, header: []string{"Content-Type: application/problem+json"},
		body: `{"type":"tag:shop.example,2024:problems/order-locked","title":"Order is locked","status":409,"code":"OrderLocked","retry_in":"30s"}`,
		want: fullView{V: view{Format: "problem", Code: "OrderLocked", Message: "Order is locked", HTTPStatus: 409, Category: "already_exists", Confidence: "high"},
			Type: "tag:shop.example,2024:problems/order-locked", ShortCode: "order-locked", Title: "Order is locked", Extensions: decode.Members{{Name: "retry_in", Value: `"30s"`}}},
	},
}

func TestDecodeShapes(t *testing.T) {
	for _, tc := range shapeCases {
		t.Run(tc.name, func(t *testing.T) {
			n, err := decode.Decode(tc.status, hdr(t, tc.header...), []byte(tc.body))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if diff := cmp.Diff(tc.want, fullViewOf(n), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Decode mismatch (-want +got):\n%s", diff)
			}
			for _, d := range n.Details {
				if d.Raw == "" || d.Raw[0] != '{' && d.Raw[0] != '"' {
					t.Errorf("Detail.Raw = %q, want the detail's JSON", d.Raw)
				}
			}
		})
	}
}
