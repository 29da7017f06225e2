package search_test

import (
	"strings"
	"testing"

	"github.com/errcat/errcat/internal/search"
)

// TestRelevance asks the built-in catalogs what people ask, in English and
// Chinese, and requires the entries that answer each question among the
// first three hits.
func TestRelevance(t *testing.T) {
	ix := builtin(t)
	tests := []struct {
		q    string
		want []string // "domain code", each in the top 3
	}{
		// Throttling, by every name.
		{"rate limit", []string{"aliyun.polardb Throttling", "privatecloud.retcode 165"}},
		{"throttling", []string{"aliyun.polardb Throttling", "privatecloud.retcode 165"}},
		{"too many requests", []string{"aliyun.polardb Throttling", "privatecloud.retcode 165"}},
		{"频繁", []string{"privatecloud.retcode 165"}},
		{"限流", []string{"aliyun.polardb Throttling", "privatecloud.retcode 165"}},
		{"请求过于频繁", []string{"privatecloud.retcode 165"}},
		// Time-outs.
		{"request timed out", []string{"privatecloud.retcode 110"}},
		{"超时", []string{"privatecloud.retcode 110"}},
		// Not found.
		{"cluster not found", []string{"aliyun.polardb Forbidden.ClusterNotFound"}},
		{"集群不存在", []string{"huaweicloud.css CSS.3027", "aliyun.polardb Forbidden.ClusterNotFound", "zilliz.cloud 96018"}},
		{"database not found", []string{"aliyun.polardb InvalidDBName.NotFound"}},
		{"vpc not found", []string{"aliyun.polardb InvalidVSwitchId.NotFound"}},
		// Permissions and authentication.
		{"无权限", []string{"huaweicloud.css CSS.0015"}},
		{"no permission", []string{"privatecloud.retcode 150"}},
		{"signature does not match", []string{"aliyun.polardb IncompleteSignature", "tencentcloud.common 4100"}},
		{"签名错误", []string{"tencentcloud.common 4100", "aliyun.polardb IncompleteSignature"}},
		// Money and quotas.
		{"insufficient balance", []string{"aliyun.polardb InsufficientBalance", "privatecloud.retcode 160", "tencentcloud.common 5300"}},
		{"余额不足", []string{"aliyun.polardb InsufficientBalance", "privatecloud.retcode 160", "tencentcloud.common 5300"}},
		{"quota exceeded", []string{"aliyun.polardb QuotaExceeded.DBName"}},
		{"配额", []string{"aliyun.polardb QuotaExceeded.DBName"}},
		// Passwords.
		{"wrong password", []string{"privatecloud.retcode 11078"}},
		{"密码错误", []string{"privatecloud.retcode 11053", "privatecloud.retcode 11078"}},
		// Server side.
		{"internal server error", []string{"huaweicloud.css CSS.0005", "tencentcloud.common 6000"}},
		{"服务内部错误", []string{"tencentcloud.common 6000", "huaweicloud.css CSS.0005"}},
		{"service unavailable", []string{"privatecloud.retcode 130"}},
		{"服务不可用", []string{"privatecloud.retcode 130"}},
		// Parameters.
		{"invalid parameter", []string{"aliyun.polardb InvalidParameter"}},
		{"参数错误", []string{"huaweicloud.css CSS.0001"}},
		{"missing parameter", []string{"aliyun.polardb MissingParameter"}},
		{"缺少参数", []string{"privatecloud.retcode 229"}},
		// Other questions.
		{"login expired", []string{"privatecloud.retcode 172"}},
		{"region does not support free plan", []string{"zilliz.cloud 96019"}},
		{"备份失败", []string{"zilliz.cloud 96038"}},
		{"snapshot failed", []string{"huaweicloud.css CSS.6009"}},
		{"Throtling", []string{"aliyun.polardb Throttling"}},
	}
	if len(tests) < 25 {
		t.Fatalf("only %d queries", len(tests))
	}
	pass, total := 0, 0
	for _, tt := range tests {
		hits := ix.Search(search.Query{Text: tt.q, Limit: 3})
		var top []string
		for _, h := range hits {
			top = append(top, h.Catalog.Domain.ID+" "+h.Entry.Code)
		}
		for _, w := range tt.want {
			total++
			found := false
			for _, g := range top {
				found = found || g == w
			}
			if found {
				pass++
			} else {
				t.Errorf("%q: %s not in the top 3: %s", tt.q, w, strings.Join(top, ", "))
			}
		}
	}
	t.Logf("%d queries, %d/%d required entries in the top 3", len(tests), pass, total)
}

// TestSynonymsFindTheSameEntries: every name of throttling finds the
// throttling entries of every domain that has one.
func TestSynonymsFindTheSameEntries(t *testing.T) {
	ix := builtin(t)
	want := []string{"aliyun.polardb Throttling", "privatecloud.retcode 165", "tencentcloud.common 4400"}
	for _, q := range []string{"rate limit", "throttling", "too many requests", "频繁", "限流", "流控"} {
		got := map[string]bool{}
		for _, h := range ix.Search(search.Query{Text: q, Limit: 6}) {
			got[h.Catalog.Domain.ID+" "+h.Entry.Code] = true
		}
		for _, w := range want {
			if !got[w] {
				t.Errorf("%q does not find %s in its first 6 hits", q, w)
			}
		}
	}
}
