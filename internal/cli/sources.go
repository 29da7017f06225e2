package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing/fstest"

	"github.com/errcat/errcat/catalogs"
	"github.com/errcat/errcat/internal/catalog"
)

// builtinGitPath is where the built-in catalogs live in errcat's repository.
const builtinGitPath = "catalogs"

// loadBuiltin loads the built-in catalogs, named by their path in the
// repository (catalogs/NAME.yaml) so findings point at real files.
func loadBuiltin() ([]*catalog.Catalog, error) {
	cs, err := catalogs.Load()
	if err != nil {
		return nil, fmt.Errorf("built-in catalogs: %w", err)
	}
	return relabel(cs, builtinGitPath), nil
}

// loadDefault loads what a command without PATH arguments reads: the
// built-in catalogs (unless --no-builtin) and the --catalog directories,
// later domains overriding earlier ones.
func (env *Env) loadDefault() ([]*catalog.Catalog, error) {
	var cats []*catalog.Catalog
	if !env.NoBuiltin {
		b, err := loadBuiltin()
		if err != nil {
			return nil, err
		}
		cats = b
	}
	for _, dir := range env.CatalogDirs {
		cs, err := loadSource(dir)
		if err != nil {
			return nil, err
		}
		cats = append(cats, cs...)
	}
	return catalog.NewSet(cats...).Catalogs(), nil
}

// loadSource loads the catalogs of one command-line source: a file, a
// directory, or git:REV:PATH (a file or directory at a git revision, PATH
// relative to the current directory).
func loadSource(spec string) ([]*catalog.Catalog, error) {
	if rest, ok := strings.CutPrefix(spec, "git:"); ok {
		rev, p, ok := strings.Cut(rest, ":")
		if !ok || rev == "" || p == "" {
			return nil, usageError{fmt.Errorf("%q: want git:REV:PATH", spec)}
		}
		if !strings.HasPrefix(p, "./") && !strings.HasPrefix(p, "../") && !strings.HasPrefix(p, "/") {
			p = "./" + p
		}
		return loadGit(rev, p)
	}
	st, err := os.Stat(spec)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		cs, err := catalog.LoadDir(os.DirFS(spec), ".")
		if err != nil {
			return nil, prefixErrors(err, spec)
		}
		if len(cs) == 0 {
			return nil, fmt.Errorf("%s: no *.yaml catalogs in the directory", spec)
		}
		return relabel(cs, spec), nil
	}
	c, err := loadFile(spec)
	if err != nil {
		return nil, err
	}
	return []*catalog.Catalog{c}, nil
}

// loadFile reads one catalog file through the fast loader, which falls
// back to the full YAML parser for anything outside errcat's own subset.
func loadFile(name string) (*catalog.Catalog, error) {
	return catalog.LoadFileFast(name)
}

// git runs git with args and returns its standard output.
func git(args ...string) ([]byte, error) {
	var out, errb bytes.Buffer
	cmd := exec.Command("git", args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return out.Bytes(), nil
}

// loadGit loads the catalog file or directory p (git's REV:PATH syntax,
// so ./x is relative to the current directory) at revision rev.
func loadGit(rev, p string) ([]*catalog.Catalog, error) {
	obj := rev + ":" + p
	kind, err := git("cat-file", "-t", obj)
	if err != nil {
		return nil, err
	}
	label := "git:" + rev + ":" + strings.TrimPrefix(p, "./")
	switch strings.TrimSpace(string(kind)) {
	case "blob":
		data, err := git("cat-file", "blob", obj)
		if err != nil {
			return nil, err
		}
		c, err := catalog.ParseFast(label, data)
		if err != nil {
			return nil, err
		}
		return []*catalog.Catalog{c}, nil
	case "tree":
		// Read the directory's catalogs and locale overlays (i18n/) into
		// memory and load them exactly as LoadDir loads a directory.
		names, err := git("ls-tree", "-r", "--name-only", obj)
		if err != nil {
			return nil, err
		}
		files := fstest.MapFS{}
		for name := range strings.SplitSeq(strings.TrimSpace(string(names)), "\n") {
			if !strings.HasSuffix(name, ".yaml") && !strings.HasSuffix(name, ".yml") {
				continue
			}
			data, err := git("cat-file", "blob", obj+"/"+name)
			if err != nil {
				return nil, err
			}
			files[name] = &fstest.MapFile{Data: data, Mode: 0o644}
		}
		cats, err := catalog.LoadDir(files, ".")
		if err != nil {
			return nil, prefixErrors(err, label)
		}
		return relabel(cats, label), nil
	}
	return nil, fmt.Errorf("%s is neither a file nor a directory", label)
}
