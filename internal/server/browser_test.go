package server

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds the browser for the end-to-end test. Under CI=true the
// test must run, so a missing browser fails it; elsewhere it skips.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("CI=true but no chromium: install it with apt-get install chromium fonts-wqy-microhei")
	}
	t.Skip("chromium not installed (apt-get install chromium fonts-wqy-microhei); skipped outside CI")
	return ""
}

// TestBrowser drives the UI in headless Chromium: it searches 参数, opens
// an entry, switches the language and decodes a pasted body, saving a
// screenshot of each step to t.TempDir() (or $ERRCAT_ARTIFACTS when set).
func TestBrowser(t *testing.T) {
	if testing.Short() && os.Getenv("CI") != "true" {
		t.Skip("browser test skipped in -short mode")
	}
	exe := chromium(t)
	_, ts := newTestServer(t, nil)
	shots := artifactsDir(t)
	actx := browserAllocator(t, exe, chromedp.WindowSize(1280, 900))
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	// The first run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	ctx, cancel := context.WithTimeout(bctx, 90*time.Second)
	defer cancel()

	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return strings.TrimSpace(s)
	}

	// 1. Search 参数 from the home page.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/?lang=en"),
		chromedp.WaitVisible(chromedp.CSS("#q")),
		chromedp.SendKeys(chromedp.CSS("#q"), "参数"),
		chromedp.Submit(chromedp.CSS("#q")),
		chromedp.WaitVisible(chromedp.CSS("ol.hits")),
	); err != nil {
		t.Fatalf("search: %v", err)
	}
	shot("1-search")
	if first := text("ol.hits li:first-child p"); first == "" {
		t.Error("the first hit shows no message")
	}
	code := text("ol.hits li:first-child a.code")

	// 2. Open the entry.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("ol.hits li:first-child a.code")),
		chromedp.WaitVisible(chromedp.CSS("#entry-code")),
	); err != nil {
		t.Fatalf("open entry: %v", err)
	}
	if got := text("#entry-code"); got != code {
		t.Errorf("entry page shows %q, want %q", got, code)
	}
	if h := text("#texts-h"); h != "Message and remediation" {
		t.Errorf("heading %q before switching", h)
	}
	shot("2-entry")

	// 3. Switch the interface to Chinese.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#lang-switch")),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="zh-CN"] #texts-h`)),
	); err != nil {
		t.Fatalf("switch language: %v", err)
	}
	if h := text("#texts-h"); h != "错误信息与处理建议" {
		t.Errorf("heading after switching = %q, want 错误信息与处理建议", h)
	}
	if got := text("#entry-code"); got != code {
		t.Errorf("after switching the page shows %q, want %q", got, code)
	}
	if main := text("main"); !strings.Contains(main, "参数") {
		t.Errorf("the entry found by 参数 does not show it:\n%s", main)
	}
	shot("3-entry-zh")

	// 4. Decode a pasted body; the language choice sticks.
	body := `{"error_code":"CSS.0001","error_msg":"The parameter is incorrect."}`
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/decode"),
		chromedp.WaitVisible(chromedp.CSS("#d-body")),
		chromedp.SetValue(chromedp.CSS("#d-body"), body),
		chromedp.SendKeys(chromedp.CSS("#d-status"), "400"),
		chromedp.Click(chromedp.CSS("form.decode button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#decode-result")),
	); err != nil {
		t.Fatalf("decode: %v", err)
	}
	shot("4-decode")
	if got := text("#decoded-code"); got != "CSS.0001" {
		t.Errorf("decoded code %q, want CSS.0001", got)
	}
	if got := text("#decoded-entry"); got != "CSS.0001" {
		t.Errorf("decoded entry link %q, want CSS.0001", got)
	}
	if h := text("#result-h"); h != "解析结果" {
		t.Errorf("result heading %q, want the Chinese interface's 解析结果", h)
	}
	t.Logf("screenshots in %s", shots)
}

// artifactsDir is where a browser test saves its screenshots:
// $ERRCAT_ARTIFACTS when set, else a temporary directory.
func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("ERRCAT_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browserAllocator starts headless Chromium at exe with a fresh profile;
// it is stopped when the test ends.
func browserAllocator(t *testing.T, exe string, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	opts := append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
	}, extra...)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	return actx
}
