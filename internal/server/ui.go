package server

import (
	"bytes"
	"embed"
	"encoding/json"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/vocab"
	"github.com/errcat/errcat/wire"
)

//go:embed ui
var uiFiles embed.FS

// uiLocales are the languages of the interface's own text.
var uiLocales = []string{"en", "zh-CN"}

// ui holds the parsed page templates.
type ui struct {
	pages  map[string]*template.Template
	static fs.FS // the files under /static/
}

func newUI() (*ui, error) {
	u := &ui{pages: map[string]*template.Template{}}
	funcs := template.FuncMap{
		"status": func(e int) string {
			if e == 0 {
				return "—"
			}
			return strconv.Itoa(e)
		},
		"add":    func(a, b int) int { return a + b },
		"marked": marked,
		// code escapes an error code and lets it break after dots and
		// underscores, not inside words.
		"code": func(c string) template.HTML {
			esc := template.HTMLEscapeString(c)
			esc = strings.ReplaceAll(esc, ".", ".<wbr>")
			return template.HTML(strings.ReplaceAll(esc, "_", "_<wbr>"))
		},
	}
	names, err := fs.Glob(uiFiles, "ui/*.html")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		if strings.HasSuffix(n, "layout.html") {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(uiFiles, "ui/layout.html", n)
		if err != nil {
			return nil, err
		}
		u.pages[strings.TrimSuffix(strings.TrimPrefix(n, "ui/"), ".html")] = t
	}
	if u.static, err = fs.Sub(uiFiles, "ui/static"); err != nil {
		return nil, err
	}
	return u, nil
}

func (s *Server) uiRoutes(m *http.ServeMux) {
	// Every page reads the query string, for ?lang= at least.
	page := func(pattern string, h http.HandlerFunc) { m.HandleFunc(pattern, s.queryChecked(h)) }
	page("GET /{$}", s.pageHome)
	page("GET /search", s.limited(s.pageSearch))
	page("GET /domains/{domain}", s.pageDomain)
	page("GET /domains/{domain}/errors/{code}", s.pageEntry)
	page("GET /decode", s.pageDecode)
	page("POST /decode", s.limited(s.pageDecode))
	m.HandleFunc("GET /static/", s.static(s.ui.static))
}

// static serves the files of fsys under /static/. Directories are not
// listed: they, and names that are not there, are answered like any
// unknown path.
func (s *Server) static(fsys fs.FS) http.HandlerFunc {
	files := http.StripPrefix("/static/", http.FileServerFS(fsys))
	return func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/static/")
		if !fs.ValidPath(name) || name == "." {
			s.notFound(w, r)
			return
		}
		if fi, err := fs.Stat(fsys, name); err != nil || fi.IsDir() {
			s.notFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	}
}

// page is what every template gets.
type page struct {
	Lang      string
	Title     string
	Path      string
	Query     string
	SwitchURL string // the same page in the other language
	SwitchTo  string
	Data      any
}

// T returns the interface text for key in the page's language.
func (p *page) T(key string) string {
	if m, ok := uiText[key]; ok {
		if s, ok := m[p.Lang]; ok {
			return s
		}
		return m["en"]
	}
	return key
}

// uiLang picks the interface language: ?lang=, then the lang cookie, then
// Accept-Language. A ?lang= choice is remembered in the cookie.
func uiLang(w http.ResponseWriter, r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l != "" {
		lang := catalog.MatchLocale(uiLocales, l, "en")
		http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, HttpOnly: true})
		return lang
	}
	if c, err := r.Cookie("lang"); err == nil && slices.Contains(uiLocales, c.Value) {
		return c.Value
	}
	return catalog.MatchLocale(uiLocales, r.Header.Get("Accept-Language"), "en")
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	lang := uiLang(w, r)
	other := "zh-CN"
	if lang == "zh-CN" {
		other = "en"
	}
	q := r.URL.Query()
	q.Set("lang", other)
	p := &page{Lang: lang, Path: r.URL.Path, Query: r.URL.Query().Get("q"), SwitchURL: r.URL.Path + "?" + q.Encode(), SwitchTo: other, Data: data}
	p.Title = title
	if p.Title == "" {
		p.Title = p.T(name + ".title")
	}
	var buf bytes.Buffer
	if err := s.ui.pages[name].Execute(&buf, p); err != nil {
		panic(err) // recovered into a 500 with a request id
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", lang)
	h.Set("Vary", "Accept-Language, Cookie")
	h.Set("Content-Security-Policy", "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
	h.Set("Referrer-Policy", "same-origin")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// pick returns t in lang, else in the domain's default, else any.
func pick(t catalog.Text, lang string, d *catalog.Domain) string {
	if s, ok := t.Lookup(lang); ok {
		return s
	}
	if l := catalog.MatchLocale(t.Locales(), lang, ""); l != "" {
		return t.Get(l)
	}
	if s, ok := t.Lookup(d.DefaultLocale()); ok {
		return s
	}
	for _, s := range t.All() {
		return s
	}
	return ""
}

type domainRow struct {
	ID, Name, WireFormat string
	Entries              int
}

func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) {
	var rows []domainRow
	total := 0
	for _, c := range s.snap().set.Catalogs() {
		rows = append(rows, domainRow{c.Domain.ID, c.Domain.Name, c.Domain.WireFormat, len(c.Entries)})
		total += len(c.Entries)
	}
	s.render(w, r, http.StatusOK, "home", "", map[string]any{"Domains": rows, "Total": total})
}

// entryRow is an entry in a list.
type entryRow struct {
	Domain, Code, URL, Category, Message, Reason string
	MessageLang                                  string // set when not the page's language
	Status                                       int
	Retryable                                    bool
}

func row(lang string, d *catalog.Domain, e *catalog.Entry) entryRow {
	return entryRow{Domain: d.ID, Code: e.Code, URL: entryURL(d.ID, e.Code), Category: string(e.Category),
		Message: pick(e.Message, lang, d), Status: e.Status(), Retryable: e.IsRetryable()}
}

func entryURL(domain, code string) string {
	return "/domains/" + url.PathEscape(domain) + "/errors/" + url.PathEscape(code)
}

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) { s.searchPage(w, r) }

func domainIDs(snap *snapshot) []string {
	var ids []string
	for _, c := range snap.set.Catalogs() {
		ids = append(ids, c.Domain.ID)
	}
	return ids
}

func (s *Server) pageNotFound(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusNotFound, "notfound", "", map[string]any{"RequestID": requestID(r)})
}

// pageProblem is the page of one of the server's own errors: its message
// and remediation in the page's language.
func (s *Server) pageProblem(w http.ResponseWriter, r *http.Request, status int, code string, params map[string]string) {
	d := s.problems.def(code)
	kv := make([]string, 0, 2*len(params))
	for _, name := range d.Params {
		if v, ok := params[name]; ok {
			kv = append(kv, name, v)
		}
	}
	lang := uiLang(w, r)
	remediation, _ := d.Text(d.Remediation, lang)
	title := uiText["status."+strconv.Itoa(status)][lang]
	if title == "" {
		title = http.StatusText(status)
	}
	s.render(w, r, status, "problem", title+" — errcat", map[string]any{
		"Title": title, "Message": d.New(kv...).Message(lang), "Remediation": remediation, "RequestID": requestID(r),
	})
}

func (s *Server) pageDomain(w http.ResponseWriter, r *http.Request) {
	snap := s.snap()
	c := snap.set.Domain(r.PathValue("domain"))
	if c == nil {
		s.pageNotFound(w, r)
		return
	}
	lang := uiLang(w, r)
	lq, err := parseListQuery(r.URL.Query())
	status := http.StatusOK
	errText := ""
	if err != nil {
		errText = err.Error()
		status = http.StatusBadRequest
		lq = listQuery{Page: 1, PerPage: defPerPage}
	}
	all := lq.filter(c)
	var rows []entryRow
	for _, e := range lq.page(all) {
		rows = append(rows, row(lang, &c.Domain, e))
	}
	statuses := map[int]bool{}
	for i := range c.Entries {
		if st := c.Entries[i].Status(); st != 0 {
			statuses[st] = true
		}
	}
	var sts []int
	for st := range statuses {
		sts = append(sts, st)
	}
	slices.Sort(sts)
	pageURL := func(p int) string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(p))
		q.Del("lang")
		return r.URL.Path + "?" + q.Encode()
	}
	data := map[string]any{
		"Domain": c.Domain, "Description": pick(c.Domain.Description, lang, &c.Domain), "Total": len(c.Entries), "Matching": len(all), "Rows": rows,
		"Statuses": sts, "Categories": vocab.Categories(), "Q": lq, "Error": errText,
	}
	if lq.Page > 1 {
		data["Prev"] = pageURL(lq.Page - 1)
	}
	if lq.Page*lq.PerPage < len(all) {
		data["Next"] = pageURL(lq.Page + 1)
	}
	data["History"] = s.reg != nil // a registry keeps the domain's versions
	for k, v := range domainOverview(snap, lang, c, !s.cfg.NoLint) {
		data[k] = v
	}
	s.render(w, r, status, "domain", c.Domain.Name+" — errcat", data)
}

// textRow is one locale's texts of an entry.
type textRow struct {
	Locale, Origin, Title, Message, Remediation string
}

type variantRow struct {
	Status  int
	Message string
	Source  string
}

type wireRow struct {
	Rendered
	Own    bool
	Header string
}

func (s *Server) pageEntry(w http.ResponseWriter, r *http.Request) {
	snap := s.snap()
	c := snap.set.Domain(r.PathValue("domain"))
	var e *catalog.Entry
	if c != nil {
		e = snap.set.Entry(c.Domain.ID, r.PathValue("code"))
	}
	if e == nil {
		s.pageNotFound(w, r)
		return
	}
	lang := uiLang(w, r)
	d := &c.Domain
	var texts []textRow
	locs := slices.Clone(d.Locales)
	for _, l := range e.Message.Locales() {
		if !slices.Contains(locs, l) {
			locs = append(locs, l)
		}
	}
	for _, l := range locs {
		if _, ok := e.Message.Lookup(l); !ok {
			continue
		}
		texts = append(texts, textRow{Locale: l, Origin: string(e.OriginOf(l)), Title: e.Title.Get(l), Message: e.Message.Get(l), Remediation: e.Remediation.Get(l)})
	}
	var variants []variantRow
	for _, v := range e.Variants {
		vr := variantRow{Message: pick(v.Message, lang, d)}
		if v.HTTPStatus != nil {
			vr.Status = *v.HTTPStatus
		}
		if v.Source != nil {
			vr.Source = v.Source.File + ":" + strconv.Itoa(v.Source.Line)
		}
		variants = append(variants, vr)
	}
	var wires []wireRow
	msgLang := catalog.MatchLocale(e.Message.Locales(), lang, d.DefaultLocale())
	formats := wire.Names()
	if i := slices.Index(formats, d.WireFormat); i > 0 {
		formats = append([]string{d.WireFormat}, slices.Delete(slices.Clone(formats), i, i+1)...)
	}
	for _, f := range formats {
		out, err := renderEntry(snap.registry(), f, d, e, msgLang, nil, "req-example", "")
		if err != nil {
			continue
		}
		var hdr []string
		for k, vs := range out.Header {
			for _, v := range vs {
				hdr = append(hdr, k+": "+v)
			}
		}
		slices.Sort(hdr)
		wires = append(wires, wireRow{Rendered: out, Own: f == d.WireFormat, Header: strings.Join(hdr, "\n")})
	}
	var orig []string
	if e.Source != nil {
		for _, k := range sortedKeys(e.Source.Original) {
			orig = append(orig, k+": "+e.Source.Original[k])
		}
	}
	var params []string
	for _, p := range e.Params {
		params = append(params, p.Name)
	}
	data := map[string]any{
		"Domain": d, "E": e, "Status": e.Status(), "Retryable": e.IsRetryable(), "RetryDefault": e.Retryable == nil,
		"CategoryInferred": e.IsInferred("category"), "Texts": texts, "Variants": variants, "Params": params,
		"Findings": snap.findingsFor(d.ID, e.Code), "Linted": !s.cfg.NoLint, "Wires": wires,
		"Source": e.Source, "Original": orig, "DocsURL": d.DocsURLFor(e.Code), "StatusOriginal": e.Source.OriginalOf("http_status"),
		"APIURL": "/v1" + entryURL(d.ID, e.Code),
	}
	for k, v := range entryExtras(snap, lang, d, e) {
		data[k] = v
	}
	s.render(w, r, http.StatusOK, "entry", e.Code+" — "+d.Name+" — errcat", data)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (s *Server) pageDecode(w http.ResponseWriter, r *http.Request) {
	snap := s.snap()
	data := map[string]any{"Body": "", "Status": "", "Domain": "", "Domains": domainIDs(snap)}
	if r.Method != http.MethodPost {
		s.render(w, r, http.StatusOK, "decode", "", data)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
	if err := r.ParseForm(); err != nil {
		data["Error"] = err.Error()
		s.render(w, r, http.StatusRequestEntityTooLarge, "decode", "", data)
		return
	}
	body := r.PostForm.Get("body")
	st := strings.TrimSpace(r.PostForm.Get("status"))
	domain := r.PostForm.Get("domain")
	data["Body"], data["Status"], data["Domain"] = body, st, domain
	status := 0
	if st != "" {
		n, err := strconv.Atoi(st)
		if err != nil || n < 100 || n > 599 {
			data["Error"] = "status: want an HTTP status 100–599"
			s.render(w, r, http.StatusBadRequest, "decode", "", data)
			return
		}
		status = n
	}
	if strings.TrimSpace(body) == "" || !utf8.ValidString(body) {
		data["Error"] = "body: paste the raw response body"
		s.render(w, r, http.StatusBadRequest, "decode", "", data)
		return
	}
	if domain != "" && snap.set.Domain(domain) == nil {
		data["Error"] = "domain: no such domain"
		s.render(w, r, http.StatusBadRequest, "decode", "", data)
		return
	}
	header := http.Header{}
	if ct := strings.TrimSpace(r.PostForm.Get("content_type")); ct != "" {
		header.Set("Content-Type", ct)
	}
	res, err := decodeBody(snap, domain, status, header, []byte(body))
	if err != nil {
		data["Error"] = err.Error()
	}
	data["N"] = res
	norm, _ := json.MarshalIndent(res, "", "  ")
	data["Normalized"] = string(norm)
	if res.Entry != nil {
		if c := snap.set.Domain(res.Entry.Domain); c != nil {
			if e := snap.set.Entry(c.Domain.ID, res.Entry.Code); e != nil {
				er := row(uiLang(w, r), &c.Domain, e)
				data["Entry"] = &er
			}
		}
	}
	code := http.StatusOK
	if err != nil {
		code = http.StatusUnprocessableEntity
	}
	s.render(w, r, code, "decode", "", data)
}
