package server

import (
	_ "embed"
	"fmt"
	"net/http"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/decode"
	"github.com/errcat/errcat/defs"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/decodecat"
	"github.com/errcat/errcat/wire"
)

//go:embed problems.yaml
var problemsYAML []byte

// problems is the server's own error catalog at run time.
type problems struct {
	cat *catalog.Catalog
	reg *defs.Registry
	dom *errcat.Domain
}

func loadProblems() (*problems, error) {
	c, err := catalog.Parse("internal/server/problems.yaml", problemsYAML)
	if err != nil {
		return nil, fmt.Errorf("server's own error catalog: %w", err)
	}
	reg := defs.NewRegistry(c)
	return &problems{cat: c, reg: reg, dom: reg.Domain(c.Domain.ID)}, nil
}

// def returns the Def of code, or the internal error's.
func (p *problems) def(code string) *errcat.Def {
	if d := p.reg.Lookup(p.cat.Domain.ID, code); d != nil {
		return d
	}
	return p.reg.Lookup(p.cat.Domain.ID, "Internal")
}

// problem writes the server's own error code as application/problem+json
// (RFC 9457) through the runtime's problem format, in the request's
// language, with the request id.
func (s *Server) problem(w http.ResponseWriter, r *http.Request, code string, params map[string]string) {
	d := s.problems.def(code)
	kv := make([]string, 0, 2*len(params))
	for _, name := range d.Params {
		if v, ok := params[name]; ok {
			kv = append(kv, name, v)
		}
	}
	e := d.New(kv...).WithRequestID(requestID(r))
	opts := wire.Options{Locale: s.problems.dom.Negotiate(r.Header.Get("Accept-Language")), Instance: r.URL.Path}
	w.Header().Set("Cache-Control", "no-store")
	_ = wire.Problem().Write(w, e, opts)
}

// renderEntry renders e as a client receives it in the wire format named
// format, with params filled in and lang (one of the entry's locales).
func renderEntry(reg *defs.Registry, format string, d *catalog.Domain, e *catalog.Entry, lang string, params map[string]string, requestID, instance string) (Rendered, error) {
	f, ok := wire.ByName(format)
	if !ok {
		return Rendered{}, fmt.Errorf("unknown wire format %q", format)
	}
	def := reg.Lookup(d.ID, e.Code)
	if def == nil {
		return Rendered{}, fmt.Errorf("no runtime definition of %s %s", d.ID, e.Code)
	}
	kv := make([]string, 0, 2*len(params))
	for _, name := range def.Params {
		if v, ok := params[name]; ok {
			kv = append(kv, name, v)
		}
	}
	err := def.New(kv...).WithRequestID(requestID)
	opts := wire.Options{Locale: lang, Instance: instance}
	h := http.Header{}
	f.Header(h, err, opts)
	return Rendered{Format: f.Name(), Status: f.Status(err), Header: h, Body: string(f.Append(nil, err, opts))}, nil
}

// decodeBody reads a raw error response with the snapshot's catalogs.
func decodeBody(snap *snapshot, domain string, status int, header http.Header, body []byte) (decode.Normalized, error) {
	// A whole response as curl -i prints it: its status and headers
	// count unless the request gave them.
	if st, h, rest, ok := decodecat.SplitResponse(body); ok {
		if status == 0 {
			status = st
		}
		for k, v := range h {
			if _, set := header[k]; !set {
				header[k] = v
			}
		}
		body = rest
	}
	d := decode.Decoder{Catalog: snap.decodeCatalog(), Domain: domain}
	return d.Decode(status, header, body)
}
