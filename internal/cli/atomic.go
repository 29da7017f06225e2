package cli

import (
	"errors"
	"os"
	"path/filepath"
)

// pendingFiles are files written under temporary names beside their
// paths and renamed onto them only once every one is written, so that a
// command failing midway leaves neither a partial file nor a changed
// one: commit renames them all, abort removes them.
type pendingFiles struct {
	temps, paths []string
}

// create makes the directory of path and opens a temporary file in it,
// to be renamed onto path by commit.
func (pf *pendingFiles) create(path string) (*os.File, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	pf.temps, pf.paths = append(pf.temps, f.Name()), append(pf.paths, path)
	return f, nil
}

// write writes data to a temporary file for path.
func (pf *pendingFiles) write(path string, data []byte) error {
	f, err := pf.create(path)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}

// commit gives every file written its path (mode 0644, as os.WriteFile
// would create it), in the order they were created.
func (pf *pendingFiles) commit() error {
	for i, t := range pf.temps {
		if err := os.Chmod(t, 0o644); err != nil {
			pf.abort()
			return err
		}
		if err := os.Rename(t, pf.paths[i]); err != nil {
			pf.temps = pf.temps[i:]
			pf.abort()
			return err
		}
	}
	pf.temps, pf.paths = nil, nil
	return nil
}

// abort removes the temporary files not yet renamed.
func (pf *pendingFiles) abort() {
	for _, t := range pf.temps {
		os.Remove(t)
	}
	pf.temps, pf.paths = nil, nil
}

// writeFileAtomic writes data to path through a temporary file renamed
// onto it, so that path holds either its old content or data.
func writeFileAtomic(path string, data []byte) error {
	var pf pendingFiles
	if err := pf.write(path, data); err != nil {
		pf.abort()
		return err
	}
	return pf.commit()
}
