package server

import (
	_ "embed"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/search"
	"github.com/errcat/errcat/wire"
)

//go:embed openapi.json
var openapiJSON []byte

const (
	maxQueryLen  = 200
	maxLimit     = 100
	maxPerPage   = 500
	defPerPage   = 50
	maxParamLen  = 1000
	maxParamsLen = 50
)

func (s *Server) routes() {
	m := http.NewServeMux()
	// Every route that reads the query string refuses one it cannot decode.
	api := func(pattern string, h http.HandlerFunc) { m.HandleFunc(pattern, s.queryChecked(h)) }
	api("GET /v1/domains", s.apiDomains)
	api("GET /v1/domains/{domain}", s.apiDomain)
	api("GET /v1/domains/{domain}/errors", s.apiErrors)
	api("GET /v1/domains/{domain}/errors/{code}", s.apiEntry)
	api("GET /v1/domains/{domain}/errors/{code}/render", s.apiRender)
	api("GET /v1/search", s.limited(s.apiSearch))
	api("POST /v1/decode", s.limited(s.apiDecode))
	m.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(openapiJSON)
	})
	m.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		snap := s.snap()
		writeJSON(w, http.StatusOK, map[string]any{
			"status": "ok", "domains": len(snap.set.Catalogs()), "entries": snap.set.Len(),
			"loaded": snap.loaded.UTC().Format("2006-01-02T15:04:05Z"), "search": s.searchState(),
		})
	})
	m.HandleFunc("GET /readyz", s.readyz)
	metrics := promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{})
	if !s.cfg.MetricsApart {
		m.Handle("GET /metrics", metrics)
	}
	s.uiRoutes(m)
	s.registryRoutes(m)
	m.HandleFunc("/", s.fallback)
	s.mux = m
	s.handler = s.wrap(m)

	mm := http.NewServeMux()
	mm.Handle("GET /metrics", metrics)
	mm.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.problem(w, r, "NotFound", map[string]string{"path": r.URL.Path})
	})
	s.metricsHandler = s.wrap(mm)
}

// fallback answers requests no route matched: 405 when the path exists
// with another method, else 404.
func (s *Server) fallback(w http.ResponseWriter, r *http.Request) {
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		if method == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = method
		if _, pat := s.mux.Handler(probe); pat != "/" && pat != "" {
			w.Header().Set("Allow", method)
			s.problem(w, r, "MethodNotAllowed", map[string]string{"method": r.Method})
			return
		}
	}
	s.notFound(w, r)
}

// notFound answers 404: the page for a browser outside the API, else a
// problem.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if wantsHTML(r) && !strings.HasPrefix(r.URL.Path, "/v1/") {
		s.pageNotFound(w, r)
		return
	}
	s.problem(w, r, "NotFound", map[string]string{"path": r.URL.Path})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

func (s *Server) apiDomains(w http.ResponseWriter, r *http.Request) {
	cats := s.snap().set.Catalogs()
	out := struct {
		Domains []catalog.DomainJSON `json:"domains"`
		Entries int                  `json:"entries"`
	}{Domains: make([]catalog.DomainJSON, 0, len(cats))}
	for _, c := range cats {
		out.Domains = append(out.Domains, c.JSON())
		out.Entries += len(c.Entries)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) domainOr404(w http.ResponseWriter, r *http.Request, snap *snapshot) *catalog.Catalog {
	id := r.PathValue("domain")
	c := snap.set.Domain(id)
	if c == nil {
		s.problem(w, r, "DomainNotFound", map[string]string{"domain": id})
	}
	return c
}

func (s *Server) apiDomain(w http.ResponseWriter, r *http.Request) {
	if c := s.domainOr404(w, r, s.snap()); c != nil {
		writeJSON(w, http.StatusOK, c.JSON())
	}
}

// listQuery is the parsed filter, sort and page of an entry list.
type listQuery struct {
	Status    string // "", a number, or "none"
	Category  string
	Retryable string // "", "true", "false"
	Sort      string // code (default), status, category
	Page      int
	PerPage   int
}

// badParam is a request parameter that failed to parse.
type badParam struct{ name, reason string }

func (e *badParam) Error() string { return e.name + ": " + e.reason }

func parseListQuery(q url.Values) (listQuery, error) {
	lq := listQuery{Status: q.Get("status"), Category: q.Get("category"), Retryable: q.Get("retryable"), Sort: q.Get("sort"), Page: 1, PerPage: defPerPage}
	if lq.Status != "" && lq.Status != "none" {
		n, err := strconv.Atoi(lq.Status)
		if err != nil || n < 100 || n > 599 {
			return lq, &badParam{"status", "want an HTTP status 100–599 or none"}
		}
	}
	if lq.Category != "" && !catalog.Category(lq.Category).Valid() {
		return lq, &badParam{"category", "unknown category"}
	}
	if lq.Retryable != "" && lq.Retryable != "true" && lq.Retryable != "false" {
		return lq, &badParam{"retryable", "want true or false"}
	}
	if !slices.Contains([]string{"", "code", "status", "category"}, lq.Sort) {
		return lq, &badParam{"sort", "want code, status or category"}
	}
	var err error
	if lq.Page, err = intParam(q, "page", 1, 1, 1<<30); err != nil {
		return lq, err
	}
	if lq.PerPage, err = intParam(q, "per_page", defPerPage, 1, maxPerPage); err != nil {
		return lq, err
	}
	return lq, nil
}

func intParam(q url.Values, name string, def, lo, hi int) (int, error) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, &badParam{name, "want a whole number " + strconv.Itoa(lo) + "–" + strconv.Itoa(hi)}
	}
	return n, nil
}

// filter returns the entries of c matching lq, sorted, and their total.
func (lq listQuery) filter(c *catalog.Catalog) []*catalog.Entry {
	var out []*catalog.Entry
	for i := range c.Entries {
		e := &c.Entries[i]
		switch {
		case lq.Status == "none" && e.HTTPStatus != nil,
			lq.Status != "" && lq.Status != "none" && strconv.Itoa(e.Status()) != lq.Status,
			lq.Category != "" && string(e.Category) != lq.Category,
			lq.Retryable != "" && strconv.FormatBool(e.IsRetryable()) != lq.Retryable:
			continue
		}
		out = append(out, e)
	}
	switch lq.Sort {
	case "status":
		// Entries without a documented status go last.
		key := func(e *catalog.Entry) int {
			if e.HTTPStatus == nil {
				return 1000
			}
			return e.Status()
		}
		slices.SortStableFunc(out, func(a, b *catalog.Entry) int { return key(a) - key(b) })
	case "category":
		slices.SortStableFunc(out, func(a, b *catalog.Entry) int { return strings.Compare(string(a.Category), string(b.Category)) })
	}
	return out
}

func (lq listQuery) page(es []*catalog.Entry) []*catalog.Entry {
	from := min((lq.Page-1)*lq.PerPage, len(es))
	to := min(from+lq.PerPage, len(es))
	return es[from:to]
}

func (s *Server) apiErrors(w http.ResponseWriter, r *http.Request) {
	snap := s.snap()
	c := s.domainOr404(w, r, snap)
	if c == nil {
		return
	}
	lq, err := parseListQuery(r.URL.Query())
	if err != nil {
		s.badRequest(w, r, err)
		return
	}
	all := lq.filter(c)
	page := lq.page(all)
	// Entries are written from the snapshot's rendered JSON.
	var b []byte
	b = append(b, `{"domain":`...)
	b = appendJSON(b, c.Domain.ID)
	b = append(b, `,"total":`...)
	b = strconv.AppendInt(b, int64(len(all)), 10)
	b = append(b, `,"page":`...)
	b = strconv.AppendInt(b, int64(lq.Page), 10)
	b = append(b, `,"per_page":`...)
	b = strconv.AppendInt(b, int64(lq.PerPage), 10)
	if lq.Page*lq.PerPage < len(all) {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(lq.Page+1))
		b = append(b, `,"next":`...)
		b = appendJSON(b, r.URL.Path+"?"+q.Encode())
	}
	b = append(b, `,"entries":[`...)
	for i, e := range page {
		if i > 0 {
			b = append(b, ',')
		}
		eb := snap.entryBytes(&c.Domain, e)
		b = append(b, eb[:len(eb)-1]...)
	}
	b = append(b, "]}\n"...)
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}

func appendJSON(b []byte, v string) []byte {
	j, _ := json.Marshal(v)
	return append(b, j...)
}

func (s *Server) badRequest(w http.ResponseWriter, r *http.Request, err error) {
	var bp *badParam
	if errors.As(err, &bp) {
		s.problem(w, r, "InvalidParameter", map[string]string{"name": bp.name, "reason": bp.reason})
		return
	}
	s.problem(w, r, "InvalidParameter", map[string]string{"name": "request", "reason": err.Error()})
}

// entryOr404 finds the entry of the path, exactly or ignoring case.
func (s *Server) entryOr404(w http.ResponseWriter, r *http.Request, snap *snapshot) (*catalog.Catalog, *catalog.Entry) {
	c := s.domainOr404(w, r, snap)
	if c == nil {
		return nil, nil
	}
	code := r.PathValue("code")
	if e := snap.set.Entry(c.Domain.ID, code); e != nil {
		return c, e
	}
	for _, m := range snap.set.Find(code) {
		if m.Catalog == c {
			return c, m.Entry
		}
	}
	s.problem(w, r, "ErrorNotFound", map[string]string{"domain": c.Domain.ID, "code": code})
	return nil, nil
}

func (s *Server) apiEntry(w http.ResponseWriter, r *http.Request) {
	snap := s.snap()
	c, e := s.entryOr404(w, r, snap)
	if e == nil {
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(snap.entryBytes(&c.Domain, e))
}

// SearchJSON is the answer of /v1/search.
type SearchJSON struct {
	Query  string    `json:"query"`
	Domain string    `json:"domain,omitempty"`
	Hits   []HitJSON `json:"hits"`
}

// HitJSON is one ranked hit.
type HitJSON struct {
	Score  float64           `json:"score"`
	Reason search.Reason     `json:"reason"`
	Entry  catalog.EntryJSON `json:"entry"`
}

func (s *Server) searchQuery(r *http.Request) (search.Query, error) {
	q := r.URL.Query()
	sq := search.Query{Text: q.Get("q"), Domain: q.Get("domain")}
	if strings.TrimSpace(sq.Text) == "" {
		return sq, &badParam{"q", "empty query"}
	}
	if utf8.RuneCountInString(sq.Text) > maxQueryLen || !utf8.ValidString(sq.Text) {
		return sq, &badParam{"q", "want valid UTF-8 of at most " + strconv.Itoa(maxQueryLen) + " characters"}
	}
	var err error
	sq.Limit, err = intParam(q, "limit", 20, 1, maxLimit)
	return sq, err
}

// searchRetry is the Retry-After, in seconds, of a search refused while
// the first search index is being built.
const searchRetry = 5

// searchState says how far search is: "ready" (the index of the catalogs
// served is built), "updating" (an older snapshot's index answers while
// the new one's is built) or "building" (no index yet: searches are
// refused).
func (s *Server) searchState() string {
	switch {
	case s.st.searchReady():
		return "ready"
	case s.searchSnap() != nil:
		return "updating"
	}
	return "building"
}

// readyz answers 200 once searches are answered, 503 with Retry-After
// before; look-ups are answered as soon as /healthz is.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	state := s.searchState()
	w.Header().Set("Cache-Control", "no-store")
	if state == "building" {
		w.Header().Set("Retry-After", strconv.Itoa(searchRetry))
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "starting", "search": state})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ready", "search": state})
}

// searchNotReady refuses a search while no search index is built.
func (s *Server) searchNotReady(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", strconv.Itoa(searchRetry))
	s.problem(w, r, "SearchNotReady", map[string]string{"retry_after": strconv.Itoa(searchRetry)})
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	sq, err := s.searchQuery(r)
	if err != nil {
		s.badRequest(w, r, err)
		return
	}
	snap := s.searchSnap()
	if snap == nil {
		s.searchNotReady(w, r)
		return
	}
	if sq.Domain != "" && snap.set.Domain(sq.Domain) == nil {
		s.problem(w, r, "DomainNotFound", map[string]string{"domain": sq.Domain})
		return
	}
	hits := snap.index.Search(sq)
	out := SearchJSON{Query: sq.Text, Domain: sq.Domain, Hits: make([]HitJSON, len(hits))}
	for i, h := range hits {
		out.Hits[i] = HitJSON{Score: h.Score, Reason: h.Reason, Entry: h.Entry.JSON(&h.Catalog.Domain)}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.problem(w, r, "BodyTooLarge", map[string]string{"limit": strconv.FormatInt(mbe.Limit, 10)})
			return nil, false
		}
		s.badRequest(w, r, &badParam{"body", "unreadable"})
		return nil, false
	}
	return body, true
}

func (s *Server) apiDecode(w http.ResponseWriter, r *http.Request) {
	status, err := intParam(r.URL.Query(), "status", 0, 0, 599)
	if err != nil {
		s.badRequest(w, r, err)
		return
	}
	body, ok := s.readBody(w, r)
	if !ok {
		return
	}
	if len(strings.TrimSpace(string(body))) == 0 {
		s.badRequest(w, r, &badParam{"body", "empty; send the raw error response body"})
		return
	}
	header := http.Header{}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		header.Set("Content-Type", ct)
	}
	for k, vs := range r.Header {
		// Headers of the decoded response travel as X-Decode-<Name>.
		if name, ok := strings.CutPrefix(k, "X-Decode-"); ok {
			for _, v := range vs {
				header.Add(name, v)
			}
		}
	}
	snap := s.snap()
	domain := r.URL.Query().Get("domain")
	if domain != "" && snap.set.Domain(domain) == nil {
		s.problem(w, r, "DomainNotFound", map[string]string{"domain": domain})
		return
	}
	n, err := decodeBody(snap, domain, status, header, body)
	if err != nil {
		s.problem(w, r, "DecodeFailed", map[string]string{"reason": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, n)
}

// renderParams reads param.NAME query parameters.
func renderParams(q url.Values) (map[string]string, error) {
	params := map[string]string{}
	for k, vs := range q {
		name, ok := strings.CutPrefix(k, "param.")
		if !ok {
			continue
		}
		if len(params) >= maxParamsLen || len(vs[0]) > maxParamLen {
			return nil, &badParam{k, "too many or too long"}
		}
		params[name] = vs[0]
	}
	return params, nil
}

func (s *Server) apiRender(w http.ResponseWriter, r *http.Request) {
	snap := s.snap()
	c, e := s.entryOr404(w, r, snap)
	if e == nil {
		return
	}
	q := r.URL.Query()
	format := q.Get("format")
	if format == "" {
		format = c.Domain.WireFormat
	}
	if _, ok := wire.ByName(format); !ok {
		s.badRequest(w, r, &badParam{"format", "want one of " + strings.Join(wire.Names(), ", ")})
		return
	}
	params, err := renderParams(q)
	if err != nil {
		s.badRequest(w, r, err)
		return
	}
	lang := q.Get("lang")
	if lang == "" {
		lang = r.Header.Get("Accept-Language")
	}
	lang = catalog.MatchLocale(e.Message.Locales(), lang, c.Domain.DefaultLocale())
	out, err := renderEntry(snap.registry(), format, &c.Domain, e, lang, params, requestID(r), r.URL.Path)
	if err != nil {
		s.badRequest(w, r, &badParam{"format", err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, out)
}
