package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"golang.org/x/time/rate"
)

// idSource makes request ids: a random per-process prefix and a counter.
type idSource struct {
	prefix string
	n      atomic.Uint64
}

func newIDSource() *idSource {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return &idSource{prefix: hex.EncodeToString(b[:])}
}

func (s *idSource) next() string {
	return s.prefix + "-" + strconv.FormatUint(s.n.Add(1), 36)
}

type ctxKey struct{}

// requestID returns the request id given to r by the middleware.
func requestID(r *http.Request) string {
	id, _ := r.Context().Value(ctxKey{}).(string)
	return id
}

// recorder remembers the status written.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// wrap adds, outermost first: request id, metrics and access log, panic
// recovery.
func (s *Server) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := s.ids.next()
		w.Header().Set("X-Request-Id", id)
		r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, id))
		rec := &recorder{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic serving request", "request_id", id, "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				if rec.status == 0 {
					s.problem(rec, r, "Internal", nil)
				}
			}
			route := r.Pattern
			if route == "" {
				route = "unmatched"
			}
			d := time.Since(start)
			s.metrics.requests.WithLabelValues(route, strconv.Itoa(rec.status)).Inc()
			s.metrics.latency.WithLabelValues(route).Observe(d.Seconds())
			if rec.status >= 500 {
				s.log.Error("request", "request_id", id, "method", r.Method, "path", r.URL.Path, "status", rec.status, "duration", d)
			} else {
				s.log.Debug("request", "request_id", id, "method", r.Method, "path", r.URL.Path, "status", rec.status, "duration", d)
			}
		}()
		h.ServeHTTP(rec, r)
	})
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
