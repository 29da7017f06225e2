// Package server owns the error center: the JSON API (v1), the web UI and
// the machinery around them — an atomically swapped snapshot of the
// catalogs with their search index, reloading of catalog directories,
// problem+json errors from the server's own catalog (problems.yaml),
// request ids, structured logs, Prometheus metrics, per-client rate limits,
// size, time and connection limits, and the security headers of every
// response.
//
// A Server is an http.Handler; New builds it from a Config, Run serves it
// until its context ends (and RunMetrics its metrics, when they have an
// address of their own). Entries are rendered in every wire format by the
// runtime (errcat, wire, defs), raw responses are read by the decode
// package, and entry pages show the findings of lint.
package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/net/netutil"
	"golang.org/x/time/rate"

	"github.com/errcat/errcat/httperr"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/lint"
	"github.com/errcat/errcat/internal/registry"
	"github.com/errcat/errcat/internal/search"
	"github.com/errcat/errcat/internal/source"
)

// Rendered is one entry in one wire format, as a client receives it.
type Rendered struct {
	Format string      `json:"format"`
	Status int         `json:"status"`
	Header http.Header `json:"header,omitempty"`
	Body   string      `json:"body"`
}

// Config configures a Server. Zero values take the defaults noted.
type Config struct {
	// Builtin are the catalogs served with no set-up.
	Builtin []*catalog.Catalog
	// Dirs add catalogs (directories of YAML files, or single files); later
	// ones override earlier domains with the same id, all override Builtin.
	Dirs []string
	// Reload is how often Dirs are checked for changes (default 1s; <0 never).
	Reload time.Duration
	// LoadFile reads one catalog file of Dirs (default source.LoadFile).
	LoadFile func(path string) (*catalog.Catalog, error)
	// MaxDrop is the largest share of the entries a catalog file of Dirs
	// gives its domain that one change of the file may drop (default 0.25;
	// below 0: not one entry). A larger drop, a change of the file's domain or its
	// removal is held back and logged until the file has stayed as it is
	// for DropConfirm (default 30s); AllowDrop applies them at once.
	MaxDrop     float64
	DropConfirm time.Duration
	AllowDrop   bool

	// Lint selects the lint rules whose findings entry pages show.
	Lint lint.Config
	// NoLint leaves lint findings off the entry pages.
	NoLint bool

	Logger *slog.Logger // default: discard

	// RateLimit is the sustained rate of search and decode requests per
	// client IP (default 20/s), with bursts of RateBurst (default 40).
	RateLimit rate.Limit
	RateBurst int
	// MaxBodyBytes limits request bodies (default 1 MiB).
	MaxBodyBytes int64
	// MaxHeaderBytes limits request headers (default 32 KiB).
	MaxHeaderBytes int
	// ReadHeaderTimeout bounds reading a request's headers (default 5s),
	// ReadTimeout the whole request (default 15s), WriteTimeout the
	// response (default 30s).
	ReadHeaderTimeout, ReadTimeout, WriteTimeout time.Duration
	// IdleTimeout closes a keep-alive connection that waits this long for
	// its next request (default 30s).
	IdleTimeout time.Duration
	// MaxConns caps the connections Run and RunMetrics each serve at once
	// (default 1024; less than 0: no cap). Further clients wait in the
	// listen backlog until a connection closes.
	MaxConns int
	// MetricsApart leaves /metrics off the main handler: it is served only
	// by MetricsHandler and RunMetrics, on an address of its own.
	MetricsApart bool

	// Registry, when set, is the catalog registry served instead of
	// Builtin and Dirs: its latest versions, publishes under /v1 and the
	// history pages (registry_api.go). AdminToken is an admin token from
	// outside the registry ($ERRCAT_ADMIN_TOKEN); empty: none.
	Registry   *registry.Store
	AdminToken string

	// buildIndex builds a snapshot's search index (default search.Build);
	// tests hold it back to see the server before its index is ready.
	buildIndex func(*catalog.Set) *search.Index
}

// Server is the error center.
type Server struct {
	cfg      Config
	st       *store
	log      *slog.Logger
	problems *problems
	mux      *http.ServeMux
	handler  http.Handler
	limiter  *limiter
	metrics  *metrics
	ui       *ui
	errs     *httperr.Handler
	reg      *regState // nil: no registry

	// metricsHandler serves /metrics alone (MetricsHandler).
	metricsHandler http.Handler
}

// New loads the catalogs and builds the server. Catalog files that fail to
// parse are logged and left out; New fails only when nothing can be
// served at all.
func New(cfg Config) (*Server, error) {
	if cfg.Reload == 0 {
		cfg.Reload = time.Second
	}
	if cfg.LoadFile == nil {
		cfg.LoadFile = source.LoadFile
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.RateLimit == 0 {
		cfg.RateLimit = 20
	}
	if cfg.RateBurst == 0 {
		cfg.RateBurst = 40
	}
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = 1 << 20
	}
	if cfg.MaxHeaderBytes == 0 {
		cfg.MaxHeaderBytes = 32 << 10
	}
	if cfg.ReadHeaderTimeout == 0 {
		cfg.ReadHeaderTimeout = 5 * time.Second
	}
	if cfg.ReadTimeout == 0 {
		cfg.ReadTimeout = 15 * time.Second
	}
	if cfg.WriteTimeout == 0 {
		cfg.WriteTimeout = 30 * time.Second
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = 30 * time.Second
	}
	if cfg.MaxConns == 0 {
		cfg.MaxConns = 1024
	}
	if err := cfg.Lint.Check(); err != nil {
		return nil, err
	}
	problems, err := loadProblems()
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:      cfg,
		log:      cfg.Logger,
		problems: problems,
		limiter:  newLimiter(cfg.RateLimit, cfg.RateBurst),
		metrics:  newMetrics(),
	}
	s.errs = s.newErrs()
	lintCfg := &cfg.Lint
	if cfg.NoLint {
		lintCfg = nil
	}
	s.st = &store{builtin: cfg.Builtin, dirs: cfg.Dirs, loadFile: cfg.LoadFile, lint: lintCfg, log: cfg.Logger, onSwap: s.swapped, buildIndex: cfg.buildIndex,
		maxDrop: cfg.MaxDrop, confirmDrop: cfg.DropConfirm, allowDrop: cfg.AllowDrop, onHold: newHeldCounter(s.metrics.reg).Inc}
	start := time.Now()
	// A registry is served instead of Builtin and Dirs: loading those
	// first would make an empty snapshot searchable (and /readyz ready)
	// while the registry's index is built.
	if cfg.Registry == nil {
		if _, err := s.st.load(); err != nil {
			s.log.Warn("some catalogs were not loaded", "err", err)
		}
	}
	if err := s.openRegistry(); err != nil {
		return nil, err
	}
	// The search index is being built in the background (store.swap);
	// it hands the memory of parsing and indexing back to the system
	// when done.
	snap := s.st.cur.Load()
	s.log.Info("catalogs loaded", "domains", len(snap.set.Catalogs()), "entries", snap.set.Len(), "duration", time.Since(start))
	if snap.set.Len() == 0 && len(cfg.Builtin)+len(cfg.Dirs) > 0 {
		return nil, errors.New("no catalog could be loaded")
	}
	if s.ui, err = newUI(); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

func (s *Server) swapped(snap *snapshot, err error) {
	s.metrics.entries.Set(float64(snap.set.Len()))
	s.metrics.domains.Set(float64(len(snap.set.Catalogs())))
	result := "ok"
	if err != nil {
		result = "partial"
	}
	s.metrics.reloads.WithLabelValues(result).Inc()
}

// Registry returns the server's Prometheus registry.
func (s *Server) Registry() *prometheus.Registry { return s.metrics.reg }

// ServeHTTP serves the API and the UI.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// MetricsHandler serves the Prometheus metrics at /metrics and answers
// any other path with 404, for a listen address of its own (see
// Config.MetricsApart).
func (s *Server) MetricsHandler() http.Handler { return s.metricsHandler }

// SearchReady reports whether the search index of the catalogs served
// now is built. Until the first one is, searches are answered 503.
func (s *Server) SearchReady() bool { return s.st.searchReady() }

// WaitSearch waits until the search index of the catalogs served now is
// built, or ctx ends.
func (s *Server) WaitSearch(ctx context.Context) error { return s.st.waitSearch(ctx) }

// Reload checks the catalog directories now and reports whether the
// catalogs changed.
func (s *Server) Reload() (bool, error) { return s.st.load() }

// Watch reloads catalog directories that change until ctx ends.
func (s *Server) Watch(ctx context.Context) { s.st.watch(ctx, s.cfg.Reload) }

// HTTPServer returns an http.Server for s with limits on header size, on
// the time to read a request and write a response and on idle keep-alive
// connections. The cap on connections is the listener's (see Run).
func (s *Server) HTTPServer(addr string) *http.Server {
	return s.httpServer(addr, s)
}

func (s *Server) httpServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		MaxHeaderBytes:    s.cfg.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// Run serves on ln, at most Config.MaxConns connections at once, and
// reloads the catalog directories until ctx ends; then it shuts down
// gracefully, giving requests in flight up to 10 seconds.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	wctx, stop := context.WithCancel(ctx)
	defer stop()
	go s.Watch(wctx)
	go s.watchRegistry(wctx)
	return s.serve(ctx, s.HTTPServer(ln.Addr().String()), ln)
}

// RunMetrics serves MetricsHandler on ln, with the limits of Run, until
// ctx ends.
func (s *Server) RunMetrics(ctx context.Context, ln net.Listener) error {
	return s.serve(ctx, s.httpServer(ln.Addr().String(), s.metricsHandler), ln)
}

func (s *Server) serve(ctx context.Context, hs *http.Server, ln net.Listener) error {
	if s.cfg.MaxConns > 0 {
		ln = netutil.LimitListener(ln, s.cfg.MaxConns)
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "addr", hs.Addr)
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func (s *Server) snap() *snapshot { return s.st.cur.Load() }

// searchSnap returns the newest snapshot whose search index is built, or
// nil when none is yet.
func (s *Server) searchSnap() *snapshot { return s.st.searchable.Load() }
