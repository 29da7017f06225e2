package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/importer"
	"github.com/errcat/errcat/vocab"
)

func newImportCmd(env *Env) *cobra.Command {
	var opts importer.Options
	var output, regen string
	var check, preview bool
	cmd := &cobra.Command{
		Use:   "import [--format auto|markdown|rst|text|html|asciidoc] [--domain ID] [-o FILE] FILE...",
		Short: "Import published error-code pages into a catalog",
		Long: `Import reads error-code pages (Markdown, reStructuredText grid tables,
plain-text tables, HTML tables) and writes one catalog. Columns are matched by
their heading, in English or Chinese; every row becomes an entry, a variant of
an entry with the same code, or a diagnostic on stderr naming file:line and
why. Several FILEs are merged into one domain. Exit 1 when any row could not
be read or no error table was found; notes (file:line: note: ...), such as a
repeated header row skipped, do not change the exit status.

--preview prints, for each table or list found, the role given to each column
and why (heading, content, layout or --map) and the rows read; --map overrides
roles where the guess is wrong or unsure (role=heading or role=column number).

--regenerate-builtin DIR re-imports every page listed in DIR/sources/import.yaml
into DIR/<domain>.yaml (go generate ./catalogs runs it); with --check it only
reports catalogs that differ from a fresh import.`,
		Args: usageArgs(func(cmd *cobra.Command, args []string) error {
			if regen != "" {
				return cobra.NoArgs(cmd, args)
			}
			return cobra.MinimumNArgs(1)(cmd, args)
		}),
		RunE: func(cmd *cobra.Command, args []string) error {
			if regen != "" {
				return regenerate(env, regen, check)
			}
			if err := opts.Check(); err != nil {
				return usageError{fmt.Errorf("errcat import: %w", err)}
			}
			if preview {
				failed := false
				for _, name := range args {
					data, err := os.ReadFile(name)
					if err != nil {
						return exitf(1, "%v", err)
					}
					out, err := importer.Preview(name, data, opts)
					fmt.Fprint(env.Stdout, out)
					if err != nil {
						fmt.Fprintln(env.Stderr, err)
						failed = true
					}
				}
				if failed {
					return &ExitError{Code: 1}
				}
				return nil
			}
			var merged *catalog.Catalog
			failed := false
			for _, name := range args {
				data, err := os.ReadFile(name)
				if err != nil {
					return exitf(1, "%v", err)
				}
				c, diags, err := importer.Import(name, data, opts)
				for _, d := range diags {
					fmt.Fprintln(env.Stderr, d.String())
				}
				if importer.Errors(diags) > 0 {
					failed = true
				}
				if err != nil {
					fmt.Fprintln(env.Stderr, err)
					failed = true
					continue
				}
				if merged == nil {
					merged = c
				} else {
					importer.Merge(merged, c)
				}
			}
			if merged == nil {
				return &ExitError{Code: 1}
			}
			out, err := catalog.Marshal(merged, "")
			if err != nil {
				return exitf(1, "%v", err)
			}
			if output == "" || output == "-" {
				_, err = env.Stdout.Write(out)
			} else {
				err = writeFileAtomic(output, out)
			}
			if err != nil {
				return exitf(1, "%v", err)
			}
			if failed {
				return exitf(1, "some rows could not be read (see above); the catalog holds the rest")
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Format, "format", "auto", "source layout: auto, markdown, rst, text, html or asciidoc")
	f.StringVar(&opts.Domain, "domain", "", "domain `ID` (default: from the file name)")
	f.StringVarP(&output, "output", "o", "", "write the catalog to `FILE` (default: stdout)")
	f.StringVar(&opts.Name, "name", "", "domain display `NAME` (default: the page title)")
	f.StringVar(&opts.Provider, "provider", "", "the API's `PROVIDER`")
	f.StringVar(&opts.Locale, "locale", "", "locale `TAG` of the page's texts (default: zh-CN for Chinese pages, else en)")
	f.StringVar(&opts.WireFormat, "wire-format", "", "the domain's wire `FORMAT` (default problem): "+strings.Join(vocab.WireFormatNames(), ", "))
	f.StringVar(&opts.CodeKind, "code-kind", "", "integer or string (default: integer when every code is a number)")
	f.StringVar(&opts.SuccessCode, "success-code", "", "the `CODE` that means success (default: a code 0 whose message says success)")
	f.StringVar(&opts.DocsURL, "docs-url", "", "docs `URL` template; {code} is replaced by the code")
	f.StringVar(&opts.Description, "description", "", "what the domain's codes cover")
	f.StringVar(&opts.SourceURL, "source-url", "", "`URL` where the page is published (domain.source.url)")
	f.StringVar(&opts.Map, "map", "", "column roles by heading or number, e.g. 'code=错误码,message.en=英文,message.zh-CN=中文,status=3'")
	f.IntVar(&opts.MaxBytes, "max-bytes", importer.DefaultMaxBytes, "read pages of up to `N` bytes")
	f.BoolVar(&preview, "preview", false, "print each table's column roles (and why) and first rows; write no catalog")
	f.StringVar(&regen, "regenerate-builtin", "", "re-import the pages of `DIR`/sources/import.yaml into DIR")
	f.BoolVar(&check, "check", false, "with --regenerate-builtin: report catalogs that differ, write nothing")
	return cmd
}

// regenerate re-imports the built-in catalogs of dir.
func regenerate(env *Env, dir string, check bool) error {
	files, diags, err := importer.BuildDir(os.DirFS(dir), ".")
	for _, d := range diags {
		fmt.Fprintln(env.Stderr, filepath.Join(dir, "sources")+string(filepath.Separator)+d.String())
	}
	if err != nil {
		return exitf(1, "%v", err)
	}
	if n := importer.Errors(diags); n > 0 {
		return exitf(1, "%d row(s) of the sources could not be read", n)
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	stale := 0
	for _, n := range names {
		p := filepath.Join(dir, n)
		old, _ := os.ReadFile(p)
		if bytes.Equal(old, files[n]) {
			continue
		}
		if check {
			fmt.Fprintf(env.Stderr, "%s differs from a fresh import of its source\n", p)
			stale++
			continue
		}
		if err := writeFileAtomic(p, files[n]); err != nil {
			return exitf(1, "%v", err)
		}
		fmt.Fprintf(env.Stdout, "wrote %s\n", p)
	}
	if stale > 0 {
		return exitf(1, "%d catalog(s) are stale; run go generate ./catalogs", stale)
	}
	return nil
}
