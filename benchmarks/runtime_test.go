package benchmarks

import (
	"testing"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/wire"
)

// The same error everywhere: code CSS.0015 (HTTP 404, not_found), a
// message with two params, one metadata pair. The metadata key sorts after
// the params' names, so that encoding/json (which sorts map keys) writes
// ErrorInfo.metadata in errcat's order (params, then metadata).
const (
	code     = "CSS.0015"
	domainID = "huaweicloud.css"
	cluster  = "es-prod-1"
	region   = "cn-north-4"
	metaKey  = "zone"
	metaVal  = "cn-north-4a"
	acceptZH = "zh-CN,zh;q=0.9,en;q=0.8"
	// reason is the AIP-193 reason of code, which google.rpc.ErrorInfo
	// carries in place of the code.
	reason = "CSS_0015"
)

// notFound is the Def with the values generated code gives it.
func notFound() *errcat.Def {
	dom := &errcat.Domain{ID: domainID, Name: "Huawei Cloud CSS", Locales: []string{"en", "zh-CN"}, Format: "google"}
	return &errcat.Def{
		Domain: dom, Code: code, HTTPStatus: 404, Category: "not_found",
		Message: map[string]string{
			"en":    "The cluster {cluster} does not exist in {region}.",
			"zh-CN": "集群 {cluster} 在 {region} 不存在。",
		},
		Params: []string{"cluster", "region"},
	}
}

// format returns the wire format called name.
func format(tb testing.TB, name string) wire.Format {
	tb.Helper()
	f, ok := wire.ByName(name)
	if !ok {
		tb.Fatalf("no wire format %q", name)
	}
	return f
}

// renderErrcat builds the error the way a handler returns it (as an
// error, through a call the compiler cannot inline, so it escapes to the
// heap) and renders it the way httperr does.
func renderErrcat(def *errcat.Def, f wire.Format, buf []byte, locale string) []byte {
	e := errcat.From(handlerError(def), def.Domain)
	return f.Append(buf[:0], e, wire.Options{Locale: locale})
}

//go:noinline
func handlerError(def *errcat.Def) error {
	return def.New("cluster", cluster, "region", region).WithMeta(metaKey, metaVal)
}

// BenchmarkLocalize compares rendering in the default locale with
// rendering in the locale negotiated from an Accept-Language header per
// request: memoized per header value (what httperr does) and parsed and
// matched from scratch every time.
func BenchmarkLocalize(b *testing.B) {
	def := notFound()
	google := format(b, "google")
	dom := def.Domain
	b.Run("unlocalized", func(b *testing.B) {
		buf := make([]byte, 0, 2048)
		b.ReportAllocs()
		for b.Loop() {
			buf = renderErrcat(def, google, buf, "")
		}
	})
	b.Run("accept-language", func(b *testing.B) {
		buf := make([]byte, 0, 2048)
		b.ReportAllocs()
		for b.Loop() {
			buf = renderErrcat(def, google, buf, dom.Negotiate(acceptZH))
		}
	})
	b.Run("accept-language-unmemoized", func(b *testing.B) {
		buf := make([]byte, 0, 2048)
		b.ReportAllocs()
		for b.Loop() {
			buf = renderErrcat(def, google, buf, dom.NegotiateUncached(acceptZH))
		}
	})
}
