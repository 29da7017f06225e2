package server

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/source"
)

// catalogYAML is a one-domain catalog with codes C0 … C(n-1).
func catalogYAML(id string, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "domain:\n  id: %s\n  name: Reload test\n  locales: [en]\n  wire_format: problem\n  code_kind: string\nentries:\n", id)
	for i := range n {
		fmt.Fprintf(&b, "  - code: C%d\n    http_status: 400\n    category: invalid_argument\n    message: {en: \"Version %d, code %d.\"}\n", i, n, i)
	}
	return b.String()
}

// writeCatalog writes data to path with a modification time that differs
// from the last one, whatever the file system's time resolution.
func writeCatalog(tb testing.TB, path, data string, mod time.Time) {
	tb.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.Chtimes(path, mod, mod); err != nil {
		tb.Fatal(err)
	}
}

func newReloadServer(tb testing.TB, dir string, logs *syncBuffer, reload time.Duration) (*Server, *httptest.Server) {
	tb.Helper()
	builtin, err := source.Builtin()
	if err != nil {
		tb.Fatal(err)
	}
	s, err := New(Config{Builtin: builtin, Dirs: []string{dir}, Reload: reload, Logger: slog.New(slog.NewJSONHandler(logs, nil))})
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewServer(s)
	tb.Cleanup(ts.Close)
	return s, ts
}

func domainCount(tb testing.TB, ts *httptest.Server, id string) int {
	tb.Helper()
	var got struct{ Domains []catalog.DomainJSON }
	if err := json.Unmarshal(do(tb, ts, "GET", "/v1/domains", nil, nil).body, &got); err != nil {
		tb.Fatal(err)
	}
	for _, d := range got.Domains {
		if d.ID == id {
			return d.Entries
		}
	}
	return -1
}

func TestReload(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "reload.test.yaml")
	t0 := time.Now().Add(-time.Hour)
	writeCatalog(t, file, catalogYAML("reload.test", 2), t0)
	logs := &syncBuffer{}
	s, ts := newReloadServer(t, dir, logs, -1)
	clock := newFakeClock(t0)
	s.st.now = clock.now

	// A file written in place is read at the second check that finds it
	// unchanged (wait); a removal is held back until it has lasted 30s.
	steps := []struct {
		name    string
		do      func()
		wait    func() // nil: the first check applies the change
		swapped bool
		wantErr bool
		count   int // entries of reload.test; -1 when absent
		log     string
	}{
		{"initial", func() {}, nil, false, false, 2, ""},
		{"unchanged", func() {}, nil, false, false, 2, ""},
		{"grown", func() { writeCatalog(t, file, catalogYAML("reload.test", 3), t0.Add(time.Minute)) }, func() {}, true, false, 3, "catalog file reloaded"},
		{"broken keeps last good", func() { writeCatalog(t, file, "domain: [\n", t0.Add(2*time.Minute)) }, func() {}, false, true, 3, "keeping its last good version"},
		{"fixed", func() { writeCatalog(t, file, catalogYAML("reload.test", 4), t0.Add(3*time.Minute)) }, func() {}, true, false, 4, ""},
		{"invalid entry keeps last good", func() {
			writeCatalog(t, file, strings.Replace(catalogYAML("reload.test", 5), "invalid_argument", "no_such_category", 1), t0.Add(4*time.Minute))
		}, func() {}, false, true, 4, "reload.test.yaml:"},
		{"removed", func() { _ = os.Remove(file) }, func() { clock.advance(30 * time.Second) }, true, false, -1, "held catalog change applied"},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.do()
			if st.wait != nil {
				if swapped, err := s.Reload(); swapped || err != nil {
					t.Errorf("first Reload() = %v, %v; want nothing done yet", swapped, err)
				}
				if got := domainCount(t, ts, "reload.test"); got == st.count && st.swapped {
					t.Errorf("reload.test has %d entries before the change is due", got)
				}
				st.wait()
			}
			if st.name != "initial" {
				swapped, err := s.Reload()
				if swapped != st.swapped || (err != nil) != st.wantErr {
					t.Errorf("Reload() = %v, %v; want swapped %v, error %v", swapped, err, st.swapped, st.wantErr)
				}
			}
			if got := domainCount(t, ts, "reload.test"); got != st.count {
				t.Errorf("reload.test has %d entries, want %d", got, st.count)
			}
			if st.log != "" && !strings.Contains(logs.String(), st.log) {
				t.Errorf("log lacks %q:\n%s", st.log, logs.String())
			}
		})
	}
}

func TestDirectoryOverridesBuiltin(t *testing.T) {
	dir := t.TempDir()
	writeCatalog(t, filepath.Join(dir, "css.yaml"), catalogYAML("huaweicloud.css", 1), time.Now())
	_, ts := newReloadServer(t, dir, &syncBuffer{}, -1)
	if got := domainCount(t, ts, "huaweicloud.css"); got != 1 {
		t.Errorf("huaweicloud.css has %d entries, want the directory's 1", got)
	}
	if got := domainCount(t, ts, "zilliz.cloud"); got <= 0 {
		t.Errorf("built-in zilliz.cloud missing")
	}
}

// TestReloadIsAtomic: while the catalog flips between versions, every
// answer is wholly one version.
func TestReloadIsAtomic(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "flip.yaml")
	t0 := time.Now().Add(-time.Hour)
	writeCatalog(t, file, catalogYAML("flip.test", 3), t0)
	s, ts := newReloadServer(t, dir, &syncBuffer{}, -1)
	s.st.allowDrop = true // 7 entries to 3 is a large drop

	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				var page struct {
					Total   int `json:"total"`
					Entries []struct {
						Message map[string]string `json:"message"`
					} `json:"entries"`
				}
				r := do(t, ts, "GET", "/v1/domains/flip.test/errors", nil, nil)
				if err := json.Unmarshal(r.body, &page); err != nil {
					errs <- err.Error()
					return
				}
				for _, e := range page.Entries {
					if want := fmt.Sprintf("Version %d,", page.Total); !strings.HasPrefix(e.Message["en"], want) {
						errs <- fmt.Sprintf("total %d but message %q", page.Total, e.Message["en"])
						return
					}
				}
			}
		}()
	}
	for i := range 30 {
		writeCatalog(t, file, catalogYAML("flip.test", 3+i%2*4), t0.Add(time.Duration(i+1)*time.Minute))
		// The second check finds the file stable and swaps it in.
		for range 2 {
			if _, err := s.Reload(); err != nil {
				t.Fatal(err)
			}
		}
		if got, want := domainCount(t, ts, "flip.test"), 3+i%2*4; got != want {
			t.Fatalf("version %d: flip.test has %d entries, want %d", i, got, want)
		}
	}
	cancel()
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestWatch(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "watch.yaml")
	t0 := time.Now().Add(-time.Hour)
	writeCatalog(t, file, catalogYAML("watch.test", 1), t0)
	s, ts := newReloadServer(t, dir, &syncBuffer{}, 20*time.Millisecond)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Watch(ctx)
	writeCatalog(t, file, catalogYAML("watch.test", 2), t0.Add(time.Minute))
	deadline := time.Now().Add(5 * time.Second)
	for domainCount(t, ts, "watch.test") != 2 {
		if time.Now().After(deadline) {
			t.Fatal("the change was not picked up within 5s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestRunShutsDownGracefully(t *testing.T) {
	builtin, err := source.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Builtin: builtin})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("healthz: %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v, want nil after a graceful shutdown", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
}

// TestOverlays: a catalog directory's i18n overlays are merged, again
// after every reload, and a change to an overlay alone is picked up.
func TestOverlays(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "i18n"), 0o755); err != nil {
		t.Fatal(err)
	}
	copyFile := func(from, to string, mod time.Time) {
		t.Helper()
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		writeCatalog(t, to, string(b), mod)
	}
	t0 := time.Now().Add(-time.Hour)
	copyFile("../../catalogs/huaweicloud.css.yaml", filepath.Join(dir, "huaweicloud.css.yaml"), t0)
	overlay := filepath.Join(dir, "i18n", "huaweicloud.css.zh-CN.yaml")
	copyFile("../../catalogs/i18n/huaweicloud.css.zh-CN.yaml", overlay, t0)
	logs := &syncBuffer{}
	s, err := New(Config{Dirs: []string{dir}, Reload: -1, Logger: slog.New(slog.NewJSONHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	zh := func() string {
		t.Helper()
		var e struct{ Message map[string]string }
		if err := json.Unmarshal(do(t, ts, "GET", "/v1/domains/huaweicloud.css/errors/CSS.0001", nil, nil).body, &e); err != nil {
			t.Fatal(err)
		}
		return e.Message["zh-CN"]
	}
	first := zh()
	if first == "" {
		t.Fatalf("no zh-CN message from the overlay; log:\n%s", logs.String())
	}
	// The catalog changes: the overlay is merged into the new version.
	copyFile("../../catalogs/huaweicloud.css.yaml", filepath.Join(dir, "huaweicloud.css.yaml"), t0.Add(time.Minute))
	// Files written in place are read at the second check.
	if swapped, err := s.Reload(); swapped || err != nil {
		t.Fatalf("first Reload() = %v, %v; want nothing done yet", swapped, err)
	}
	if swapped, err := s.Reload(); !swapped || err != nil {
		t.Fatalf("Reload() = %v, %v", swapped, err)
	}
	if got := zh(); got != first {
		t.Errorf("after reloading the catalog zh-CN = %q, want %q", got, first)
	}
	// Only the overlay changes.
	b, _ := os.ReadFile(overlay)
	writeCatalog(t, overlay, strings.Replace(string(b), first, "参数错误（已修改）。", 1), t0.Add(2*time.Minute))
	if swapped, err := s.Reload(); swapped || err != nil {
		t.Fatalf("first Reload() after the overlay changed = %v, %v; want nothing done yet", swapped, err)
	}
	if swapped, err := s.Reload(); !swapped || err != nil {
		t.Fatalf("Reload() after the overlay changed = %v, %v", swapped, err)
	}
	if got := zh(); got != "参数错误（已修改）。" {
		t.Errorf("zh-CN = %q, want the overlay's new text; log:\n%s", got, logs.String())
	}
	if strings.Contains(logs.String(), "not merged") {
		t.Errorf("overlay problems logged:\n%s", logs.String())
	}
}
