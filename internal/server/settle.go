package server

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/errcat/errcat/internal/catalog"
)

// Reloading reads only whole files and does not let one change of a file
// take a large part of a domain away (see store.load):
//
//   - Stable: a file that changed in place is read once two consecutive
//     checks find it the same (size, modification time and identity), so
//     a file still being written is not read half-way. A file new to the
//     directory, or back after it was gone, waits the same way. The file
//     is looked at again after it is read; if it changed meanwhile, what
//     was read is dropped.
//   - Renamed: a file that is another file (device and inode) than the
//     one the previous check found, or than the one last read when the
//     previous check found none, is read at once: written beside and
//     renamed over, the whole file appears in one step. A writer that
//     removes the file and creates it anew looks the same; the drop
//     guard still stands between its first part and the users.
//   - Drop guard: a change that would drop more than maxDrop of the
//     entries its file gave a domain, change the file's domain, or remove
//     the file is held back, counted and logged at WARN level. It is
//     applied at the first check after the file has stayed as it is
//     (or gone) for confirmDrop, at once when allowDrop is set, and
//     forgotten when the file changes again: the new version goes through
//     the same rules.
//
// A file's stable version is also what every later snapshot is built
// from: a directory with locale overlays merges them into copies of the
// catalogs as parsed, from the overlays' texts as last read whole, rather
// than reading the files again. Overlays follow the first two rules; they
// only add texts, so the removal of one is applied at once.
//
// The first load reads every file as it is: there is nothing to serve
// instead.

// Defaults of the drop guard.
const (
	defaultMaxDrop     = 0.25
	defaultConfirmDrop = 30 * time.Second
)

// stamp is what a check sees of a file without reading it.
type stamp struct {
	info os.FileInfo // nil: nothing seen
}

func stampOf(info os.FileInfo) stamp { return stamp{info} }

// valid reports whether the stamp is of a file seen.
func (s stamp) valid() bool { return s.info != nil }

// same reports whether s and t are the same file unchanged, as far as
// size, modification time and file identity tell.
func (s stamp) same(t stamp) bool {
	return s.valid() && t.valid() && s.info.Size() == t.info.Size() &&
		s.info.ModTime().Equal(t.info.ModTime()) && os.SameFile(s.info, t.info)
}

// replaced reports whether t is another file than s under the same name.
// Where the system cannot tell files apart it says no, and the file waits
// until it is stable.
func (s stamp) replaced(t stamp) bool {
	return s.valid() && t.valid() && !os.SameFile(s.info, t.info)
}

// held is a change of a catalog file kept back by the drop guard.
type held struct {
	at    stamp            // the file as read; invalid for a removal
	cat   *catalog.Catalog // the new version; nil for a removal
	since time.Time        // when the change was first held
	drop  drop
}

// drop is what a change of a catalog file takes away from its domain.
type drop struct {
	domain        string // the domain the file gave
	newDomain     string // the domain it gives now; "" when removed
	before, after int    // the file's entries of domain
}

// dropOf describes the change of a file from old to c (nil: removed).
func dropOf(old, c *catalog.Catalog) drop {
	d := drop{domain: old.Domain.ID, before: len(old.Entries)}
	if c != nil {
		d.newDomain = c.Domain.ID
		if c.Domain.ID == old.Domain.ID {
			d.after = len(c.Entries)
		}
	}
	return d
}

// big reports whether the change drops the domain or more than maxDrop
// of its entries (maxDrop < 0: any of them).
func (d drop) big(maxDrop float64) bool {
	if d.newDomain != d.domain {
		return true
	}
	if d.after >= d.before {
		return false
	}
	return maxDrop < 0 || float64(d.before-d.after) > maxDrop*float64(d.before)
}

// logArgs names the change in the log.
func (d drop) logArgs(file string) []any {
	args := []any{"reason", d.what(), "file", file, "domain", d.domain, "entries_before", d.before, "entries_after", d.after}
	if d.newDomain != "" && d.newDomain != d.domain {
		args = append(args, "new_domain", d.newDomain)
	}
	return args
}

// what says in words what the change does.
func (d drop) what() string {
	switch {
	case d.newDomain == "":
		return "the file is gone"
	case d.newDomain != d.domain:
		return fmt.Sprintf("the file now holds domain %s instead", d.newDomain)
	}
	return fmt.Sprintf("the file drops %d of the domain's %d entries", d.before-d.after, d.before)
}

// newHeldCounter registers the count of changes held back.
func newHeldCounter(reg *prometheus.Registry) prometheus.Counter {
	c := prometheus.NewCounter(prometheus.CounterOpts{
		Name: "errcat_catalog_reloads_held_total",
		Help: "Catalog file changes held back because they would drop a domain or more than --max-drop of its entries.",
	})
	reg.MustRegister(c)
	return c
}

// cloneCatalog returns a deep copy of c: maps, slices and pointers are
// copied all the way down, so merging overlays into the copy leaves c as
// it is. Strings are shared; they never change.
func cloneCatalog(c *catalog.Catalog) *catalog.Catalog {
	v := reflect.ValueOf(&c).Elem() // a settable copy of the pointer
	unshare(v)
	return c
}

// stringMap is the type of Source.Original and the like, copied with
// maps.Clone rather than value by value.
var stringMap = reflect.TypeFor[map[string]string]()

// unshare replaces whatever settable v refers to (through pointers,
// slices, maps and interfaces) with copies. Unexported fields and map
// keys are kept as they are; the catalog types have no such references.
func unshare(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(v.Elem())
		unshare(p.Elem())
		v.Set(p)
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() && refers(f.Type()) {
				unshare(f)
			}
		}
	case reflect.Array:
		if refers(v.Type().Elem()) {
			for i := range v.Len() {
				unshare(v.Index(i))
			}
		}
	case reflect.Slice:
		if v.IsNil() {
			return
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		reflect.Copy(out, v)
		if refers(v.Type().Elem()) {
			for i := range v.Len() {
				unshare(out.Index(i))
			}
		}
		v.Set(out)
	case reflect.Map:
		if v.IsNil() {
			return
		}
		if v.Type().ConvertibleTo(stringMap) {
			m := maps.Clone(v.Convert(stringMap).Interface().(map[string]string))
			v.Set(reflect.ValueOf(m).Convert(v.Type()))
			return
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		deep := refers(v.Type().Elem())
		for it := v.MapRange(); it.Next(); {
			val := it.Value()
			if deep {
				c := reflect.New(val.Type()).Elem()
				c.Set(val)
				unshare(c)
				val = c
			}
			out.SetMapIndex(it.Key(), val)
		}
		v.Set(out)
	case reflect.Interface:
		if v.IsNil() {
			return
		}
		c := reflect.New(v.Elem().Type()).Elem()
		c.Set(v.Elem())
		unshare(c)
		v.Set(c)
	}
}

// refers reports whether values of type t may refer to memory they
// share: a struct of strings and numbers does not.
func refers(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return true
	case reflect.Struct:
		for i := range t.NumField() {
			if refers(t.Field(i).Type) {
				return true
			}
		}
	case reflect.Array:
		return refers(t.Elem())
	}
	return false
}

// overlayFS is a catalog directory's locale overlays as last read whole,
// by name in its overlay directory: what catalog.LoadOverlays reads.
type overlayFS map[string][]byte

func (o overlayFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadFile returns a copy of an overlay's text.
func (o overlayFS) ReadFile(name string) ([]byte, error) {
	dir, base := path.Split(name)
	if data, ok := o[base]; ok && dir == catalog.OverlayDir+"/" {
		return slices.Clone(data), nil
	}
	return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
}

// ReadDir lists the overlays, in name order.
func (o overlayFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != catalog.OverlayDir {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(o))
	for n, data := range o {
		out = append(out, overlayEntry{n, int64(len(data))})
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// overlayEntry is one file of an overlayFS.
type overlayEntry struct {
	name string
	size int64
}

func (e overlayEntry) Name() string               { return e.name }
func (e overlayEntry) IsDir() bool                { return false }
func (e overlayEntry) Type() fs.FileMode          { return 0 }
func (e overlayEntry) Info() (fs.FileInfo, error) { return e, nil }
func (e overlayEntry) Size() int64                { return e.size }
func (e overlayEntry) Mode() fs.FileMode          { return 0o444 }
func (e overlayEntry) ModTime() time.Time         { return time.Time{} }
func (e overlayEntry) Sys() any                   { return nil }
