package server

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/errcat/errcat/defs"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/decodecat"
	"github.com/errcat/errcat/internal/lint"
	"github.com/errcat/errcat/internal/search"
	"github.com/errcat/errcat/internal/source"
)

// snapshot is everything a request reads, built once and never changed:
// the catalog set, its search index, lint findings and a cache of rendered
// entry JSON. A reload builds a new snapshot and swaps the pointer, so a
// request sees the old catalogs or the new ones, never a mix.
//
// The search index is built after the swap, in the background (see
// store.swap): until it is ready, searches read the newest snapshot whose
// index is (store.searchable), or are refused when there is none yet.
//
// The runtime's Defs, the decoder's catalog and the lint findings are
// built on first use, once per snapshot: a look-up service over a million
// entries need not pay for them at start-up.
type snapshot struct {
	set    *catalog.Set
	loaded time.Time
	// index is set once, before the snapshot becomes searchable; indexed
	// is closed when its build ended or was given up for a newer snapshot.
	index   *search.Index
	indexed chan struct{}
	lint    *lint.Config // nil: no lint

	entryJSON sync.Map // *catalog.Entry → []byte

	regOnce  sync.Once
	reg      *defs.Registry
	decOnce  sync.Once
	dec      *decodecat.Catalog
	lintOnce sync.Once
	findings map[string][]lint.Finding // "domain\x00code" → findings
}

func newSnapshot(set *catalog.Set, lintCfg *lint.Config) *snapshot {
	return &snapshot{set: set, loaded: time.Now(), lint: lintCfg, indexed: make(chan struct{})}
}

// registry returns the runtime's Defs of the snapshot's catalogs.
func (s *snapshot) registry() *defs.Registry {
	s.regOnce.Do(func() { s.reg = defs.NewRegistry(s.set.Catalogs()...) })
	return s.reg
}

// decodeCatalog returns the decoder's view of the snapshot's catalogs.
func (s *snapshot) decodeCatalog() *decodecat.Catalog {
	s.decOnce.Do(func() { s.dec = decodecat.New(s.set) })
	return s.dec
}

// findingsFor returns the lint findings about one entry.
func (s *snapshot) findingsFor(domain, code string) []lint.Finding {
	if s.lint == nil {
		return nil
	}
	s.lintOnce.Do(func() {
		s.findings = map[string][]lint.Finding{}
		for _, f := range lint.Run(s.set.Catalogs(), *s.lint) {
			k := f.Domain + "\x00" + f.Code
			s.findings[k] = append(s.findings[k], f)
		}
	})
	return s.findings[domain+"\x00"+code]
}

// entryBytes returns the entry's JSON contract, rendered once per snapshot.
func (s *snapshot) entryBytes(d *catalog.Domain, e *catalog.Entry) []byte {
	if b, ok := s.entryJSON.Load(e); ok {
		return b.([]byte)
	}
	b, err := json.Marshal(e.JSON(d))
	if err != nil {
		// EntryJSON holds only strings, numbers and maps of strings.
		panic(fmt.Sprintf("entry %s/%s: %v", d.ID, e.Code, err))
	}
	b = append(b, '\n')
	s.entryJSON.Store(e, b)
	return b
}

// store holds the current snapshot and reloads catalog directories.
type store struct {
	cur atomic.Pointer[snapshot]
	// searchable is the newest snapshot whose search index is built; nil
	// until the first one is.
	searchable atomic.Pointer[snapshot]
	// buildIndex builds a snapshot's search index (nil: search.Build);
	// indexMu lets one build run at a time.
	buildIndex func(*catalog.Set) *search.Index
	indexMu    sync.Mutex
	builtin    []*catalog.Catalog
	dirs       []string
	// loadFile reads one catalog file.
	loadFile func(string) (*catalog.Catalog, error)
	lint     *lint.Config
	log      *slog.Logger
	onSwap   func(*snapshot, error)

	// The drop guard (see settle.go): maxDrop is the largest share of a
	// file's entries a change may drop at once (<0: none; 0: the
	// default), confirmDrop how long a larger drop must stay unchanged
	// before it is applied (0: the default); allowDrop applies it at once.
	maxDrop     float64
	confirmDrop time.Duration
	allowDrop   bool
	onHold      func()           // counts a change held back; may be nil
	now         func() time.Time // the clock; nil: time.Now

	mu    sync.Mutex            // guards files during a reload
	files map[fileKey]fileState // state of each file of dirs
}

// fileKey is a file of the catalog directory dirs[dir], as source.List
// names it. A file belongs to the directory that listed it, never to one
// whose path merely begins with the same letters.
type fileKey struct {
	dir  int
	path string
}

type fileState struct {
	at   stamp            // the file when last read; invalid when never read
	seen stamp            // the file at the previous check
	cat  *catalog.Catalog // last good parse; nil when the file never parsed
	err  string           // the last parse error, logged once
	held *held            // a change held back by the drop guard
	// overlay marks a locale overlay (DIR/i18n/*.yaml), merged into fresh
	// copies of the directory's catalogs whenever a snapshot is built;
	// data is its text as last read whole.
	overlay bool
	data    []byte
}

// withOverlays returns copies of a directory's catalogs with its locale
// overlays merged in; the cached catalogs stay as parsed, so every
// snapshot merges into pristine ones. Overlays that do not fit are logged
// and left out.
func (st *store) withOverlays(dir string, cats []*catalog.Catalog, overlays overlayFS) []*catalog.Catalog {
	fresh := make([]*catalog.Catalog, len(cats))
	for i, c := range cats {
		fresh[i] = cloneCatalog(c)
	}
	if err := source.MergeOverlaysFS(dir, overlays, fresh); err != nil {
		st.log.Error("locale overlays not merged", "dir", dir, "err", err)
	}
	return fresh
}

// load checks every catalog directory and swaps in a new snapshot when
// anything changed. It reports whether it swapped.
//
// A file is read whole or not at all, and a change that takes much away
// from a domain is held back (see settle.go). A file that fails to parse
// keeps its last good version. The first load reads every file as it is.
func (st *store) load() (bool, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.files == nil {
		st.files = map[fileKey]fileState{}
	}
	first := st.cur.Load() == nil
	now := time.Now()
	if st.now != nil {
		now = st.now()
	}
	changed := first
	listed := map[fileKey]bool{}
	var errs []error
	for i, dir := range st.dirs {
		files, err := source.List(dir)
		if err != nil {
			errs = append(errs, err)
			st.log.Error("catalog directory unreadable", "dir", dir, "err", err)
			// Keep what the directory gave before.
			for k := range st.files {
				if k.dir == i {
					listed[k] = true
				}
			}
			continue
		}
		for _, p := range files.Overlays {
			k := fileKey{i, p}
			listed[k] = true
			changed = st.checkOverlay(k, first) || changed
		}
		for _, p := range files.Catalogs {
			k := fileKey{i, p}
			listed[k] = true
			c, err := st.checkCatalog(k, first, now)
			if err != nil {
				errs = append(errs, err)
			}
			changed = c || changed
		}
	}
	for k, fs := range st.files {
		if !listed[k] {
			changed = st.checkRemoved(k, fs, now) || changed
		}
	}
	if !changed {
		return false, errors.Join(errs...)
	}
	// Directories in the order given, files by name: later ones override.
	keys := slices.SortedFunc(maps.Keys(st.files), func(a, b fileKey) int {
		return cmp.Or(cmp.Compare(a.dir, b.dir), strings.Compare(a.path, b.path))
	})
	cats := slices.Clone(st.builtin)
	for i, dir := range st.dirs {
		var dirCats []*catalog.Catalog
		overlays := overlayFS{}
		for _, k := range keys {
			if k.dir != i {
				continue
			}
			fs := st.files[k]
			if fs.overlay && fs.data != nil {
				overlays[filepath.Base(k.path)] = fs.data
			}
			if fs.cat != nil {
				dirCats = append(dirCats, fs.cat)
			}
		}
		if len(overlays) > 0 {
			dirCats = st.withOverlays(dir, dirCats, overlays)
		}
		cats = append(cats, dirCats...)
	}
	snap := newSnapshot(catalog.NewSet(cats...), st.lint)
	st.swap(snap)
	if st.onSwap != nil {
		st.onSwap(snap, errors.Join(errs...))
	}
	return true, errors.Join(errs...)
}

// swap makes snap the snapshot requests read and builds its search index
// in the background; searches keep reading the snapshot searchable was
// until the index is ready.
func (st *store) swap(snap *snapshot) {
	st.cur.Store(snap)
	go st.index(snap)
}

// index builds snap's search index and makes snap searchable, unless a
// newer snapshot took its place before the build began. After a large
// snapshot it hands the build's garbage back to the system.
func (st *store) index(snap *snapshot) {
	st.indexMu.Lock()
	defer st.indexMu.Unlock()
	defer close(snap.indexed)
	if st.cur.Load() != snap {
		return // superseded: the newer snapshot's build follows
	}
	build := st.buildIndex
	if build == nil {
		build = search.Build
	}
	start := time.Now()
	snap.index = build(snap.set)
	st.searchable.Store(snap)
	if st.log != nil {
		st.log.Info("search index built", "entries", snap.set.Len(), "duration", time.Since(start))
	}
	if snap.set.Len() >= releaseMin {
		settleMemory()
	}
}

// searchReady reports whether the current snapshot's search index is
// built.
func (st *store) searchReady() bool {
	cur := st.cur.Load()
	return cur != nil && st.searchable.Load() == cur
}

// waitSearch waits until the current snapshot's search index is built
// or ctx ends.
func (st *store) waitSearch(ctx context.Context) error {
	for {
		cur := st.cur.Load()
		if cur == nil {
			return errors.New("no snapshot loaded")
		}
		select {
		case <-cur.indexed:
		case <-ctx.Done():
			return ctx.Err()
		}
		if st.searchReady() {
			return nil
		}
		if st.cur.Load() == cur {
			// Given up although still current: cannot happen, as a
			// build is given up only for a newer snapshot.
			return errors.New("search index not built")
		}
	}
}

// ready reports whether a file that is no longer the one last read (at)
// may be read now that a check finds it as cur, having found it as prev
// at the check before: on the first load, when it is stable, or when it
// is another file than the one the check before found (renamed into
// place). When the check before found nothing, the file is compared with
// the one last read.
//
// A file's identity is its device and inode, and a file system reuses
// the inode of a file removed: a file renamed over one that is gone
// since may look like it, in which case it waits until it is stable.
func ready(first bool, at, prev, cur stamp) bool {
	last := prev
	if !last.valid() {
		last = at
	}
	return first || last.same(cur) || last.replaced(cur)
}

// settled stats path again after it was read as cur and reports whether
// it is still that; else the file was written while read and its state
// records what the second look found.
func settled(path string, cur stamp, fs *fileState) bool {
	info, err := os.Stat(path)
	if err != nil {
		fs.seen = stamp{}
		return false
	}
	if after := stampOf(info); !after.same(cur) {
		fs.seen = after
		return false
	}
	return true
}

// checkOverlay checks a locale overlay and reads it when it is ready. It
// reports whether the overlays changed.
func (st *store) checkOverlay(k fileKey, first bool) bool {
	info, err := os.Stat(k.path)
	if err != nil {
		return false
	}
	fs := st.files[k]
	defer func() { st.files[k] = fs }()
	fs.overlay = true
	cur, prev := stampOf(info), fs.seen
	fs.seen = cur
	if fs.at.same(cur) || !ready(first, fs.at, prev, cur) {
		return false
	}
	data, err := os.ReadFile(k.path)
	if !settled(k.path, cur, &fs) {
		return false
	}
	fs.at = cur
	if err != nil {
		st.log.Error("locale overlay unreadable", "file", k.path, "err", err)
		return false
	}
	fs.data = data
	return true
}

// checkCatalog checks a catalog file, reads it when it is ready and
// applies or holds back the change. It reports whether the catalogs
// changed, and why the file does not parse.
func (st *store) checkCatalog(k fileKey, first bool, now time.Time) (bool, error) {
	p := k.path
	info, err := os.Stat(p)
	if err != nil {
		return false, err
	}
	fs := st.files[k]
	defer func() { st.files[k] = fs }()
	cur, prev := stampOf(info), fs.seen
	fs.seen = cur
	if h := fs.held; h != nil {
		switch {
		case h.at.same(cur):
			if !st.allowDrop && now.Sub(h.since) < st.confirm() {
				return false, nil
			}
			st.log.Warn("held catalog change applied", h.drop.logArgs(p)...)
			fs.at, fs.cat, fs.err, fs.held = h.at, h.cat, "", nil
			return true, nil
		case h.cat == nil:
			st.log.Info("catalog file is back; its removal is no longer held", "file", p)
		default:
			st.log.Info("held catalog change withdrawn: the file changed again", "file", p)
		}
		fs.held = nil
	}
	if fs.at.same(cur) {
		return false, nil
	}
	if !ready(first, fs.at, prev, cur) {
		if !prev.same(cur) {
			st.log.Debug("catalog file changed; read once it is stable", "file", p)
		}
		return false, nil
	}
	read := fs.at.valid()
	c, err := st.loadFile(p)
	if !settled(p, cur, &fs) {
		return false, nil
	}
	if err != nil {
		fs.at, fs.err = cur, err.Error()
		if fs.cat != nil {
			st.log.Error("catalog file broken; keeping its last good version", "file", p, "err", err)
		} else {
			st.log.Error("catalog file broken; not served", "file", p, "err", err)
		}
		return false, err
	}
	if fs.cat != nil && !st.allowDrop {
		if d := dropOf(fs.cat, c); d.big(st.maxDropShare()) {
			fs.held = &held{at: cur, cat: c, since: now, drop: d}
			st.holdBack(p, d)
			return false, nil
		}
	}
	fs.at, fs.cat, fs.err = cur, c, ""
	if read {
		st.log.Info("catalog file reloaded", "file", p, "domain", c.Domain.ID, "entries", len(c.Entries))
	}
	return true, nil
}

// checkRemoved handles a file of a listed directory that is no longer
// there. It reports whether the catalogs changed.
func (st *store) checkRemoved(k fileKey, fs fileState, now time.Time) bool {
	switch {
	case fs.cat == nil && !fs.overlay:
		// Never served: nothing to take away.
		delete(st.files, k)
		return false
	case fs.overlay || st.allowDrop:
		delete(st.files, k)
		st.log.Info("catalog file removed", "file", k.path)
		return true
	}
	h := fs.held
	if h == nil || h.cat != nil {
		d := dropOf(fs.cat, nil)
		// Should the file come back, it is a new file.
		fs.held, fs.seen, fs.at = &held{since: now, drop: d}, stamp{}, stamp{}
		st.files[k] = fs
		st.holdBack(k.path, d)
		return false
	}
	if now.Sub(h.since) < st.confirm() {
		return false
	}
	delete(st.files, k)
	st.log.Warn("held catalog change applied", h.drop.logArgs(k.path)...)
	return true
}

// holdBack counts and logs a change held back.
func (st *store) holdBack(file string, d drop) {
	if st.onHold != nil {
		st.onHold()
	}
	args := append(d.logArgs(file), "applied_if_unchanged_for", st.confirm().String(), "allow", "errcat serve --allow-drop")
	st.log.Warn("catalog change held back", args...)
}

func (st *store) maxDropShare() float64 {
	if st.maxDrop == 0 {
		return defaultMaxDrop
	}
	return st.maxDrop
}

func (st *store) confirm() time.Duration {
	if st.confirmDrop <= 0 {
		return defaultConfirmDrop
	}
	return st.confirmDrop
}

// releaseMin is the number of entries from which a reload hands the
// memory its build used back to the system at once.
const releaseMin = 100_000

// settleMemory runs after a large snapshot is in place. Building it left
// the heap far above what it keeps: give that back to the system now
// rather than slowly, and, unless GOMEMLIMIT says otherwise, keep the heap
// near what it holds instead of letting it double before each collection.
func settleMemory() {
	debug.FreeOSMemory()
	if _, set := os.LookupEnv("GOMEMLIMIT"); set {
		return
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	debug.SetMemoryLimit(int64(ms.HeapAlloc + ms.HeapAlloc/6 + 64<<20))
}

// watch reloads every interval until ctx ends.
func (st *store) watch(ctx context.Context, every time.Duration) {
	if len(st.dirs) == 0 || every <= 0 {
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			_, _ = st.load()
		}
	}
}
