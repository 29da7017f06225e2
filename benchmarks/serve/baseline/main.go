// Command baseline is the trivial net/http handler the error center is
// measured against: it answers every request with the bytes of one file
// and its Content-Type, so a benchmark compares errcat with the cost of
// HTTP alone.
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen on `HOST:PORT` (loopback)")
	body := flag.String("body", "", "answer with the bytes of `FILE`")
	ctype := flag.String("type", "application/json", "the Content-Type")
	flag.Parse()
	b, err := os.ReadFile(*body)
	if err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(1)
	}
	fmt.Printf("http://%s/\n", ln.Addr())
	n := strconv.Itoa(len(b))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", *ctype)
		w.Header().Set("Content-Length", n)
		_, _ = w.Write(b)
	})
	if err := http.Serve(ln, h); err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(1)
	}
}
