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
// The runtime's Defs, the decoder's catalog and the lint findings are
// built on first use, once per snapshot: a look-up service over a million
// entries need not pay for them at start-up.
type snapshot struct {
	set    *catalog.Set
	index  *search.Index
	loaded time.Time
	lint   *lint.Config // nil: no lint

	entryJSON sync.Map // *catalog.Entry → []byte

	regOnce  sync.Once
	reg      *defs.Registry
	decOnce  sync.Once
	dec      *decodecat.Catalog
	lintOnce sync.Once
	findings map[string][]lint.Finding // "domain\x00code" → findings
}

func newSnapshot(set *catalog.Set, lintCfg *lint.Config) *snapshot {
	return &snapshot{set: set, index: search.Build(set), loaded: time.Now(), lint: lintCfg}
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
	cur     atomic.Pointer[snapshot]
	builtin []*catalog.Catalog
	dirs    []string
	// loadFile reads one catalog file.
	loadFile func(string) (*catalog.Catalog, error)
	lint     *lint.Config
	log      *slog.Logger
	onSwap   func(*snapshot, error)

	mu    sync.Mutex            // guards files during a reload
	files map[fileKey]fileState // last good state of each file of dirs
}

// fileKey is a file of the catalog directory dirs[dir], as source.List
// names it. A file belongs to the directory that listed it, never to one
// whose path merely begins with the same letters.
type fileKey struct {
	dir  int
	path string
}

type fileState struct {
	mod  time.Time
	size int64
	cat  *catalog.Catalog // last good parse; nil when the file never parsed
	err  string           // the last parse error, logged once
	// overlay marks a locale overlay (DIR/i18n/*.yaml), merged into fresh
	// copies of the directory's catalogs whenever a snapshot is built.
	overlay bool
}

// withOverlays returns fresh copies of a directory's catalogs with the
// locale overlays of DIR/i18n merged in; the cached catalogs stay as
// parsed, so every snapshot merges into pristine ones. Overlays that do
// not fit are logged and left out.
func (st *store) withOverlays(dir string, cats []*catalog.Catalog) []*catalog.Catalog {
	fresh := make([]*catalog.Catalog, 0, len(cats))
	var stale []*catalog.Catalog
	for _, c := range cats {
		f, err := st.loadFile(c.File)
		if err != nil {
			// The file broke after its last good parse: serve that one,
			// without overlays, which must not touch the cached copy.
			stale = append(stale, c)
			continue
		}
		fresh = append(fresh, f)
	}
	if err := source.MergeOverlays(dir, fresh); err != nil {
		st.log.Error("locale overlays not merged", "dir", dir, "err", err)
	}
	return append(fresh, stale...)
}

// load reads every catalog directory, keeps the last good version of a
// file that fails to parse, and swaps in a new snapshot when anything
// changed. It reports whether it swapped.
func (st *store) load() (bool, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.files == nil {
		st.files = map[fileKey]fileState{}
	}
	changed := st.cur.Load() == nil
	seen := map[fileKey]bool{}
	var errs []error
	for i, dir := range st.dirs {
		files, err := source.List(dir)
		if err != nil {
			errs = append(errs, err)
			st.log.Error("catalog directory unreadable", "dir", dir, "err", err)
			// Keep what the directory gave before.
			for k := range st.files {
				if k.dir == i {
					seen[k] = true
				}
			}
			continue
		}
		for _, p := range files.Overlays {
			// Locale overlays are read when the snapshot is built.
			k := fileKey{i, p}
			seen[k] = true
			info, err := os.Stat(p)
			if err != nil {
				continue
			}
			if old, had := st.files[k]; !had || !old.mod.Equal(info.ModTime()) || old.size != info.Size() {
				st.files[k] = fileState{mod: info.ModTime(), size: info.Size(), overlay: true}
				changed = true
			}
		}
		for _, p := range files.Catalogs {
			k := fileKey{i, p}
			seen[k] = true
			info, err := os.Stat(p)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			old, had := st.files[k]
			if had && old.mod.Equal(info.ModTime()) && old.size == info.Size() {
				continue
			}
			c, err := st.loadFile(p)
			next := fileState{mod: info.ModTime(), size: info.Size(), cat: old.cat}
			if err != nil {
				next.err = err.Error()
				errs = append(errs, err)
				if old.cat != nil {
					st.log.Error("catalog file broken; keeping its last good version", "file", p, "err", err)
				} else {
					st.log.Error("catalog file broken; not served", "file", p, "err", err)
				}
			} else {
				next.cat = c
				changed = true
				if had {
					st.log.Info("catalog file reloaded", "file", p, "domain", c.Domain.ID, "entries", len(c.Entries))
				}
			}
			st.files[k] = next
		}
	}
	for k, fs := range st.files {
		if !seen[k] {
			delete(st.files, k)
			if fs.cat != nil || fs.overlay {
				changed = true
				st.log.Info("catalog file removed", "file", k.path)
			}
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
		overlays := false
		for _, k := range keys {
			if k.dir != i {
				continue
			}
			fs := st.files[k]
			overlays = overlays || fs.overlay
			if fs.cat != nil {
				dirCats = append(dirCats, fs.cat)
			}
		}
		if overlays {
			dirCats = st.withOverlays(dir, dirCats)
		}
		cats = append(cats, dirCats...)
	}
	snap := newSnapshot(catalog.NewSet(cats...), st.lint)
	st.cur.Store(snap)
	if snap.set.Len() >= releaseMin {
		go settleMemory()
	}
	if st.onSwap != nil {
		st.onSwap(snap, errors.Join(errs...))
	}
	return true, errors.Join(errs...)
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
