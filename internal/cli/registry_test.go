package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errcat/errcat/internal/registry/regtest"
)

func TestMain(m *testing.M) {
	// serve's default store is in the user's data directory: keep the
	// tests' out of the real one.
	dir, err := os.MkdirTemp("", "errcat-cli-test")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_DATA_HOME", dir)
	os.Unsetenv("ERRCAT_ADMIN_TOKEN")
	os.Unsetenv("ERRCAT_TOKEN")
	os.Unsetenv("ERRCAT_SERVER")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func regRun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb strings.Builder
	code := Main(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestPublishThroughTheRegistry(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "store", "registry.db")
	url, _, stop := startServe(t, "--store", "sqlite:"+db)
	defer stop()
	url = strings.TrimSuffix(url, "/")
	admin, err := os.ReadFile(filepath.Join(dir, "store", "admin-token"))
	if err != nil {
		t.Fatalf("the admin token file: %v", err)
	}
	code, tok, stderr := regRun(t, "token", "create", "--domain", "example.shop", "--server", url, "--token", strings.TrimSpace(string(admin)))
	if code != 0 || !strings.HasPrefix(tok, "ect_") {
		t.Fatalf("token create: %d %q %s", code, tok, stderr)
	}
	tok = strings.TrimSpace(tok)
	file := filepath.Join(dir, "shop.yaml")
	write := func(status int) {
		if err := os.WriteFile(file, regtest.Catalog("example.shop", 3, status, ""), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(404)
	if code, out, stderr := regRun(t, "publish", "--server", url, "--token", tok, file); code != 0 || !strings.Contains(out, "published version 1") {
		t.Fatalf("publish: %d %s %s", code, out, stderr)
	}
	write(409)
	if code, _, stderr := regRun(t, "publish", "--server", url, "--token", tok, file); code != 1 || !strings.Contains(stderr, "BREAKING") {
		t.Errorf("breaking publish: %d %s", code, stderr)
	}
	if code, out, _ := regRun(t, "diff", "registry:"+url+"/example.shop@1", file); code != 1 || !strings.Contains(out, "(6 breaking") {
		t.Errorf("diff registry: %d %s", code, out)
	}
	if code, out, _ := regRun(t, "lint", "--against", "registry:"+url+"/example.shop@1", file); code != 1 || !strings.Contains(out, "breaking-change") {
		t.Errorf("lint --against registry: %d %s", code, out)
	}
	if code, out, stderr := regRun(t, "publish", "--server", url, "--token", tok, "--allow-breaking", "statuses were wrong", file); code != 0 || !strings.Contains(out, "published version 2") {
		t.Errorf("publish with a reason: %d %s %s", code, out, stderr)
	}
	if code, _, stderr := regRun(t, "diff", "registry:"+url+"/example.shop@7", file); code != 1 || !strings.Contains(stderr, "No version 7") {
		t.Errorf("diff of a missing version: %d %s", code, stderr)
	}
	if code, _, stderr := regRun(t, "diff", "registry:example.shop@1", file); code != 2 {
		t.Errorf("malformed registry ref: %d %s", code, stderr)
	}
	if code, _, stderr := regRun(t, "publish", "--server", url, file); code != 2 || !strings.Contains(stderr, "token") {
		t.Errorf("publish without a token: %d %s", code, stderr)
	}
}

func TestServeStoreOrCatalog(t *testing.T) {
	if code, _, stderr := regRun(t, "serve", "--store", "sqlite:"+filepath.Join(t.TempDir(), "r.db"), "--catalog", "."); code != 2 {
		t.Errorf("--store with --catalog: %d %s", code, stderr)
	}
	if code, _, stderr := regRun(t, "serve", "--store", "mysql://x"); code != 1 || !strings.Contains(stderr, "want sqlite:PATH") {
		t.Errorf("unknown store: %d %s", code, stderr)
	}
}
