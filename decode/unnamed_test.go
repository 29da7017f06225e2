package decode_test

import (
	"testing"

	"github.com/errcat/errcat/decode"
)

// unnamedCases are error bodies of APIs decode has no named shape for,
// written after the error sections of their public documentation. The
// general reader (and the generic shapes) must get the code and the
// message right for nearly all of them.
var unnamedCases = []struct {
	api     string
	status  int
	body    string
	code    string // "" when the API writes no code
	message string
}{
	{"zendesk", 404, `{"error":"RecordNotFound","description":"Not found"}`, "RecordNotFound", "Not found"},
	{"mapbox", 401, `{"message":"Not Authorized - Invalid Token"}`, "", "Not Authorized - Invalid Token"},
	{"spotify", 401, `{"error":{"status":401,"message":"The access token expired"}}`, "", "The access token expired"},
	{"discord", 400, `{"code":50035,"message":"Invalid Form Body","errors":{"content":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 2000 or fewer in length."}]}}}`, "50035", "Invalid Form Body"},
	{"jira", 404, `{"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}`, "", "Issue does not exist or you do not have permission to see it."},
	{"paypal", 400, `{"name":"INVALID_REQUEST","message":"Request is not well-formed, syntactically incorrect, or violates schema.","debug_id":"90957fca61718","details":[{"field":"/purchase_units/0/amount","issue":"MISSING_REQUIRED_PARAMETER","description":"A required field is missing."}],"links":[{"href":"https://developer.paypal.com/docs/api/orders/v2/#error-MISSING_REQUIRED_PARAMETER","rel":"information_link"}]}`, "INVALID_REQUEST", "Request is not well-formed, syntactically incorrect, or violates schema."},
	{"square", 401, `{"errors":[{"category":"AUTHENTICATION_ERROR","code":"UNAUTHORIZED","detail":"This request could not be authorized."}]}`, "UNAUTHORIZED", "This request could not be authorized."},
	{"shopify admin REST", 404, `{"errors":"Not Found"}`, "", "Not Found"},
	{"salesforce REST", 401, `[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]`, "INVALID_SESSION_ID", "Session expired or invalid"},
	{"microsoft graph", 401, `{"error":{"code":"InvalidAuthenticationToken","message":"Access token is empty.","innerError":{"date":"2024-05-02T10:00:00","request-id":"3b1c4d2e-0000-4a4a-8b8b-1234567890ab","client-request-id":"3b1c4d2e-0000-4a4a-8b8b-1234567890ab"}}}`, "InvalidAuthenticationToken", "Access token is empty."},
	{"twitter v1.1", 401, `{"errors":[{"code":89,"message":"Invalid or expired token."}]}`, "89", "Invalid or expired token."},
	{"mailgun", 404, `{"message":"Domain not found: mg.example.com"}`, "", "Domain not found: mg.example.com"},
	{"sendgrid", 401, `{"errors":[{"message":"The provided authorization grant is invalid, expired, or revoked","field":null,"help":null}]}`, "", "The provided authorization grant is invalid, expired, or revoked"},
	{"hubspot", 401, `{"status":"error","message":"Authentication credentials not found.","correlationId":"a43683b0-5717-4ceb-80b4-104d02915d8c","category":"INVALID_AUTHENTICATION"}`, "INVALID_AUTHENTICATION", "Authentication credentials not found."},
	{"airtable", 404, `{"error":{"type":"TABLE_NOT_FOUND","message":"Could not find table Tasks in application appXYZ"}}`, "TABLE_NOT_FOUND", "Could not find table Tasks in application appXYZ"},
	{"vercel", 403, `{"error":{"code":"forbidden","message":"Not authorized"}}`, "forbidden", "Not authorized"},
	{"cloudflare", 200, `{"success":false,"errors":[{"code":10000,"message":"Authentication error"}],"messages":[],"result":null}`, "10000", "Authentication error"},
	{"digitalocean", 404, `{"id":"not_found","message":"The resource you were accessing could not be found.","request_id":"4d9d8375-3c56-4925-a3e7-eb137fed17e9"}`, "not_found", "The resource you were accessing could not be found."},
	{"heroku", 404, `{"id":"not_found","message":"Couldn't find that app.","url":"https://devcenter.heroku.com/articles/platform-api-reference#clients"}`, "not_found", "Couldn't find that app."},
	{"linode", 401, `{"errors":[{"reason":"Invalid Token"}]}`, "", "Invalid Token"},
	{"vultr", 401, `{"error":"Invalid API key","status":401}`, "", "Invalid API key"},
	{"fastly", 401, `{"msg":"Provided credentials are missing or invalid","detail":"Use the Fastly-Key header"}`, "", "Provided credentials are missing or invalid"},
	{"netlify", 404, `{"code":404,"message":"Not Found"}`, "404", "Not Found"},
	{"bitbucket", 404, `{"type":"error","error":{"message":"Repository not found","detail":"There is no repository at this path."}}`, "", "Repository not found"},
	{"gitlab", 404, `{"message":"404 Project Not Found"}`, "", "404 Project Not Found"},
	{"wechat", 200, `{"errcode":40013,"errmsg":"invalid appid"}`, "40013", "invalid appid"},
	{"dingtalk", 400, `{"code":"InvalidAuthentication","requestid":"2E1B8C7A-5D44-7B6F-9E10-3C1A2B3D4E5F","message":"不合法的access_token"}`, "InvalidAuthentication", "不合法的access_token"},
	{"feishu", 400, `{"code":99991663,"msg":"Invalid access token for authorization. Please make a request with token attached.","error":{"log_id":"20230911111111A1B2C3D4E5F6"}}`, "99991663", "Invalid access token for authorization. Please make a request with token attached."},
	{"alipay", 200, `{"alipay_trade_query_response":{"code":"40004","msg":"Business Failed","sub_code":"ACQ.TRADE_NOT_EXIST","sub_msg":"交易不存在"},"sign":"ERITJKEIJKJHKKKKKKKHJEREEEEEEEEEEE"}`, "40004", "Business Failed"},
	{"baidu AI open platform", 200, `{"error_code":110,"error_msg":"Access token invalid or no longer valid","log_id":3012345678}`, "110", "Access token invalid or no longer valid"},
	{"taobao", 200, `{"error_response":{"code":15,"msg":"Remote service error","sub_code":"isv.invalid-parameter","sub_msg":"参数错误","request_id":"1ay2zf3kb0"}}`, "15", "Remote service error"},
	{"bilibili", 200, `{"code":-101,"message":"账号未登录","ttl":1}`, "-101", "账号未登录"},
	{"douyin open platform", 200, `{"data":{"error_code":2190008,"description":"access_token过期,请刷新或重新授权"},"message":"error"}`, "2190008", "access_token过期,请刷新或重新授权"},
	{"binance", 400, `{"code":-1121,"msg":"Invalid symbol."}`, "-1121", "Invalid symbol."},
	{"coinbase", 404, `{"errors":[{"id":"not_found","message":"Not found"}]}`, "not_found", "Not found"},
	{"kraken", 200, `{"error":["EGeneral:Invalid arguments"],"result":{}}`, "", "EGeneral:Invalid arguments"},
	{"etsy", 403, `{"error":"Invalid API key: should be in the format 'keystring:shared_secret'."}`, "", "Invalid API key: should be in the format 'keystring:shared_secret'."},
	{"pipedrive", 401, `{"success":false,"error":"unauthorized access","errorCode":401,"error_info":"Please check contact Pipedrive support."}`, "401", "unauthorized access"},
	{"asana", 400, `{"errors":[{"message":"project: Missing input","help":"For more information on API status codes and how to handle them, read the docs on errors."}]}`, "", "project: Missing input"},
	{"box", 404, `{"type":"error","status":404,"code":"not_found","help_url":"https://developer.box.com/guides/api-calls/permissions-and-errors/common-errors/","message":"Could not find the specified resource","request_id":"abcdef123456"}`, "not_found", "Could not find the specified resource"},
	{"intercom", 401, `{"type":"error.list","request_id":"000on0sp7vc6d4l","errors":[{"code":"unauthorized","message":"Access Token Invalid"}]}`, "unauthorized", "Access Token Invalid"},
	{"zoom", 401, `{"code":124,"message":"Invalid access token."}`, "124", "Invalid access token."},
	{"auth0", 400, `{"statusCode":400,"error":"Bad Request","message":"Payload validation error: 'Missing required property: connection'.","errorCode":"invalid_body"}`, "invalid_body", "Payload validation error: 'Missing required property: connection'."},
	{"vk", 200, `{"error":{"error_code":5,"error_msg":"User authorization failed: invalid access_token (4).","request_params":[{"key":"method","value":"users.get"}]}}`, "5", "User authorization failed: invalid access_token (4)."},
	{"kakao", 401, `{"msg":"this access token does not exist","code":-401}`, "-401", "this access token does not exist"},
	{"line messaging", 400, `{"message":"The request body has 1 error(s)","details":[{"message":"must be specified","property":"messages[0].text"}]}`, "", "The request body has 1 error(s)"},
	{"plaid", 400, `{"display_message":null,"documentation_url":"https://plaid.com/docs/errors/invalid-input/","error_code":"INVALID_API_KEYS","error_message":"invalid client_id or secret provided","error_type":"INVALID_INPUT","request_id":"HNTDNrA8F1shFEW","suggested_action":null}`, "INVALID_API_KEYS", "invalid client_id or secret provided"},
	{"adyen", 401, `{"status":401,"errorCode":"000","message":"HTTP Status Response - Unauthorized","errorType":"security"}`, "000", "HTTP Status Response - Unauthorized"},
	{"sap odata", 400, `{"error":{"code":"SY/530","message":{"lang":"en","value":"Property 'Price' has an invalid value"},"innererror":{"transactionid":"5B9A1C2D"}}}`, "SY/530", "Property 'Price' has an invalid value"},
	{"jd union", 200, `{"error_response":{"code":"19","zh_desc":"token已过期","en_desc":"Invalid access token"}}`, "19", "Invalid access token"},
	{"upyun", 404, `{"msg":"file or directory not found","code":40400001,"id":"11e4a729d24943409933a5e8314cd32e"}`, "40400001", "file or directory not found"},
	{"ebay REST", 400, `{"errors":[{"errorId":1001,"domain":"OAuth","category":"REQUEST","message":"Invalid access token","longMessage":"Invalid access token. Check the value of the Authorization HTTP request header."}]}`, "1001", "Invalid access token"},
	{"soap 1.2 fault", 500, `<?xml version="1.0"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value></env:Code><env:Reason><env:Text xml:lang="en">Invalid order number</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>`, "env:Sender", "Invalid order number"},
	{"paypal NVP-style XML", 400, `<?xml version="1.0"?><response><status>fail</status><error><code>10002</code><message>Security header is not valid</message></error></response>`, "10002", "Security header is not valid"},
}

func TestGeneralReaderUnnamedAPIs(t *testing.T) {
	ok := 0
	for _, tc := range unnamedCases {
		n, _ := decode.Decode(tc.status, nil, []byte(tc.body))
		if n.Code == tc.code && n.Message == tc.message && !n.NotError {
			ok++
			continue
		}
		t.Logf("%s: got code %q message %q (format %s, not_error %v), want %q %q", tc.api, n.Code, n.Message, n.Format, n.NotError, tc.code, tc.message)
	}
	if len(unnamedCases) < 40 {
		t.Errorf("%d bodies, want at least 40", len(unnamedCases))
	}
	if rate := float64(ok) / float64(len(unnamedCases)); rate < 0.9 {
		t.Errorf("code and message right for %d of %d bodies (%.0f%%), want at least 90%%", ok, len(unnamedCases), 100*rate)
	} else {
		t.Logf("code and message right for %d of %d bodies", ok, len(unnamedCases))
	}
}
