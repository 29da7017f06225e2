package lint

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/errcat/errcat/internal/catalog"
)

// FuzzRun loads arbitrary catalog text and lints it with every rule on:
// no input may panic, and findings must come out sorted.
func FuzzRun(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("domain: {id: a.b, name: A, locales: [en], wire_format: problem, code_kind: string, ranges: [{from: 1, to: 2}]}\nentries:\n  - {code: 'x y.%s', category: internal, message: {en: ' <parameter name> the the'}}\n"))
	all := Config{}
	for _, r := range Rules() {
		all.Enable = append(all.Enable, r.ID)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := catalog.ParseFast("fuzz.yaml", data)
		if err != nil {
			return
		}
		fs := Run([]*catalog.Catalog{c}, all)
		for i := 1; i < len(fs); i++ {
			if compareFindings(fs[i-1], fs[i]) > 0 {
				t.Fatalf("findings out of order: %v before %v", fs[i-1], fs[i])
			}
		}
	})
}
