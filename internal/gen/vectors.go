package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/http"
	"slices"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/wire"
)

// Vector is one shared test vector: an HTTP response exactly as the Go
// runtime sends it, and what a client reading it must get back.
type Vector struct {
	// Domain, Format and Locale say which response this is.
	Domain string `json:"domain"`
	Format string `json:"format"`
	Locale string `json:"locale"`
	// Response is the response the Go runtime writes.
	Response VectorResponse `json:"response"`
	// Want is the error a reader returns; nil for a success body.
	Want *VectorWant `json:"want"`
}

// VectorResponse is an HTTP response: status, headers (one value each)
// and the body as text (every format writes UTF-8).
type VectorResponse struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

// VectorWant is what a reader must get back from a response. Known is
// false for a code the catalog does not hold: the reader then returns the
// domain's base error with the response's status, category "unknown" and
// retryable false.
type VectorWant struct {
	Known      bool              `json:"known"`
	Code       string            `json:"code"`
	Name       string            `json:"name"`
	HTTPStatus int               `json:"http_status"`
	Category   string            `json:"category"`
	Retryable  bool              `json:"retryable"`
	Message    string            `json:"message"`
	Params     map[string]string `json:"params"`
	RequestID  string            `json:"request_id"`
}

// Vectors writes the shared test vectors of the client generators: a
// file DOMAIN.json per domain holding, for every code × wire format ×
// locale of the domain, the response the Go runtime sends (the error
// built with a sample value per param and a request id) and the fields a
// reader must get back, plus per format and locale one response with a
// code the catalog does not know. Every wire format is included: the
// generated readers read them all (fromResponse takes the format, the
// domain's by default).
//
// A reader recovers params from the body where the format carries them
// (problem's params, google's ErrorInfo metadata) and otherwise from the
// message, through the code's message pattern; so Want.Params holds the
// params the format carries or the message shows.
func Vectors(cats []*catalog.Catalog, opts Options) (Files, error) {
	return collect(cats, opts, StreamVectors)
}

// vectorChunk is the number of codes whose Defs StreamVectors builds at
// once.
const vectorChunk = 256

// StreamVectors is Vectors writing each vector as it is built: a line of
// the file per vector, never a domain's vectors at once.
func StreamVectors(cats []*catalog.Catalog, _ Options, create CreateFunc) error {
	// The model of each domain without its codes: a chunk of codes is
	// modelled with its Defs, so that nothing is kept per code but its
	// name (GoNames) while the file is written.
	var headers []*clientHeader
	for _, c := range sortedCatalogs(cats) {
		h, err := newClientHeader(c)
		if err != nil {
			return fmt.Errorf("gen vectors: %w", err)
		}
		headers = append(headers, h)
	}
	for _, h := range headers {
		c, m := h.c, h.domain
		// The Defs are built a chunk of codes at a time (h.defsOf), so
		// that each is garbage, compiled templates and all, once its
		// vectors are written.
		internal := c.InternalEntry()
		var firsts []int
		internalAt := -1 // the internal entry's index when it is the first of its code
		seen := map[string]bool{}
		for i := range c.Entries {
			if code := c.Entries[i].Code; !seen[code] {
				seen[code] = true
				firsts = append(firsts, i)
				if &c.Entries[i] == internal {
					internalAt = i
				}
			}
		}
		seen = nil
		dom := h.errDom
		if internalAt >= 0 {
			dom.Internal = h.defsOf([]int{internalAt})[0]
		}
		unknown := &errcat.Def{Domain: dom, Code: "Errcat.Unlisted", Category: "unknown", Message: map[string]string{}}
		if c.Domain.CodeKind == "integer" {
			unknown.Code = "987654321"
		}
		for _, l := range m.Locales {
			unknown.Message[l] = "An error the catalog does not list."
		}
		var unknownModel *clientCode // the model of a listed code that the unknown one happens to be
		if _, ok := h.names[unknown.Code]; ok {
			for _, i := range firsts {
				if c.Entries[i].Code == unknown.Code {
					unknownModel = &h.appendCodes(nil, []int{i}, nil)[0]
				}
			}
		}
		w, err := create(m.ID + ".json")
		if err != nil {
			return err
		}
		out := &errWriter{w: w}
		out.str("[\n")
		var line bytes.Buffer
		enc := json.NewEncoder(&line)
		enc.SetEscapeHTML(false)
		n := 0
		for _, format := range wireFormatNames() {
			succ := successCodes(&c.Domain, format)
			for start := 0; start <= len(firsts); start += vectorChunk {
				var rdefs []*errcat.Def
				models := map[string]*clientCode{}
				if start < len(firsts) {
					part := firsts[start:min(start+vectorChunk, len(firsts))]
					rdefs = h.defsOf(part)
					ms := h.appendCodes(nil, part, rdefs)
					for i := range ms {
						models[ms[i].Code] = &ms[i]
					}
				}
				if start+vectorChunk > len(firsts) {
					rdefs = append(rdefs, unknown)
					if unknownModel != nil {
						models[unknown.Code] = unknownModel
					}
				}
				for _, rd := range rdefs {
					e := rd.New(sampleParams(rd.Params)...).WithRequestID(sampleRequestID(m.ID, rd.Code))
					for _, l := range m.Locales {
						status, hd, body, err := wireResponse(format, e, l)
						if err != nil {
							return fmt.Errorf("gen vectors: %w", err)
						}
						v := Vector{Domain: m.ID, Format: format, Locale: l, Response: VectorResponse{Status: status, Headers: map[string]string{}, Body: string(body)}}
						for k := range hd {
							v.Response.Headers[k] = hd.Get(k)
						}
						if !slices.Contains(succ, rd.Code) {
							v.Want = vectorWant(models[rd.Code], rd, e, format, l, status, hd.Get("Content-Language"))
						}
						line.Reset()
						if err := enc.Encode(v); err != nil {
							return fmt.Errorf("gen vectors: %w", err)
						}
						if n > 0 {
							out.str(",\n")
						}
						out.bytes(bytes.TrimRight(line.Bytes(), "\n"))
						if out.err != nil {
							return out.err
						}
						n++
					}
				}
			}
		}
		if n > 0 {
			out.str("\n")
		}
		out.str("]\n")
		if out.err != nil {
			return out.err
		}
	}
	return nil
}

func vectorWant(m *clientCode, rd *errcat.Def, e *errcat.Error, format, locale string, status int, lang string) *VectorWant {
	msg := e.Message(locale) // google: its LocalizedMessage
	w := &VectorWant{Code: rd.Code, Message: msg, RequestID: e.RequestID(), Params: map[string]string{}}
	switch format {
	case "problem", "google":
		for i := 0; i < e.NumParams(); i++ {
			k, v, _ := e.ParamAt(i)
			w.Params[k] = v
		}
	default:
		if m != nil {
			w.Params = recoverParams(m.Patterns, msg, lang)
		}
	}
	if m == nil {
		if format == "google" {
			// A code the catalog does not list is read as the AIP-193
			// reason the body names it by.
			w.Code = rd.AIPReason()
		}
		w.HTTPStatus, w.Category = status, "unknown"
		return w
	}
	w.Known, w.Name = true, m.Name
	w.HTTPStatus, w.Category, w.Retryable = m.Status, m.Category, m.Retryable
	return w
}

// sampleParams gives every param a distinct value without spaces, so a
// message pattern recovers it.
func sampleParams(names []string) []string {
	var kv []string
	for i, n := range names {
		kv = append(kv, n, fmt.Sprintf("v%d-%s", i+1, n))
	}
	return kv
}

func sampleRequestID(domain, code string) string {
	h := fnv.New32a()
	h.Write([]byte(domain + "\x00" + code))
	return fmt.Sprintf("req-%08x", h.Sum32())
}

// wireFormatNames and wireResponse are the client generators' only use of
// package wire: the format names, and a response rendered as the runtime
// sends it.
func wireFormatNames() []string { return wire.Names() }

func wireResponse(format string, e *errcat.Error, locale string) (status int, h http.Header, body []byte, err error) {
	f, ok := wire.ByName(format)
	if !ok {
		return 0, nil, nil, fmt.Errorf("unknown wire format %q", format)
	}
	o := wire.Options{Locale: locale}
	h = http.Header{}
	f.Header(h, e, o)
	return f.Status(e), h, f.Append(nil, e, o), nil
}
