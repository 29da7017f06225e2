package catalog_test

import (
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/errcat/errcat/internal/catalog"
)

// TestLoadTime loads the catalog file $ERRCAT_LOAD_FILE as the error
// center does at start-up (catalog.LoadFileFast, then catalog.NewSet) and
// logs how long that took; run it with -cpuprofile to see where the time
// goes. It is skipped without $ERRCAT_LOAD_FILE: see benchmarks/README.md
// ("Start-up at 1M").
func TestLoadTime(t *testing.T) {
	file := os.Getenv("ERRCAT_LOAD_FILE")
	if file == "" {
		t.Skip("ERRCAT_LOAD_FILE is not set")
	}
	t0 := time.Now()
	c, err := catalog.LoadFileFast(file)
	if err != nil {
		t.Fatal(err)
	}
	load := time.Since(t0)
	s := catalog.NewSet(c)
	all := time.Since(t0)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("%d entries: LoadFileFast %v, with NewSet %v; %d collections, heap %d MB",
		s.Len(), load.Round(time.Millisecond), all.Round(time.Millisecond), ms.NumGC, ms.HeapAlloc>>20)
}
