package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/errcat/errcat/internal/diff"
)

func newDiffCmd(env *Env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "diff [--format text|json] OLD NEW",
		Short: "Classify the changes between two catalog versions as breaking or compatible",
		Long: `Diff compares two versions of catalogs. OLD and NEW are each a file, a
directory, git:REV:PATH (PATH relative to the current directory), or
registry:URL/DOMAIN@N, version N of a domain in an error center's registry.

Breaking: a code removed without a tombstone (deprecated: true), renamed,
its HTTP status, category or retry flag changed, its placeholders changed,
a locale removed, a retired code reused or a code reused for another
meaning. Compatible: a code added or retired, wording changed, a locale,
remediation or status added. Exit 1 when any change is breaking.`,
		Args: usageArgs(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return usageError{fmt.Errorf("--format %q: want text or json", format)}
			}
			old, err := loadSource(args[0])
			if err != nil {
				return err
			}
			cur, err := loadSource(args[1])
			if err != nil {
				return err
			}
			changes := diff.Compare(old, cur)
			breaking := 0
			for _, c := range changes {
				if c.Breaking {
					breaking++
				}
			}
			if format == "json" {
				if changes == nil {
					changes = []diff.Change{}
				}
				if err := writeJSON(env.Stdout, changes); err != nil {
					return err
				}
			} else {
				for _, c := range changes {
					fmt.Fprintln(env.Stdout, c)
				}
				fmt.Fprintf(env.Stdout, "%d changes (%d breaking, %d compatible)\n", len(changes), breaking, len(changes)-breaking)
			}
			if breaking > 0 {
				return &ExitError{Code: 1}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output `FORMAT`: text or json")
	return cmd
}
