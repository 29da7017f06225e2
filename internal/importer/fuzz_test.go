package importer

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/errcat/errcat/internal/catalog"
)

// addSeeds adds the seed pages and the testdata pages to a fuzz corpus.
func addSeeds(f *testing.F, extra ...string) {
	f.Helper()
	for _, pattern := range []string{"../../catalogs/sources/*.txt", "testdata/*.*"} {
		files, _ := filepath.Glob(pattern)
		for _, p := range files {
			if filepath.Ext(p) == ".golden" {
				continue
			}
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(string(data))
		}
	}
	for _, s := range extra {
		f.Add(s)
	}
}

func FuzzMarkdown(f *testing.F) {
	addSeeds(f, "| Code | Message |\n|---|---|\n| `A | \\_b\\> |\n", "---\ntitle: [\n---\n**1**\n", "<table><tr><td rowspan=9>x")
	f.Fuzz(func(t *testing.T, s string) { parseMarkdown(s) })
}

func FuzzRST(f *testing.F) {
	addSeeds(f, "+--+\n| a|\n+==+\n|错误|\n+--+\n", "+-+-+\n|a\n", "Title\n=====\n+---+\n", "==  ==\nA   B\n==  ==\n1   x\n  y\n==  ==\n", ".. list-table::\n   :header-rows: 2\n\n   * - Code\n     - Message\n   * - 1\n")
	f.Fuzz(func(t *testing.T, s string) { parseRST(s) })
}

func FuzzText(f *testing.F) {
	addSeeds(f, "Error Code Error Type Description\n1 a B\n  more\n", "Code  Message\n1  a  b\n")
	f.Fuzz(func(t *testing.T, s string) { parseText(s) })
}

func FuzzHTML(f *testing.F) {
	addSeeds(f, "<table><tr><th>Code<th>Message<tr><td colspan=99>1<td>x</table>", "<table><table><tr><td>")
	f.Fuzz(func(t *testing.T, s string) { parseHTML(s, 0) })
}

// FuzzImport checks that whatever Import returns is a valid catalog that
// survives a round trip through its file format.
func FuzzImport(f *testing.F) {
	addSeeds(f, "| Code | HTTP status | Message |\n|---|---|---|\n| 0 | 200 | Success |\n| 0 | 200 | OK again |\n")
	f.Fuzz(func(t *testing.T, s string) {
		for _, format := range []string{"auto", "markdown", "rst", "text", "html"} {
			c, _, err := Import("fuzz.txt", []byte(s), Options{Format: format})
			if err != nil {
				continue
			}
			out, err := catalog.Marshal(c, "")
			if err != nil {
				t.Fatalf("%s: marshal: %v", format, err)
			}
			if _, err := catalog.Parse("fuzz.yaml", out); err != nil {
				t.Fatalf("%s: the imported catalog does not load: %v\n%s", format, err, out)
			}
		}
	})
}
