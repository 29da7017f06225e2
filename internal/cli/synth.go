package cli

import (
	"bufio"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/errcat/errcat/internal/synth"
)

func newSynthCmd(env *Env) *cobra.Command {
	var entries int
	var seed int64
	var out string
	cmd := &cobra.Command{
		Use:   "synth --entries N [--seed S] [-o FILE]",
		Short: "Write a synthetic catalog of N entries, for load tests and benchmarks",
		Long: `Synth writes a deterministic synthetic catalog (domain synthetic.api) of N
entries with English and Chinese texts, to FILE or standard output. Every
997th entry has a misspelt code word and every 1009th no HTTP status, so
lint has findings to report.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if entries < 0 {
				return usageError{fmt.Errorf("--entries %d: want a count of 0 or more", entries)}
			}
			w := env.Stdout
			if out != "" && out != "-" {
				var pf pendingFiles
				f, err := pf.create(out)
				if err != nil {
					return err
				}
				bw := bufio.NewWriter(f)
				err = synth.Write(bw, entries, seed)
				if err == nil {
					err = bw.Flush()
				}
				if err = errors.Join(err, f.Close()); err != nil {
					pf.abort()
					return err
				}
				return pf.commit()
			}
			return synth.Write(w, entries, seed)
		},
	}
	cmd.Flags().IntVar(&entries, "entries", 1000, "number of entries `N`")
	cmd.Flags().Int64Var(&seed, "seed", 1, "random `SEED`; the same seed gives the same catalog")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to `FILE` instead of standard output")
	return cmd
}
