package cli

import (
	"os"
	"runtime/debug"
	"runtime/metrics"

	"github.com/errcat/errcat/internal/source"
)

// largeSources is the size on disk of the --catalog sources from which a
// generator caps its heap (capMemory): about 150,000 entries of errcat's
// own YAML.
const largeSources = 64 << 20

// capMemory sets a soft memory limit for a generator run over large
// catalog sources (largeSources or more on disk), unless GOGC or
// GOMEMLIMIT are set in the environment, and returns a function restoring
// the previous limit. The collector still runs at every doubling of the
// heap (GOGC=100); the limit only collects earlier when the doubling would
// pass it. Loading a million entries holds the file and the catalog at
// once, and the doubling then reaches 1.9 GB; with a limit of
// lintMemoryLimit the run stays near it. The limit is at least four times
// the sources' size, about twice the loaded catalog, so a larger catalog
// never makes the collector run again and again; relax lifts it after the
// load when the live heap is over four fifths of it all the same.
func capMemory(sources []string) (relax, restore func()) {
	nop := func() {}
	_, gogc := os.LookupEnv("GOGC")
	_, limit := os.LookupEnv("GOMEMLIMIT")
	size := sourceBytes(sources)
	if gogc || limit || size < largeSources {
		return nop, nop
	}
	lim := max(lintMemoryLimit, 4*size)
	old := debug.SetMemoryLimit(lim)
	restore = func() { debug.SetMemoryLimit(old) }
	relax = func() {
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(s)
		if s[0].Value.Kind() == metrics.KindUint64 && int64(s[0].Value.Uint64()) > lim/5*4 {
			debug.SetMemoryLimit(old)
		}
	}
	return relax, restore
}

// sourceBytes is the size on disk of the files source.Load reads from
// sources; sources at a git revision, and files that cannot be listed,
// count 0.
func sourceBytes(sources []string) int64 {
	var n int64
	for _, s := range sources {
		if source.IsGit(s) {
			continue
		}
		fl, err := source.List(s)
		if err != nil {
			continue
		}
		for _, f := range append(fl.Catalogs, fl.Overlays...) {
			if st, err := os.Stat(f); err == nil {
				n += st.Size()
			}
		}
	}
	return n
}
