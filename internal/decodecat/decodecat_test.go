package decodecat_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/decode"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/decodecat"
	"github.com/errcat/errcat/internal/source"
)

// testSet loads the example catalogs of testdata.
func testSet(tb testing.TB) *catalog.Set {
	tb.Helper()
	cats, err := catalog.LoadDir(os.DirFS("testdata"), ".")
	if err != nil {
		tb.Fatal(err)
	}
	return catalog.NewSet(cats...)
}

func builtinSet(tb testing.TB) *catalog.Set {
	tb.Helper()
	cats, err := source.Builtin()
	if err != nil {
		tb.Fatal(err)
	}
	return catalog.NewSet(cats...)
}

// joined is the part of a Normalized the join decides.
type joined struct {
	Domain     string
	EntryCode  string
	Candidates []string
	Params     decode.Params
	Category   string
	Retryable  bool
	NotError   bool
	Confidence string
}

func joinedOf(n decode.Normalized) joined {
	j := joined{Domain: n.Domain, Candidates: n.Candidates, Params: n.Params, Category: n.Category,
		Retryable: n.Retryable, NotError: n.NotError, Confidence: n.Confidence}
	if n.Entry != nil {
		j.EntryCode = n.Entry.Code
	}
	return j
}

func TestJoin(t *testing.T) {
	cat := decodecat.New(testSet(t))
	tests := []struct {
		name   string
		domain string
		status int
		body   string
		want   joined
	}{
		{
			name: "one domain has the code", status: 429,
			body: `{"Code":"Quota.Exceeded","Message":"Too many requests.","RequestId":"r"}`,
			want: joined{Domain: "example.alpha", EntryCode: "Quota.Exceeded", Candidates: []string{"example.alpha"}, Category: "resource_exhausted", Retryable: true, Confidence: "high"},
		},
		{
			name: "alias", status: 429,
			body: `{"Code":"QuotaExceeded","Message":"Too many requests.","RequestId":"r"}`,
			want: joined{Domain: "example.alpha", EntryCode: "Quota.Exceeded", Candidates: []string{"example.alpha"}, Category: "resource_exhausted", Retryable: true, Confidence: "high"},
		},
		{
			name: "the entry's retryable wins over the status", status: 503,
			body: `{"Code":"Busy","Message":"The account is busy; do not retry.","RequestId":"r"}`,
			want: joined{Domain: "example.alpha", EntryCode: "Busy", Candidates: []string{"example.alpha"}, Category: "unavailable", Retryable: false, Confidence: "high"},
		},
		{
			name: "code pattern gives the params", status: 400,
			body: `{"Code":"InvalidDBClusterId.Malformed","Message":"bad","RequestId":"r"}`,
			want: joined{Domain: "example.alpha", EntryCode: "Invalid{field}.Malformed", Candidates: []string{"example.alpha"}, Params: ps("field", "DBClusterId"), Category: "invalid_argument", Confidence: "high"},
		},
		{
			name: "two domains, the format picks one; params from the message", status: 400,
			body: `{"Response":{"Error":{"Code":"InvalidParameter","Message":"Parameter Limit is wrong."},"RequestId":"r"}}`,
			want: joined{Domain: "example.beta", EntryCode: "InvalidParameter", Candidates: []string{"example.alpha", "example.beta"}, Params: ps("name", "Limit"), Category: "invalid_argument", Confidence: "medium"},
		},
		{
			name: "two domains, a generic format: candidates only", status: 400,
			body: `{"code":"InvalidParameter","message":"The parameter Limit is not valid."}`,
			want: joined{Candidates: []string{"example.alpha", "example.beta"}, Category: "invalid_argument", Confidence: "low"},
		},
		{
			name: "the caller names the domain; params from a translated message", domain: "example.alpha", status: 400,
			body: `{"code":"InvalidParameter","message":"参数 Limit 无效。"}`,
			want: joined{Domain: "example.alpha", EntryCode: "InvalidParameter", Params: ps("name", "Limit"), Category: "invalid_argument", Confidence: "medium"},
		},
		{
			name: "the body names the domain (problem)", status: 400,
			body: `{"type":"about:blank","title":"Bad","status":400,"code":"InvalidParameter","domain":"example.beta","params":{"name":"Limit"}}`,
			want: joined{Domain: "example.beta", EntryCode: "InvalidParameter", Params: ps("name", "Limit"), Category: "invalid_argument", Confidence: "high"},
		},
		{
			name: "the caller's domain wins over the body's, which becomes a candidate", domain: "example.alpha", status: 400,
			body: `{"type":"about:blank","title":"Bad","status":400,"code":"InvalidParameter","domain":"example.beta","detail":"The parameter Limit is not valid."}`,
			want: joined{Domain: "example.alpha", EntryCode: "InvalidParameter", Candidates: []string{"example.beta"}, Params: ps("name", "Limit"), Category: "invalid_argument", Confidence: "high"},
		},
		{
			name: "the domain's success code is not an error", domain: "example.beta", status: 200,
			body: `{"code":"0","message":"Success."}`,
			want: joined{Domain: "example.beta", EntryCode: "0", Category: "ok", NotError: true, Confidence: "medium"},
		},
		{
			name: "a named domain without the code", domain: "example.beta", status: 404,
			body: `{"code":"NoSuchThing","message":"x"}`,
			want: joined{Domain: "example.beta", Category: "not_found", Confidence: "medium"},
		},
		{
			name: "another provider's own format does not join", status: 400,
			body: `{"__type":"com.amazonaws.ec2#InvalidParameter","message":"x"}`,
			want: joined{Category: "invalid_argument", Confidence: "high"},
		},
		{
			name: "joined on the code, never the message", status: 400,
			body: `{"Code":"SomethingElse","Message":"The parameter x is not valid.","RequestId":"r"}`,
			want: joined{Category: "invalid_argument", Confidence: "high"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := decode.Decoder{Catalog: cat, Domain: tc.domain}
			n, err := d.Decode(tc.status, nil, []byte(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, joinedOf(n)); diff != "" {
				t.Errorf("join mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestJoinBuiltin joins bodies to the built-in catalogs by code.
func TestJoinBuiltin(t *testing.T) {
	d := decode.Decoder{Catalog: decodecat.New(builtinSet(t))}
	tests := []struct {
		name, body   string
		wantDomain   string
		wantEntry    string
		wantSubCode  string
		wantParams   decode.Params
		wantProvider string
	}{
		{"tencent v2 with sub-code", `{"code":4000,"message":"(100004) incorrect projectId","codeDesc":"InvalidParameter"}`, "tencentcloud.common", "4000", "100004", nil, "tencentcloud"},
		{"huawei", `{"error_code":"CSS.0001","error_msg":"x"}`, "huaweicloud.css", "CSS.0001", "", nil, "huaweicloud"},
		{"zilliz", `{"code":96000,"message":"Invalid CloudId."}`, "zilliz.cloud", "96000", "", nil, "zilliz"},
		{"tencent v2 without codeDesc", `{"code":4000,"message":"(100004) incorrect projectId"}`, "tencentcloud.common", "4000", "100004", nil, "tencentcloud"},
		{"ucloud retcode of the private cloud", `{"Action":"CreateUHostResponse","RetCode":100,"Message":"当前状态不可进行操作"}`, "privatecloud.retcode", "100", "", nil, "ucloud"},
		{"aliyun pattern", `{"RequestId":"r","HostId":"polardb.aliyuncs.com","Code":"InvalidDBClusterId.Malformed","Message":"x"}`, "aliyun.polardb", "Invalid{parameter_name}.Malformed", "", ps("parameter_name", "DBClusterId"), "aliyun"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, err := d.Decode(0, nil, []byte(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			if n.Entry == nil {
				t.Fatalf("no entry; candidates %v", n.Candidates)
			}
			got := []any{n.Domain, n.Entry.Code, n.SubCode, n.Params, n.Provider}
			want := []any{tc.wantDomain, tc.wantEntry, tc.wantSubCode, tc.wantParams, tc.wantProvider}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			// The entry is written in the catalog's JSON contract.
			b, err := json.Marshal(n)
			if err != nil {
				t.Fatal(err)
			}
			var back struct {
				Entry catalog.EntryJSON `json:"entry"`
			}
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if back.Entry.Domain != tc.wantDomain || back.Entry.Code != tc.wantEntry || back.Entry.Message.IsNil() {
				t.Errorf("entry JSON = %+v", back.Entry)
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
