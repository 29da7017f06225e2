package cli

import (
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/time/rate"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/server"
	"github.com/errcat/errcat/internal/source"
)

func newServeCmd(env *Env) *cobra.Command {
	var addr, logLevel string
	var reload time.Duration
	var noLint bool
	var rateLimit float64
	var rateBurst int
	var maxDrop float64
	var allowDrop bool
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080] [--catalog DIR]...",
		Short: "Serve the error center: web UI and JSON API over the catalogs",
		Long: `Serve runs the error center: a web UI and a JSON API (v1) where an API's
users look error codes up, search in English or Chinese and decode raw error
responses. It serves the built-in catalogs with no set-up; --catalog DIR adds
or overrides domains, and catalogs on disk are reloaded when they change (a
broken file keeps its last good version and is logged). SIGINT or SIGTERM
shuts down gracefully.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			var level slog.Level
			if err := level.UnmarshalText([]byte(logLevel)); err != nil {
				return usageError{fmt.Errorf("--log-level: %w", err)}
			}
			log := slog.New(slog.NewJSONHandler(env.Stderr, &slog.HandlerOptions{Level: level}))
			if reload <= 0 {
				reload = -1 // never
			}
			limit := rate.Limit(rateLimit)
			if rateLimit <= 0 {
				limit = rate.Inf
			}
			if rateBurst < 1 {
				return usageError{fmt.Errorf("--rate-burst %d: want 1 or more", rateBurst)}
			}
			if maxDrop < 0 || maxDrop > 1 {
				return usageError{fmt.Errorf("--max-drop %v: want a share from 0 to 1", maxDrop)}
			}
			if maxDrop == 0 {
				maxDrop = -1 // hold back any drop
			}
			var builtin []*catalog.Catalog
			if !env.NoBuiltin {
				b, err := source.Builtin()
				if err != nil {
					return err
				}
				builtin = b
			}
			for _, d := range env.CatalogDirs {
				if _, err := os.Stat(d); err != nil {
					return exitf(1, "--catalog: %v", err)
				}
			}
			srv, err := server.New(server.Config{
				Builtin: builtin, Dirs: env.CatalogDirs, Reload: reload, Logger: log, NoLint: noLint,
				RateLimit: limit, RateBurst: rateBurst, MaxDrop: maxDrop, AllowDrop: allowDrop,
			})
			if err != nil {
				return exitf(1, "%v", err)
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return exitf(1, "listen: %v", err)
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			fmt.Fprintf(env.Stdout, "errcat error center: http://%s/\n", ln.Addr())
			log.Info("serving", "addr", ln.Addr().String(), "url", "http://"+ln.Addr().String()+"/")
			if err := srv.Run(ctx, ln); err != nil {
				return exitf(1, "serve: %v", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	cmd.Flags().DurationVar(&reload, "reload", time.Second, "check --catalog directories for changes this often (0 or less: never)")
	cmd.Flags().Float64Var(&rateLimit, "rate-limit", 20, "search and decode requests per second per client IP (0: unlimited)")
	cmd.Flags().IntVar(&rateBurst, "rate-burst", 40, "bursts of this many requests above --rate-limit")
	cmd.Flags().Float64Var(&maxDrop, "max-drop", 0.25, "hold back a catalog change that drops more than this `SHARE` of a domain's entries (0: any), or the domain, until unchanged for 30s")
	cmd.Flags().BoolVar(&allowDrop, "allow-drop", false, "apply catalog changes that drop entries or domains at once")
	cmd.Flags().BoolVar(&noLint, "no-lint", false, "leave lint findings off the entry pages")
	cmd.Flags().StringVar(&logLevel, "log-level", "info", "log `LEVEL`: debug, info, warn or error")
	return cmd
}
