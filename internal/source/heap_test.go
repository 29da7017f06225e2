package source

import (
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"
)

// maxLoadedBytesPerEntry bounds the live heap of a loaded catalog per
// entry (texts, strings, the set's indexes). A synthetic million-entry
// catalog (errcat synth, English and Chinese texts) takes about 560.
const maxLoadedBytesPerEntry = 700

// TestLoadedHeap loads the catalogs of $ERRCAT_HEAP_DIR as the tools and
// the error center do, and checks the live heap per entry; with
// $ERRCAT_HEAP_PROFILE it writes a heap profile of the loaded catalog
// there (go tool pprof -top -sample_index=inuse_space FILE). It is skipped
// without $ERRCAT_HEAP_DIR: see benchmarks/README.md.
func TestLoadedHeap(t *testing.T) {
	dir := os.Getenv("ERRCAT_HEAP_DIR")
	if dir == "" {
		t.Skip("ERRCAT_HEAP_DIR is not set")
	}
	t0 := time.Now()
	s, err := Set(false, dir)
	if err != nil {
		t.Fatal(err)
	}
	load := time.Since(t0)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t0 = time.Now()
	runtime.GC()
	gc := time.Since(t0)
	n := s.Len()
	t.Logf("%d entries loaded in %v; live heap %d MB in %d objects; a full collection %v",
		n, load.Round(time.Millisecond), ms.HeapAlloc>>20, ms.HeapObjects, gc.Round(time.Millisecond))
	if p := os.Getenv("ERRCAT_HEAP_PROFILE"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := pprof.WriteHeapProfile(f); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	// Below 100,000 entries the test binary's own heap counts for much.
	if n >= 100000 && ms.HeapAlloc/uint64(n) > maxLoadedBytesPerEntry {
		t.Errorf("live heap %d bytes an entry, want at most %d", ms.HeapAlloc/uint64(n), maxLoadedBytesPerEntry)
	}
	runtime.KeepAlive(s)
}
