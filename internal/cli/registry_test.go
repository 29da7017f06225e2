package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

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
	if os.Getenv("ERRCAT_CLI_SUBPROCESS") == "" {
		os.Unsetenv("ERRCAT_ADMIN_TOKEN")
	}
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

// TestServeKilledDuringPublish kills errcat serve (a subprocess) with
// SIGKILL while publishes are in flight: after a restart every version is
// whole and numbered without a gap.
func TestServeKilledDuringPublish(t *testing.T) {
	if args := os.Getenv("ERRCAT_CLI_SUBPROCESS"); args != "" {
		os.Exit(Main(strings.Split(args, "\x1f"), strings.NewReader(""), os.Stdout, os.Stderr))
	}
	dir := t.TempDir()
	store := "sqlite:" + filepath.Join(dir, "registry.db")
	start := func() (*exec.Cmd, string) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestServeKilledDuringPublish$")
		cmd.Env = append(os.Environ(), "ERRCAT_ADMIN_TOKEN="+cliAdmin,
			"ERRCAT_CLI_SUBPROCESS="+strings.Join([]string{"serve", "--addr", "127.0.0.1:0", "--log-level", "error", "--store", store}, "\x1f"))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, err := bufio.NewReader(out).ReadString('\n')
		m := regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(line)
		if err != nil || m == "" {
			cmd.Process.Kill()
			t.Fatalf("serve printed %q, %v", line, err)
		}
		return cmd, m
	}
	cmd, url := start()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := 0; ; i++ {
				req, _ := http.NewRequest("POST", url+"/v1/domains/example.big/versions",
					bytes.NewReader(regtest.Catalog("example.big", 2000, 404, fmt.Sprintf(" (w%d rev %d)", w, i))))
				req.Header.Set("Authorization", "Bearer "+cliAdmin)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					return // the server is gone
				}
				resp.Body.Close()
			}
		})
	}
	time.Sleep(1500 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	wg.Wait()
	cmd, url = start()
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	resp, err := http.Get(url + "/v1/domains/example.big/versions")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var vs struct{ Versions []struct{ Number int } }
	if err := json.NewDecoder(resp.Body).Decode(&vs); err != nil || len(vs.Versions) == 0 {
		t.Fatalf("versions after the restart: %v (%d)", err, len(vs.Versions))
	}
	for i, v := range vs.Versions {
		if v.Number != i+1 {
			t.Fatalf("version %d numbered %d", i+1, v.Number)
		}
		r, err := http.Get(fmt.Sprintf("%s/v1/domains/example.big/versions/%d", url, v.Number))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if r.StatusCode != 200 || !bytes.Contains(body, []byte("Item01999.Missing")) {
			t.Fatalf("version %d after the restart: %d, %d bytes", v.Number, r.StatusCode, len(body))
		}
	}
	t.Logf("%d whole versions after SIGKILL and restart", len(vs.Versions))
}

const cliAdmin = "ect_admin_kill_test_0123456789abcdefghijklmnop"
