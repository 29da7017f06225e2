package server

import (
	"log/slog"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"golang.org/x/time/rate"

	"github.com/errcat/errcat/httperr"
)

// requestID returns the request id httperr gave r: the client's
// X-Request-Id when it is sane, else a fresh one.
func requestID(r *http.Request) string { return httperr.RequestID(r.Context()) }

// newErrs returns the middleware of the server's requests: request ids,
// panics answered with the server's own internal error, and done, which
// counts and logs every request.
func (s *Server) newErrs() *httperr.Handler {
	return httperr.New(httperr.Config{Domain: s.problems.dom, Logger: s.log, Done: s.done})
}

// wrap adds the headers every response carries, request ids, metrics and
// access log, and panic recovery.
func (s *Server) wrap(h http.Handler) http.Handler {
	h = s.errs.Wrap(h)
	// The values are shared by all responses, as a header's slice of
	// length and capacity 1 that Add and Set replace, never write into.
	nosniff, deny := []string{"nosniff"}, []string{"DENY"}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		// Browsers take no response for another type than it says (a
		// JSON body with HTML in it is not a page) and frame none.
		hd["X-Content-Type-Options"] = nosniff
		hd["X-Frame-Options"] = deny
		h.ServeHTTP(w, r)
	})
}

// queryChecked answers a request whose query string cannot be decoded
// with 400 InvalidQueryString, naming the bad part, instead of letting h
// see the query without it (r.URL.Query drops what it cannot decode): a
// problem on the API, the error page elsewhere.
func (s *Server) queryChecked(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if part, ok := badQueryPart(r.URL.RawQuery); ok {
			params := map[string]string{"part": part}
			if strings.HasPrefix(r.URL.Path, "/v1/") {
				s.problem(w, r, "InvalidQueryString", params)
			} else {
				s.pageProblem(w, r, http.StatusBadRequest, "InvalidQueryString", params)
			}
			return
		}
		h(w, r)
	}
}

// maxPartLen bounds the bad part of a query string echoed in a problem.
const maxPartLen = 64

// badQueryPart returns the first &-separated part of the raw query string
// that url.ParseQuery fails on — one with a semicolon, or a % not
// followed by two hex digits — and whether there is one. A long part is
// cut short.
func badQueryPart(raw string) (string, bool) {
	i := strings.IndexAny(raw, "%;")
	for ; i >= 0 && i < len(raw); i++ {
		c := raw[i]
		if c == ';' || c == '%' && (i+2 >= len(raw) || !isHex(raw[i+1]) || !isHex(raw[i+2])) {
			break
		}
		if c == '%' {
			i += 2
		}
	}
	if i < 0 || i >= len(raw) {
		return "", false
	}
	start := strings.LastIndexByte(raw[:i], '&') + 1
	part := raw[start:]
	if end := strings.IndexByte(part, '&'); end >= 0 {
		part = part[:end]
	}
	part = strings.ToValidUTF8(part, "\uFFFD")
	if len(part) > maxPartLen {
		cut := maxPartLen
		for cut > 0 && !utf8.RuneStart(part[cut]) {
			cut--
		}
		part = part[:cut] + "…"
	}
	return part, true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// done counts a request by route and status and logs it, at error level
// when it failed on the server's side.
func (s *Server) done(r *http.Request, o httperr.Outcome) {
	route := r.Pattern
	if route == "" {
		route = "unmatched"
	}
	s.metrics.requests.WithLabelValues(route, strconv.Itoa(o.Status)).Inc()
	s.metrics.latency.WithLabelValues(route).Observe(o.Duration.Seconds())
	level := slog.LevelDebug
	if o.Status >= 500 {
		level = slog.LevelError
	}
	// Asked first, so a request not logged boxes none of the arguments.
	if s.log.Enabled(r.Context(), level) {
		s.log.Log(r.Context(), level, "request", "request_id", requestID(r), "method", r.Method, "path", r.URL.Path, "status", o.Status, "duration", o.Duration)
	}
}

// limiter is a token bucket per client IP; idle clients are forgotten.
type limiter struct {
	limit rate.Limit
	burst int
	mu    sync.Mutex
	m     map[string]*client
	sweep time.Time
}

type client struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiter(l rate.Limit, burst int) *limiter {
	return &limiter{limit: l, burst: burst, m: map[string]*client{}}
}

// allow reports whether the client may proceed, and otherwise how long it
// should wait.
func (l *limiter) allow(ip string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.sweep) > time.Minute {
		for k, c := range l.m {
			if now.Sub(c.seen) > 3*time.Minute {
				delete(l.m, k)
			}
		}
		l.sweep = now
	}
	c := l.m[ip]
	if c == nil {
		c = &client{lim: rate.NewLimiter(l.limit, l.burst)}
		l.m[ip] = c
	}
	c.seen = now
	res := c.lim.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return false, d
	}
	return true, 0
}

// limited applies the per-client rate limit to h.
func (s *Server) limited(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ip := clientIP(r)
		if ok, wait := s.limiter.allow(ip, time.Now()); !ok {
			secs := int(math.Ceil(wait.Seconds()))
			w.Header().Set("Retry-After", strconv.Itoa(secs))
			s.metrics.limited.Inc()
			s.problem(w, r, "RateLimited", map[string]string{"retry_after": strconv.Itoa(secs)})
			return
		}
		h(w, r)
	}
}

// clientIP is the peer's address; proxies' headers are not trusted.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	entries  prometheus.Gauge
	domains  prometheus.Gauge
	reloads  *prometheus.CounterVec
	limited  prometheus.Counter
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "errcat_http_requests_total", Help: "HTTP requests by route pattern and status.",
		}, []string{"route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "errcat_http_request_duration_seconds", Help: "HTTP request latency by route pattern.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1},
		}, []string{"route"}),
		entries: prometheus.NewGauge(prometheus.GaugeOpts{Name: "errcat_catalog_entries", Help: "Entries served."}),
		domains: prometheus.NewGauge(prometheus.GaugeOpts{Name: "errcat_catalog_domains", Help: "Domains served."}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "errcat_catalog_reloads_total", Help: "Catalog snapshots built, by result (ok, or partial when a file was broken).",
		}, []string{"result"}),
		limited: prometheus.NewCounter(prometheus.CounterOpts{Name: "errcat_rate_limited_total", Help: "Requests refused by the per-client rate limit."}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.entries, m.domains, m.reloads, m.limited,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// wantsHTML reports whether a browser asked for a page.
func wantsHTML(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "text/html")
}
