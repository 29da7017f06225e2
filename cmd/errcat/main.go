// Command errcat keeps an API's error catalog: import, lint, diff, generate,
// render, decode, and serve the error center. See the README.
package main

import (
	"os"

	"github.com/errcat/errcat/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
