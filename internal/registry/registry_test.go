package registry

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/registry/regtest"
	"github.com/errcat/errcat/internal/source"
)

// stores runs f on a fresh SQLite store and a fresh PostgreSQL one.
func stores(t *testing.T, f func(t *testing.T, url string)) {
	t.Run("sqlite", func(t *testing.T) {
		f(t, "sqlite:"+filepath.Join(t.TempDir(), "registry.db"))
	})
	t.Run("postgres", func(t *testing.T) {
		f(t, regtest.NewDatabase(t))
	})
}

func open(t *testing.T, url string) *Store {
	t.Helper()
	s, err := Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestPublishGate(t *testing.T) {
	stores(t, func(t *testing.T, url string) {
		ctx := context.Background()
		s := open(t, url)
		pub := func(content []byte, reason string) (Result, error) {
			return s.Publish(ctx, Publication{Domain: "example.shop", Name: "shop.yaml", Content: content,
				Publisher: "test", AllowBreaking: reason, CreateDomain: true})
		}
		base := regtest.Catalog("example.shop", 3, 404, "")
		if _, err := s.Publish(ctx, Publication{Domain: "example.shop", Content: base}); !errors.Is(err, ErrNoDomain) {
			t.Fatalf("publish to a new domain without CreateDomain: got %v, want ErrNoDomain", err)
		}
		r, err := pub(base, "")
		if err != nil || !r.Created || r.Version.Number != 1 {
			t.Fatalf("first publish: %+v, %v", r, err)
		}
		r, err = pub(base, "")
		if err != nil || r.Created || r.Version.Number != 1 {
			t.Fatalf("identical publish: got %+v, %v; want version 1 not created", r, err)
		}
		r, err = pub(regtest.Catalog("example.shop", 4, 404, ""), "")
		if err != nil || !r.Created || r.Version.Number != 2 || len(r.Changes) != 1 || r.Changes[0].Breaking {
			t.Fatalf("compatible publish: %+v, %v", r, err)
		}
		var be *BreakingError
		if _, err = pub(regtest.Catalog("example.shop", 4, 409, ""), ""); !errors.As(err, &be) || len(be.Changes) == 0 {
			t.Fatalf("breaking publish without a reason: got %v, want a BreakingError", err)
		}
		r, err = pub(regtest.Catalog("example.shop", 4, 409, ""), "clients never saw 404 for these")
		if err != nil || r.Version.Number != 3 || r.Version.Reason != "clients never saw 404 for these" {
			t.Fatalf("breaking publish with a reason: %+v, %v", r, err)
		}
		var ie *InvalidError
		if _, err = pub([]byte("domain:\n  id: example.shop\n  name: [\n"), ""); !errors.As(err, &ie) || !strings.HasPrefix(ie.Problems[0], "shop.yaml:") {
			t.Fatalf("malformed YAML: got %v, want an InvalidError naming shop.yaml:LINE:COL", err)
		}
		var me *MismatchError
		if _, err = pub(regtest.Catalog("example.other", 1, 404, ""), ""); !errors.As(err, &me) {
			t.Fatalf("another domain's catalog: got %v, want a MismatchError", err)
		}
		lintBad := append(regtest.Catalog("example.shop", 4, 409, ""), []byte("  - code: Extra.Bad\n    http_status: 400\n    category: invalid_argument\n    message: {en: \"Bad value %s.\"}\n")...)
		var le *LintError
		if _, err = pub(lintBad, ""); !errors.As(err, &le) || le.Findings[0].Rule != "unfilled-placeholder" {
			t.Fatalf("new lint error: got %v, want a LintError", err)
		}
		vs, err := s.Versions(ctx, "example.shop")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, v := range vs {
			got = append(got, fmt.Sprintf("%d %d %s %q", v.Number, v.Entries, v.Publisher, v.Reason))
		}
		want := []string{`1 3 test ""`, `2 4 test ""`, `3 4 test "clients never saw 404 for these"`}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("versions (-want +got):\n%s", d)
		}
		if _, err := s.Version(ctx, "example.shop", 9); !errors.Is(err, ErrNotFound) {
			t.Errorf("version 9: got %v, want ErrNotFound", err)
		}
		changes, err := s.Diff(ctx, "example.shop", 2, 3)
		if err != nil || len(changes) != 8 || !changes[0].Breaking {
			t.Errorf("diff 2..3: %v, %v; want 8 breaking changes", changes, err)
		}
	})
}

func TestVersionsImmutable(t *testing.T) {
	stores(t, func(t *testing.T, url string) {
		ctx := context.Background()
		s := open(t, url)
		if _, err := s.Publish(ctx, Publication{Domain: "example.shop", Content: regtest.Catalog("example.shop", 1, 404, ""), CreateDomain: true}); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"UPDATE versions SET reason = 'x'", "DELETE FROM versions"} {
			if _, err := s.db.ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "immutable") && !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: got %v, want a refusal", q, err)
			}
		}
		if n, _ := s.Count(ctx); n != 1 {
			t.Errorf("versions after the refused statements: %d, want 1", n)
		}
	})
}

func TestMigrationsOnce(t *testing.T) {
	stores(t, func(t *testing.T, url string) {
		ctx := context.Background()
		for range 2 {
			s := open(t, url)
			v, err := s.SchemaVersion(ctx)
			if err != nil || v != 1 {
				t.Fatalf("schema version: %d, %v; want 1", v, err)
			}
			s.Close()
		}
	})
}

func TestConcurrentPublishes(t *testing.T) {
	stores(t, func(t *testing.T, url string) {
		ctx := context.Background()
		s := open(t, url)
		var wg sync.WaitGroup
		errs := make(chan error, 20)
		for i := range 20 {
			wg.Go(func() {
				_, err := s.Publish(ctx, Publication{Domain: "example.shop", Publisher: fmt.Sprint(i), CreateDomain: true,
					Content: regtest.Catalog("example.shop", 50, 404, fmt.Sprintf(" (rev %d)", i))})
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		vs, err := s.Versions(ctx, "example.shop")
		if err != nil {
			t.Fatal(err)
		}
		publishers := map[string]bool{}
		for i, v := range vs {
			if v.Number != i+1 {
				t.Errorf("version %d numbered %d", i+1, v.Number)
			}
			publishers[v.Publisher] = true
		}
		if len(vs) != 20 || len(publishers) != 20 {
			t.Errorf("%d versions from %d publishers, want 20 from 20", len(vs), len(publishers))
		}
	})
}

func TestTokens(t *testing.T) {
	stores(t, func(t *testing.T, url string) {
		ctx := context.Background()
		s := open(t, url)
		tok, info, err := s.CreateToken(ctx, "example.shop")
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Authenticate(ctx, tok)
		if err != nil || got != info || got.Admin() {
			t.Fatalf("authenticate: %+v, %v; want %+v", got, err, info)
		}
		for _, bad := range []string{"", "ect_", tok + "x", "ect_" + info.ID + "_wrong", "ect_nosuchid_secret", strings.TrimPrefix(tok, "ect_")} {
			if _, err := s.Authenticate(ctx, bad); !errors.Is(err, ErrBadToken) {
				t.Errorf("authenticate %q: got %v, want ErrBadToken", bad, err)
			}
		}
		if err := s.RevokeToken(ctx, info.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Authenticate(ctx, tok); !errors.Is(err, ErrBadToken) {
			t.Errorf("revoked token: got %v, want ErrBadToken", err)
		}
		if err := s.RevokeToken(ctx, "nosuch"); !errors.Is(err, ErrNotFound) {
			t.Errorf("revoke unknown: got %v, want ErrNotFound", err)
		}
		var stored int
		if err := s.db.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM tokens WHERE hash = ? OR id = ?"), tok, tok).Scan(&stored); err != nil || stored != 0 {
			t.Errorf("the token's text is stored (%d rows, %v)", stored, err)
		}
		file := filepath.Join(t.TempDir(), "admin-token")
		if made, err := s.EnsureAdminToken(ctx, file); err != nil || !made {
			t.Fatalf("admin token: %v, %v", made, err)
		}
		if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("admin token file: %v, %v; want mode 0600", fi, err)
		}
		b, _ := os.ReadFile(file)
		if a, err := s.Authenticate(ctx, strings.TrimSpace(string(b))); err != nil || !a.Admin() {
			t.Errorf("admin token from the file: %+v, %v", a, err)
		}
		if made, err := s.EnsureAdminToken(ctx, file); err != nil || made {
			t.Errorf("second start made another admin token: %v, %v", made, err)
		}
	})
}

func TestSeed(t *testing.T) {
	stores(t, func(t *testing.T, url string) {
		ctx := context.Background()
		s := open(t, url)
		builtin, err := source.Builtin()
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range []bool{true, false} {
			if seeded, err := s.Seed(ctx, builtin, "errcat"); err != nil || seeded != want {
				t.Fatalf("seed %d: %v, %v; want %v", i, seeded, err, want)
			}
		}
		latest, err := s.Latest(ctx)
		if err != nil || len(latest) != len(builtin) {
			t.Fatalf("latest: %d versions, %v; want %d", len(latest), err, len(builtin))
		}
		for i, v := range latest {
			c, err := v.Parse()
			if err != nil {
				t.Fatalf("seeded %s does not parse back: %v", v.Domain, err)
			}
			var want int
			for _, b := range builtin {
				if b.Domain.ID == c.Domain.ID {
					want = len(b.Entries)
				}
			}
			if len(c.Entries) != want || v.Number != 1 {
				t.Errorf("seeded %d %s: version %d, %d entries; want 1, %d", i, v.Domain, v.Number, len(c.Entries), want)
			}
		}
	})
}

func TestWatchSeesAnotherStore(t *testing.T) {
	stores(t, func(t *testing.T, url string) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		a, b := open(t, url), open(t, url)
		seen := make(chan time.Time, 10)
		go b.Watch(ctx, 500*time.Millisecond, func() { seen <- time.Now() })
		if b.dialect == postgresDB {
			<-seen // the listener's first signal: it is listening
		} else {
			time.Sleep(100 * time.Millisecond)
		}
		start := time.Now()
		if _, err := a.Publish(ctx, Publication{Domain: "example.shop", Content: regtest.Catalog("example.shop", 2, 404, ""), CreateDomain: true}); err != nil {
			t.Fatal(err)
		}
		select {
		case at := <-seen:
			t.Logf("seen after %v", at.Sub(start))
		case <-time.After(time.Second):
			t.Fatal("a publish on one store was not seen by the other's Watch within 1s")
		}
	})
}

// TestKillDuringPublish kills a process that publishes in a loop with
// SIGKILL and checks that every version left is whole and numbered
// without a gap.
func TestKillDuringPublish(t *testing.T) {
	if url := os.Getenv("ERRCAT_REGISTRY_PUBLISH_LOOP"); url != "" {
		publishLoop(url)
		return
	}
	stores(t, func(t *testing.T, url string) {
		s := open(t, url)
		s.Close()
		for round, wait := range []time.Duration{150 * time.Millisecond, 400 * time.Millisecond, 700 * time.Millisecond} {
			cmd := exec.Command(os.Args[0], "-test.run=^TestKillDuringPublish$")
			cmd.Env = append(os.Environ(), "ERRCAT_REGISTRY_PUBLISH_LOOP="+url)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(wait)
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			_ = cmd.Wait()
			s := open(t, url)
			vs, err := s.Versions(context.Background(), "example.shop")
			if err != nil && !errors.Is(err, ErrNotFound) {
				t.Fatal(err)
			}
			for i, v := range vs {
				full, err := s.Version(context.Background(), v.Domain, v.Number)
				if err != nil || v.Number != i+1 || Hash(full.Content) != v.Hash {
					t.Fatalf("round %d: version %d (number %d) damaged: %v", round, i+1, v.Number, err)
				}
				if _, err := full.Parse(); err != nil {
					t.Fatalf("round %d: version %d does not parse: %v", round, v.Number, err)
				}
			}
			t.Logf("round %d: %d whole versions after SIGKILL", round, len(vs))
			s.Close()
		}
	})
}

func publishLoop(url string) {
	s, err := Open(context.Background(), url)
	if err != nil {
		os.Exit(3)
	}
	for i := 0; ; i++ {
		_, _ = s.Publish(context.Background(), Publication{Domain: "example.shop", CreateDomain: true,
			Content: regtest.Catalog("example.shop", 500, 404, fmt.Sprintf(" (pid %d rev %d)", os.Getpid(), i))})
	}
}
