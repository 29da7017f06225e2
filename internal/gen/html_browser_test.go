package gen_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/errcat/errcat/internal/gen"
)

// TestHTMLSearchInBrowser writes the site of every seed catalog to a
// directory, opens index.html from file:// in headless Chromium, types
// queries into the search box and reads the results — in English, by
// code, and in Chinese.
func TestHTMLSearchInBrowser(t *testing.T) {
	t.Parallel()
	browser := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but no Chromium: .ci/run installs it (apt-get install chromium fonts-wqy-microhei)")
		}
		t.Skip("no Chromium on this machine (.ci/run installs it)")
	}
	files, err := gen.HTML(seedList(t), gen.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for p, b := range files {
		if err := os.WriteFile(filepath.Join(dir, p), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browser), chromedp.NoSandbox, chromedp.Flag("allow-file-access-from-files", false))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	index := "file://" + filepath.ToSlash(filepath.Join(dir, "index.html"))
	if err := chromedp.Do(ctx, chromedp.Navigate(index), chromedp.WaitVisible(chromedp.ID("q"))); err != nil {
		t.Fatalf("open %s: %v", index, err)
	}
	tests := []struct {
		query     string
		wantHref  string // a link among the results
		wantCount string
	}{
		{"CSS.0001", "huaweicloud.css.en.html#CSS.0001", "1 match"},
		{"cluster backup restore", "zilliz.cloud.en.html#96040", ""},
		{"余额不足", "privatecloud.retcode.zh-CN.html#160", ""},
		{"nothing-like-this", "", "0 matches"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("q").value = ""; true`)); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("q"), tt.query)); err != nil {
				t.Fatal(err)
			}
			count, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("count").textContent`))
			if err != nil {
				t.Fatal(err)
			}
			hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#results li a")).map(a => a.getAttribute("href"))`))
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantHref != "" && !slices.Contains(hrefs, tt.wantHref) {
				t.Errorf("results %q lack %s", hrefs, tt.wantHref)
			}
			if tt.wantHref == "" && len(hrefs) != 0 {
				t.Errorf("results %q, want none", hrefs)
			}
			if tt.wantCount != "" && count != tt.wantCount {
				t.Errorf("count = %q, want %q", count, tt.wantCount)
			}
		})
	}
	// A Chinese page counts in Chinese.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.lang = "zh-CN"; document.getElementById("q").value = ""; true`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("q"), "nothing-like-this")); err != nil {
		t.Fatal(err)
	}
	if count, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("count").textContent`)); err != nil || count != "0 个结果" {
		t.Errorf("zh-CN count = %q (%v), want %q", count, err, "0 个结果")
	}
	// The result link leads to the code's anchor on its page.
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(dir, "huaweicloud.css.en.html"))+"#CSS.0011")); err != nil {
		t.Fatal(err)
	}
	rowID, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function(){var r=document.querySelector("tr:target");return r?r.id:""})()`))
	if err != nil {
		t.Fatal(err)
	}
	if rowID != "CSS.0011" || !strings.Contains(string(files["huaweicloud.css.en.html"]), `id="CSS.0011"`) {
		t.Errorf("anchor #CSS.0011 targets %q", rowID)
	}
}
