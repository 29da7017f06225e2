package catalog_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/synth"
	"github.com/errcat/errcat/vocab"
)

// reader is one of the loader's ways in, reduced to its error.
type reader struct {
	name string
	read func(name string, data []byte) error
}

var (
	readParse     = reader{"Parse", func(n string, d []byte) error { _, err := catalog.Parse(n, d); return err }}
	readParseFast = reader{"ParseFast", func(n string, d []byte) error { _, err := catalog.ParseFast(n, d); return err }}
	readOverlay   = reader{"ParseOverlay", func(n string, d []byte) error { _, err := catalog.ParseOverlay(n, d); return err }}
	readGlossary  = reader{"ParseGlossary", func(n string, d []byte) error { _, err := catalog.ParseGlossary(n, d); return err }}
	allReaders    = []reader{readParse, readParseFast, readOverlay, readGlossary}
)

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

const bombHeader = "domain:\n  id: a.b\n  name: A\n  locales: [en]\n  wire_format: problem\n  code_kind: string\n"

// aliasBomb is a text of size bytes under an anchor, and n aliases of it.
func aliasBomb(overlay bool, size, n int) []byte {
	var b bytes.Buffer
	if overlay {
		b.WriteString("domain: a.b\nlocale: zh-CN\norigin: translated\nentries:\n")
	} else {
		b.WriteString(bombHeader + "entries:\n")
	}
	for i := range n + 1 {
		fmt.Fprintf(&b, "  - code: A%d\n", i)
		if !overlay {
			b.WriteString("    category: internal\n")
		}
		if i == 0 {
			b.WriteString("    message: &m " + strings.Repeat("x", size) + "\n")
		} else {
			b.WriteString("    message: *m\n")
		}
	}
	return b.Bytes()
}

// nestedBlocks is a mapping nested level deep by one-space indentation.
func nestedBlocks(size int) []byte {
	var b bytes.Buffer
	b.WriteString("domain:\n")
	for i := 1; b.Len() < size; i++ {
		b.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	return b.Bytes()
}

// manyKeys is a mapping of n keys.
func manyKeys(n int) []byte {
	var b bytes.Buffer
	b.WriteString("domain:\n")
	for i := range n {
		fmt.Fprintf(&b, "  k%d: v\n", i)
	}
	return b.Bytes()
}

// rules is a catalog header whose lint rules are a mapping of n keys.
func rules(n int) []byte {
	var b bytes.Buffer
	b.WriteString("domain:\n  id: a.b\n  name: A\n  locales: [en]\n  code_kind: string\n  lint:\n    rules:\n")
	for i := range n {
		fmt.Fprintf(&b, "      r%d: {severity: off}\n", i)
	}
	b.WriteString("entries: []\n")
	return b.Bytes()
}

// TestBombs feeds every reader small files that cost the YAML library
// memory out of proportion to their size. Each is rejected before the
// library reads it, with a message at its place, using memory of about
// the file's size.
func TestBombs(t *testing.T) {
	const maxItems = 1 << 21
	seq := func(n int) []byte {
		return []byte("domain: [" + strings.Repeat("a, ", n-1) + "a]\n")
	}
	tests := []struct {
		name    string
		data    []byte
		readers []reader
		want    string // the whole error
	}{
		{"alias bomb", aliasBomb(false, 1<<20, 199), []reader{readParse, readParseFast},
			"bomb.yaml:10:14: anchor &m: anchors and aliases are not allowed (quote a text that starts with & or *)"},
		{"alias bomb overlay", aliasBomb(true, 1<<20, 199), []reader{readOverlay},
			"bomb.yaml:6:14: anchor &m: anchors and aliases are not allowed (quote a text that starts with & or *)"},
		{"alias alone", []byte(bombHeader + "entries:\n  - code: A\n    category: internal\n    message: {en: *m}\n"), allReaders,
			"bomb.yaml:10:19: alias *m: anchors and aliases are not allowed (quote a text that starts with & or *)"},
		{"nested brackets", []byte("domain: " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "\n"), allReaders,
			"bomb.yaml:1:72: collections nested more than 64 deep: errcat's limit (a catalog nests about 7)"},
		{"nested flow mappings", []byte("domain: " + strings.Repeat("{a: ", 125_000) + "b" + strings.Repeat("}", 125_000) + "\n"), allReaders,
			"bomb.yaml:1:261: collections nested more than 64 deep: errcat's limit (a catalog nests about 7)"},
		{"nested mappings", nestedBlocks(500_000), allReaders,
			"bomb.yaml:65:65: collections nested more than 64 deep: errcat's limit (a catalog nests about 7)"},
		{"long sequence", seq(maxItems + 1), allReaders,
			fmt.Sprintf("bomb.yaml:1:%d: more than 2097152 items in one sequence: errcat's limit", 10+3*maxItems)},
		{"long mapping", manyKeys(20_000), allReaders,
			"bomb.yaml:1026:3: more than 1024 keys in one mapping: errcat's limit"},
		{"too large for the full parser", []byte("domain: a\n" + strings.Repeat("# a comment line\n", 250_000)), allReaders,
			"bomb.yaml: file of 4250010 bytes: the full YAML parser reads at most 4194304 bytes (4 MiB); write a larger catalog in errcat's own layout, as errcat import and synth do"},
		{"invalid UTF-8", []byte(bombHeader + "entries:\n  - code: A\n    category: internal\n    message: {en: caf\xe9}\n"), allReaders,
			"bomb.yaml:10:22: invalid UTF-8 (byte 0xe9): errcat files are UTF-8 text"},
		{"lone surrogate escape", []byte(bombHeader + "entries:\n  - code: A\n    category: internal\n    message: {en: \"a\\udc00\"}\n"), allReaders,
			`bomb.yaml:10:21: escape \udc00 is not a Unicode character`},
		{"escape beyond Unicode", []byte(bombHeader + "entries:\n  - code: A\n    category: internal\n    message: {en: \"\\U00110000\"}\n"), allReaders,
			`bomb.yaml:10:20: escape \U00110000 is not a Unicode character`},
	}
	for _, tt := range tests {
		for _, r := range tt.readers {
			t.Run(tt.name+"/"+r.name, func(t *testing.T) {
				var err error
				alloc := allocated(func() { err = r.read("bomb.yaml", tt.data) })
				if err == nil {
					t.Fatal("read succeeded, want an error")
				}
				if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
					t.Errorf("error (-want +got):\n%s", diff)
				}
				if limit := 4*uint64(len(tt.data)) + 1<<20; alloc > limit {
					t.Errorf("allocated %d bytes for a file of %d, want at most %d", alloc, len(tt.data), limit)
				}
			})
		}
	}
}

// TestLimits checks the limits at and just past their values: at the
// limit the file is read on, and fails for another reason; past it, it
// is refused. (A sequence of the most items takes the full parser too
// long for a test; see TestPrescanLimits.)
func TestLimits(t *testing.T) {
	deep := func(n int) []byte { return []byte("domain: " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n") }
	tests := []struct {
		name             string
		at, over         []byte
		atWant, overWant string
	}{
		{"depth", deep(63), deep(64),
			"x.yaml:1:9: sequence was used where mapping is expected",
			"x.yaml:1:72: collections nested more than 64 deep: errcat's limit (a catalog nests about 7)"},
		{"keys", rules(1 << 10), rules(1<<10 + 1),
			fmt.Sprintf("x.yaml:2:3: domain.wire_format \"\": want one of %v", vocab.WireFormatNames()),
			"x.yaml:1032:7: more than 1024 keys in one mapping: errcat's limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range []struct {
				data []byte
				want string
			}{{tt.at, tt.atWant}, {tt.over, tt.overWant}} {
				_, err := catalog.Parse("x.yaml", c.data)
				if diff := cmp.Diff(c.want, fmt.Sprint(err)); diff != "" {
					t.Errorf("error (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// TestLoadTooLarge checks that a file over the loader's size limit is
// refused before it is read.
func TestLoadTooLarge(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "huge.yaml")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1<<30 + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	want := name + ": file of 1073741825 bytes: errcat reads files of at most 1073741824 bytes (1 GiB); split the catalog by domain"
	for _, load := range []struct {
		name string
		load func() error
	}{
		{"LoadFile", func() error { _, err := catalog.LoadFile(name); return err }},
		{"LoadFileFast", func() error { _, err := catalog.LoadFileFast(name); return err }},
	} {
		t.Run(load.name, func(t *testing.T) {
			var err error
			alloc := allocated(func() { err = load.load() })
			if err == nil {
				t.Fatal("load succeeded, want an error")
			}
			if diff := cmp.Diff(want, err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if alloc > 1<<20 {
				t.Errorf("allocated %d bytes to refuse the file", alloc)
			}
		})
	}
	t.Run("LoadDir", func(t *testing.T) {
		_, err := catalog.LoadDir(os.DirFS(dir), ".")
		if diff := cmp.Diff("huge.yaml: file of 1073741825 bytes: errcat reads files of at most 1073741824 bytes (1 GiB); split the catalog by domain", fmt.Sprint(err)); diff != "" {
			t.Errorf("error (-want +got):\n%s", diff)
		}
	})
}

// TestParseFastLargeInvalid checks a catalog in errcat's layout too large
// for the full parser that does not validate: its problems are placed at
// the entries they concern, without the full parser.
func TestParseFastLargeInvalid(t *testing.T) {
	var buf bytes.Buffer
	if err := synth.Write(&buf, 10_000, 1); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if len(data) <= 4<<20 {
		t.Fatalf("synthetic catalog of %d bytes, want more than 4 MiB", len(data))
	}
	// Break the category of the last entry.
	i := bytes.LastIndex(data, []byte("    category: "))
	j := i + bytes.IndexByte(data[i:], '\n')
	data = append(data[:i:i], append([]byte("    category: bogus"), data[j:]...)...)
	line := bytes.Count(data[:i], []byte("\n")) + 1
	var err error
	alloc := allocated(func() { _, err = catalog.ParseFast("big.yaml", data) })
	want := fmt.Sprintf("big.yaml:%d:5: unknown category \"bogus\": want one of %v", line-2, vocab.Categories()[1:])
	if diff := cmp.Diff(want, fmt.Sprint(err)); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}
	if alloc > 8*uint64(len(data)) {
		t.Errorf("allocated %d bytes for a file of %d", alloc, len(data))
	}
}

// TestLoadDirBomb checks a bomb among the files of a directory and its
// overlays: the other files load, the bomb is a placed error.
func TestLoadDirBomb(t *testing.T) {
	good := bombHeader + "entries:\n  - code: A\n    category: internal\n    message: {en: a}\n"
	fsys := fstest.MapFS{
		"a.yaml":              {Data: []byte(good)},
		"b.yaml":              {Data: []byte("domain: " + strings.Repeat("[", 1000) + "\n")},
		"i18n/a.b.zh-CN.yaml": {Data: aliasBomb(true, 10, 3)},
	}
	cats, err := catalog.LoadDir(fsys, ".")
	want := "b.yaml:1:72: collections nested more than 64 deep: errcat's limit (a catalog nests about 7)\n" +
		"i18n/a.b.zh-CN.yaml:6:14: anchor &m: anchors and aliases are not allowed (quote a text that starts with & or *)"
	if diff := cmp.Diff(want, fmt.Sprint(err)); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}
	if len(cats) != 1 || cats[0].Domain.ID != "a.b" {
		t.Errorf("loaded %d catalogs, want a.b alone", len(cats))
	}
}
