package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/diff"
	"github.com/errcat/errcat/internal/registry"
)

// regState is the server's side of a catalog registry: the store, the
// catalogs parsed from its latest versions (by content hash) and the
// limiter of bad tokens.
type regState struct {
	store *registry.Store
	admin string // an admin token from outside the store; "" none

	mu     sync.Mutex                  // serializes reloads
	parsed map[string]*catalog.Catalog // content hash → catalog
	hashes string                      // the latest versions' hashes, joined

	badMu     sync.Mutex
	badTokens map[string]*rate.Limiter // client IP → its bad-token budget
}

// registryPoll is how often a replica checks the store for versions
// published elsewhere, beside PostgreSQL's notices.
const registryPoll = time.Second

// maxReasonLen bounds the reason of a breaking publish.
const maxReasonLen = 2000

// openRegistry loads the registry's latest versions into the snapshot.
func (s *Server) openRegistry() error {
	if s.cfg.Registry == nil {
		return nil
	}
	s.reg = &regState{store: s.cfg.Registry, admin: s.cfg.AdminToken, badTokens: map[string]*rate.Limiter{}}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return s.reloadRegistry(ctx)
}

// reloadRegistry swaps in a snapshot of the registry's latest versions
// when they changed.
func (s *Server) reloadRegistry(ctx context.Context) error {
	rs := s.reg
	rs.mu.Lock()
	defer rs.mu.Unlock()
	latest, err := rs.store.Latest(ctx)
	if err != nil {
		return fmt.Errorf("registry: %w", err)
	}
	hashes := make([]string, len(latest))
	for i, v := range latest {
		hashes[i] = v.Hash
	}
	joined := strings.Join(hashes, ",")
	if joined == rs.hashes && s.st.cur.Load() != nil {
		return nil
	}
	parsed := make(map[string]*catalog.Catalog, len(latest))
	cats := make([]*catalog.Catalog, 0, len(latest))
	for _, v := range latest {
		c := rs.parsed[v.Hash]
		if c == nil {
			if c, err = v.Parse(); err != nil {
				s.log.Error("registry version does not parse; not served", "domain", v.Domain, "version", v.Number, "err", err)
				continue
			}
		}
		parsed[v.Hash] = c
		cats = append(cats, c)
	}
	rs.parsed, rs.hashes = parsed, joined
	snap := newSnapshot(catalog.NewSet(cats...), s.st.lint)
	s.st.swap(snap)
	s.swapped(snap, nil)
	s.log.Info("registry loaded", "domains", len(cats), "entries", snap.set.Len())
	return nil
}

// watchRegistry reloads when another process or replica publishes.
func (s *Server) watchRegistry(ctx context.Context) {
	if s.reg == nil {
		return
	}
	s.reg.store.Watch(ctx, registryPoll, func() {
		if err := s.reloadRegistry(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("registry reload failed", "err", err)
		}
	})
}

func (s *Server) registryRoutes(m *http.ServeMux) {
	page := func(pattern string, h http.HandlerFunc) { m.HandleFunc(pattern, s.queryChecked(h)) }
	page("GET /domains/{domain}/history", s.pageHistory)
	page("GET /domains/{domain}/history/diff", s.pageVersionDiff)
	if s.reg == nil {
		return
	}
	api := page
	api("GET /v1/domains/{domain}/versions", s.apiVersions)
	api("POST /v1/domains/{domain}/versions", s.apiPublish)
	api("GET /v1/domains/{domain}/versions/{n}", s.apiVersion)
	api("GET /v1/domains/{domain}/diff", s.apiVersionDiff)
	api("POST /v1/tokens", s.apiTokenCreate)
	api("DELETE /v1/tokens/{id}", s.apiTokenRevoke)
}

// regProblem writes an application/problem+json (RFC 9457) refusal of
// the registry API, with members of its own in ext.
func (s *Server) regProblem(w http.ResponseWriter, r *http.Request, status int, code, detail string, ext map[string]any) {
	body := map[string]any{
		"type": "https://errcat.dev/problems/errcat.registry/" + code, "title": http.StatusText(status),
		"status": status, "detail": detail, "code": code, "instance": r.URL.Path, "request_id": requestID(r),
	}
	for k, v := range ext {
		body[k] = v
	}
	b, err := json.Marshal(body)
	if err != nil {
		s.problem(w, r, "Internal", nil)
		return
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// internal logs err and answers with the server's internal error, which
// says nothing of it.
func (s *Server) internal(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("registry request failed", "request_id", requestID(r), "path", r.URL.Path, "err", err)
	s.problem(w, r, "Internal", nil)
}

// badTokenLimit is each client's budget of bad tokens: a burst of 10,
// then one every 6 seconds.
const (
	badTokenEvery = 6 * time.Second
	badTokenBurst = 10
)

func (rs *regState) badTokenLimiter(ip string) *rate.Limiter {
	rs.badMu.Lock()
	defer rs.badMu.Unlock()
	l := rs.badTokens[ip]
	if l == nil {
		if len(rs.badTokens) > 100_000 {
			clear(rs.badTokens)
		}
		l = rate.NewLimiter(rate.Every(badTokenEvery), badTokenBurst)
		rs.badTokens[ip] = l
	}
	return l
}

// authenticate returns the request's bearer token, or answers 401 (429
// for a client that sent too many bad tokens) and returns false.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) (registry.Token, bool) {
	lim := s.reg.badTokenLimiter(clientIP(r))
	if lim.Tokens() < 1 {
		w.Header().Set("Retry-After", strconv.Itoa(int(badTokenEvery/time.Second)))
		s.regProblem(w, r, http.StatusTooManyRequests, "TooManyBadTokens", "Too many requests with a bad token from this client; retry later.", nil)
		return registry.Token{}, false
	}
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	tok = strings.TrimSpace(tok)
	if !ok || tok == "" {
		w.Header().Set("WWW-Authenticate", `Bearer realm="errcat"`)
		s.regProblem(w, r, http.StatusUnauthorized, "TokenRequired", "Writing to the registry needs a token: Authorization: Bearer TOKEN.", nil)
		return registry.Token{}, false
	}
	if s.reg.admin != "" && registry.SameSecret(tok, s.reg.admin) {
		return registry.Token{ID: "admin", Domain: registry.AdminDomain}, true
	}
	t, err := s.reg.store.Authenticate(r.Context(), tok)
	if errors.Is(err, registry.ErrBadToken) {
		lim.Allow()
		w.Header().Set("WWW-Authenticate", `Bearer realm="errcat", error="invalid_token"`)
		s.regProblem(w, r, http.StatusUnauthorized, "BadToken", "The token is not valid.", nil)
		return registry.Token{}, false
	}
	if err != nil {
		s.internal(w, r, err)
		return registry.Token{}, false
	}
	return t, true
}

// PublishJSON is the answer to a publish.
type PublishJSON struct {
	Version registry.Version `json:"version"`
	Created bool             `json:"created"`
	Changes []diff.Change    `json:"changes"`
}

func (s *Server) apiPublish(w http.ResponseWriter, r *http.Request) {
	domain := r.PathValue("domain")
	tok, ok := s.authenticate(w, r)
	if !ok {
		return
	}
	if !tok.Admin() && tok.Domain != domain {
		s.regProblem(w, r, http.StatusForbidden, "NotOwner", fmt.Sprintf("This token may not publish domain %s.", domain), nil)
		return
	}
	q := r.URL.Query()
	reason := strings.TrimSpace(q.Get("allow_breaking"))
	if len(reason) > maxReasonLen {
		s.badRequest(w, r, &badParam{"allow_breaking", fmt.Sprintf("longer than %d bytes", maxReasonLen)})
		return
	}
	name := path.Base(q.Get("file"))
	if name == "." || name == "/" || len(name) > 200 {
		name = domain + ".yaml"
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, registry.MaxCatalogBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.problem(w, r, "BodyTooLarge", map[string]string{"limit": strconv.FormatInt(mbe.Limit, 10)})
			return
		}
		s.badRequest(w, r, &badParam{"body", "unreadable"})
		return
	}
	res, err := s.reg.store.Publish(r.Context(), registry.Publication{
		Domain: domain, Name: name, Content: body, Publisher: "token " + tok.ID,
		AllowBreaking: reason, CreateDomain: tok.Admin(),
	})
	var ie *registry.InvalidError
	var me *registry.MismatchError
	var le *registry.LintError
	var be *registry.BreakingError
	switch {
	case errors.As(err, &ie):
		s.regProblem(w, r, http.StatusUnprocessableEntity, "InvalidCatalog", "The catalog does not parse or validate.", map[string]any{"errors": ie.Problems})
	case errors.As(err, &me):
		s.regProblem(w, r, http.StatusUnprocessableEntity, "DomainMismatch", me.Error()+".", nil)
	case errors.As(err, &le):
		s.regProblem(w, r, http.StatusUnprocessableEntity, "LintFailed", "The catalog has lint errors its latest version does not have.", map[string]any{"findings": le.Findings})
	case errors.As(err, &be):
		var breaking []diff.Change
		for _, c := range be.Changes {
			if c.Breaking {
				breaking = append(breaking, c)
			}
		}
		s.regProblem(w, r, http.StatusConflict, "BreakingChange",
			fmt.Sprintf("%d changes break clients of the latest version; the domain's owner may publish them with a reason (--allow-breaking REASON).", len(breaking)),
			map[string]any{"breaking": breaking})
	case errors.Is(err, registry.ErrNoDomain):
		s.regProblem(w, r, http.StatusNotFound, "DomainNotFound", fmt.Sprintf("No domain %s in the registry; an admin token creates it.", domain), nil)
	case err != nil:
		s.internal(w, r, err)
	default:
		if res.Created {
			if err := s.reloadRegistry(r.Context()); err != nil {
				s.log.Error("registry reload after publish failed", "err", err)
			}
			s.log.Info("catalog published", "domain", domain, "version", res.Version.Number, "publisher", res.Version.Publisher, "breaking_reason", res.Version.Reason)
		}
		status := http.StatusOK
		if res.Created {
			status = http.StatusCreated
			w.Header().Set("Location", fmt.Sprintf("/v1/domains/%s/versions/%d", domain, res.Version.Number))
		}
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, status, PublishJSON(res))
	}
}

// VersionsJSON lists a domain's versions.
type VersionsJSON struct {
	Domain   string             `json:"domain"`
	Versions []registry.Version `json:"versions"`
}

func (s *Server) apiVersions(w http.ResponseWriter, r *http.Request) {
	domain := r.PathValue("domain")
	vs, err := s.reg.store.Versions(r.Context(), domain)
	if errors.Is(err, registry.ErrNotFound) {
		s.problem(w, r, "DomainNotFound", map[string]string{"domain": domain})
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	writeJSON(w, http.StatusOK, VersionsJSON{Domain: domain, Versions: vs})
}

// versionNumber reads a version number (or "latest": 0) from the path or
// query.
func versionNumber(name, v string) (int, error) {
	if v == "latest" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 1<<30 {
		return 0, &badParam{name, "want a version number from 1, or latest"}
	}
	return n, nil
}

// CatalogJSON is a whole catalog version as JSON.
type CatalogJSON struct {
	Domain  catalog.DomainJSON  `json:"domain"`
	Entries []catalog.EntryJSON `json:"entries"`
}

func (s *Server) apiVersion(w http.ResponseWriter, r *http.Request) {
	domain := r.PathValue("domain")
	n, err := versionNumber("n", r.PathValue("n"))
	if err != nil {
		s.badRequest(w, r, err)
		return
	}
	v, err := s.reg.store.Version(r.Context(), domain, n)
	if errors.Is(err, registry.ErrNotFound) {
		s.regProblem(w, r, http.StatusNotFound, "VersionNotFound", fmt.Sprintf("No version %s of domain %s in the registry.", r.PathValue("n"), domain), nil)
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	asJSON := strings.Contains(r.Header.Get("Accept"), "application/json")
	etag := `"` + strings.TrimPrefix(v.Hash, "sha256:") + `"`
	if asJSON {
		etag = `"` + strings.TrimPrefix(v.Hash, "sha256:") + `.json"`
	}
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Vary", "Accept")
	h.Set("X-Errcat-Version", strconv.Itoa(v.Number))
	if n == 0 {
		h.Set("Cache-Control", "no-cache")
	} else {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	}
	if slices.Contains(strings.Split(strings.ReplaceAll(r.Header.Get("If-None-Match"), " ", ""), ","), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if !asJSON {
		h.Set("Content-Type", "application/yaml; charset=utf-8")
		_, _ = w.Write(v.Content)
		return
	}
	c, err := v.Parse()
	if err != nil {
		s.internal(w, r, err)
		return
	}
	out := CatalogJSON{Domain: c.JSON(), Entries: make([]catalog.EntryJSON, len(c.Entries))}
	for i := range c.Entries {
		out.Entries[i] = c.Entries[i].JSON(&c.Domain)
	}
	writeJSON(w, http.StatusOK, out)
}

// DiffJSON is the changes between two versions of a domain.
type DiffJSON struct {
	Domain   string        `json:"domain"`
	From     int           `json:"from"`
	To       int           `json:"to"`
	Breaking int           `json:"breaking"`
	Changes  []diff.Change `json:"changes"`
}

// versionPair reads ?from=N&to=M.
func versionPair(r *http.Request) (int, int, error) {
	q := r.URL.Query()
	from, err := versionNumber("from", q.Get("from"))
	if err != nil {
		return 0, 0, err
	}
	to, err := versionNumber("to", q.Get("to"))
	if err != nil {
		return 0, 0, err
	}
	return from, to, nil
}

func (s *Server) versionDiff(ctx context.Context, domain string, from, to int) (DiffJSON, error) {
	changes, err := s.reg.store.Diff(ctx, domain, from, to)
	if err != nil {
		return DiffJSON{}, err
	}
	out := DiffJSON{Domain: domain, From: from, To: to, Changes: changes}
	for _, c := range changes {
		if c.Breaking {
			out.Breaking++
		}
	}
	return out, nil
}

func (s *Server) apiVersionDiff(w http.ResponseWriter, r *http.Request) {
	domain := r.PathValue("domain")
	from, to, err := versionPair(r)
	if err != nil {
		s.badRequest(w, r, err)
		return
	}
	out, err := s.versionDiff(r.Context(), domain, from, to)
	if errors.Is(err, registry.ErrNotFound) {
		s.regProblem(w, r, http.StatusNotFound, "VersionNotFound", fmt.Sprintf("Domain %s has no version %d or %d in the registry.", domain, from, to), nil)
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if from > 0 && to > 0 {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	}
	writeJSON(w, http.StatusOK, out)
}

// TokenJSON is a token just created: the only time its text is shown.
type TokenJSON struct {
	ID     string `json:"id"`
	Domain string `json:"domain"`
	Token  string `json:"token"`
}

func (s *Server) admin(w http.ResponseWriter, r *http.Request) bool {
	tok, ok := s.authenticate(w, r)
	if !ok {
		return false
	}
	if !tok.Admin() {
		s.regProblem(w, r, http.StatusForbidden, "AdminRequired", "Only an admin token manages tokens.", nil)
		return false
	}
	return true
}

func (s *Server) apiTokenCreate(w http.ResponseWriter, r *http.Request) {
	if !s.admin(w, r) {
		return
	}
	var req struct {
		Domain string `json:"domain"`
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 4<<10))
	if err == nil {
		err = json.Unmarshal(body, &req)
	}
	if err != nil || req.Domain == "" || req.Domain == registry.AdminDomain || len(req.Domain) > 200 {
		s.badRequest(w, r, &badParam{"domain", `want a JSON body {"domain": "DOMAIN"}`})
		return
	}
	tok, info, err := s.reg.store.CreateToken(r.Context(), req.Domain)
	if err != nil {
		s.badRequest(w, r, &badParam{"domain", "want a domain id without spaces or slashes"})
		return
	}
	s.log.Info("token created", "id", info.ID, "domain", info.Domain)
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusCreated, TokenJSON{ID: info.ID, Domain: info.Domain, Token: tok})
}

func (s *Server) apiTokenRevoke(w http.ResponseWriter, r *http.Request) {
	if !s.admin(w, r) {
		return
	}
	id := r.PathValue("id")
	err := s.reg.store.RevokeToken(r.Context(), id)
	if errors.Is(err, registry.ErrNotFound) {
		s.regProblem(w, r, http.StatusNotFound, "TokenNotFound", "No token with this id, or it is revoked already.", nil)
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.log.Info("token revoked", "id", id)
	w.WriteHeader(http.StatusNoContent)
}
