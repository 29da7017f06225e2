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

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/search"
)

// snapshot is everything a request reads, built once and never changed:
// the catalog set, its search index, lint findings and a cache of rendered
// entry JSON. A reload builds a new snapshot and swaps the pointer, so a
// request sees the old catalogs or the new ones, never a mix.
type snapshot struct {
	set      *catalog.Set
	index    *search.Index
	findings map[string][]Finding // "domain\x00code" → findings
	loaded   time.Time

	entryJSON sync.Map // *catalog.Entry → []byte
}

func newSnapshot(set *catalog.Set, lint Linter) *snapshot {
	s := &snapshot{set: set, index: search.Build(set), loaded: time.Now()}
	if lint != nil {
		s.findings = map[string][]Finding{}
		for _, f := range lint.Lint(set.Catalogs()) {
			k := f.Domain + "\x00" + f.Code
			s.findings[k] = append(s.findings[k], f)
		}
	}
	return s
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
	lint    Linter
	log     *slog.Logger
	onSwap  func(*snapshot, error)

	mu    sync.Mutex           // guards files during a reload
	files map[string]fileState // path → last good state
}

type fileState struct {
	mod  time.Time
	size int64
	cat  *catalog.Catalog // last good parse; nil when the file never parsed
	err  string           // the last parse error, logged once
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
			c, err := catalog.LoadFile(p)
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
			if fs.cat != nil {
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
	for _, p := range paths {
		if c := st.files[p].cat; c != nil {
			cats = append(cats, c)
		}
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
