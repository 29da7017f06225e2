package search

import (
	"strings"
)

// synonyms are groups of words and phrases people use for the same kind
// of error, in English and Chinese. The Chinese terms follow the glossary
// of the built-in translations (catalogs/i18n/glossary.yaml): 流控 is its
// throttling, 配额 its quota, 权限 its permission, 签名 its signature. A
// query holding one phrase of a group also finds the entries worded with
// the others, so "rate limit", "throttling", "too many requests", "频繁"
// and "限流" find the same entries.
var synonyms = [...][]string{
	{"rate limit", "rate limited", "rate limiting", "throttling", "throttled", "throttle", "too many requests",
		"request limit", "requests exceeded", "too frequent", "frequently", "flow control",
		"限流", "流控", "频繁", "请求过多", "过于频繁", "请求数超过"},
	{"quota", "quota exceeded", "exceeds the quota", "limit exceeded", "limit reached",
		"配额", "超出配额", "超过配额", "上限", "超限"},
	{"permission denied", "permission", "forbidden", "access denied", "not allowed", "not authorized", "no permission", "unauthorized operation",
		"权限", "无权", "没有权限", "禁止", "不允许"},
	{"authentication", "authentication failed", "unauthenticated", "signature", "credential", "access key", "accesskey",
		"鉴权", "认证", "鉴权失败", "签名"},
	{"not found", "does not exist", "not exist", "no such", "cannot be found",
		"不存在", "找不到", "未找到"},
	{"already exists", "duplicate", "duplicated", "conflict",
		"已存在", "重复"},
	{"timeout", "timed out", "deadline exceeded",
		"超时"},
	{"unavailable", "service unavailable", "busy", "try again later", "retry later", "temporarily",
		"不可用", "繁忙", "稍后重试", "暂时"},
	{"internal error", "server error", "internal", "system error", "unknown error",
		"内部错误", "服务异常", "系统错误", "系统异常", "服务器错误"},
	{"invalid parameter", "invalid argument", "bad request", "malformed", "incorrect parameter", "parameter is incorrect",
		"参数错误", "参数无效", "参数不合法", "格式错误", "非法参数"},
	{"insufficient balance", "balance", "arrears", "overdue", "payment", "billing",
		"余额", "余额不足", "欠费", "账户欠费"},
	{"password", "passwd",
		"密码"},
	{"wrong", "incorrect", "not correct", "不正确"},
	{"expired", "token expired", "expire",
		"过期", "已过期", "失效"},
}

// synonymAlternatives returns the queries to run besides text: for each
// synonym group with a phrase in text, text with that phrase replaced by
// each other phrase of the group. It returns nil when no phrase occurs.
func synonymAlternatives(text string) []string {
	lt := strings.ToLower(text)
	var out []string
	for _, g := range synonyms {
		// The longest phrase of the group found in the query.
		found := ""
		for _, p := range g {
			if len(p) > len(found) && containsPhrase(lt, p) {
				found = p
			}
		}
		if found == "" {
			continue
		}
		for _, p := range g {
			if p == found {
				continue
			}
			out = append(out, strings.Replace(lt, found, p, 1))
		}
	}
	return out
}

// containsPhrase reports whether p occurs in s, at word boundaries when p
// is not Chinese.
func containsPhrase(s, p string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], p)
		if j < 0 {
			return false
		}
		j += i
		if p[0] >= 0x80 {
			return true
		}
		before := j == 0 || !isAlnum(s[j-1])
		after := j+len(p) == len(s) || !isAlnum(s[j+len(p)])
		if before && after {
			return true
		}
		i = j + 1
	}
}

// Synonyms returns the phrases of the synonym groups that q holds with
// the others of the group, for a page that explains what was searched.
func Synonyms(q string) []string {
	lt := strings.ToLower(q)
	var out []string
	for _, g := range synonyms {
		for _, p := range g {
			if containsPhrase(lt, p) {
				out = append(out, g...)
				break
			}
		}
	}
	return out
}
