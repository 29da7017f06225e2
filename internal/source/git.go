package source

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"testing/fstest"

	"github.com/errcat/errcat/internal/catalog"
)

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
// so ./x is relative to the current directory) at revision rev, named
// git:REV:PATH without a leading ./.
func loadGit(rev, p string) ([]*catalog.Catalog, error) {
	obj := rev + ":" + p
	kind, err := git("cat-file", "-t", obj)
	if err != nil {
		return nil, err
	}
	label := GitSpec(rev, strings.TrimPrefix(p, "./"))
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
		// Read what a directory's catalogs and locale overlays are into
		// memory and load them exactly as a directory on disk.
		names, err := git("ls-tree", "-r", "--name-only", obj)
		if err != nil {
			return nil, err
		}
		files := fstest.MapFS{}
		for name := range strings.SplitSeq(strings.TrimSpace(string(names)), "\n") {
			dir, base, nested := strings.Cut(name, "/")
			if nested && (dir != catalog.OverlayDir || strings.Contains(base, "/") || base == catalog.GlossaryFile) || !isYAML(name) {
				continue // not read by a directory load
			}
			data, err := git("cat-file", "blob", obj+"/"+name)
			if err != nil {
				return nil, err
			}
			files[name] = &fstest.MapFile{Data: data, Mode: 0o644}
		}
		return loadFS(files, label)
	}
	return nil, fmt.Errorf("%s is neither a file nor a directory", label)
}
