package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/errcat/errcat/internal/registry"
	"github.com/errcat/errcat/internal/registry/regtest"
	"github.com/errcat/errcat/internal/source"
)

const testAdmin = "ect_admin_0123456789abcdefghijklmnopqrstuvwxyz"

// newRegistryServer serves a registry store at url, seeded with the
// built-in catalogs, and runs its watch until the test ends.
func newRegistryServer(t *testing.T, url string, log *syncBuffer) (*Server, *httptest.Server) {
	t.Helper()
	ctx := context.Background()
	st, err := registry.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	builtin, err := source.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Seed(ctx, builtin, "errcat (built-in)"); err != nil {
		t.Fatal(err)
	}
	s, ts := newTestServer(t, func(c *Config) {
		c.Builtin, c.Dirs, c.Registry, c.AdminToken = nil, nil, st, testAdmin
		if log != nil {
			c.Logger = slog.New(slog.NewJSONHandler(log, &slog.HandlerOptions{Level: slog.LevelDebug}))
		}
	})
	wctx, cancel := context.WithCancel(ctx)
	t.Cleanup(cancel)
	go s.watchRegistry(wctx)
	return s, ts
}

func registryStores(t *testing.T, f func(t *testing.T, url string)) {
	t.Run("sqlite", func(t *testing.T) { f(t, "sqlite:"+filepath.Join(t.TempDir(), "registry.db")) })
	t.Run("postgres", func(t *testing.T) { f(t, regtest.NewDatabase(t)) })
}

func bearer(tok string) http.Header { return http.Header{"Authorization": {"Bearer " + tok}} }

func publish(t *testing.T, ts *httptest.Server, tok, domain, query string, body []byte) response {
	t.Helper()
	return do(t, ts, "POST", "/v1/domains/"+domain+"/versions"+query, bearer(tok), bytes.NewReader(body))
}

func TestRegistryPublishAndRead(t *testing.T) {
	registryStores(t, func(t *testing.T, url string) {
		var log syncBuffer
		_, ts := newRegistryServer(t, url, &log)
		if r := do(t, ts, "GET", "/v1/domains/zilliz.cloud/versions/1", nil, nil); r.status != 200 || !bytes.Contains(r.body, []byte("id: zilliz.cloud")) {
			t.Fatalf("seeded version: %d %s", r.status, r.body)
		}
		r := do(t, ts, "POST", "/v1/tokens", bearer(testAdmin), strings.NewReader(`{"domain": "example.shop"}`))
		var created TokenJSON
		if r.status != 201 || json.Unmarshal(r.body, &created) != nil || created.Token == "" {
			t.Fatalf("token create: %d %s", r.status, r.body)
		}
		owner := created.Token
		steps := []struct {
			name, tok, domain, query string
			body                     []byte
			status                   int
			want                     string
		}{
			{"no token", "", "example.shop", "", regtest.Catalog("example.shop", 3, 404, ""), 401, "TokenRequired"},
			{"bad token", "ect_nosuch_secret", "example.shop", "", regtest.Catalog("example.shop", 3, 404, ""), 401, "BadToken"},
			{"another domain", owner, "zilliz.cloud", "", regtest.Catalog("zilliz.cloud", 3, 404, ""), 403, "NotOwner"},
			{"first", owner, "example.shop", "", regtest.Catalog("example.shop", 3, 404, ""), 201, `"number":1`},
			{"identical", owner, "example.shop", "", regtest.Catalog("example.shop", 3, 404, ""), 200, `"created":false`},
			{"compatible", owner, "example.shop", "", regtest.Catalog("example.shop", 4, 404, ""), 201, `"number":2`},
			{"breaking", owner, "example.shop", "", regtest.Catalog("example.shop", 4, 409, ""), 409, `"breaking":[`},
			{"breaking with a reason", owner, "example.shop", "?allow_breaking=the+old+statuses+were+wrong", regtest.Catalog("example.shop", 4, 409, ""), 201, `"reason":"the old statuses were wrong"`},
			{"malformed", owner, "example.shop", "?file=shop.yaml", []byte("domain: {id: example.shop\nentries: [\n"), 422, `shop.yaml:`},
			{"domain differs from the URL", owner, "example.shop", "", regtest.Catalog("example.other", 1, 404, ""), 422, "DomainMismatch"},
			{"too large", owner, "example.shop", "", bytes.Repeat([]byte("#"), registry.MaxCatalogBytes+1), 413, "BodyTooLarge"},
			{"admin creates a domain", testAdmin, "example.new", "", regtest.Catalog("example.new", 1, 404, ""), 201, `"number":1`},
		}
		for _, st := range steps {
			r := publish(t, ts, st.tok, st.domain, st.query, st.body)
			if r.status != st.status || !bytes.Contains(r.body, []byte(st.want)) {
				t.Errorf("%s: %d %s; want %d with %s", st.name, r.status, r.body, st.status, st.want)
			}
			if r.status >= 400 && r.header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("%s: Content-Type %q, want application/problem+json", st.name, r.header.Get("Content-Type"))
			}
		}
		if r := do(t, ts, "GET", "/v1/domains/example.shop/errors/Item00003.Missing", nil, nil); r.status != 200 || !bytes.Contains(r.body, []byte(`409`)) {
			t.Errorf("published entry: %d %s", r.status, r.body)
		}
		r = do(t, ts, "GET", "/v1/domains/example.shop/versions/3", nil, nil)
		etag := r.header.Get("ETag")
		if r.status != 200 || etag == "" || !strings.Contains(r.header.Get("Cache-Control"), "immutable") {
			t.Fatalf("version 3: %d %v", r.status, r.header)
		}
		if r := do(t, ts, "GET", "/v1/domains/example.shop/versions/3", http.Header{"If-None-Match": {etag}}, nil); r.status != 304 {
			t.Errorf("If-None-Match: %d, want 304", r.status)
		}
		var cj CatalogJSON
		if r := do(t, ts, "GET", "/v1/domains/example.shop/versions/3", http.Header{"Accept": {"application/json"}}, nil); r.status != 200 || json.Unmarshal(r.body, &cj) != nil || len(cj.Entries) != 4 {
			t.Errorf("version 3 as JSON: %d %s", r.status, r.body)
		}
		for path, status := range map[string]int{
			"/v1/domains/example.shop/versions/99":       404,
			"/v1/domains/example.shop/versions/abc":      400,
			"/v1/domains/example.shop/versions/0":        400,
			"/v1/domains/no.such/versions":               404,
			"/v1/domains/example.shop/diff?from=1&to=99": 404,
			"/v1/domains/example.shop/diff?from=x&to=1":  400,
			"/domains/example.shop/history/diff?from=1":  400,
		} {
			if r := do(t, ts, "GET", path, nil, nil); r.status != status {
				t.Errorf("GET %s: %d %s, want %d", path, r.status, r.body, status)
			}
		}
		var dj DiffJSON
		if r := do(t, ts, "GET", "/v1/domains/example.shop/diff?from=1&to=3", nil, nil); r.status != 200 || json.Unmarshal(r.body, &dj) != nil || dj.Breaking != 6 {
			t.Errorf("diff 1..3: %d %s", r.status, r.body)
		}
		page := string(do(t, ts, "GET", "/domains/example.shop/history", nil, nil).body)
		for _, want := range []string{"the old statuses were wrong", "token " + created.ID, "/domains/example.shop/history/diff?from=2&amp;to=3"} {
			if !strings.Contains(page, want) {
				t.Errorf("history page lacks %q", want)
			}
		}
		if page := string(do(t, ts, "GET", "/domains/example.shop/history/diff?from=2&to=3", nil, nil).body); !strings.Contains(page, "BREAKING") || !strings.Contains(page, "status-changed") {
			t.Errorf("version diff page:\n%s", page)
		}
		if page := string(do(t, ts, "GET", "/domains/example.shop", nil, nil).body); !strings.Contains(page, `href="/domains/example.shop/history"`) {
			t.Error("the domain page does not link its history")
		}
		if r := do(t, ts, "DELETE", "/v1/tokens/"+created.ID, bearer(owner), nil); r.status != 403 {
			t.Errorf("owner revokes: %d, want 403", r.status)
		}
		if r := do(t, ts, "DELETE", "/v1/tokens/"+created.ID, bearer(testAdmin), nil); r.status != 204 {
			t.Errorf("admin revokes: %d %s, want 204", r.status, r.body)
		}
		if r := publish(t, ts, owner, "example.shop", "", regtest.Catalog("example.shop", 5, 409, "")); r.status != 401 {
			t.Errorf("revoked token publishes: %d", r.status)
		}
		for _, secret := range []string{owner, testAdmin, strings.SplitN(strings.TrimPrefix(owner, "ect_"), "_", 2)[1]} {
			if strings.Contains(log.String(), secret) {
				t.Errorf("the log holds a token")
			}
		}
	})
}

func TestRegistryBadTokensLimited(t *testing.T) {
	_, ts := newRegistryServer(t, "sqlite:"+filepath.Join(t.TempDir(), "r.db"), nil)
	var last int
	for range badTokenBurst + 1 {
		last = publish(t, ts, "ect_x_y", "zilliz.cloud", "", nil).status
	}
	if last != 429 {
		t.Errorf("after %d bad tokens: %d, want 429", badTokenBurst+1, last)
	}
	if r := publish(t, ts, testAdmin, "zilliz.cloud", "", nil); r.status != 429 {
		t.Errorf("a good token from a limited client: %d, want 429", r.status)
	}
}

func TestMirrorHistoryPage(t *testing.T) {
	_, ts := newTestServer(t, nil)
	r := do(t, ts, "GET", "/domains/zilliz.cloud/history", nil, nil)
	if r.status != 200 || !strings.Contains(string(r.body), "--store") {
		t.Errorf("history without a registry: %d", r.status)
	}
	if r := do(t, ts, "POST", "/v1/domains/zilliz.cloud/versions", nil, nil); r.status != 404 {
		t.Errorf("publish without a registry: %d, want 404", r.status)
	}
}

// TestReplicasSeePublish runs two servers on one PostgreSQL database and
// checks that a publish on one is served by the other within 1s.
func TestReplicasSeePublish(t *testing.T) {
	url := regtest.NewDatabase(t)
	_, a := newRegistryServer(t, url, nil)
	_, b := newRegistryServer(t, url, nil)
	time.Sleep(200 * time.Millisecond) // both are listening
	for i, ts := range []*httptest.Server{a, b, a} {
		domain := fmt.Sprintf("example.replica%d", i)
		start := time.Now()
		if r := publish(t, ts, testAdmin, domain, "", regtest.Catalog(domain, 2, 404, "")); r.status != 201 {
			t.Fatalf("publish: %d %s", r.status, r.body)
		}
		other := b
		if ts == b {
			other = a
		}
		for {
			if r := do(t, other, "GET", "/v1/domains/"+domain+"/errors/Item00001.Missing", nil, nil); r.status == 200 {
				t.Logf("%s seen by the other replica after %v", domain, time.Since(start))
				break
			}
			if time.Since(start) > time.Second {
				t.Fatalf("%s not served by the other replica within 1s", domain)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// TestRegistryConcurrentPublishes sends 20 publishes to one domain at once:
// every one is a version, numbered 1…20 without a gap.
func TestRegistryConcurrentPublishes(t *testing.T) {
	registryStores(t, func(t *testing.T, url string) {
		_, ts := newRegistryServer(t, url, nil)
		statuses := make(chan int, 20)
		var wg sync.WaitGroup
		for i := range 20 {
			wg.Go(func() {
				req, _ := http.NewRequest("POST", ts.URL+"/v1/domains/example.busy/versions",
					bytes.NewReader(regtest.Catalog("example.busy", 20, 404, fmt.Sprintf(" (rev %d)", i))))
				req.Header.Set("Authorization", "Bearer "+testAdmin)
				resp, err := ts.Client().Do(req)
				if err != nil {
					statuses <- 0
					return
				}
				resp.Body.Close()
				statuses <- resp.StatusCode
			})
		}
		wg.Wait()
		close(statuses)
		for st := range statuses {
			if st != 201 {
				t.Errorf("a publish answered %d, want 201", st)
			}
		}
		var vj VersionsJSON
		if r := do(t, ts, "GET", "/v1/domains/example.busy/versions", nil, nil); json.Unmarshal(r.body, &vj) != nil || len(vj.Versions) != 20 {
			t.Fatalf("versions: %s", r.body)
		}
		for i, v := range vj.Versions {
			if v.Number != i+1 {
				t.Errorf("version %d numbered %d", i+1, v.Number)
			}
		}
	})
}
