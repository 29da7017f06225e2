package benchmarks

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/httperr"
)

// The realistic path: a handler returns the error and the middleware
// writes it into the http.ResponseWriter with the request id (from the
// X-Request-Id header, on the request's context and echoed in the
// response), the locale negotiated from Accept-Language, and the headers:
// Content-Type, Content-Language, X-Content-Type-Options, X-Request-Id.
// The body is huawei's {"error_code","error_msg"} in zh-CN. All three write
// the same status, headers and body (TestHTTPSameResponse), into the same
// ResponseWriter (a recorder reset between requests, as net/http gives
// each request a fresh header map; its buffer is reused).
//
//   - errcat: httperr.Handler.Func around a handler returning def.New(…).
//   - nethttp-json: the same with net/http and encoding/json only: the id
//     on the context with context.WithValue, headers with Header.Set,
//     the message with fmt.Sprintf, the body with a json.Encoder into a
//     pooled buffer, the locale by x/text's matcher memoized per header
//     value, as errcat memoizes it.
//   - by-hand: the limit. The same steps with nothing to spare: the
//     error a small struct, header values shared slices assigned to the
//     map, the body appended into a pooled buffer, one Write.

// sink is the ResponseWriter of the benchmarks.
type sink struct {
	h      http.Header
	status int
	body   []byte
}

func newSink() *sink { return &sink{h: http.Header{}, body: make([]byte, 0, 2048)} }

func (s *sink) Header() http.Header { return s.h }

func (s *sink) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
}

func (s *sink) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	s.body = append(s.body, b...)
	return len(b), nil
}

func (s *sink) reset() {
	clear(s.h)
	s.status = 0
	s.body = s.body[:0]
}

// httpDomain is the domain of the HTTP benchmark: huawei's format.
func httpDef() *errcat.Def {
	def := notFound()
	def.Domain.Format = "huawei"
	return def
}

func httpRequest() *http.Request {
	req := httptest.NewRequest("GET", "/clusters/es-prod-1", nil)
	req.Header.Set("Accept-Language", acceptZH)
	req.Header.Set("X-Request-Id", "req-1")
	return req
}

func errcatHandler(def *errcat.Def) http.Handler {
	h := httperr.New(httperr.Config{Domain: def.Domain})
	return h.Func(func(w http.ResponseWriter, r *http.Request) error {
		return def.New("cluster", cluster, "region", region)
	})
}

// The net/http + encoding/json peer.

type peerError struct {
	status int
	code   string
	// msg is the message's key; args fill it.
	msg  string
	args []any
}

func (e *peerError) Error() string { return e.code }

var peerMessages = map[string]map[string]string{
	"cluster_not_found": {
		"en":    "The cluster %s does not exist in %s.",
		"zh-CN": "集群 %s 在 %s 不存在。",
	},
}

type peerCtxKey struct{}

type peerServer struct {
	locales []string
	matcher language.Matcher
	memo    sync.Map // Accept-Language → index into locales
	bufs    sync.Pool
}

func newPeerServer() *peerServer {
	p := &peerServer{locales: []string{"en", "zh-CN"}}
	p.matcher = language.NewMatcher([]language.Tag{language.English, language.MustParse("zh-CN")})
	p.bufs.New = func() any { return new(bytes.Buffer) }
	return p
}

func (p *peerServer) negotiate(accept string) string {
	if accept == "" {
		return p.locales[0]
	}
	if i, ok := p.memo.Load(accept); ok {
		return p.locales[i.(int)]
	}
	i := 0
	if prefs, _, err := language.ParseAcceptLanguage(accept); err == nil && len(prefs) > 0 {
		if _, j, conf := p.matcher.Match(prefs...); conf != language.No {
			i = j
		}
	}
	p.memo.Store(accept, i)
	return p.locales[i]
}

func randomHex() string {
	var raw [16]byte
	binary.LittleEndian.PutUint64(raw[:8], rand.Uint64())
	binary.LittleEndian.PutUint64(raw[8:], rand.Uint64())
	return hex.EncodeToString(raw[:])
}

func (p *peerServer) handler(next func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if id == "" {
			id = randomHex()
		}
		r = r.WithContext(context.WithValue(r.Context(), peerCtxKey{}, id))
		w.Header().Set("X-Request-Id", id)
		if err := next(w, r); err != nil {
			p.writeError(w, r, err)
		}
	})
}

func (p *peerServer) writeError(w http.ResponseWriter, r *http.Request, err error) {
	pe, ok := err.(*peerError)
	if !ok {
		pe = &peerError{status: 500, code: "InternalError", msg: "internal"}
	}
	lang := p.negotiate(r.Header.Get("Accept-Language"))
	msg := fmt.Sprintf(peerMessages[pe.msg][lang], pe.args...)
	buf := p.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer p.bufs.Put(buf)
	if err := json.NewEncoder(buf).Encode(huaweiBody{Code: pe.code, Message: msg}); err != nil {
		http.Error(w, "internal error", 500)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Language", lang)
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(pe.status)
	_, _ = w.Write(buf.Bytes()[:buf.Len()-1])
}

func peerHandler() http.Handler {
	return newPeerServer().handler(func(w http.ResponseWriter, r *http.Request) error {
		return &peerError{status: 404, code: code, msg: "cluster_not_found", args: []any{cluster, region}}
	})
}

// The limit, by hand.

type handError struct {
	cluster, region string
}

func (e *handError) Error() string { return code }

type handServer struct {
	memo sync.Map // Accept-Language → index into the locales
	bufs sync.Pool
}

var (
	handJSON    = []string{"application/json"}
	handNosniff = []string{"nosniff"}
	handLocales = [][]string{{"en"}, {"zh-CN"}}
	// handParts are the pieces of the body around the two params, per
	// locale, JSON-escaped.
	handParts = [][3]string{
		{`{"error_code":"CSS.0015","error_msg":"The cluster `, ` does not exist in `, `."}`},
		{`{"error_code":"CSS.0015","error_msg":"集群 `, ` 在 `, ` 不存在。"}`},
	}
)

type handCtxKey struct{}

func (s *handServer) handler(next func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var id string
		if v := r.Header["X-Request-Id"]; len(v) > 0 {
			id = v[0]
		} else {
			id = randomHex()
		}
		r = r.WithContext(context.WithValue(r.Context(), handCtxKey{}, id))
		h := w.Header()
		h["X-Request-Id"] = r.Header["X-Request-Id"]
		if err := next(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

func (s *handServer) writeError(w http.ResponseWriter, r *http.Request, err error) {
	he := err.(*handError)
	lang := 0
	if v := r.Header["Accept-Language"]; len(v) > 0 {
		if i, ok := s.memo.Load(v[0]); ok {
			lang = i.(int)
		}
	}
	bp := s.bufs.Get().(*[]byte)
	parts := &handParts[lang]
	b := append((*bp)[:0], parts[0]...)
	b = appendEscaped(b, he.cluster)
	b = append(b, parts[1]...)
	b = appendEscaped(b, he.region)
	b = append(b, parts[2]...)
	h := w.Header()
	h["Content-Type"] = handJSON
	h["Content-Language"] = handLocales[lang]
	h["X-Content-Type-Options"] = handNosniff
	w.WriteHeader(404)
	_, _ = w.Write(b)
	*bp = b
	s.bufs.Put(bp)
}

// appendEscaped appends s escaped for a JSON string: the ASCII that
// encoding/json escapes; other bytes as they are (valid UTF-8 assumed).
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20 || c == '<' || c == '>' || c == '&':
			b = append(b, '\\', 'u', '0', '0', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xF])
		default:
			b = append(b, c)
		}
	}
	return b
}

func handHandler() http.Handler {
	s := &handServer{}
	s.bufs.New = func() any { b := make([]byte, 0, 1024); return &b }
	s.memo.Store(acceptZH, 1)
	return s.handler(func(w http.ResponseWriter, r *http.Request) error {
		return &handError{cluster: cluster, region: region}
	})
}

func httpCases() []struct {
	name string
	h    http.Handler
} {
	return []struct {
		name string
		h    http.Handler
	}{
		{"errcat", errcatHandler(httpDef())},
		{"nethttp-json", peerHandler()},
		{"by-hand", handHandler()},
	}
}

// BenchmarkHTTP serves the error response, side by side.
func BenchmarkHTTP(b *testing.B) {
	for _, c := range httpCases() {
		b.Run(c.name, func(b *testing.B) {
			req := httpRequest()
			w := newSink()
			b.ReportAllocs()
			for b.Loop() {
				w.reset()
				c.h.ServeHTTP(w, req)
			}
		})
	}
}

// TestHTTPSameResponse keeps the comparison fair: the same status, headers
// and body from each.
func TestHTTPSameResponse(t *testing.T) {
	type response struct {
		Status int
		Header http.Header
		Body   string
	}
	var want response
	for i, c := range httpCases() {
		w := newSink()
		c.h.ServeHTTP(w, httpRequest())
		got := response{w.status, w.h.Clone(), string(w.body)}
		if i == 0 {
			want = got
			if got.Status != 404 || got.Header.Get("Content-Language") != "zh-CN" || got.Header.Get("X-Request-Id") != "req-1" {
				t.Fatalf("errcat: %+v", got)
			}
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-errcat +%s):\n%s", c.name, c.name, diff)
		}
	}
}

// TestHTTPAllocs holds the errcat path to 3 allocations: the Error, the
// request's state (context, recorder, request id) and the request copy
// Request.WithContext makes.
func TestHTTPAllocs(t *testing.T) {
	h := errcatHandler(httpDef())
	req := httpRequest()
	w := newSink()
	n := testing.AllocsPerRun(500, func() {
		w.reset()
		h.ServeHTTP(w, req)
	})
	if n > 3 {
		t.Errorf("%v allocs per request, want ≤ 3", n)
	}
}
