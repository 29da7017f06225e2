// Package source owns where catalogs come from: the built-in catalogs,
// catalog files, catalog directories (their *.yaml and *.yml files and
// the locale overlays in DIR/i18n) and git:REV:PATH, a file or directory
// at a git revision. It names every catalog and every problem by the path
// the user gave (a directory's files joined to it as given, built-in
// catalogs as catalogs/NAME.yaml), and assembles sources into one set in
// which a later domain overrides an earlier one.
//
// Parsing is the catalog package's business; this package decides what
// is read and what it is called. The CLI, the server and defs all load
// through it.
package source

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/errcat/errcat/catalogs"
	"github.com/errcat/errcat/internal/catalog"
)

// BuiltinDir is the directory of errcat's repository that holds the
// built-in catalogs; they and their problems are named by their path in
// it (catalogs/NAME.yaml), and their past versions are read from it.
const BuiltinDir = "catalogs"

// Builtin loads the built-in catalogs with their locale overlays.
func Builtin() ([]*catalog.Catalog, error) {
	cats, err := loadFS(catalogs.FS(), BuiltinDir)
	if err != nil {
		return nil, fmt.Errorf("built-in catalogs: %w", err)
	}
	return cats, nil
}

// BuiltinAt loads the built-in catalogs as they were at git revision rev
// of errcat's repository (the current directory's repository), named
// git:REV:catalogs/NAME.yaml.
func BuiltinAt(rev string) ([]*catalog.Catalog, error) {
	return loadGit(rev, BuiltinDir)
}

// Set loads the built-in catalogs (when builtin is true) and then each
// source in order (see Load) into one set: a later catalog of a domain
// replaces an earlier one, so sources override the built-in catalogs and
// each other.
func Set(builtin bool, sources ...string) (*catalog.Set, error) {
	var cats []*catalog.Catalog
	if builtin {
		b, err := Builtin()
		if err != nil {
			return nil, err
		}
		cats = b
	}
	for _, spec := range sources {
		cs, err := Load(spec)
		if err != nil {
			return nil, err
		}
		cats = append(cats, cs...)
	}
	return catalog.NewSet(cats...), nil
}

// Load loads the catalogs of one source as a user names it: a catalog
// file, a directory of catalogs (which must hold at least one), or
// git:REV:PATH, a file or directory at a git revision with PATH relative
// to the current directory. A malformed git:REV:PATH is a *SpecError.
func Load(spec string) ([]*catalog.Catalog, error) {
	if IsGit(spec) {
		rev, p, ok := strings.Cut(strings.TrimPrefix(spec, gitPrefix), ":")
		if !ok || rev == "" || p == "" {
			return nil, &SpecError{Spec: spec}
		}
		if !strings.HasPrefix(p, "./") && !strings.HasPrefix(p, "../") && !strings.HasPrefix(p, "/") {
			p = "./" + p // git's REV:./PATH is relative to the current directory
		}
		return loadGit(rev, p)
	}
	st, err := os.Stat(spec)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		c, err := LoadFile(spec)
		if err != nil {
			return nil, err
		}
		return []*catalog.Catalog{c}, nil
	}
	cats, err := LoadDir(spec)
	if err != nil {
		return nil, err
	}
	if len(cats) == 0 {
		return nil, fmt.Errorf("%s: no *.yaml catalogs in the directory", spec)
	}
	return cats, nil
}

// A SpecError is a source that starts with git: but is not git:REV:PATH.
type SpecError struct{ Spec string }

func (e *SpecError) Error() string { return fmt.Sprintf("%q: want git:REV:PATH", e.Spec) }

// gitPrefix starts a source at a git revision.
const gitPrefix = "git:"

// IsGit reports whether spec names a source at a git revision.
func IsGit(spec string) bool { return strings.HasPrefix(spec, gitPrefix) }

// GitSpec returns the source spec of path (relative to the current
// directory) at git revision rev.
func GitSpec(rev, path string) string { return gitPrefix + rev + ":" + path }

// LoadFile loads one catalog file, named path.
func LoadFile(path string) (*catalog.Catalog, error) {
	// The fast loader falls back to the full YAML parser for anything
	// outside errcat's own subset, with the same result and errors.
	return catalog.LoadFileFast(path)
}

// LoadDir loads the catalogs of directory dir with their locale overlays
// (see catalog.LoadDir), named dir/NAME.yaml. A directory without
// catalogs gives none and no error.
func LoadDir(dir string) ([]*catalog.Catalog, error) {
	return loadFS(os.DirFS(dir), dir)
}

// Files are the files of a catalog source on disk.
type Files struct {
	Catalogs []string // the catalog files, in name order
	Overlays []string // the locale overlays, in name order
}

// List names the files Load reads from path, a file or directory on
// disk, joined to it as given: a directory's *.yaml and *.yml catalogs
// and the locale overlays in its i18n directory (not the glossary there);
// a file is its own one catalog. List serves callers that keep state per
// file (the server's reloading): reading each catalog with LoadFile and
// merging the overlays with MergeOverlays gives Load's catalogs.
func List(path string) (Files, error) {
	st, err := os.Stat(path)
	if err != nil {
		return Files{}, err
	}
	if !st.IsDir() {
		return Files{Catalogs: []string{path}}, nil
	}
	cats, err := yamlFiles(path, "")
	if err != nil {
		return Files{}, err
	}
	// A missing overlay directory has no overlays; an unreadable one is
	// MergeOverlays' to report.
	overlays, _ := yamlFiles(path, catalog.OverlayDir)
	return Files{Catalogs: cats, Overlays: overlays}, nil
}

// yamlFiles lists the YAML files of dir/sub (sub "" is dir itself),
// without the glossary of the overlay directory.
func yamlFiles(dir, sub string) ([]string, error) {
	ents, err := os.ReadDir(filepath.Join(dir, sub))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() || !isYAML(n) || sub == catalog.OverlayDir && n == catalog.GlossaryFile {
			continue
		}
		if sub != "" {
			n = sub + "/" + n
		}
		out = append(out, join(dir, n))
	}
	return out, nil
}

// isYAML is catalog.LoadDir's test for a catalog or overlay file name.
func isYAML(name string) bool {
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
}

// MergeOverlays merges the locale overlays of directory dir into cats, as
// LoadDir does (see catalog.LoadOverlays): an overlay that does not fit
// is left out and reported, named dir/i18n/NAME.yaml.
func MergeOverlays(dir string, cats []*catalog.Catalog) error {
	return MergeOverlaysFS(dir, os.DirFS(dir), cats)
}

// MergeOverlaysFS is MergeOverlays reading the overlays from fsys, which
// stands for directory dir (say, copies of dir's overlays as a caller
// last read them whole); problems are named as in dir.
func MergeOverlaysFS(dir string, fsys fs.FS, cats []*catalog.Catalog) error {
	return relabelErr(dir, catalog.LoadOverlays(fsys, catalog.OverlayDir, cats))
}

// loadFS loads the catalog directory at the root of fsys and names its
// catalogs and problems by base, the place fsys stands for.
func loadFS(fsys fs.FS, base string) ([]*catalog.Catalog, error) {
	cats, err := catalog.LoadDir(fsys, ".")
	if err != nil {
		return nil, relabelErr(base, err)
	}
	for _, c := range cats {
		c.File = join(base, c.File)
	}
	return cats, nil
}

// relabelErr names the files of err, relative to base, by base joined
// with them: the problems of a catalog.ErrorList and the path of an
// fs.PathError.
func relabelErr(base string, err error) error {
	if err == nil {
		return nil
	}
	var list catalog.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			if e.File != "" {
				e.File = join(base, e.File)
			}
		}
		return list
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &fs.PathError{Op: pe.Op, Path: join(base, pe.Path), Err: pe.Err}
	}
	return err
}

// join names file name of an fs.FS (slash-separated, relative) by the
// place base the user gave for its root, keeping base as written.
func join(base, name string) string {
	switch {
	case name == ".":
		return base
	case base == "" || base == ".":
		return name
	case os.IsPathSeparator(base[len(base)-1]):
		return base + name
	}
	return base + "/" + name
}
