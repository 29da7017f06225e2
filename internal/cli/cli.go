// Package cli implements the errcat command: one cobra command per
// subcommand, each taking its I/O from Env so tests run them in-process.
// It is the only package that imports every other package of errcat.
package cli

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/source"
)

// Env is what a command may touch: its streams and the catalogs it reads.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer

	// CatalogDirs are added to (and override) the built-in catalogs.
	CatalogDirs []string
	// NoBuiltin leaves the built-in catalogs out.
	NoBuiltin bool
}

// ExitError carries a process exit code through cobra. Its message, when
// not empty, is printed on stderr as "errcat: MESSAGE".
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// exitf returns an ExitError with a formatted message.
func exitf(code int, format string, args ...any) error {
	return &ExitError{Code: code, Err: fmt.Errorf(format, args...)}
}

// Main runs errcat with args (without the program name) and returns the
// process exit code: 0 success, 1 failure or findings, 2 bad usage.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := &Env{Stdin: stdin, Stdout: stdout, Stderr: stderr}
	root := newRoot(env)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		if ee.Err != nil {
			fmt.Fprintln(stderr, "errcat:", ee.Err)
		}
		return ee.Code
	}
	// Anything else is a usage error from cobra or a plain failure.
	fmt.Fprintln(stderr, "errcat:", err)
	var ue usageError
	var se *source.SpecError
	if errors.As(err, &ue) || errors.As(err, &se) {
		return 2
	}
	return 1
}

type usageError struct{ error }

func newRoot(env *Env) *cobra.Command {
	root := &cobra.Command{
		Use:   "errcat",
		Short: "errcat keeps an API's error catalog: one reviewed source of truth for its error codes",
		Long: `errcat keeps an API's error codes in one YAML catalog per domain, checks it,
turns it into code and documentation, emits errors in the API's wire format,
decodes any cloud's error responses, and serves the error center.

The built-in catalogs (zilliz.cloud, huaweicloud.css, tencentcloud.common,
privatecloud.retcode, aliyun.polardb) are always available; --catalog DIR adds
catalogs from disk and overrides built-in domains with the same id.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w (see 'errcat %s --help')", err, c.Name())}
	})
	root.PersistentFlags().StringArrayVar(&env.CatalogDirs, "catalog", nil, "add catalogs from `DIR` (repeatable); they override built-in domains with the same id")
	root.PersistentFlags().BoolVar(&env.NoBuiltin, "no-builtin", false, "leave the built-in catalogs out")
	for _, c := range commands(env) {
		root.AddCommand(c)
	}
	return root
}

// commands is the explicit list of subcommands.
func commands(env *Env) []*cobra.Command {
	return []*cobra.Command{
		newVersionCmd(env),
		newListCmd(env),
		newExplainCmd(env),
		newImportCmd(env),
		newRenderCmd(env),
		newDecodeCmd(env),
		newLintCmd(env),
		newDiffCmd(env),
		newSynthCmd(env),
		newGenCmd(env),
		newServeCmd(env),
		newPublishCmd(env),
		newTokenCmd(env),
	}
}

// usageArgs wraps a cobra argument check so its failures exit 2.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			// The message is printed after "errcat: ", so the path
			// starts below the root: "errcat: explain: …".
			return usageError{fmt.Errorf("%s: %w", strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" "), err)}
		}
		return nil
	}
}

// LoadSet loads the built-in catalogs (unless --no-builtin) and then the
// --catalog sources, in order: later domains override earlier ones.
func (env *Env) LoadSet() (*catalog.Set, error) {
	return source.Set(!env.NoBuiltin, env.CatalogDirs...)
}

// Version is errcat's version as the build info records it: the module
// version and the commit it was built from.
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return versionFrom(nil)
	}
	return versionFrom(bi)
}

// versionFrom formats the module version and the VCS commit of bi:
// "v1.4.0 (commit 0123456789ab, go1.26.0)". A build without module
// version or VCS stamp says so rather than printing a bare "devel".
func versionFrom(bi *debug.BuildInfo) string {
	if bi == nil {
		return "unknown (no build info in the binary)"
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "(devel)"
	}
	rev, dirty, when := "", false, ""
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		case "vcs.time":
			when = s.Value
		}
	}
	var meta []string
	switch {
	case rev != "":
		if len(rev) > 12 {
			rev = rev[:12]
		}
		c := "commit " + rev
		if dirty {
			c += " with local changes"
		}
		if when != "" {
			c += " of " + when
		}
		meta = append(meta, c)
	case v == "(devel)":
		meta = append(meta, "commit unknown: built with -buildvcs=false or outside a repository")
	}
	if bi.GoVersion != "" {
		meta = append(meta, bi.GoVersion)
	}
	if len(meta) == 0 {
		return v
	}
	return v + " (" + strings.Join(meta, ", ") + ")"
}

// shortVersion is the module version alone, for machine-read outputs.
func shortVersion() string {
	v, _, _ := strings.Cut(Version(), " (")
	return v
}

// checkLang rejects a --lang value that is not a BCP 47 tag (or, when
// accept is set, an Accept-Language value) as a usage error.
func checkLang(value string, accept bool) error {
	if value == "" {
		return nil
	}
	if _, err := language.Parse(value); err == nil {
		return nil
	}
	if accept {
		if tags, _, err := language.ParseAcceptLanguage(value); err == nil && len(tags) > 0 {
			return nil
		}
	}
	return usageError{fmt.Errorf("--lang %q: not a BCP 47 language tag (e.g. en, zh-CN)", value)}
}

func newVersionCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print errcat's version",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(env.Stdout, "errcat %s\n", Version())
			return nil
		},
	}
}
