package errcatotel

import (
	"context"
	"net/http"
	"slices"
	"sync"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/httperr"
)

// Collector counts catalog errors for the Prometheus client library, as
// errcat_errors_total{domain, code, category, error_type}. Register it
// with a prometheus.Registerer and feed it through HTTPHook (an
// httperr.Config.Hook) or Observe (a grpcerr.WithObserver). The zero
// Collector is not usable; build it with NewCollector. It is safe for
// concurrent use.
type Collector struct {
	desc   *prometheus.Desc
	mu     sync.Mutex
	counts map[collectorKey]uint64
}

type collectorKey struct{ domain, code, category, errorType string }

// NewCollector returns an empty Collector.
func NewCollector() *Collector {
	return &Collector{
		desc: prometheus.NewDesc("errcat_errors_total",
			"Errors sent to clients, by catalog domain, code and category; error_type is OpenTelemetry's error.type.",
			[]string{"domain", "code", "category", "error_type"}, nil),
		counts: map[collectorKey]uint64{},
	}
}

// Observe counts one error sent to a client; foreign says it stands for
// one that is not in the catalog. It has the signature of
// grpcerr.WithObserver.
func (c *Collector) Observe(_ context.Context, e *errcat.Error, foreign bool) {
	k := collectorKey{errorType: ErrorType(e, foreign)}
	if e != nil && e.Def() != nil {
		d := e.Def()
		k.code, k.category = d.Code, d.Category
		if d.Domain != nil {
			k.domain = d.Domain.ID
		}
	}
	c.mu.Lock()
	c.counts[k]++
	c.mu.Unlock()
}

// HTTPHook is an httperr.Config.Hook that counts the error response.
func (c *Collector) HTTPHook(r *http.Request, ev httperr.Event) {
	c.Observe(r.Context(), ev.Err, Foreign(ev))
}

// Describe sends the descriptor of errcat_errors_total.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

// Collect sends the current counts, sorted by their labels.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	keys := make([]collectorKey, 0, len(c.counts))
	for k := range c.counts {
		keys = append(keys, k)
	}
	counts := make([]uint64, len(keys))
	slices.SortFunc(keys, func(a, b collectorKey) int {
		switch {
		case a.domain != b.domain:
			return cmpString(a.domain, b.domain)
		case a.code != b.code:
			return cmpString(a.code, b.code)
		case a.category != b.category:
			return cmpString(a.category, b.category)
		}
		return cmpString(a.errorType, b.errorType)
	})
	for i, k := range keys {
		counts[i] = c.counts[k]
	}
	c.mu.Unlock()
	for i, k := range keys {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.CounterValue, float64(counts[i]), k.domain, k.code, k.category, k.errorType)
	}
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
