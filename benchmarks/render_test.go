package benchmarks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	kratos "github.com/go-kratos/kratos/v2/errors"
)

// The returned error rendered to bytes, no HTTP. Every peer writes the
// same bytes as errcat (TestRenderSameBytes) into a reused buffer, as
// errcat does: the encoding/json peers encode with a json.Encoder into a
// reused bytes.Buffer and drop the newline Encode adds.
//
// Two bodies: huawei's {"error_code","error_msg"} (the message in English
// with two params) and google's AIP-193 google.rpc.Status (message,
// status, ErrorInfo with reason, domain and metadata, LocalizedMessage).
// gRPC's protojson is not among the peers: it writes a google.rpc.Status
// proto, not the HTTP body, and randomizes its whitespace on purpose, so
// no run writes errcat's bytes (grpc_test.go compares the gRPC status).

// peerBuf is a reused output buffer with its encoder.
type peerBuf struct {
	b   bytes.Buffer
	enc *json.Encoder
}

func newPeerBuf() *peerBuf {
	p := &peerBuf{}
	p.b.Grow(2048)
	p.enc = json.NewEncoder(&p.b)
	return p
}

// encode writes v as encoding/json.Marshal does (HTML escaped, no
// newline) into the reused buffer.
func (p *peerBuf) encode(v any) ([]byte, error) {
	p.b.Reset()
	if err := p.enc.Encode(v); err != nil {
		return nil, err
	}
	out := p.b.Bytes()
	return out[:len(out)-1], nil
}

type huaweiBody struct {
	Code    string `json:"error_code"`
	Message string `json:"error_msg"`
}

const messageEN = "The cluster %s does not exist in %s."

// Peers of the huawei body.

func huaweiStruct(p *peerBuf) ([]byte, error) {
	return p.encode(&huaweiBody{Code: code, Message: fmt.Sprintf(messageEN, cluster, region)})
}

//go:noinline
func fmtError() error { return fmt.Errorf(messageEN, cluster, region) }

func huaweiFmt(p *peerBuf) ([]byte, error) {
	err := fmtError()
	return p.encode(&huaweiBody{Code: code, Message: err.Error()})
}

//go:noinline
func kratosError() error {
	return kratos.Newf(404, code, messageEN, cluster, region).WithMetadata(map[string]string{metaKey: metaVal})
}

func huaweiKratos(p *peerBuf) ([]byte, error) {
	e := kratos.FromError(kratosError())
	return p.encode(&huaweiBody{Code: e.Reason, Message: e.Message})
}

// The google body as encoding/json writes it from structs.

type googleBody struct {
	Error googleStatus `json:"error"`
}

type googleStatus struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Status  string `json:"status"`
	Details []any  `json:"details"`
}

type errorInfo struct {
	Type     string            `json:"@type"`
	Reason   string            `json:"reason"`
	Domain   string            `json:"domain"`
	Metadata map[string]string `json:"metadata"`
}

type localizedMessage struct {
	Type    string `json:"@type"`
	Locale  string `json:"locale"`
	Message string `json:"message"`
}

func googleStruct(p *peerBuf) ([]byte, error) {
	msg := fmt.Sprintf(messageEN, cluster, region)
	return p.encode(&googleBody{Error: googleStatus{
		Code: 404, Message: msg, Status: "NOT_FOUND",
		Details: []any{
			&errorInfo{Type: "type.googleapis.com/google.rpc.ErrorInfo", Reason: reason, Domain: domainID,
				Metadata: map[string]string{"cluster": cluster, "region": region, metaKey: metaVal}},
			&localizedMessage{Type: "type.googleapis.com/google.rpc.LocalizedMessage", Locale: "en", Message: msg},
		},
	}})
}

func googleKratos(p *peerBuf) ([]byte, error) {
	e := kratos.FromError(kratosError())
	md := map[string]string{"cluster": cluster, "region": region}
	for k, v := range e.Metadata {
		md[k] = v
	}
	return p.encode(&googleBody{Error: googleStatus{
		Code: int(e.Code), Message: e.Message, Status: "NOT_FOUND",
		Details: []any{
			&errorInfo{Type: "type.googleapis.com/google.rpc.ErrorInfo", Reason: reason, Domain: domainID, Metadata: md},
			&localizedMessage{Type: "type.googleapis.com/google.rpc.LocalizedMessage", Locale: "en", Message: e.Message},
		},
	}})
}

type renderPeer struct {
	name   string
	render func(*peerBuf) ([]byte, error)
}

// renderCases are the bodies and their peers.
func renderCases() []struct {
	format string
	peers  []renderPeer
} {
	return []struct {
		format string
		peers  []renderPeer
	}{
		{"huawei", []renderPeer{{"struct-json", huaweiStruct}, {"fmt-json", huaweiFmt}, {"kratos-json", huaweiKratos}}},
		{"google", []renderPeer{{"struct-json", googleStruct}, {"kratos-json", googleKratos}}},
	}
}

// BenchmarkRender compares building the error, returning it as an error
// and rendering its body into a reused buffer, side by side.
func BenchmarkRender(b *testing.B) {
	def := notFound()
	for _, c := range renderCases() {
		f := format(b, c.format)
		b.Run(c.format+"/errcat", func(b *testing.B) {
			buf := make([]byte, 0, 2048)
			b.ReportAllocs()
			for b.Loop() {
				buf = renderErrcat(def, f, buf, "")
			}
		})
		for _, p := range c.peers {
			b.Run(c.format+"/"+p.name, func(b *testing.B) {
				pb := newPeerBuf()
				b.ReportAllocs()
				for b.Loop() {
					if _, err := p.render(pb); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestRenderSameBytes keeps the comparison fair: every peer writes
// errcat's bytes.
func TestRenderSameBytes(t *testing.T) {
	def := notFound()
	for _, c := range renderCases() {
		want := renderErrcat(def, format(t, c.format), nil, "")
		for _, p := range c.peers {
			got, err := p.render(newPeerBuf())
			if err != nil {
				t.Fatalf("%s/%s: %v", c.format, p.name, err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s/%s writes\n%s\nerrcat writes\n%s", c.format, p.name, got, want)
			}
		}
	}
}

// TestErrcatAllocs holds errcat to at most one allocation per error built,
// returned and rendered into a reused buffer.
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
