package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rogpeppe/go-internal/diff"
	"github.com/spf13/cobra"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/gen"
)

func newGenCmd(env *Env) *cobra.Command {
	var domain, out string
	var check bool
	var opts gen.Options
	var kinds []string
	var rows []string
	for _, g := range gen.Generators() {
		kinds = append(kinds, g.Name)
		line := fmt.Sprintf("  %-9s %s", g.Name, g.Summary)
		if g.Styles != nil {
			line += fmt.Sprintf(" (styles: %s; default %s)", strings.Join(g.Styles, ", "), g.Styles[0])
		}
		rows = append(rows, line)
	}
	cmd := &cobra.Command{
		Use:   "gen KIND [--domain ID] [--lang TAG] [--style S] [--package NAME] [-o DIR] [--check]",
		Short: "Generate Go, TypeScript, Python or Java code, test vectors, documentation pages, a static site, JSON or OpenAPI from the catalogs",
		Long: `Gen turns the catalogs (all of them, or --domain ID) into files under -o DIR.
With --check it writes nothing: it generates the same files, compares them with
those in DIR, prints a unified diff of every stale or missing file and exits 1
when anything differs. Without -o, a single-file output is printed on stdout.

Kinds:
` + strings.Join(rows, "\n"),
		Args:      usageArgs(cobra.ExactArgs(1)),
		ValidArgs: kinds,
		RunE: func(cmd *cobra.Command, args []string) error {
			g, ok := gen.Lookup(args[0])
			if !ok {
				return usageError{fmt.Errorf("gen: unknown kind %q (want one of %s)", args[0], strings.Join(kinds, ", "))}
			}
			if opts.Style != "" && g.Styles == nil {
				return usageError{fmt.Errorf("gen %s: takes no --style", g.Name)}
			}
			if opts.Style != "" && !slices.Contains(g.Styles, opts.Style) {
				return usageError{fmt.Errorf("gen %s: unknown style %q (want one of %s)", g.Name, opts.Style, strings.Join(g.Styles, ", "))}
			}
			if err := checkLang(opts.Lang, false); err != nil {
				return err
			}
			relax, restore := capMemory(env.CatalogDirs)
			defer restore()
			set, err := env.LoadSet()
			if err != nil {
				return err
			}
			relax()
			cats, err := selectDomains(set, domain)
			if err != nil {
				return err
			}
			if opts.Package != "" && len(cats) != 1 {
				return usageError{fmt.Errorf("gen %s: --package names one package; add --domain ID", g.Name)}
			}
			if g.Stream != nil && !check && (out != "" || g.OneFile != "") {
				return streamFiles(env, out, g, cats, opts)
			}
			files, err := g.Run(cats, opts)
			if err != nil {
				return exitf(1, "%v", err)
			}
			switch {
			case check:
				if out == "" {
					return usageError{errors.New("gen --check: -o DIR names the directory to compare with")}
				}
				return checkFiles(env, out, files)
			case out == "":
				if len(files) != 1 {
					return usageError{fmt.Errorf("gen %s writes %d files; -o DIR names where", g.Name, len(files))}
				}
				for _, p := range files.Paths() {
					_, err := env.Stdout.Write(files[p])
					return err
				}
			}
			return writeFiles(env, out, files)
		},
	}
	cmd.Flags().StringVar(&domain, "domain", "", "only the domain `ID`")
	cmd.Flags().StringVarP(&out, "out", "o", "", "write the files under `DIR`")
	cmd.Flags().BoolVar(&check, "check", false, "write nothing; diff against the files in -o DIR and exit 1 when any is stale")
	cmd.Flags().StringVar(&opts.Lang, "lang", "", "documentation in the domain locale that best serves `TAG` only (default: every locale)")
	cmd.Flags().StringVar(&opts.Style, "style", "", "documentation style `S` (markdown: table, list)")
	cmd.Flags().StringVar(&opts.Package, "package", "", "Go, Python or Java package `NAME` (one domain; default derived from the domain id)")
	return cmd
}

// writeFiles writes files under dir, creating directories as needed.
// Each is written under a temporary name and renamed once all are
// written, so that a failure leaves the files under dir as they were.
func writeFiles(env *Env, dir string, files gen.Files) error {
	var pf pendingFiles
	for _, p := range files.Paths() {
		if err := pf.write(filepath.Join(dir, filepath.FromSlash(p)), files[p]); err != nil {
			pf.abort()
			return exitf(1, "%v", err)
		}
	}
	if err := pf.commit(); err != nil {
		return exitf(1, "%v", err)
	}
	fmt.Fprintf(env.Stderr, "wrote %d files under %s\n", len(files), dir)
	return nil
}

// streamFiles runs a streaming generator: each file goes to disk under
// dir (or to stdout when dir is "") as it is written, never whole in
// memory. On disk each is written under a temporary name and renamed
// once the generator has written them all, so that a generator failing
// midway leaves the files under dir as they were.
func streamFiles(env *Env, dir string, g gen.Generator, cats []*catalog.Catalog, opts gen.Options) error {
	var pf pendingFiles
	var f *os.File
	var bw *bufio.Writer
	n := 0
	closeFile := func() error {
		if bw == nil {
			return nil
		}
		err := bw.Flush()
		if f != nil {
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		f, bw = nil, nil
		return err
	}
	err := g.Stream(cats, opts, func(p string) (io.Writer, error) {
		if err := closeFile(); err != nil {
			return nil, err
		}
		n++
		if dir == "" {
			bw = bufio.NewWriterSize(env.Stdout, 64<<10)
			return bw, nil
		}
		var err error
		if f, err = pf.create(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
			return nil, err
		}
		bw = bufio.NewWriterSize(f, 64<<10)
		return bw, nil
	})
	if cerr := closeFile(); err == nil {
		err = cerr
	}
	if err == nil {
		err = pf.commit()
	}
	if err != nil {
		pf.abort()
		return exitf(1, "%v", err)
	}
	if dir != "" {
		fmt.Fprintf(env.Stderr, "wrote %d files under %s\n", n, dir)
	}
	return nil
}

// checkFiles compares files with those under dir and prints a unified diff
// per stale or missing file; it exits 1 when any differs. Files in dir
// that the generator does not write are left alone.
func checkFiles(env *Env, dir string, files gen.Files) error {
	stale := 0
	for _, p := range files.Paths() {
		path := filepath.Join(dir, filepath.FromSlash(p))
		have, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(env.Stdout, "missing %s\n", path)
			stale++
			continue
		}
		if err != nil {
			return exitf(1, "%v", err)
		}
		if bytes.Equal(have, files[p]) {
			continue
		}
		stale++
		env.Stdout.Write(diff.Diff(path, have, path+" (generated)", files[p]))
	}
	if stale > 0 {
		return exitf(1, "%d of %d generated files under %s are stale; run the same command without --check", stale, len(files), dir)
	}
	return nil
}
