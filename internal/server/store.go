package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
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

	mu    sync.Mutex           // guards files during a reload
	files map[string]fileState // path → last good state
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

// overlayFiles lists the locale overlays of a catalog directory.
func overlayFiles(dir string) []string {
	ents, err := os.ReadDir(filepath.Join(dir, "i18n"))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		if n := e.Name(); e.Type().IsRegular() && (strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".yml")) {
			out = append(out, filepath.Join(dir, "i18n", n))
		}
	}
	return out
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
	if err := catalog.LoadOverlays(os.DirFS(dir), "i18n", fresh); err != nil {
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
		st.files = map[string]fileState{}
	}
	changed := st.cur.Load() == nil
	seen := map[string]bool{}
	var errs []error
	for _, dir := range st.dirs {
		paths, err := catalogFiles(dir)
		if err != nil {
			errs = append(errs, err)
			st.log.Error("catalog directory unreadable", "dir", dir, "err", err)
			// Keep what the directory gave before.
			for p := range st.files {
				if strings.HasPrefix(p, dir) {
					seen[p] = true
				}
			}
			continue
		}
		for _, p := range overlayFiles(dir) {
			// Locale overlays are read when the snapshot is built.
			seen[p] = true
			info, err := os.Stat(p)
			if err != nil {
				continue
			}
			if old, had := st.files[p]; !had || !old.mod.Equal(info.ModTime()) || old.size != info.Size() {
				st.files[p] = fileState{mod: info.ModTime(), size: info.Size(), overlay: true}
				changed = true
			}
		}
		for _, p := range paths {
			seen[p] = true
			info, err := os.Stat(p)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			old, had := st.files[p]
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
			st.files[p] = next
		}
	}
	for p, fs := range st.files {
		if !seen[p] {
			delete(st.files, p)
			if fs.cat != nil || fs.overlay {
				changed = true
				st.log.Info("catalog file removed", "file", p)
			}
		}
	}
	if !changed {
		return false, errors.Join(errs...)
	}
	cats := slices.Clone(st.builtin)
	paths := make([]string, 0, len(st.files))
	for p := range st.files {
		paths = append(paths, p)
	}
	// Directories in the order given, files by name: later ones override.
	slices.SortFunc(paths, func(a, b string) int {
		da, db := st.dirIndex(a), st.dirIndex(b)
		if da != db {
			return da - db
		}
		return strings.Compare(a, b)
	})
	for i, dir := range st.dirs {
		var dirCats []*catalog.Catalog
		overlays := false
		for _, p := range paths {
			if st.dirIndex(p) != i {
				continue
			}
			fs := st.files[p]
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
	if st.onSwap != nil {
		st.onSwap(snap, errors.Join(errs...))
	}
	return true, errors.Join(errs...)
}

func (st *store) dirIndex(p string) int {
	for i, d := range st.dirs {
		if strings.HasPrefix(p, d+string(filepath.Separator)) || p == d {
			return i
		}
	}
	return len(st.dirs)
}

// catalogFiles lists the YAML catalogs of dir (or dir itself when it is a file).
func catalogFiles(dir string) ([]string, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{dir}, nil
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		n := e.Name()
		if e.Type()&fs.ModeType == 0 && (strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".yml")) {
			out = append(out, filepath.Join(dir, n))
		}
	}
	return out, nil
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
