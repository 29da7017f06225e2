package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/diff"
	"github.com/errcat/errcat/internal/lint"
	"github.com/errcat/errcat/internal/source"
)

// lintMemoryLimit bounds the heap of a lint run. A catalog is loaded
// once and then only read: almost everything allocated stays live, so
// collecting at every doubling of the heap (GOGC=100) mostly re-marks a
// heap that cannot shrink — for a million entries that is more CPU than
// the lint itself. lint therefore collects only when the heap reaches
// this limit. A million-entry catalog is live at about 1.1 GB while its
// file is still read (the file, the entries and their compacted strings),
// so the run peaks there, under 1.2 GB; a lower limit only makes the
// collector run again and again.
const lintMemoryLimit = 1100 << 20

// tuneGC sets lint's collection policy unless GOGC or GOMEMLIMIT are set
// in the environment, and returns a function restoring the previous one.
func tuneGC() (restore func()) {
	_, gogc := os.LookupEnv("GOGC")
	_, limit := os.LookupEnv("GOMEMLIMIT")
	if gogc || limit {
		return func() {}
	}
	oldLimit := debug.SetMemoryLimit(lintMemoryLimit)
	oldPercent := debug.SetGCPercent(-1)
	return func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}

// changeRules returns the pseudo-rules under which lint --against
// reports breaking and compatible changes.
func changeRules() (breaking, compatible lint.Rule) {
	breaking = lint.Rule{
		ID: "breaking-change", Severity: lint.Error, Default: true,
		Summary: "a change against the --against revision breaks clients (see errcat diff)",
		Rationale: `Codes are append-only: removing, renaming or reusing a code, or changing
its HTTP status, category, retry flag or placeholders breaks clients that
match on them. Retire a code with deprecated: true instead.`,
		Example: "errcat lint --against git:origin/main",
	}
	compatible = lint.Rule{
		ID: "compatible-change", Severity: lint.Info, Default: true,
		Summary:   "a compatible change against the --against revision (see errcat diff)",
		Rationale: `Added codes, new wording, new locales and new remediations are safe for clients; they are listed for review.`,
		Example:   "errcat lint --against git:origin/main",
	}
	return breaking, compatible
}

// allRules is lint's rules and the change pseudo-rules.
func allRules() []lint.Rule {
	b, c := changeRules()
	return append(lint.Rules(), b, c)
}

func newLintCmd(env *Env) *cobra.Command {
	var format, explain, against string
	var enable, disable []string
	cmd := &cobra.Command{
		Use:   "lint [--format text|json|sarif] [--enable ID...] [--disable ID...] [--explain ID] [--against git:REV] [PATH...]",
		Short: "Check catalogs for repeated codes, conflicting statuses, typos, leftover placeholders and more",
		Long: `Lint checks catalog files or directories (no PATH: the built-in catalogs and
--catalog directories) and prints the findings sorted by file and line. It
exits 1 when a finding of error severity remains, else 0.

--explain ID prints a rule's documentation; --explain all lists every rule.
--against git:REV also compares the catalogs with the same paths at git
revision REV, or with version N of a domain in an error center's registry
(registry:URL/DOMAIN@N), and reports breaking changes as errors (see errcat
diff).
A domain disables or tunes rules in its header (domain.lint), and an entry
can carry a reasoned exemption (exempt: [{rule: ID, reason: ...}]).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if explain != "" {
				return explainRules(env.Stdout, explain)
			}
			cfg := lint.Config{Enable: enable, Disable: disable}
			if err := cfg.Check(); err != nil {
				return usageError{err}
			}
			switch format {
			case "text", "json", "sarif":
			default:
				return usageError{fmt.Errorf("--format %q: want text, json or sarif", format)}
			}
			defer tuneGC()()
			cats, err := loadArgs(env, args)
			if err != nil {
				return err
			}
			findings := lint.Run(cats, cfg)
			if isRegistry(against) {
				old, err := loadRegistry(against)
				if err != nil {
					return err
				}
				findings = append(findings, changeFindings(diff.Compare(old, cats))...)
			} else if against != "" {
				rev, ok := strings.CutPrefix(against, "git:")
				if !ok || rev == "" || strings.Contains(rev, ":") {
					return usageError{fmt.Errorf("--against %q: want git:REV or registry:URL/DOMAIN@N", against)}
				}
				old, err := loadAgainst(rev, args)
				if err != nil {
					return err
				}
				findings = append(findings, changeFindings(diff.Compare(old, cats))...)
			}
			if err := writeFindings(env.Stdout, format, findings, cats); err != nil {
				return err
			}
			if format == "text" && len(args) == 0 && !env.NoBuiltin && builtinFindings(cats, findings) {
				fmt.Fprintln(env.Stderr, "note: the built-in catalogs are imported as their vendors publish them; findings in them are defects of the published pages themselves, kept visible on purpose")
			}
			if lint.HasErrors(findings) {
				return &ExitError{Code: 1}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", "text", "output `FORMAT`: text, json or sarif")
	f.StringSliceVar(&enable, "enable", nil, "also run rule `ID` (repeatable, comma-separated), even if off by default or disabled by a domain")
	f.StringSliceVar(&disable, "disable", nil, "do not run rule `ID` (repeatable, comma-separated)")
	f.StringVar(&explain, "explain", "", "print the documentation of rule `ID` (all: every rule) and exit")
	f.StringVar(&against, "against", "", "also report changes against the catalogs at `git:REV` or registry:URL/DOMAIN@N; breaking ones are errors")
	return cmd
}

// builtinFindings reports whether any finding is in a built-in catalog
// that was not overridden by a --catalog directory.
func builtinFindings(cats []*catalog.Catalog, findings []lint.Finding) bool {
	builtin, err := source.Builtin()
	if err != nil {
		return false
	}
	files := map[string]bool{}
	for _, b := range builtin {
		for _, c := range cats {
			if c.Domain.ID == b.Domain.ID && c.File == b.File {
				files[c.Domain.ID] = true
			}
		}
	}
	for _, f := range findings {
		if files[f.Domain] {
			return true
		}
	}
	return false
}

// loadArgs loads the PATH arguments, or the default catalogs without any.
func loadArgs(env *Env, args []string) ([]*catalog.Catalog, error) {
	if len(args) == 0 {
		set, err := env.LoadSet()
		if err != nil {
			return nil, err
		}
		return set.Catalogs(), nil
	}
	var cats []*catalog.Catalog
	for _, a := range args {
		cs, err := source.Load(a)
		if err != nil {
			return nil, err
		}
		cats = append(cats, cs...)
	}
	return cats, nil
}

// loadAgainst loads the same sources at git revision rev.
func loadAgainst(rev string, args []string) ([]*catalog.Catalog, error) {
	if len(args) == 0 {
		return source.BuiltinAt(rev)
	}
	var cats []*catalog.Catalog
	for _, a := range args {
		if source.IsGit(a) {
			return nil, usageError{fmt.Errorf("--against compares the working tree with a revision; %q is already a revision", a)}
		}
		cs, err := source.Load(source.GitSpec(rev, a))
		if err != nil {
			return nil, err
		}
		cats = append(cats, cs...)
	}
	return cats, nil
}

// changeFindings turns diff changes into lint findings.
func changeFindings(cs []diff.Change) []lint.Finding {
	out := make([]lint.Finding, 0, len(cs))
	for _, c := range cs {
		breaking, compatible := changeRules()
		f := lint.Finding{Rule: compatible.ID, Severity: compatible.Severity, Domain: c.Domain, Code: c.Code,
			File: c.File, Line: c.Line, Col: c.Col, Message: string(c.Kind) + ": " + c.Message}
		if c.Breaking {
			f.Rule, f.Severity = breaking.ID, breaking.Severity
		}
		out = append(out, f)
	}
	return out
}

func writeFindings(w io.Writer, format string, fs []lint.Finding, cats []*catalog.Catalog) error {
	switch format {
	case "json":
		if fs == nil {
			fs = []lint.Finding{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(fs)
	case "sarif":
		return lint.WriteSARIF(w, fs, allRules(), shortVersion())
	}
	var count [4]int
	for _, f := range fs {
		fmt.Fprintln(w, f)
		if f.Severity >= lint.Info && f.Severity <= lint.Error {
			count[f.Severity]++
		}
	}
	entries := 0
	for _, c := range cats {
		entries += len(c.Entries)
	}
	fmt.Fprintf(w, "%d findings (%d errors, %d warnings, %d infos) in %d catalogs, %d entries\n",
		len(fs), count[lint.Error], count[lint.Warning], count[lint.Info], len(cats), entries)
	return nil
}

// explainRules prints the documentation of one rule, or of all of them.
func explainRules(w io.Writer, id string) error {
	rules := allRules()
	if id == "all" {
		for _, r := range rules {
			state := "on"
			if !r.Default {
				state = "off by default"
			}
			fmt.Fprintf(w, "%-22s %-8s %-15s %s\n", r.ID, r.Severity, state, r.Summary)
		}
		return nil
	}
	i := slices.IndexFunc(rules, func(r lint.Rule) bool { return r.ID == id })
	if i < 0 {
		ids := make([]string, len(rules))
		for j, r := range rules {
			ids[j] = r.ID
		}
		return usageError{fmt.Errorf("unknown lint rule %q; rules: %s", id, strings.Join(ids, ", "))}
	}
	r := rules[i]
	state := "on by default"
	if !r.Default {
		state = "off by default; turn it on with --enable " + r.ID
	}
	fmt.Fprintf(w, "%s (%s, %s)\n\n%s.\n\n%s\n\nExample:\n\n%s\n", r.ID, r.Severity, state, r.Summary, r.Rationale, indent(r.Example, "    "))
	return nil
}

func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n")
}
