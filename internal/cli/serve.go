package cli

import (
	"errors"
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
	"github.com/errcat/errcat/internal/registry"
	"github.com/errcat/errcat/internal/server"
	"github.com/errcat/errcat/internal/source"
)

func newServeCmd(env *Env) *cobra.Command {
	var addr, metricsAddr, logLevel string
	var reload, idleTimeout time.Duration
	var noLint bool
	var rateLimit float64
	var rateBurst, maxConns int
	var maxDrop float64
	var allowDrop bool
	var store string
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080] [--store URL | --catalog DIR...]",
		Short: "Serve the error center: web UI and JSON API over the catalogs",
		Long: `Serve runs the error center: a web UI and a JSON API (v1) where an API's
users look error codes up, search in English or Chinese and decode raw error
responses. SIGINT or SIGTERM shuts down gracefully.

By default it serves a catalog registry (--store URL): an embedded SQLite file
in the user's data directory, created and seeded with the built-in catalogs
on first start, or a PostgreSQL database (postgres://…) that several
replicas share. Teams publish their domains' catalogs to it (errcat publish);
every version is kept. An admin token comes from $ERRCAT_ADMIN_TOKEN or is
generated on first start into a file beside the store (its path is logged).

--catalog DIR instead mirrors directories read-only: the built-in catalogs
plus DIR's, which add or override domains and are reloaded when they change
(a broken file keeps its last good version and is logged).

/metrics is served on the main address unless --metrics-addr gives it one of
its own. Every response carries X-Content-Type-Options: nosniff and
X-Frame-Options: DENY; at most --max-conns connections are served at once
and a keep-alive connection idle for --idle-timeout is closed.`,
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
			if maxConns < 0 {
				return usageError{fmt.Errorf("--max-conns %d: want 0 (no cap) or more", maxConns)}
			}
			if maxConns == 0 {
				maxConns = -1 // no cap
			}
			if idleTimeout <= 0 {
				return usageError{fmt.Errorf("--idle-timeout %v: want more than 0", idleTimeout)}
			}
			var builtin []*catalog.Catalog
			if !env.NoBuiltin {
				b, err := source.Builtin()
				if err != nil {
					return err
				}
				builtin = b
			}
			var reg *registry.Store
			var admin string
			if store != "" && len(env.CatalogDirs) > 0 {
				return usageError{errors.New("--store serves a registry, --catalog mirrors directories: give one")}
			}
			if len(env.CatalogDirs) == 0 {
				var err error
				if reg, admin, err = openStore(cmd.Context(), log, store, builtin); err != nil {
					return err
				}
				defer reg.Close()
				builtin = nil // the registry serves them
			}
			for _, d := range env.CatalogDirs {
				if _, err := os.Stat(d); err != nil {
					return exitf(1, "--catalog: %v", err)
				}
			}
			srv, err := server.New(server.Config{
				Builtin: builtin, Dirs: env.CatalogDirs, Reload: reload, Logger: log, NoLint: noLint,
				RateLimit: limit, RateBurst: rateBurst, MaxDrop: maxDrop, AllowDrop: allowDrop,
				MaxConns: maxConns, IdleTimeout: idleTimeout, MetricsApart: metricsAddr != "",
				Registry: reg, AdminToken: admin,
			})
			if err != nil {
				return exitf(1, "%v", err)
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return exitf(1, "--addr %s: %v; pick another address with --addr HOST:PORT", addr, err)
			}
			var mln net.Listener
			if metricsAddr != "" {
				if mln, err = net.Listen("tcp", metricsAddr); err != nil {
					ln.Close()
					return exitf(1, "--metrics-addr %s: %v; pick another address with --metrics-addr HOST:PORT", metricsAddr, err)
				}
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			fmt.Fprintf(env.Stdout, "errcat error center: http://%s/\n", ln.Addr())
			log.Info("serving", "addr", ln.Addr().String(), "url", "http://"+ln.Addr().String()+"/")
			merr := make(chan error, 1)
			if mln != nil {
				fmt.Fprintf(env.Stdout, "errcat metrics: http://%s/metrics\n", mln.Addr())
				log.Info("serving metrics", "addr", mln.Addr().String())
				go func() {
					err := srv.RunMetrics(ctx, mln)
					if err != nil {
						stop() // the main server goes down with the metrics one
					}
					merr <- err
				}()
			} else {
				merr <- nil
			}
			err = srv.Run(ctx, ln)
			stop()
			if err == nil {
				err = <-merr
			}
			if err != nil {
				return exitf(1, "serve: %v", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&store, "store", "", "serve the catalog registry at `URL`: sqlite:PATH or postgres://… (default: sqlite:registry.db in $XDG_DATA_HOME/errcat or ~/.local/share/errcat); --catalog DIR mirrors directories instead")
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	cmd.Flags().StringVar(&metricsAddr, "metrics-addr", "", "serve /metrics on `HOST:PORT` only, not on --addr (default: on --addr)")
	cmd.Flags().IntVar(&maxConns, "max-conns", 1024, "serve at most this many connections at once; more wait (0: no cap)")
	cmd.Flags().DurationVar(&idleTimeout, "idle-timeout", 30*time.Second, "close keep-alive connections idle this long")
	cmd.Flags().DurationVar(&reload, "reload", time.Second, "check --catalog directories for changes this often (0 or less: never)")
	cmd.Flags().Float64Var(&rateLimit, "rate-limit", 20, "search and decode requests per second per client IP (0: unlimited)")
	cmd.Flags().IntVar(&rateBurst, "rate-burst", 40, "bursts of this many requests above --rate-limit")
	cmd.Flags().Float64Var(&maxDrop, "max-drop", 0.25, "hold back a catalog change that drops more than this `SHARE` of a domain's entries (0: any), or the domain, until unchanged for 30s")
	cmd.Flags().BoolVar(&allowDrop, "allow-drop", false, "apply catalog changes that drop entries or domains at once")
	cmd.Flags().BoolVar(&noLint, "no-lint", false, "leave lint findings off the entry pages")
	cmd.Flags().StringVar(&logLevel, "log-level", "info", "log `LEVEL`: debug, info, warn or error")
	return cmd
}
