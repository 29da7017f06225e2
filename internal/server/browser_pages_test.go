package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// axeVersion is the axe-core release the accessibility check runs.
const axeVersion = "4.11.0"

// axeScript returns axe-core's axe.min.js, installed from the npm registry
// with npm into the user's cache directory on first use. Under CI=true a
// failure fails the test; elsewhere it skips.
func axeScript(t *testing.T) string {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		if os.Getenv("CI") == "true" {
			t.Fatalf(format, args...)
		}
		t.Skipf(format+"; skipped outside CI", args...)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "errcat-test", "axe-core-"+axeVersion)
	js := filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
	if b, err := os.ReadFile(js); err == nil {
		return string(b)
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		fail("npm not installed: the accessibility check needs axe-core %s from the npm registry", axeVersion)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(npm, "install", "--no-audit", "--no-fund", "--no-save", "--prefix", dir, "axe-core@"+axeVersion)
	if out, err := cmd.CombinedOutput(); err != nil {
		fail("npm install axe-core@%s: %v\n%s", axeVersion, err, out)
	}
	b, err := os.ReadFile(js)
	if err != nil {
		fail("axe-core: %v", err)
	}
	return string(b)
}

// axeViolation is the part of an axe-core violation the test reports.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// TestBrowserPages loads every kind of page in both languages at a phone's
// (390×844) and a desktop's (1280×900) size, light and dark: no page
// scrolls sideways, and axe-core finds no serious or critical
// accessibility violation. It saves a screenshot of each to t.TempDir()
// (or $ERRCAT_ARTIFACTS when set).
func TestBrowserPages(t *testing.T) {
	if testing.Short() && os.Getenv("CI") != "true" {
		t.Skip("browser test skipped in -short mode")
	}
	exe := chromium(t)
	axe := axeScript(t)
	_, ts := newTestServer(t, nil)
	shots := artifactsDir(t)
	actx := browserAllocator(t, exe)
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	ctx, cancel := context.WithTimeout(bctx, 8*time.Minute)
	defer cancel()

	curl := "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nRetry-After: 2\r\n\r\n" +
		`{"RequestId":"5E5C6F5B-0000","HostId":"polardb.aliyuncs.com","Code":"Throttling","Message":"Request was denied due to request throttling."}`
	type pageKind struct {
		name string
		path string
		post string // a body to decode, for the decode result page
	}
	kinds := []pageKind{
		{"home", "/", ""},
		{"search", "/search?q=" + url.QueryEscape("rate limit"), ""},
		{"search-filtered", "/search?q=" + url.QueryEscape("参数") + "&category=invalid_argument", ""},
		{"search-none", "/search?q=clustr", ""},
		{"domain", "/domains/aliyun.polardb", ""},
		{"entry", "/domains/aliyun.polardb/errors/InvalidConnectionStringPrefix.Duplicated", ""},
		{"entry-variants", "/domains/test.example/errors/Quota.Exceeded", ""},
		{"decode", "/decode", ""},
		{"decode-result", "/decode", curl},
		{"notfound", "/no/such/page", ""},
	}
	sizes := []struct {
		name   string
		w, h   int64
		mobile bool
	}{{"phone", 390, 844, true}, {"desktop", 1280, 900, false}}
	for _, k := range kinds {
		for _, lang := range []string{"en", "zh-CN"} {
			for _, sz := range sizes {
				for _, scheme := range []string{"light", "dark"} {
					name := fmt.Sprintf("%s-%s-%s-%s", k.name, lang, sz.name, scheme)
					opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
					if sz.mobile {
						opts = append(opts, chromedp.EmulateMobile, chromedp.EmulatePortrait)
					}
					sep := "?"
					if strings.Contains(k.path, "?") {
						sep = "&"
					}
					steps := []chromedp.Action[chromedp.Void]{
						chromedp.EmulateViewport(sz.w, sz.h, opts...),
						chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
							_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
								Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
							return err
						}),
						chromedp.Navigate(ts.URL + k.path + sep + "lang=" + lang),
						chromedp.WaitReady(chromedp.CSS("footer")),
					}
					if k.post != "" {
						steps = append(steps,
							chromedp.Evaluate[chromedp.Void](`document.getElementById("d-body").value = `+jsString(k.post)),
							chromedp.Click(chromedp.CSS("form.decode button[type=submit]")),
							chromedp.WaitVisible(chromedp.CSS("#decode-result")),
						)
					}
					if err := chromedp.Do(ctx, steps...); err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					var m struct{ Scroll, Inner int }
					m, err := chromedp.Run(ctx, chromedp.Evaluate[struct{ Scroll, Inner int }](
						`({Scroll: document.documentElement.scrollWidth, Inner: window.innerWidth})`))
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					if m.Scroll > m.Inner {
						wide, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
							const w = window.innerWidth, out = [];
							for (const el of document.querySelectorAll("body *")) {
								const r = el.getBoundingClientRect();
								if (r.right > w + 1) out.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className ? "." + String(el.className).replace(/ /g, ".") : "") + " " + Math.round(r.right));
								if (out.length > 8) break;
							}
							return out.join(", ");
						})()`))
						t.Errorf("%s scrolls sideways: scrollWidth %d > innerWidth %d (%s)", name, m.Scroll, m.Inner, wide)
					}
					if scheme == "dark" || sz.mobile {
						// Quality 100 gives a PNG.
						png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
						if err != nil {
							t.Fatalf("%s: screenshot: %v", name, err)
						}
						if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
							t.Fatal(err)
						}
					}
					res, err := chromedp.Run(ctx, chromedp.Evaluate[string](axe+`;
						axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`, chromedp.EvalAwaitPromise))
					if err != nil {
						t.Fatalf("%s: axe: %v", name, err)
					}
					var vs []axeViolation
					if err := json.Unmarshal([]byte(res), &vs); err != nil {
						t.Fatalf("%s: axe result: %v", name, err)
					}
					for _, v := range vs {
						if v.Impact == "serious" || v.Impact == "critical" {
							var where []string
							for i, n := range v.Nodes {
								if i == 5 {
									break
								}
								where = append(where, fmt.Sprint(n.Target...))
							}
							t.Errorf("%s: axe %s (%s): %s at %s", name, v.ID, v.Impact, v.Help, strings.Join(where, "; "))
						}
					}
				}
			}
		}
	}
	t.Logf("screenshots in %s", shots)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
