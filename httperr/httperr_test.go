package httperr_test

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/defs"
	"github.com/errcat/errcat/httperr"
	"github.com/errcat/errcat/wire"
)

// service is a small API written as generated code writes its Defs.
type service struct {
	dom      *errcat.Domain
	notFound *errcat.Def
	internal *errcat.Def
}

func newService() service {
	dom := &errcat.Domain{ID: "huaweicloud.css", Locales: []string{"en", "zh-CN", "zh-TW"}, Format: "huawei"}
	s := service{dom: dom}
	s.notFound = &errcat.Def{Domain: dom, Code: "CSS.0015", HTTPStatus: 404, Category: "not_found",
		Message: map[string]string{
			"en":    "The cluster {cluster} does not exist.",
			"zh-CN": "集群 {cluster} 不存在。",
			"zh-TW": "叢集 {cluster} 不存在。",
		}, Params: []string{"cluster"}}
	s.internal = &errcat.Def{Domain: dom, Code: "CSS.0005", HTTPStatus: 500, Category: "internal",
		Message: map[string]string{"en": "Server error.", "zh-CN": "服务器错误。", "zh-TW": "伺服器錯誤。"}}
	dom.Internal = s.internal
	return s
}

// events collects hook calls.
type events struct {
	mu  sync.Mutex
	got []httperr.Event
}

func (ev *events) hook(_ *http.Request, e httperr.Event) {
	ev.mu.Lock()
	defer ev.mu.Unlock()
	if e.RequestID == "" {
		panic("hook event without a request id")
	}
	e.Err = nil // compared without the error value
	e.RequestID = ""
	ev.got = append(ev.got, e)
}

func (ev *events) take() []httperr.Event {
	ev.mu.Lock()
	defer ev.mu.Unlock()
	out := ev.got
	ev.got = nil
	return out
}

// syncBuffer is a log destination safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type fixture struct {
	srv  *httptest.Server
	ev   *events
	logs *syncBuffer
}

func newFixture(t *testing.T, svc service, cfg httperr.Config) fixture {
	t.Helper()
	f := fixture{ev: &events{}, logs: &syncBuffer{}}
	cfg.Hook = f.ev.hook
	cfg.Logger = slog.New(slog.NewTextHandler(f.logs, nil))
	h := httperr.New(cfg)
	mux := http.NewServeMux()
	mux.Handle("GET /clusters/{id}", h.Func(func(w http.ResponseWriter, r *http.Request) error {
		if r.PathValue("id") == "ok" {
			_, err := io.WriteString(w, "fine")
			return err
		}
		return svc.notFound.New("cluster", r.PathValue("id"))
	}))
	mux.Handle("GET /foreign", h.Func(func(w http.ResponseWriter, r *http.Request) error {
		return errors.New("pq: password authentication failed for user admin")
	}))
	mux.Handle("GET /panic", h.Func(func(w http.ResponseWriter, r *http.Request) error {
		ids := []string{"only"}
		return errors.New(ids[len(r.URL.Path)]) // index out of range: a runtime panic
	}))
	mux.Handle("GET /panic-plain", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		panic("secret state: token=abc123")
	}))
	mux.Handle("GET /late", h.Func(func(w http.ResponseWriter, r *http.Request) error {
		_, _ = io.WriteString(w, "partial")
		return svc.notFound.New("cluster", "late")
	}))
	mux.Handle("GET /reqid", h.Func(func(w http.ResponseWriter, r *http.Request) error {
		_, err := io.WriteString(w, httperr.RequestID(r.Context()))
		return err
	}))
	f.srv = httptest.NewServer(h.Wrap(mux))
	t.Cleanup(f.srv.Close)
	return f
}

type response struct {
	Status          int
	ContentType     string
	ContentLanguage string
	RequestID       string
	Body            string
}

func get(t *testing.T, url string, header map[string]string) response {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Language"), res.Header.Get("X-Request-Id"), string(body)}
}

func TestAcceptLanguage(t *testing.T) {
	svc := newService()
	f := newFixture(t, svc, httperr.Config{Domain: svc.dom})
	tests := []struct {
		accept   string
		wantLang string
		wantMsg  string
	}{
		{"zh-CN,zh;q=0.9,en;q=0.8", "zh-CN", "集群 es-1 不存在。"},
		{"zh-TW", "zh-TW", "叢集 es-1 不存在。"},
		{"en-GB,en;q=0.9", "en", "The cluster es-1 does not exist."},
		{"fr-FR,de;q=0.5", "en", "The cluster es-1 does not exist."},
		{"", "en", "The cluster es-1 does not exist."},
	}
	for _, tt := range tests {
		t.Run(tt.accept, func(t *testing.T) {
			got := get(t, f.srv.URL+"/clusters/es-1", map[string]string{"Accept-Language": tt.accept, "X-Request-Id": "req-7"})
			want := response{404, "application/json", tt.wantLang, "req-7",
				`{"error_code":"CSS.0015","error_msg":` + string(wire.AppendJSONString(nil, tt.wantMsg)) + `}`}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("response (-want +got):\n%s", diff)
			}
			wantEv := []httperr.Event{{Domain: "huaweicloud.css", Code: "CSS.0015", Status: 404}}
			if diff := cmp.Diff(wantEv, f.ev.take()); diff != "" {
				t.Errorf("hook events (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPanic(t *testing.T) {
	svc := newService()
	f := newFixture(t, svc, httperr.Config{Domain: svc.dom})
	for _, path := range []string{"/panic", "/panic-plain"} {
		t.Run(path, func(t *testing.T) {
			got := get(t, f.srv.URL+path, map[string]string{"X-Request-Id": "p-1", "Accept-Language": "zh-CN"})
			want := response{500, "application/json", "zh-CN", "p-1", `{"error_code":"CSS.0005","error_msg":"服务器错误。"}`}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("response (-want +got):\n%s", diff)
			}
			wantEv := []httperr.Event{{Domain: "huaweicloud.css", Code: "CSS.0005", Status: 500, Panic: true}}
			if diff := cmp.Diff(wantEv, f.ev.take()); diff != "" {
				t.Errorf("hook events (-want +got):\n%s", diff)
			}
			logs := f.logs.String()
			for _, s := range []string{"panic in HTTP handler", "request_id=p-1", "goroutine"} {
				if !strings.Contains(logs, s) {
					t.Errorf("log lacks %q:\n%s", s, logs)
				}
			}
		})
	}
	// The server survived and serves the next request.
	if got := get(t, f.srv.URL+"/clusters/ok", nil); got.Status != 200 || got.Body != "fine" {
		t.Errorf("after the panics: %+v", got)
	}
	if logs := f.logs.String(); !strings.Contains(logs, "token=abc123") {
		t.Errorf("the panic value is not logged:\n%s", logs)
	}
}

func TestForeignErrorDoesNotLeak(t *testing.T) {
	svc := newService()
	f := newFixture(t, svc, httperr.Config{Domain: svc.dom, Format: wire.Problem()})
	got := get(t, f.srv.URL+"/foreign", map[string]string{"X-Request-Id": "f-1"})
	want := response{500, "application/problem+json", "en", "f-1",
		`{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"Server error.","instance":"/foreign","code":"CSS.0005","domain":"huaweicloud.css","request_id":"f-1","params":{}}`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("response (-want +got):\n%s", diff)
	}
	if logs := f.logs.String(); !strings.Contains(logs, "password authentication failed") || !strings.Contains(logs, "f-1") {
		t.Errorf("the cause is not logged with the request id:\n%s", logs)
	}
}

func TestRequestID(t *testing.T) {
	svc := newService()
	f := newFixture(t, svc, httperr.Config{Domain: svc.dom})
	hex32 := regexp.MustCompile(`^[0-9a-f]{32}$`)
	tests := []struct {
		name, incoming string
		keep           bool
	}{
		{"kept", "abc-123", true},
		{"generated", "", false},
		{"insane replaced", "has space", false},
		{"too long replaced", strings.Repeat("x", 200), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := map[string]string{}
			if tt.incoming != "" {
				h["X-Request-Id"] = tt.incoming
			}
			got := get(t, f.srv.URL+"/reqid", h)
			if got.Body != got.RequestID {
				t.Errorf("context id %q, header id %q", got.Body, got.RequestID)
			}
			if tt.keep && got.RequestID != tt.incoming {
				t.Errorf("id = %q, want %q", got.RequestID, tt.incoming)
			}
			if !tt.keep && !hex32.MatchString(got.RequestID) {
				t.Errorf("id = %q, want 32 hex digits", got.RequestID)
			}
		})
	}
}

func TestLateError(t *testing.T) {
	svc := newService()
	f := newFixture(t, svc, httperr.Config{Domain: svc.dom})
	got := get(t, f.srv.URL+"/late", nil)
	if got.Status != 200 || got.Body != "partial" {
		t.Errorf("response = %+v, want the handler's own partial response", got)
	}
	if logs := f.logs.String(); !strings.Contains(logs, "error after the response was started") {
		t.Errorf("the late error is not logged:\n%s", logs)
	}
}

// TestLoadedCatalog serves errors of a catalog loaded at start-up (the
// defs package) rather than generated code.
func TestLoadedCatalog(t *testing.T) {
	reg, err := defs.LoadDir("../wire/testdata/catalogs")
	if err != nil {
		t.Fatal(err)
	}
	dom := reg.Domain("aliyun.polardb")
	missing := reg.Lookup("aliyun.polardb", "MissingParameter")
	h := httperr.New(httperr.Config{Domain: dom, HostID: "polardb.aliyuncs.com", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	srv := httptest.NewServer(h.Func(func(w http.ResponseWriter, r *http.Request) error {
		return missing.New("parameter", "DBClusterId")
	}))
	defer srv.Close()
	got := get(t, srv.URL+"/?Action=DescribeDBClusters", map[string]string{"Accept-Language": "zh-CN", "X-Request-Id": "A-1"})
	want := response{400, "application/json", "zh-CN", "A-1",
		`{"RequestId":"A-1","HostId":"polardb.aliyuncs.com","Code":"MissingParameter","Message":"缺少处理此请求所必需的输入参数“DBClusterId”。","Recommend":"https://api.aliyun.com/troubleshoot?q=MissingParameter\u0026requestId=A-1"}`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("response (-want +got):\n%s", diff)
	}
}

func TestEventAttrs(t *testing.T) {
	ev := httperr.Event{Domain: "d", Code: "C", Status: 429}
	var got []string
	for _, a := range ev.Attrs() {
		got = append(got, a.String())
	}
	if diff := cmp.Diff([]string{"error.type=C", "errcat.domain=d", "http.response.status_code=429"}, got); diff != "" {
		t.Errorf("Attrs (-want +got):\n%s", diff)
	}
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestFlushThrough(t *testing.T) {
	h := httperr.New(httperr.Config{Logger: discardLogger()})
	srv := httptest.NewServer(h.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := w.(http.Flusher)
		if !ok {
			t.Error("the wrapped writer is not an http.Flusher")
			return
		}
		_, _ = io.WriteString(w, "chunk")
		f.Flush()
	})))
	defer srv.Close()
	if got := get(t, srv.URL, nil); got.Body != "chunk" || got.Status != 200 {
		t.Errorf("response = %+v", got)
	}
}

// done is one call of Config.Done, without the duration.
type done struct {
	Pattern, RequestID string
	Status             int
}

func TestDone(t *testing.T) {
	svc := newService()
	var (
		mu  sync.Mutex
		got []done
	)
	h := httperr.New(httperr.Config{Domain: svc.dom, Logger: discardLogger(), Done: func(r *http.Request, o httperr.Outcome) {
		if o.Duration < 0 {
			t.Errorf("%s: duration %v", r.URL.Path, o.Duration)
		}
		mu.Lock()
		defer mu.Unlock()
		got = append(got, done{r.Pattern, httperr.RequestID(r.Context()), o.Status})
	}})
	mux := http.NewServeMux()
	mux.Handle("GET /body", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "ok") }))
	mux.Handle("GET /nothing", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	mux.Handle("GET /created", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusEarlyHints)
		w.WriteHeader(http.StatusCreated)
	}))
	// Func is a Wrap of h itself: the request is still reported once.
	mux.Handle("GET /clusters/{id}", h.Func(func(w http.ResponseWriter, r *http.Request) error {
		return svc.notFound.New("cluster", r.PathValue("id"))
	}))
	mux.Handle("GET /panic", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic("boom") }))
	mux.Handle("GET /panic-late", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusAccepted)
		panic("boom")
	}))
	handler := h.Wrap(mux)
	tests := []struct {
		path string
		want done
	}{
		{"/body", done{"GET /body", "d-1", 200}},
		{"/nothing", done{"GET /nothing", "d-2", 200}},
		{"/created", done{"GET /created", "d-3", 201}},
		{"/clusters/es-1", done{"GET /clusters/{id}", "d-4", 404}},
		{"/panic", done{"GET /panic", "d-5", 500}},
		{"/panic-late", done{"GET /panic-late", "d-6", 202}},
		{"/missing", done{"", "d-7", 404}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			mu.Lock()
			got = nil
			mu.Unlock()
			req := httptest.NewRequest("GET", tt.path, nil)
			req.Header.Set("X-Request-Id", tt.want.RequestID)
			handler.ServeHTTP(httptest.NewRecorder(), req)
			mu.Lock()
			defer mu.Unlock()
			if diff := cmp.Diff([]done{tt.want}, got); diff != "" {
				t.Errorf("Done calls (-want +got):\n%s", diff)
			}
		})
	}
	// An aborted request is not reported.
	mux.Handle("GET /abort", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic(http.ErrAbortHandler) }))
	got = nil
	func() {
		defer func() {
			if p := recover(); p != http.ErrAbortHandler {
				t.Errorf("recovered %v, want http.ErrAbortHandler", p)
			}
		}()
		handler.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/abort", nil))
	}()
	if len(got) != 0 {
		t.Errorf("aborted request reported: %v", got)
	}
}
