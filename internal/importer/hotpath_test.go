package importer

import (
	"strings"
	"testing"
)

// wordingAll is wording without the pair filter: every word looked for.
func wordingAll(text string) (string, bool) {
	l := strings.ToLower(text)
	for _, r := range wordRules {
		for _, w := range r.words {
			if strings.Contains(l, w) {
				return string(r.cat), r.retry
			}
		}
	}
	return "", false
}

// wordingTexts are every rule's words alone and inside sentences, and
// sentences with none of them.
func wordingTexts() []string {
	texts := []string{"", "x", "Something went wrong number 7, please retry", "E000001 | Something went wrong | ",
		"The specified instance does not exist.", "请求参数错误", "服务内部错误，请稍后重试", "Quota Exceeded", "THROTTLING"}
	for _, r := range wordRules {
		for _, w := range r.words {
			texts = append(texts, w, "The "+w+" here.", strings.ToUpper(w)+"!", "前"+w+"后", w[:len(w)-1])
		}
	}
	return texts
}

func TestWordingFilter(t *testing.T) {
	for _, s := range wordingTexts() {
		cat, retry := wording(s)
		wantCat, wantRetry := wordingAll(s)
		if string(cat) != wantCat || retry != wantRetry {
			t.Errorf("wording(%q) = %q, %v; looking for every word gives %q, %v", s, cat, retry, wantCat, wantRetry)
		}
	}
}

func FuzzWording(f *testing.F) {
	for _, s := range wordingTexts() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cat, retry := wording(s)
		wantCat, wantRetry := wordingAll(s)
		if string(cat) != wantCat || retry != wantRetry {
			t.Errorf("wording(%q) = %q, %v; looking for every word gives %q, %v", s, cat, retry, wantCat, wantRetry)
		}
	})
}

func FuzzCollapseSpace(f *testing.F) {
	for _, s := range []string{"", "a", "a b", "a  b", " a", "a ", "a\tb", "a\nb", "a\n\nb", "中 文", "a\u00a0b", "x~y }z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapseSpace(s), collapseSpaceAll(s); got != want {
			t.Errorf("collapseSpace(%q) = %q, collapseSpaceAll %q", s, got, want)
		}
	})
}
