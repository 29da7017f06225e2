package benchmarks

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	kratos "github.com/go-kratos/kratos/v2/errors"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/httperr"
	"github.com/errcat/errcat/wire"
)

// The same error everywhere: code CSS.0015 (HTTP 404, not_found), a
// message with two params, one metadata pair.
const (
	code     = "CSS.0015"
	domainID = "huaweicloud.css"
	cluster  = "es-prod-1"
	region   = "cn-north-4"
	metaKey  = "project"
	metaVal  = "p-9f2c"
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

// Each peer builds the error and renders its JSON body.

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

func renderKratos() ([]byte, error) {
	e := kratos.Newf(404, code, "The cluster %s does not exist in %s.", cluster, region).
		WithMetadata(map[string]string{metaKey: metaVal})
	return json.Marshal(e)
}

func renderGRPC() ([]byte, error) {
	st := status.New(codes.NotFound, fmt.Sprintf("The cluster %s does not exist in %s.", cluster, region))
	st, err := st.WithDetails(&errdetails.ErrorInfo{Reason: reason, Domain: domainID, Metadata: map[string]string{metaKey: metaVal}})
	if err != nil {
		return nil, err
	}
	return protojson.Marshal(st.Proto())
}

type plainError struct {
	Code     string            `json:"code"`
	Message  string            `json:"message"`
	Metadata map[string]string `json:"metadata"`
}

func renderStruct() ([]byte, error) {
	e := &plainError{Code: code, Message: fmt.Sprintf("The cluster %s does not exist in %s.", cluster, region), Metadata: map[string]string{metaKey: metaVal}}
	return json.Marshal(e)
}

func renderFmt() ([]byte, error) {
	err := fmt.Errorf("the cluster %s does not exist in %s (%s=%s)", cluster, region, metaKey, metaVal)
	return json.Marshal(struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}{code, err.Error()})
}

// BenchmarkRender compares building and rendering the error, side by side.
func BenchmarkRender(b *testing.B) {
	def := notFound()
	google, huawei := format(b, "google"), format(b, "huawei")
	b.Run("errcat-google", func(b *testing.B) {
		buf := make([]byte, 0, 2048)
		b.ReportAllocs()
		for b.Loop() {
			buf = renderErrcat(def, google, buf, "")
		}
	})
	b.Run("errcat-huawei", func(b *testing.B) {
		buf := make([]byte, 0, 2048)
		b.ReportAllocs()
		for b.Loop() {
			buf = renderErrcat(def, huawei, buf, "")
		}
	})
	// The same work where the Error does not outlive the call that writes
	// it (a middleware writing a Def it knows): the compiler keeps it on
	// the stack.
	b.Run("errcat-huawei-direct", func(b *testing.B) {
		buf := make([]byte, 0, 2048)
		b.ReportAllocs()
		for b.Loop() {
			e := def.New("cluster", cluster, "region", region).WithMeta(metaKey, metaVal)
			buf = huawei.Append(buf[:0], e, wire.Options{})
		}
	})
	peers := []struct {
		name   string
		render func() ([]byte, error)
	}{
		{"kratos-json", renderKratos},
		{"grpc-protojson", renderGRPC},
		{"struct-json", renderStruct},
		{"fmt-json", renderFmt},
	}
	for _, p := range peers {
		b.Run(p.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.render(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
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

// BenchmarkHTTP is the whole path through httperr: request id, negotiation,
// rendering, headers and the hook, into a recorder.
func BenchmarkHTTP(b *testing.B) {
	def := notFound()
	h := httperr.New(httperr.Config{Domain: def.Domain})
	handler := h.Func(func(w http.ResponseWriter, r *http.Request) error {
		return def.New("cluster", cluster, "region", region).WithMeta(metaKey, metaVal)
	})
	req := httptest.NewRequest("GET", "/clusters/es-prod-1", nil)
	req.Header.Set("Accept-Language", acceptZH)
	req.Header.Set("X-Request-Id", "req-1")
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
	}
}

// TestSameError checks that every peer renders the same facts.
func TestSameError(t *testing.T) {
	buf := renderErrcat(notFound(), format(t, "google"), nil, "")
	outs := map[string][]byte{"errcat": buf}
	for name, f := range map[string]func() ([]byte, error){"kratos": renderKratos, "grpc": renderGRPC, "struct": renderStruct, "fmt": renderFmt} {
		out, err := f()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		outs[name] = out
	}
	for name, out := range outs {
		var v any
		if err := json.Unmarshal(out, &v); err != nil {
			t.Errorf("%s: invalid JSON %s: %v", name, out, err)
		}
		s := string(out)
		id := code
		if name == "errcat" || name == "grpc" {
			id = reason
		}
		for _, want := range []string{id, cluster, region} {
			if !contains(s, want) {
				t.Errorf("%s: %s lacks %q", name, s, want)
			}
		}
		if name != "fmt" && !contains(s, metaVal) {
			t.Errorf("%s: %s lacks the metadata", name, s)
		}
	}
}

// TestErrcatAllocs holds errcat to at most one allocation per error built
// and rendered into a reused buffer.
func TestErrcatAllocs(t *testing.T) {
	def := notFound()
	buf := make([]byte, 0, 2048)
	for _, name := range []string{"google", "problem", "huawei", "aliyun"} {
		f := format(t, name)
		n := testing.AllocsPerRun(200, func() {
			buf = renderErrcat(def, f, buf, def.Domain.Negotiate(acceptZH))
		})
		if n > 1 {
			t.Errorf("%s: %v allocs per error, want ≤ 1", f, n)
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
