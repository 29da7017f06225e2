package decode_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/decode"
)

// view is the part of a Normalized a case checks.
type view struct {
	Format, Provider, Domain, Code, SubCode, Message, Target, RequestID string
	HTTPStatus                                                          int
	Category                                                            string
	Retryable, NotError                                                 bool
	Confidence                                                          string
	Params                                                              decode.Params
}

func viewOf(n decode.Normalized) view {
	return view{n.Format, n.Provider, n.Domain, n.Code, n.SubCode, n.Message, n.Target, n.RequestID,
		n.HTTPStatus, n.Category, n.Retryable, n.NotError, n.Confidence, n.Params}
}

// hdr builds headers from "Key: value" lines.
func hdr(tb testing.TB, lines ...string) http.Header {
	tb.Helper()
	h := http.Header{}
	for _, l := range lines {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			tb.Fatalf("bad header line %q", l)
		}
		h.Add(strings.TrimSpace(k), strings.TrimSpace(v))
	}
	return h
}

type formatCase struct {
	name   string
	status int
	header []string
	body   string
	want   view
}

// formatCases are real-looking bodies of every format, with and without
// request ids and HTTP statuses. The fuzz targets use them as seeds.
var formatCases = []formatCase{
	{
		name: "problem with params", status: 400, header: []string{"Content-Type: application/problem+json"},
		body: `{"type":"https://errcat.dev/errors/huaweicloud.css/CSS.0001","title":"Invalid parameter","status":400,"detail":"The parameter name is incorrect.","instance":"/v1.0/clusters","code":"CSS.0001","domain":"huaweicloud.css","request_id":"7f0c2a1e","params":{"parameter":"name"}}`,
		want: view{Format: "problem", Domain: "huaweicloud.css", Code: "CSS.0001", Message: "The parameter name is incorrect.", RequestID: "7f0c2a1e", HTTPStatus: 400, Category: "invalid_argument", Confidence: "high", Params: ps("parameter", "name")},
	},
	{
		name: "problem without status or request id, status from body",
		body: `{"type":"about:blank","title":"Service Unavailable","status":503}`,
		want: view{Format: "problem", Message: "Service Unavailable", HTTPStatus: 503, Category: "unavailable", Retryable: true, Confidence: "high"},
	},
	{
		name: "google with ErrorInfo, status from body",
		body: `{"error":{"code":429,"message":"Quota exceeded for quota metric 'Queries'","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"googleapis.com","metadata":{"service":"translate.googleapis.com","quota_limit":"DefaultRequestsPerMinutePerProject"}},{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"g-123"}]}}`,
		want: view{Format: "google", Provider: "google", Domain: "googleapis.com", Code: "RATE_LIMIT_EXCEEDED", Message: "Quota exceeded for quota metric 'Queries'", RequestID: "g-123", HTTPStatus: 429, Category: "resource_exhausted", Retryable: true, Confidence: "high",
			Params: ps("service", "translate.googleapis.com", "quota_limit", "DefaultRequestsPerMinutePerProject")},
	},
	{
		name: "google without details", status: 404, header: []string{"X-Request-Id: hdr-1"},
		body: `{"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND"}}`,
		want: view{Format: "google", Provider: "google", Code: "NOT_FOUND", Message: "Requested entity was not found.", RequestID: "hdr-1", HTTPStatus: 404, Category: "not_found", Confidence: "high"},
	},
	{
		name: "tencent API 3.0", status: 200,
		body: `{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"The provided credentials could not be validated."},"RequestId":"b9b3e1b5-7f43-4a3c-9b3c-2a0c1f7a1c52"}}`,
		want: view{Format: "tencent", Provider: "tencentcloud", Code: "AuthFailure.SignatureFailure", Message: "The provided credentials could not be validated.", RequestID: "b9b3e1b5-7f43-4a3c-9b3c-2a0c1f7a1c52", HTTPStatus: 200, Category: "unknown", Confidence: "high"},
	},
	{
		name: "tencent throttled, request id from header", header: []string{"X-TC-RequestId: tc-9"},
		body: `{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"Your current request times equals to 21 in a second, which exceeds the frequency limit 20 for a second."}}}`,
		want: view{Format: "tencent", Provider: "tencentcloud", Code: "RequestLimitExceeded", Message: "Your current request times equals to 21 in a second, which exceeds the frequency limit 20 for a second.", RequestID: "tc-9", Category: "resource_exhausted", Retryable: true, Confidence: "high"},
	},
	{
		name: "tencent success", status: 200,
		body: `{"Response":{"TotalCount":0,"InstanceSet":[],"RequestId":"ok-1"}}`,
		want: view{Format: "tencent", Provider: "tencentcloud", RequestID: "ok-1", HTTPStatus: 200, Category: "ok", NotError: true, Confidence: "high"},
	},
	{
		name: "tencent v2 with module sub-code", status: 200,
		body: `{"code":4000,"message":"(100004) incorrect projectId","codeDesc":"InvalidParameter"}`,
		want: view{Format: "tencent-v2", Provider: "tencentcloud", Code: "4000", SubCode: "100004", Message: "(100004) incorrect projectId", HTTPStatus: 200, Category: "unknown", Confidence: "high"},
	},
	{
		name: "tencent v2 without codeDesc", status: 200,
		body: `{"code":4000,"message":"(100004) incorrect projectId"}`,
		want: view{Format: "zilliz", Provider: "zilliz", Code: "4000", SubCode: "100004", Message: "(100004) incorrect projectId", HTTPStatus: 200, Category: "unknown", Confidence: "medium"},
	},
	{
		name: "tencent v2 success",
		body: `{"code":0,"message":"","codeDesc":"Success","data":{}}`,
		want: view{Format: "tencent-v2", Provider: "tencentcloud", Code: "0", Category: "ok", NotError: true, Confidence: "high"},
	},
	{
		name: "aliyun JSON throttling", status: 400,
		body: `{"RequestId":"5E571499-C8A6-4DB6-8C9B-D3B7D3E5F5A9","HostId":"polardb.aliyuncs.com","Code":"Throttling.User","Message":"Request was denied due to user flow control.","Recommend":"https://api.aliyun.com/troubleshoot?q=Throttling.User&product=polardb"}`,
		want: view{Format: "aliyun", Provider: "aliyun", Code: "Throttling.User", Message: "Request was denied due to user flow control.", RequestID: "5E571499-C8A6-4DB6-8C9B-D3B7D3E5F5A9", HTTPStatus: 400, Category: "invalid_argument", Retryable: true, Confidence: "high"},
	},
	{
		name: "aliyun XML", status: 404, header: []string{"x-acs-request-id: hdr-acs"},
		body: `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <RequestId>C1D2E3F4-0000-4B4B-9C9C-ABCDEF012345</RequestId>
  <HostId>ecs.aliyuncs.com</HostId>
  <Code>InvalidInstanceId.NotFound</Code>
  <Message>The specified InstanceId does not exist.</Message>
  <Recommend><![CDATA[https://api.aliyun.com/troubleshoot?q=InvalidInstanceId.NotFound]]></Recommend>
</Error>`,
		want: view{Format: "aliyun-xml", Provider: "aliyun", Code: "InvalidInstanceId.NotFound", Message: "The specified InstanceId does not exist.", RequestID: "C1D2E3F4-0000-4B4B-9C9C-ABCDEF012345", HTTPStatus: 404, Category: "not_found", Confidence: "high"},
	},
	{
		name: "aliyun XML without request id, from header", header: []string{"x-acs-request-id: hdr-acs"},
		body: `<Error><HostId>rds.aliyuncs.com</HostId><Code>ServiceUnavailable</Code><Message>The request has failed due to a temporary failure of the server.</Message></Error>`,
		want: view{Format: "aliyun-xml", Provider: "aliyun", Code: "ServiceUnavailable", Message: "The request has failed due to a temporary failure of the server.", RequestID: "hdr-acs", Category: "unavailable", Retryable: true, Confidence: "high"},
	},
	{
		name: "huawei flat", status: 400, header: []string{"X-Request-Id: 0c1b8e27a6a54b3c"},
		body: `{"error_code":"CSS.0001","error_msg":"Invalid parameter."}`,
		want: view{Format: "huawei", Provider: "huaweicloud", Code: "CSS.0001", Message: "Invalid parameter.", RequestID: "0c1b8e27a6a54b3c", HTTPStatus: 400, Category: "invalid_argument", Confidence: "high"},
	},
	{
		name: "huawei nested throttling", status: 429,
		body: `{"error":{"code":"APIGW.0308","message":"The throttling threshold has been reached: policy user over ratelimit,limit:20,time:1 minute","request_id":"e5c3a2f0"}}`,
		want: view{Format: "huawei", Provider: "huaweicloud", Code: "APIGW.0308", Message: "The throttling threshold has been reached: policy user over ratelimit,limit:20,time:1 minute", RequestID: "e5c3a2f0", HTTPStatus: 429, Category: "resource_exhausted", Retryable: true, Confidence: "medium"},
	},
	{
		name: "huawei flat code/message", status: 403,
		body: `{"code":"IAM.0002","message":"The token is invalid."}`,
		want: view{Format: "huawei", Provider: "huaweicloud", Code: "IAM.0002", Message: "The token is invalid.", HTTPStatus: 403, Category: "permission_denied", Confidence: "medium"},
	},
	{
		name: "flat code/message", status: 401,
		body: `{"code":"InvalidToken","message":"token expired","request_id":"r-77"}`,
		want: view{Format: "code-message", Code: "InvalidToken", Message: "token expired", RequestID: "r-77", HTTPStatus: 401, Category: "unauthenticated", Confidence: "medium"},
	},
	{
		name: "nested error object", status: 404,
		body: `{"error":{"code":"ResourceNotFound","message":"The resource was not found."}}`,
		want: view{Format: "error-object", Code: "ResourceNotFound", Message: "The resource was not found.", HTTPStatus: 404, Category: "not_found", Confidence: "medium"},
	},
	{
		name: "zilliz", status: 200,
		body: `{"code":96000,"message":"Invalid CloudId. Please use the ListCloudProviders API to obtain a list of supported cloudIds."}`,
		want: view{Format: "zilliz", Provider: "zilliz", Code: "96000", Message: "Invalid CloudId. Please use the ListCloudProviders API to obtain a list of supported cloudIds.", HTTPStatus: 200, Category: "unknown", Confidence: "medium"},
	},
	{
		name: "milvus success",
		body: `{"code":0,"data":{"collectionName":"books"}}`,
		want: view{Format: "zilliz", Provider: "zilliz", Code: "0", Category: "ok", NotError: true, Confidence: "medium"},
	},
	{
		name: "ucloud", status: 200,
		body: `{"Action":"DescribeUHostInstanceResponse","RetCode":230,"Message":"Params [Region] not available"}`,
		want: view{Format: "ucloud", Provider: "ucloud", Code: "230", Message: "Params [Region] not available", HTTPStatus: 200, Category: "unknown", Confidence: "high"},
	},
	{
		name: "ucloud success", status: 200,
		body: `{"Action":"DescribeUHostInstanceResponse","RetCode":0,"TotalCount":0,"UHostSet":[]}`,
		want: view{Format: "ucloud", Provider: "ucloud", Code: "0", HTTPStatus: 200, Category: "ok", NotError: true, Confidence: "high"},
	},
	{
		name: "volcengine", status: 404,
		body: `{"ResponseMetadata":{"RequestId":"20240604110420A1B2C3D4E5F6","Action":"DeleteWorkspace","Version":"2021-03-03","Service":"vmp","Region":"cn-beijing","Error":{"CodeN":10018,"Code":"NotFound.Workspace","Message":"The specified workspace ws-1 does not exist."}}}`,
		want: view{Format: "volcengine", Provider: "volcengine", Code: "NotFound.Workspace", Message: "The specified workspace ws-1 does not exist.", RequestID: "20240604110420A1B2C3D4E5F6", HTTPStatus: 404, Category: "not_found", Confidence: "high"},
	},
	{
		name: "volcengine success", status: 200,
		body: `{"ResponseMetadata":{"RequestId":"ok-2","Action":"ListUsers","Version":"2021-08-01","Service":"iam","Region":"cn-beijing"},"Result":{"Total":0}}`,
		want: view{Format: "volcengine", Provider: "volcengine", RequestID: "ok-2", HTTPStatus: 200, Category: "ok", NotError: true, Confidence: "high"},
	},
	{
		name: "baidu", status: 404, header: []string{"x-bce-request-id: bce-hdr-1"},
		body: `{"requestId":"ae2225f7-1c2e-427a-a1ad-5413b762957d","code":"NoSuchKey","message":"The resource you requested does not exist"}`,
		want: view{Format: "baidu", Provider: "baiducloud", Code: "NoSuchKey", Message: "The resource you requested does not exist", RequestID: "ae2225f7-1c2e-427a-a1ad-5413b762957d", HTTPStatus: 404, Category: "not_found", Confidence: "high"},
	},
	{
		name: "baidu without its header", status: 400,
		body: `{"code":"InvalidHTTPRequest","message":"There was an error in the body of your HTTP request.","requestId":"81d0b05f"}`,
		want: view{Format: "baidu", Provider: "baiducloud", Code: "InvalidHTTPRequest", Message: "There was an error in the body of your HTTP request.", RequestID: "81d0b05f", HTTPStatus: 400, Category: "invalid_argument", Confidence: "medium"},
	},
	{
		name: "aws JSON", status: 400, header: []string{"x-amzn-RequestId: 3ZKHR0QK7EQ0I2N4V2J8D1K9KVVV4KQNSO5AEMVJF66Q9ASUAAJG"},
		body: `{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"The level of configured provisioned throughput for the table was exceeded."}`,
		want: view{Format: "aws-json", Provider: "aws", Code: "ProvisionedThroughputExceededException", Message: "The level of configured provisioned throughput for the table was exceeded.", RequestID: "3ZKHR0QK7EQ0I2N4V2J8D1K9KVVV4KQNSO5AEMVJF66Q9ASUAAJG", HTTPStatus: 400, Category: "invalid_argument", Retryable: true, Confidence: "high"},
	},
	{
		name: "aws restJson code in header", status: 400, header: []string{"X-Amzn-ErrorType: ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/"},
		body: `{"message":"1 validation error detected: Value null at 'name' failed to satisfy constraint"}`,
		want: view{Format: "aws-json", Provider: "aws", Code: "ValidationException", Message: "1 validation error detected: Value null at 'name' failed to satisfy constraint", HTTPStatus: 400, Category: "invalid_argument", Confidence: "high"},
	},
	{
		name: "aws S3 XML", status: 404,
		body: `<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>photos/2006/x.jpg</Key><RequestId>4442587FB7D0A2F9</RequestId><HostId>Uuag1LuByRx9e6j5Onimru9pO4ZVKnJ2Qz7/C1NPcfTWAtRPfTaOFg==</HostId></Error>`,
		want: view{Format: "aws-xml", Provider: "aws", Code: "NoSuchKey", Message: "The specified key does not exist.", Target: "photos/2006/x.jpg", RequestID: "4442587FB7D0A2F9", HTTPStatus: 404, Category: "not_found", Confidence: "high"},
	},
	{
		name: "aws ErrorResponse XML", status: 400,
		body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>c1b3a6e4-11ee-4e2f-9a1a-4f3e2d1c0b9a</RequestId></ErrorResponse>`,
		want: view{Format: "aws-xml", Provider: "aws", Code: "Throttling", Message: "Rate exceeded", RequestID: "c1b3a6e4-11ee-4e2f-9a1a-4f3e2d1c0b9a", HTTPStatus: 400, Category: "invalid_argument", Retryable: true, Confidence: "high"},
	},
	{
		name: "aws EC2 XML without status",
		body: `<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-cb5432daacc0</RequestID></Response>`,
		want: view{Format: "aws-xml", Provider: "aws", Code: "RequestLimitExceeded", Message: "Request limit exceeded.", RequestID: "ea966190-f9aa-478e-9ede-cb5432daacc0", Category: "resource_exhausted", Retryable: true, Confidence: "high"},
	},
	{
		name: "azure nested innererror", status: 409, header: []string{"x-ms-request-id: 6d9f3c1a-1111-2222-3333-444455556666"},
		body: `{"error":{"code":"InvalidTemplateDeployment","message":"The template deployment failed.","target":"vmName","details":[{"code":"QuotaExceeded","message":"Operation could not be completed as it results in exceeding approved quota."}],"innererror":{"code":"PolicyViolation","innererror":{"code":"QuotaExceededForRegion"}}}}`,
		want: view{Format: "azure", Provider: "azure", Code: "InvalidTemplateDeployment", SubCode: "QuotaExceededForRegion", Message: "The template deployment failed.", Target: "vmName", RequestID: "6d9f3c1a-1111-2222-3333-444455556666", HTTPStatus: 409, Category: "already_exists", Confidence: "high"},
	},
	{
		name: "azure server busy", status: 503, header: []string{"x-ms-request-id: busy-1", "Retry-After: 10"},
		body: `{"error":{"code":"ServerBusy","message":"The server is busy.","target":null,"details":[]}}`,
		want: view{Format: "azure", Provider: "azure", Code: "ServerBusy", Message: "The server is busy.", RequestID: "busy-1", HTTPStatus: 503, Category: "unavailable", Retryable: true, Confidence: "high"},
	},
	{
		name: "kubernetes Status, status from body",
		body: `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"web-0\" not found","reason":"NotFound","details":{"name":"web-0","kind":"pods"},"code":404}`,
		want: view{Format: "kubernetes", Provider: "kubernetes", Code: "NotFound", Message: `pods "web-0" not found`, Target: "web-0", HTTPStatus: 404, Category: "not_found", Confidence: "high"},
	},
	{
		name: "kubernetes too many requests", status: 429,
		body: `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Too many requests, please try again later.","reason":"TooManyRequests","details":{"retryAfterSeconds":1},"code":429}`,
		want: view{Format: "kubernetes", Provider: "kubernetes", Code: "TooManyRequests", Message: "Too many requests, please try again later.", HTTPStatus: 429, Category: "resource_exhausted", Retryable: true, Confidence: "high"},
	},
	{
		name: "kratos", header: []string{"X-Request-Id: kr-1"},
		body: `{"code":401,"reason":"USER_UNAUTHORIZED","message":"token is expired","metadata":{"user":"42"}}`,
		want: view{Format: "kratos", Provider: "kratos", Code: "USER_UNAUTHORIZED", Message: "token is expired", RequestID: "kr-1", HTTPStatus: 401, Category: "unauthenticated", Confidence: "high", Params: ps("user", "42")},
	},
	{
		name: "docker registry", status: 404, header: []string{"Docker-Distribution-Api-Version: registry/2.0"},
		body: `{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"latest"}}]}`,
		want: view{Format: "docker", Provider: "docker-registry", Code: "MANIFEST_UNKNOWN", Message: "manifest unknown", HTTPStatus: 404, Category: "not_found", Confidence: "high"},
	},
	{
		name: "docker hub rate limit", status: 429,
		body: `{"errors":[{"code":"TOOMANYREQUESTS","message":"You have reached your pull rate limit."}]}`,
		want: view{Format: "docker", Provider: "docker-registry", Code: "TOOMANYREQUESTS", Message: "You have reached your pull rate limit.", HTTPStatus: 429, Category: "resource_exhausted", Retryable: true, Confidence: "high"},
	},
	{
		name: "oauth", status: 400,
		body: `{"error":"invalid_grant","error_description":"Token has been expired or revoked."}`,
		want: view{Format: "oauth", Code: "invalid_grant", Message: "Token has been expired or revoked.", HTTPStatus: 400, Category: "invalid_argument", Confidence: "medium"},
	},
	{
		name: "a long body: the error after 300 other values", status: 400,
		body: `{"Items":[` + strings.Repeat(`{"id":1,"tags":["a","b"]},`, 60) + `{"id":2}],"RequestId":"long-1","Code":"Forbidden.RAM","Message":"The user is not authorized."}`,
		want: view{Format: "aliyun", Provider: "aliyun", Code: "Forbidden.RAM", Message: "The user is not authorized.", RequestID: "long-1", HTTPStatus: 400, Category: "invalid_argument", Confidence: "high"},
	},
	{
		name: "escaped strings", status: 400,
		body: `{"error_code":"CSS.0001","error_msg":"bad \"name\": \u4e2d\u6587 \ud83d\ude00\n"}`,
		want: view{Format: "huawei", Provider: "huaweicloud", Code: "CSS.0001", Message: "bad \"name\": 中文 😀\n", HTTPStatus: 400, Category: "invalid_argument", Confidence: "high"},
	},
}

func TestDecodeFormats(t *testing.T) {
	for _, tc := range formatCases {
		t.Run(tc.name, func(t *testing.T) {
			n, err := decode.Decode(tc.status, hdr(t, tc.header...), []byte(tc.body))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if diff := cmp.Diff(tc.want, viewOf(n)); diff != "" {
				t.Errorf("Decode mismatch (-want +got):\n%s", diff)
			}
			if n.Raw != tc.body {
				t.Errorf("Raw = %q, want the body", n.Raw)
			}
			if n.RetryReason == "" {
				t.Error("RetryReason is empty")
			}
		})
	}
}

func TestDecodeUnreadable(t *testing.T) {
	nginx := "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n"
	tests := []struct {
		name    string
		status  int
		header  []string
		body    string
		wantErr error
		want    view
		reason  string
	}{
		{
			name: "empty body, 502", status: 502, header: []string{"X-Request-Id: lb-1"}, wantErr: decode.ErrUnreadable, reason: "empty body",
			want: view{Format: "empty", RequestID: "lb-1", HTTPStatus: 502, Category: "unavailable", Retryable: true, Confidence: "low"},
		},
		{
			name: "empty body, 204", status: 204, reason: "success status with an empty body",
			want: view{Format: "empty", HTTPStatus: 204, Category: "ok", NotError: true, Confidence: "low"},
		},
		{
			name: "truncated JSON", status: 500, body: `{"code":96000,"mess`, wantErr: decode.ErrUnreadable,
			reason: "invalid JSON at byte 19: unexpected end of JSON inside a string (truncated body?)",
			want:   view{Format: "unknown", HTTPStatus: 500, Category: "internal", Confidence: "low"},
		},
		{
			name: "nginx 502 page", status: 502, header: []string{"Server: nginx/1.25.3"}, body: nginx, wantErr: decode.ErrUnreadable,
			reason: "HTML page instead of an API error body (from a proxy or load balancer?)",
			want:   view{Format: "html", Provider: "nginx/1.25.3", Message: "502 Bad Gateway", HTTPStatus: 502, Category: "unavailable", Retryable: true, Confidence: "low"},
		},
		{
			name: "plain text from envoy", status: 503, body: "upstream connect error or disconnect/reset before headers. reset reason: overflow\n", wantErr: decode.ErrUnreadable,
			reason: "body is neither JSON, XML nor HTML",
			want:   view{Format: "text", Message: "upstream connect error or disconnect/reset before headers. reset reason: overflow", HTTPStatus: 503, Category: "unavailable", Retryable: true, Confidence: "low"},
		},
		{
			name: "garbage", status: 400, body: "\x00\xff\xfe garbage", wantErr: decode.ErrUnreadable,
			reason: "body is neither JSON, XML nor HTML",
			want:   view{Format: "text", Message: "\x00\xff\xfe garbage", HTTPStatus: 400, Category: "invalid_argument", Confidence: "low"},
		},
		{
			name: "JSON of no error shape", status: 500, body: `{"hello":"world"}`, wantErr: decode.ErrUnknownShape,
			reason: "JSON of no known error shape",
			want:   view{Format: "unknown", HTTPStatus: 500, Category: "internal", Confidence: "low"},
		},
		{
			name: "JSON success body", status: 200, body: `{"items":[]}`,
			reason: "success status and no error in the body",
			want:   view{Format: "unknown", HTTPStatus: 200, Category: "ok", NotError: true, Confidence: "low"},
		},
		{
			name: "truncated XML keeps what was read", status: 404, body: `<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Mess`,
			reason: "XML cut short: unexpected end of XML (truncated body?)",
			want:   view{Format: "aws-xml", Provider: "aws", Code: "NoSuchBucket", Message: "The specified bucket does not exist", HTTPStatus: 404, Category: "not_found", Confidence: "medium"},
		},
		{
			name: "Retry-After alone", status: 400, header: []string{"Retry-After: 30"}, body: "slow down", wantErr: decode.ErrUnreadable,
			reason: "body is neither JSON, XML nor HTML",
			want:   view{Format: "text", Message: "slow down", HTTPStatus: 400, Category: "invalid_argument", Retryable: true, Confidence: "low"},
		},
		{
			name: "deeply nested JSON", status: 500, body: strings.Repeat("[", 100000), wantErr: decode.ErrUnreadable,
			reason: "invalid JSON at byte 64: JSON nested too deeply",
			want:   view{Format: "unknown", HTTPStatus: 500, Category: "internal", Confidence: "low"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, err := decode.Decode(tc.status, hdr(t, tc.header...), []byte(tc.body))
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil) != (err == nil) {
				t.Errorf("err = %v, want %v", err, tc.wantErr)
			}
			if diff := cmp.Diff(tc.want, viewOf(n)); diff != "" {
				t.Errorf("Decode mismatch (-want +got):\n%s", diff)
			}
			if n.Reason != tc.reason {
				t.Errorf("Reason = %q, want %q", n.Reason, tc.reason)
			}
		})
	}
}

func TestDecodeBounds(t *testing.T) {
	big := `{"code":"X","message":"` + strings.Repeat("a", 5000) + `"}`
	d := decode.Decoder{MaxBody: 1000, MaxRaw: 100}
	n, err := d.Decode(500, nil, []byte(big))
	if !errors.Is(err, decode.ErrUnreadable) {
		t.Errorf("err = %v, want ErrUnreadable", err)
	}
	if got, want := n.Reason, "body larger than 1000 bytes, not parsed"; got != want {
		t.Errorf("Reason = %q, want %q", got, want)
	}
	if len(n.Raw) != 100 || !n.RawTruncated {
		t.Errorf("Raw has %d bytes (truncated %v), want 100 and true", len(n.Raw), n.RawTruncated)
	}
	// Raw is cut on a UTF-8 boundary.
	d = decode.Decoder{MaxRaw: 4}
	n, _ = d.Decode(400, nil, []byte(`{"code":"中"}`))
	if n.Raw != `{"co` {
		t.Errorf("Raw = %q", n.Raw)
	}
	n, _ = d.Decode(400, nil, []byte(`中文中文`))
	if n.Raw != "中" || !n.RawTruncated {
		t.Errorf("Raw = %q, truncated %v; want %q, true", n.Raw, n.RawTruncated, "中")
	}
	// DecodeResponse never reads more than MaxBody+1 bytes.
	r := &countingReader{}
	resp := &http.Response{StatusCode: 502, Header: http.Header{}, Body: r}
	d = decode.Decoder{MaxBody: 4096}
	n, err = d.DecodeResponse(resp)
	if !errors.Is(err, decode.ErrUnreadable) || r.n > 4097+512 {
		t.Errorf("DecodeResponse: err %v, read %d bytes", err, r.n)
	}
	if n.HTTPStatus != 502 || !n.Retryable {
		t.Errorf("DecodeResponse: %+v", viewOf(n))
	}
}

// countingReader is an endless body of 'x' that counts what was read.
type countingReader struct{ n int }

func (r *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	r.n += len(p)
	return len(p), nil
}

func (r *countingReader) Close() error { return nil }

func TestRetryOptions(t *testing.T) {
	tests := []struct {
		name       string
		d          decode.Decoder
		status     int
		body       string
		want       bool
		wantReason string
	}{
		{"RetryCodes adds a code", decode.Decoder{RetryCodes: []string{"ResourceInUse"}}, 400,
			`{"Code":"ResourceInUse","Message":"busy","RequestId":"1"}`, true, "code ResourceInUse is in the decoder's RetryCodes"},
		{"RetryCodes prefix family", decode.Decoder{RetryCodes: []string{"OperationConflict.*"}}, 409,
			`{"Code":"OperationConflict.Lock","Message":"busy","RequestId":"1"}`, true, "code OperationConflict.Lock is in the decoder's RetryCodes"},
		{"NoRetryCodes wins over the built-in list", decode.Decoder{NoRetryCodes: []string{"LimitExceeded"}}, 400,
			`{"Response":{"Error":{"Code":"LimitExceeded","Message":"quota"},"RequestId":"1"}}`, false, "code LimitExceeded is in the decoder's NoRetryCodes"},
		{"built-in transient code", decode.Decoder{}, 500,
			`{"Response":{"Error":{"Code":"InternalError","Message":"x"},"RequestId":"1"}}`, true, "code InternalError is a well-known transient code"},
		{"plain 400 is not retryable", decode.Decoder{}, 400,
			`{"Response":{"Error":{"Code":"InvalidParameter","Message":"x"},"RequestId":"1"}}`, false, "no retry signal: no retryable entry, code, category or status, no Retry-After"},
		{"504", decode.Decoder{}, 504, `{"code":"Timeout.Upstream","message":"x"}`, true, "HTTP 504 Gateway Timeout"},
		{"success", decode.Decoder{}, 200, `{"RetCode":0}`, false, "not an error"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, err := tc.d.Decode(tc.status, nil, []byte(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			if n.Retryable != tc.want || n.RetryReason != tc.wantReason {
				t.Errorf("retry = %v %q, want %v %q", n.Retryable, n.RetryReason, tc.want, tc.wantReason)
			}
		})
	}
}

// ps builds Params from name, value pairs.
func ps(kv ...string) decode.Params {
	var out decode.Params
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, decode.Param{Name: kv[i], Value: kv[i+1]})
	}
	return out
}

// TestDecodeFormatsVariations decodes every body of formatCases again
// without an HTTP status and with a request id header: the format, code and
// message stay, the body's request id wins over the header's, and the
// header's fills in when the body has none.
func TestDecodeFormatsVariations(t *testing.T) {
	for _, tc := range formatCases {
		t.Run(tc.name, func(t *testing.T) {
			base, err := decode.Decode(tc.status, hdr(t, tc.header...), []byte(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			noStatus, err := decode.Decode(0, hdr(t, tc.header...), []byte(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			type key struct{ Format, Code, SubCode, Message, RequestID string }
			if diff := cmp.Diff(key{base.Format, base.Code, base.SubCode, base.Message, base.RequestID},
				key{noStatus.Format, noStatus.Code, noStatus.SubCode, noStatus.Message, noStatus.RequestID}); diff != "" {
				t.Errorf("without a status (-with +without):\n%s", diff)
			}
			h := hdr(t, tc.header...)
			h.Set("X-Request-Id", "hdr-x")
			withID, err := decode.Decode(tc.status, h, []byte(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			want := base.RequestID
			if want == "" || want == h.Get("X-Request-Id") || headerGave(t, tc.header, want) {
				want = "hdr-x"
			}
			if withID.RequestID != want {
				t.Errorf("with X-Request-Id: request id %q, want %q", withID.RequestID, want)
			}
		})
	}
}

// headerGave reports whether the case's own headers supplied id.
func headerGave(tb testing.TB, lines []string, id string) bool {
	tb.Helper()
	for _, l := range lines {
		if _, v, _ := strings.Cut(l, ":"); strings.TrimSpace(v) == id {
			return true
		}
	}
	return false
}
