// Command synthgen writes a synthetic catalog of n entries (internal/synth)
// for the error center's load test.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/errcat/errcat/internal/synth"
)

func main() {
	n := flag.Int("n", 1000000, "number of entries")
	seed := flag.Int64("seed", 1, "seed")
	out := flag.String("o", "", "write to `FILE`")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "synthgen:", err)
		os.Exit(1)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := synth.Write(w, *n, *seed); err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "synthgen:", err)
		os.Exit(1)
	}
}
