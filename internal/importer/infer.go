package importer

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/vocab"
)

var (
	statusNumRe = regexp.MustCompile(`[0-9]+`)
	noStatus    = map[string]bool{"na": true, "n/a": true, "n.a.": true, "n.a": true, "-": true, "--": true, "—": true, "–": true, "none": true, "无": true, "不涉及": true, "/": true}
)

// parseStatus reads an HTTP status cell: "400", "400 Bad Request", "Bad
// Request (400)", or a word for none ("NA", "N/A", "-"). keep reports
// whether the cell's text differs from the number and belongs in
// source.original.
func parseStatus(s string) (status *int, keep bool, err error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return nil, false, nil
	}
	if noStatus[strings.ToLower(t)] {
		return nil, true, nil
	}
	var found []string
	for _, m := range statusNumRe.FindAllString(t, -1) {
		if len(m) == 3 && m[0] >= '1' && m[0] <= '5' && !contains(found, m) {
			found = append(found, m)
		}
	}
	switch len(found) {
	case 0:
		if n := statusForPhrase(t); n != 0 {
			return &n, true, nil
		}
		return nil, true, fmt.Errorf("bad HTTP status %q: no status between 100 and 599", t)
	case 1:
		n, _ := strconv.Atoi(found[0])
		return &n, t != found[0], nil
	}
	return nil, true, fmt.Errorf("bad HTTP status %q: several statuses (%s)", t, strings.Join(found, ", "))
}

// statusWithPhrase returns the status of a cell that gives an HTTP status
// followed by its own reason phrase ("500 Internal Server Error",
// "404 (Not Found)"), or 0: such a cell in a code column is the status
// written out, not a code of several words.
func statusWithPhrase(s string) int {
	m := statusPhraseRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	if t := http.StatusText(n); t != "" && phraseKey(t) == phraseKey(m[2]) {
		return n
	}
	return 0
}

var statusPhraseRe = regexp.MustCompile(`^([1-5][0-9][0-9])\s+(\S.*)$`)

// statusForPhrase returns the status whose reason phrase s is ("Not
// Found", "too many requests"), or 0.
func statusForPhrase(s string) int {
	key := phraseKey(s)
	if key == "" {
		return 0
	}
	for n := 100; n < 600; n++ {
		if t := http.StatusText(n); t != "" && phraseKey(t) == key {
			return n
		}
	}
	return 0
}

func phraseKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// wordRule maps wording to a category. Rules are tried in order; the first
// whose word occurs in the entry's code (split into words) or message wins.
type wordRule struct {
	cat   catalog.Category
	retry bool // the wording says retrying helps (throttling)
	words []string
}

var wordRules = []wordRule{
	{catalog.NotFound, false, []string{"not found", "does not exist", "doesn't exist", "not exist", "no such", "不存在", "未找到", "找不到"}},
	{catalog.Unauthenticated, false, []string{"signature", "authentication failed", "not authenticated", "unauthenticated", "access key id", "credential", "token", "login", "log in", "logged in", "not logged", "签名", "登录", "认证失败", "未认证", "鉴权失败"}},
	{catalog.ResourceExhausted, true, []string{"throttl", "too many requests", "too frequent", "rate limit", "频繁", "限流"}},
	{catalog.OutOfRange, false, []string{"out of range", "beyond the valid range", "too large", "too long", "too small", "too short", "超出范围", "超过范围", "允许范围", "范围之内", "范围内", "过小", "过大", "过长"}},
	{catalog.ResourceExhausted, false, []string{"quota", "exceed", "limit reached", "insufficient resource", "配额", "超出", "超过上限", "上限", "资源不足", "内存不足", "无可用", "已无可用", "没有剩余"}},
	{catalog.PermissionDenied, false, []string{"permission", "not authorized", "unauthorized", "forbidden", "forbedden", "access denied", "no authority", "not allowed", "权限", "禁止", "无权", "拒绝"}},
	{catalog.AlreadyExists, false, []string{"already exist", "duplicate", "existed", "exists", "已存在", "已经存在", "重复", "已被注册", "已被使用", "已经被使用", "已被占用", "已被添加", "已添加", "冲突"}},
	{catalog.DeadlineExceeded, false, []string{"timeout", "timed out", "time out", "超时"}},
	{catalog.Aborted, false, []string{"another operation", "being performed", "conflict", "concurrent", "操作冲突", "正在进行"}},
	{catalog.Internal, false, []string{"internal error", "internal server", "server error", "内部错误", "服务内部", "系统错误", "系统异常"}},
	{catalog.Unavailable, false, []string{"unavailable", "try again later", "temporarily", "maintenance", "busy", "稍后重试", "稍后再试", "维护", "繁忙", "暂不可用"}},
	{catalog.Unimplemented, false, []string{"not supported", "unsupported", "not support", "不支持", "未实现", "未开放"}},
	{catalog.FailedPrecondition, false, []string{"balance", "status", "state", "lock", "not permitted", "cannot be performed", "being performed", "in use", "is use", "sold out", "expired", "余额", "状态", "欠费", "已激活", "失效", "冻结", "激活", "过期", "未关机", "未开机", "正在使用", "被使用", "使用中", "正在被", "未就绪", "未准备就绪", "还存在", "存在快照", "绑定", "迁移中", "无法", "不允许", "不能", "只能", "必须", "不可用", "存在", "回收站"}},
	{catalog.InvalidArgument, false, []string{"invalid", "invaild", "incorrect", "malformed", "mismatch", "missing", "required", "must", "should", "illegal", "wrong", "format", "empty", "parameter", "param", "不能为空", "参数", "格式", "非法", "无效", "缺少", "不合法", "不正确", "不符合", "请输入", "为整数", "长度", "不在", "错误"}},
	{catalog.Internal, false, []string{"internal", "server error", "failed", "fail", "error", "exception", "异常", "失败", "内部"}},
}

// retryWords say that trying again later helps.
var retryWords = []string{"try again later", "retry later", "please try again", "稍后重试", "稍后再试", "请重试"}

// wording returns the category the wording suggests ("" when none) and
// whether it is throttling.
func wording(text string) (catalog.Category, bool) {
	l := strings.ToLower(text)
	// A word is looked for only where the text holds its first and last
	// pair of bytes: most of the two hundred words are not in a given
	// text, and a row is imported in time independent of their number.
	var pairs bytePairs
	for i := 0; i+1 < len(l); i++ {
		pairs.add(l[i], l[i+1])
	}
	for _, r := range wordRules {
		for _, w := range r.words {
			if len(w) >= 2 && !(pairs.has(w[0], w[1]) && pairs.has(w[len(w)-2], w[len(w)-1])) {
				continue
			}
			if strings.Contains(l, w) {
				return r.cat, r.retry
			}
		}
	}
	return "", false
}

// bytePairs is a set of pairs of adjacent bytes, hashed into 4096 bits:
// has may say yes for a pair never added, never no for one added.
type bytePairs [64]uint64

func (p *bytePairs) add(a, b byte) {
	h := uint(a)*131 + uint(b)
	p[h>>6&63] |= 1 << (h & 63)
}

func (p *bytePairs) has(a, b byte) bool {
	h := uint(a)*131 + uint(b)
	return p[h>>6&63]&(1<<(h&63)) != 0
}

// codeWords splits a code into lower-case words: "InvalidDBClusterId.NotFound"
// → "invalid db cluster id not found".
func codeWords(code string) string {
	var b strings.Builder
	rs := []rune(code)
	for i, r := range rs {
		if unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1]))) {
			b.WriteByte(' ')
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// inferCategory sets the category (and retryable where the wording says
// so) of an entry whose source gives none, and records both as inferred.
//
// With a status, the status decides (catalog.CategoryForStatus) unless the
// wording names a category the status also fits (400 "throttling" is
// resource_exhausted); a 2xx status or a status with no specific category
// defers to the wording. Without a status the wording decides; failing
// that, the category is unknown.
func inferCategory(e *catalog.Entry) {
	text := codeWords(e.Code) + " | " + e.Message.Get(firstLocale(e.Message)) + " | " + e.Title.Get(firstLocale(e.Title))
	w, throttling := wording(text)
	var cat catalog.Category
	if e.HTTPStatus != nil {
		s := *e.HTTPStatus
		byStatus := vocab.CategoryForStatus(s)
		generic := byStatus == catalog.OK || byStatus == catalog.Unknown ||
			(byStatus == catalog.FailedPrecondition && s != 412) || (byStatus == catalog.Internal && s != 500)
		switch {
		case w != "" && generic:
			cat = w
		case w != "" && w != byStatus && vocab.StatusFitsCategory(s, w):
			cat = w
		case byStatus == catalog.OK:
			cat = catalog.FailedPrecondition
		default:
			cat = byStatus
		}
	} else {
		cat = w
		if cat == "" {
			cat = catalog.Unknown
		}
	}
	if cat != w {
		throttling = false
	}
	e.Category = cat
	e.Inferred = append(e.Inferred, "category")
	retry := throttling
	if !retry {
		all := strings.ToLower(e.Message.Get(firstLocale(e.Message)) + " " + e.Remediation.Get(firstLocale(e.Remediation)))
		for _, w := range retryWords {
			if strings.Contains(all, w) {
				retry = true
				break
			}
		}
	}
	if retry && !cat.DefaultRetryable() && cat != catalog.InvalidArgument && cat != catalog.PermissionDenied && cat != catalog.Unauthenticated {
		e.Retryable = catalog.BoolPtr(true)
		e.Inferred = append(e.Inferred, "retryable")
	}
}

func firstLocale(t catalog.Text) string {
	for _, l := range t.Locales() {
		return l
	}
	return ""
}
