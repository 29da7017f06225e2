package catalogs_test

import (
	"io/fs"
	"testing"

	"github.com/errcat/errcat/catalogs"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/source"
)

// withoutOverlays hides the i18n directory of the built-in files.
type withoutOverlays struct{ fs.FS }

func (f withoutOverlays) Open(name string) (fs.File, error) {
	if name == catalog.OverlayDir || len(name) > len(catalog.OverlayDir) && name[:len(catalog.OverlayDir)+1] == catalog.OverlayDir+"/" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return f.FS.Open(name)
}

// BenchmarkLoad measures what the overlays add to loading the built-in
// catalogs (every CLI run and server start pays it once).
func BenchmarkLoad(b *testing.B) {
	b.Run("catalogs", func(b *testing.B) {
		fsys := withoutOverlays{catalogs.FS()}
		for b.Loop() {
			if _, err := catalog.LoadDir(fsys, "."); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("catalogs+overlays", func(b *testing.B) {
		for b.Loop() {
			if _, err := source.Builtin(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
