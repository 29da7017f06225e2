package server

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/source"
)

// entryMessage returns the English message of an entry, or "" and the
// status when it is not served.
func entryMessage(tb testing.TB, ts *httptest.Server, domain, code string) (string, int) {
	tb.Helper()
	r := do(tb, ts, "GET", "/v1/domains/"+domain+"/errors/"+code, nil, nil)
	if r.status != 200 {
		return "", r.status
	}
	var e struct{ Message map[string]string }
	if err := json.Unmarshal(r.body, &e); err != nil {
		tb.Fatal(err)
	}
	return e.Message["en"], r.status
}

// TestHalfWrittenFileIsNeverServed: a catalog file truncated and written
// again in two parts, with checks in the pause between them, is served as
// it was until the second part is in, and then whole.
func TestHalfWrittenFileIsNeverServed(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "half.yaml")
	t0 := time.Now().Add(-time.Hour)
	v1 := catalogYAML("half.test", 300)
	writeCatalog(t, file, v1, t0)
	s, ts := newReloadServer(t, dir, &syncBuffer{}, -1)
	v2 := strings.ReplaceAll(v1, "Version 300,", "Version two,")
	cut := strings.Index(v2, "  - code: C150\n")
	if cut < 0 {
		t.Fatal("no entry C150")
	}
	served := func(step, version string) {
		t.Helper()
		if got := domainCount(t, ts, "half.test"); got != 300 {
			t.Errorf("%s: half.test has %d entries, want 300", step, got)
		}
		msg, status := entryMessage(t, ts, "half.test", "C299")
		if want := "Version " + version + ", code 299."; msg != want {
			t.Errorf("%s: C299 = %d %q, want %q", step, status, msg, want)
		}
	}

	f, err := os.OpenFile(file, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	write := func(part string, mod time.Time) {
		t.Helper()
		if _, err := f.WriteString(part); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(file, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	write(v2[:cut], t0.Add(time.Minute))
	for i := range 3 { // the pause
		if _, err := s.Reload(); err != nil {
			t.Fatal(err)
		}
		served(fmt.Sprintf("in the pause, check %d", i+1), "300")
	}
	write(v2[cut:], t0.Add(2*time.Minute))
	swapped := false
	for range 2 {
		sw, err := s.Reload()
		if err != nil {
			t.Fatal(err)
		}
		swapped = swapped || sw
	}
	if !swapped {
		t.Error("the whole file was not swapped in within two checks")
	}
	served("whole", "two")
}

// fakeClock is a clock that moves when told.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock(t time.Time) *fakeClock { return &fakeClock{t: t} }

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// guarded is an error center over one catalog directory, with a clock of
// its own and its debug log.
type guarded struct {
	s     *Server
	ts    *httptest.Server
	logs  *syncBuffer
	clock *fakeClock
}

func newGuarded(tb testing.TB, dir string, cfg Config) *guarded {
	tb.Helper()
	g := &guarded{logs: &syncBuffer{}, clock: newFakeClock(time.Now())}
	cfg.Dirs, cfg.Reload = []string{dir}, -1
	cfg.Logger = slog.New(slog.NewJSONHandler(g.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	s.st.now = g.clock.now
	g.s, g.ts = s, httptest.NewServer(s)
	tb.Cleanup(g.ts.Close)
	return g
}

// reload checks the directory once and reports whether it swapped.
func (g *guarded) reload(tb testing.TB) bool {
	tb.Helper()
	swapped, err := g.s.Reload()
	if err != nil {
		tb.Fatal(err)
	}
	return swapped
}

// counts returns the entries served of each domain (-1: not served).
func (g *guarded) counts(tb testing.TB, domains ...string) map[string]int {
	tb.Helper()
	m := map[string]int{}
	for _, d := range domains {
		m[d] = domainCount(tb, g.ts, d)
	}
	return m
}

// logged returns the log records with message msg.
func (g *guarded) logged(tb testing.TB, msg string) []map[string]any {
	tb.Helper()
	var out []map[string]any
	for line := range strings.Lines(g.logs.String()) {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			tb.Fatalf("log line %q: %v", line, err)
		}
		if rec["msg"] == msg {
			delete(rec, "time")
			out = append(out, rec)
		}
	}
	return out
}

// heldCount returns errcat_catalog_reloads_held_total.
func (g *guarded) heldCount(tb testing.TB) float64 {
	tb.Helper()
	mfs, err := g.s.Registry().Gather()
	if err != nil {
		tb.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == "errcat_catalog_reloads_held_total" {
			return mf.GetMetric()[0].GetCounter().GetValue()
		}
	}
	tb.Fatal("no errcat_catalog_reloads_held_total")
	return 0
}

// writeRenamed writes data beside path and renames it over path, as
// careful writers do.
func writeRenamed(tb testing.TB, path, data string, mod time.Time) {
	tb.Helper()
	tmp := path + ".tmp"
	writeCatalog(tb, tmp, data, mod)
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
}

// TestRenamedFileIsReadAtOnce: a file renamed over a catalog file is read
// at the first check that finds it; a new file waits one more check,
// since nothing tells a renamed new file from one being written.
func TestRenamedFileIsReadAtOnce(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.yaml")
	t0 := time.Now().Add(-time.Hour)
	writeCatalog(t, file, catalogYAML("a.test", 3), t0)
	g := newGuarded(t, dir, Config{})

	writeRenamed(t, file, catalogYAML("a.test", 4), t0.Add(time.Minute))
	if !g.reload(t) {
		t.Error("the renamed file was not swapped in at the first check")
	}
	writeRenamed(t, filepath.Join(dir, "b.yaml"), catalogYAML("b.test", 2), t0)
	if g.reload(t) {
		t.Error("a new file was swapped in at the first check")
	}
	if !g.reload(t) {
		t.Error("a new file was not swapped in at the second check")
	}
	if diff := cmp.Diff(map[string]int{"a.test": 4, "b.test": 2}, g.counts(t, "a.test", "b.test")); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if g.heldCount(t) != 0 {
		t.Errorf("held back %v changes, want none", g.heldCount(t))
	}
}

// TestBigDropIsHeldBack: a change that drops more than a quarter of a
// domain's entries is held back, logged and counted, and applied once the
// file has stayed as it is for 30s.
func TestBigDropIsHeldBack(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.yaml")
	t0 := time.Now().Add(-time.Hour)
	writeCatalog(t, file, catalogYAML("a.test", 300), t0)
	g := newGuarded(t, dir, Config{})

	writeRenamed(t, file, catalogYAML("a.test", 100), t0.Add(time.Minute))
	for i, wait := range []time.Duration{0, 29 * time.Second} {
		g.clock.advance(wait)
		if g.reload(t) {
			t.Errorf("check %d: the drop was swapped in", i+1)
		}
		if got := domainCount(t, g.ts, "a.test"); got != 300 {
			t.Errorf("check %d: a.test has %d entries, want 300", i+1, got)
		}
	}
	want := []map[string]any{{
		"level": "WARN", "msg": "catalog change held back", "reason": "the file drops 200 of the domain's 300 entries",
		"file": file, "domain": "a.test", "entries_before": 300.0, "entries_after": 100.0,
		"applied_if_unchanged_for": "30s", "allow": "errcat serve --allow-drop",
	}}
	if diff := cmp.Diff(want, g.logged(t, "catalog change held back")); diff != "" {
		t.Errorf("log (-want +got):\n%s", diff)
	}
	if got := g.heldCount(t); got != 1 {
		t.Errorf("held back %v changes, want 1", got)
	}
	g.clock.advance(time.Second)
	if !g.reload(t) {
		t.Error("the drop was not applied after 30s")
	}
	if got := domainCount(t, g.ts, "a.test"); got != 100 {
		t.Errorf("a.test has %d entries, want 100", got)
	}
	if got := len(g.logged(t, "held catalog change applied")); got != 1 {
		t.Errorf("%d logs of the change applied, want 1:\n%s", got, g.logs.String())
	}
}

// TestHeldChangeWithdrawn: a held change is forgotten when the file
// changes again; the new version goes through the rules afresh.
func TestHeldChangeWithdrawn(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.yaml")
	t0 := time.Now().Add(-time.Hour)
	writeCatalog(t, file, catalogYAML("a.test", 300), t0)
	g := newGuarded(t, dir, Config{})

	writeRenamed(t, file, catalogYAML("a.test", 10), t0.Add(time.Minute))
	if g.reload(t) {
		t.Fatal("the drop was swapped in")
	}
	writeRenamed(t, file, catalogYAML("a.test", 290), t0.Add(2*time.Minute))
	if !g.reload(t) {
		t.Error("the new version was not swapped in")
	}
	g.clock.advance(time.Minute)
	if g.reload(t) {
		t.Error("a later check swapped again")
	}
	if got := domainCount(t, g.ts, "a.test"); got != 290 {
		t.Errorf("a.test has %d entries, want 290", got)
	}
	if got := len(g.logged(t, "held catalog change withdrawn: the file changed again")); got != 1 {
		t.Errorf("%d logs of the change withdrawn, want 1:\n%s", got, g.logs.String())
	}
}

// TestAllowDrop: with AllowDrop, drops and removals are applied at once.
func TestAllowDrop(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.yaml")
	t0 := time.Now().Add(-time.Hour)
	writeCatalog(t, file, catalogYAML("a.test", 300), t0)
	writeCatalog(t, filepath.Join(dir, "b.yaml"), catalogYAML("b.test", 1), t0)
	g := newGuarded(t, dir, Config{AllowDrop: true})

	writeRenamed(t, file, catalogYAML("a.test", 1), t0.Add(time.Minute))
	if !g.reload(t) {
		t.Error("the drop was not swapped in at once")
	}
	if got := domainCount(t, g.ts, "a.test"); got != 1 {
		t.Errorf("a.test has %d entries, want 1", got)
	}
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	if !g.reload(t) {
		t.Error("the removal was not swapped in at once")
	}
	if got := domainCount(t, g.ts, "a.test"); got != -1 {
		t.Errorf("a.test has %d entries, want none", got)
	}
	if got := g.heldCount(t); got != 0 {
		t.Errorf("held back %v changes, want none", got)
	}
}

// TestMaxDrop: MaxDrop sets the share of entries a change may drop.
func TestMaxDrop(t *testing.T) {
	tests := []struct {
		maxDrop float64
		after   int // of 100 entries
		held    bool
	}{
		{0, 75, false}, // the default, a quarter
		{0, 74, true},
		{0.5, 50, false},
		{0.5, 49, true},
		{1, 0 + 1, false},
		{-1, 99, true}, // any drop
		{-1, 100, false},
		{-1, 101, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%v/%d", tt.maxDrop, tt.after), func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "a.yaml")
			t0 := time.Now().Add(-time.Hour)
			writeCatalog(t, file, catalogYAML("a.test", 100), t0)
			g := newGuarded(t, dir, Config{MaxDrop: tt.maxDrop})
			writeRenamed(t, file, catalogYAML("a.test", tt.after), t0.Add(time.Minute))
			g.reload(t)
			want := tt.after
			if tt.held {
				want = 100
			}
			if got := domainCount(t, g.ts, "a.test"); got != want {
				t.Errorf("a.test has %d entries, want %d", got, want)
			}
		})
	}
}

// TestRemovedFileIsHeldBack: a removed file's domain stays until the file
// has been gone for 30s; a file that comes back is served as it is then.
func TestRemovedFileIsHeldBack(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.yaml")
	t0 := time.Now().Add(-time.Hour)
	writeCatalog(t, file, catalogYAML("a.test", 3), t0)
	writeCatalog(t, filepath.Join(dir, "b.yaml"), catalogYAML("b.test", 2), t0)
	g := newGuarded(t, dir, Config{})
	both := func(a int) map[string]int { return map[string]int{"a.test": a, "b.test": 2} }

	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	if g.reload(t) {
		t.Error("the removal was swapped in at once")
	}
	if diff := cmp.Diff(both(3), g.counts(t, "a.test", "b.test")); diff != "" {
		t.Errorf("entries while the removal is held (-want +got):\n%s", diff)
	}
	want := []map[string]any{{
		"level": "WARN", "msg": "catalog change held back", "reason": "the file is gone",
		"file": file, "domain": "a.test", "entries_before": 3.0, "entries_after": 0.0,
		"applied_if_unchanged_for": "30s", "allow": "errcat serve --allow-drop",
	}}
	if diff := cmp.Diff(want, g.logged(t, "catalog change held back")); diff != "" {
		t.Errorf("log (-want +got):\n%s", diff)
	}

	// It comes back: a new file, read once it is stable.
	g.clock.advance(20 * time.Second)
	writeRenamed(t, file, catalogYAML("a.test", 4), t0.Add(time.Minute))
	if g.reload(t) {
		t.Error("the file back was swapped in at the first check")
	}
	if !g.reload(t) {
		t.Error("the file back was not swapped in at the second check")
	}
	g.clock.advance(time.Minute)
	if g.reload(t) {
		t.Error("a later check swapped again")
	}
	if diff := cmp.Diff(both(4), g.counts(t, "a.test", "b.test")); diff != "" {
		t.Errorf("entries after the file came back (-want +got):\n%s", diff)
	}

	// Gone for good.
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	g.reload(t)
	g.clock.advance(29 * time.Second)
	if g.reload(t) {
		t.Error("the removal was swapped in before 30s")
	}
	g.clock.advance(time.Second)
	if !g.reload(t) {
		t.Error("the removal was not swapped in after 30s")
	}
	if diff := cmp.Diff(both(-1), g.counts(t, "a.test", "b.test")); diff != "" {
		t.Errorf("entries after the removal (-want +got):\n%s", diff)
	}
	if got := g.heldCount(t); got != 2 {
		t.Errorf("held back %v changes, want 2", got)
	}
}

// TestDomainChangeIsHeldBack: a file that now holds another domain takes
// its old domain away, and is held back like a removal.
func TestDomainChangeIsHeldBack(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.yaml")
	t0 := time.Now().Add(-time.Hour)
	writeCatalog(t, file, catalogYAML("a.test", 3), t0)
	g := newGuarded(t, dir, Config{})

	writeRenamed(t, file, catalogYAML("c.test", 5), t0.Add(time.Minute))
	if g.reload(t) {
		t.Error("the change of domain was swapped in at once")
	}
	if diff := cmp.Diff(map[string]int{"a.test": 3, "c.test": -1}, g.counts(t, "a.test", "c.test")); diff != "" {
		t.Errorf("entries while held (-want +got):\n%s", diff)
	}
	recs := g.logged(t, "catalog change held back")
	if len(recs) != 1 || recs[0]["new_domain"] != "c.test" || recs[0]["reason"] != "the file now holds domain c.test instead" {
		t.Errorf("held-back log = %v", recs)
	}
	g.clock.advance(30 * time.Second)
	if !g.reload(t) {
		t.Error("the change of domain was not applied after 30s")
	}
	if diff := cmp.Diff(map[string]int{"a.test": -1, "c.test": 5}, g.counts(t, "a.test", "c.test")); diff != "" {
		t.Errorf("entries after (-want +got):\n%s", diff)
	}
}

// TestOverlayDirectoryReadsWholeFiles: in a directory with locale
// overlays, a snapshot built while a catalog file is being written serves
// that file's last version read whole, with its overlay; an overlay
// written in place is merged once it is stable.
func TestOverlayDirectoryReadsWholeFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "i18n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t0 := time.Now().Add(-time.Hour)
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	overlay := filepath.Join(dir, "i18n", "a.test.zh-CN.yaml")
	zh := func(msg string) string {
		return "domain: a.test\nlocale: zh-CN\norigin: translated\nentries:\n  - code: C299\n    message: " + msg + "\n"
	}
	v1 := catalogYAML("a.test", 300)
	writeCatalog(t, a, v1, t0)
	writeCatalog(t, b, catalogYAML("b.test", 2), t0)
	writeCatalog(t, overlay, zh("版本一。"), t0)
	g := newGuarded(t, dir, Config{})
	c299 := func() (en, zhCN string) {
		t.Helper()
		var e struct{ Message map[string]string }
		r := do(t, g.ts, "GET", "/v1/domains/a.test/errors/C299", nil, nil)
		if r.status != 200 {
			t.Fatalf("C299: %d", r.status)
		}
		if err := json.Unmarshal(r.body, &e); err != nil {
			t.Fatal(err)
		}
		return e.Message["en"], e.Message["zh-CN"]
	}
	if en, zhCN := c299(); en != "Version 300, code 299." || zhCN != "版本一。" {
		t.Fatalf("C299 = %q, %q at the start", en, zhCN)
	}

	// a.yaml is half written when b.yaml is renamed into place.
	v2 := strings.ReplaceAll(v1, "Version 300,", "Version two,")
	if err := os.WriteFile(a, []byte(v2[:strings.Index(v2, "  - code: C150\n")]), 0o644); err != nil {
		t.Fatal(err)
	}
	writeRenamed(t, b, catalogYAML("b.test", 3), t0.Add(time.Minute))
	if !g.reload(t) {
		t.Fatal("b.yaml was not swapped in")
	}
	if diff := cmp.Diff(map[string]int{"a.test": 300, "b.test": 3}, g.counts(t, "a.test", "b.test")); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if en, zhCN := c299(); en != "Version 300, code 299." || zhCN != "版本一。" {
		t.Errorf("C299 = %q, %q while a.yaml is written", en, zhCN)
	}
	writeCatalog(t, a, v2, t0.Add(2*time.Minute))
	g.reload(t)
	if !g.reload(t) {
		t.Fatal("a.yaml was not swapped in once whole")
	}
	if en, zhCN := c299(); en != "Version two, code 299." || zhCN != "版本一。" {
		t.Errorf("C299 = %q, %q after a.yaml changed", en, zhCN)
	}

	writeCatalog(t, overlay, zh("版本二。"), t0.Add(3*time.Minute))
	if g.reload(t) {
		t.Error("the overlay was merged at the first check")
	}
	if !g.reload(t) {
		t.Error("the overlay was not merged at the second check")
	}
	if _, zhCN := c299(); zhCN != "版本二。" {
		t.Errorf("C299 zh-CN = %q, want the overlay's new text", zhCN)
	}
	if recs := g.logged(t, "locale overlays not merged"); len(recs) > 0 {
		t.Errorf("overlays not merged: %v", recs)
	}
}

// TestCloneCatalog: a catalog's copy is equal to it, and merging an
// overlay into the copy leaves the catalog as it was.
func TestCloneCatalog(t *testing.T) {
	load := func() *catalog.Catalog {
		c, err := source.LoadFile("../../catalogs/huaweicloud.css.yaml")
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c, pristine := load(), load()
	cp := cloneCatalog(c)
	if diff := cmp.Diff(c, cp); diff != "" {
		t.Fatalf("copy (-catalog +copy):\n%s", diff)
	}
	const overlay = "../../catalogs/i18n/huaweicloud.css.zh-CN.yaml"
	data, err := os.ReadFile(overlay)
	if err != nil {
		t.Fatal(err)
	}
	o, err := catalog.ParseOverlay(overlay, data)
	if err != nil {
		t.Fatal(err)
	}
	if err := catalog.MergeOverlay(cp, o); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(pristine, c); diff != "" {
		t.Errorf("the catalog changed with its copy (-before +after):\n%s", diff)
	}
	if cmp.Equal(pristine, cp) {
		t.Error("the overlay did not change the copy")
	}
}

// TestFileWrittenWhileRead: what was read of a file that changed while it
// was read is not served; the file is read again once it is stable.
func TestFileWrittenWhileRead(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.yaml")
	t0 := time.Now().Add(-time.Hour)
	writeCatalog(t, file, catalogYAML("a.test", 3), t0)
	var interfere func()
	load := func(p string) (*catalog.Catalog, error) {
		c, err := source.LoadFile(p)
		if interfere != nil {
			interfere()
			interfere = nil
		}
		return c, err
	}
	g := newGuarded(t, dir, Config{LoadFile: load})

	writeRenamed(t, file, catalogYAML("a.test", 4), t0.Add(time.Minute))
	interfere = func() { writeCatalog(t, file, catalogYAML("a.test", 5), t0.Add(2*time.Minute)) }
	if g.reload(t) {
		t.Error("what was read while the file changed was swapped in")
	}
	if got := domainCount(t, g.ts, "a.test"); got != 3 {
		t.Errorf("a.test has %d entries, want 3", got)
	}
	if !g.reload(t) {
		t.Error("the file was not swapped in once stable")
	}
	if got := domainCount(t, g.ts, "a.test"); got != 5 {
		t.Errorf("a.test has %d entries, want 5", got)
	}
}
