package cli

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestServeUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"serve", "extra"}, 2, "extra"},
		{[]string{"serve", "--rate-burst", "0"}, 2, "--rate-burst 0"},
		{[]string{"serve", "--log-level", "loud"}, 2, "--log-level"},
		{[]string{"serve", "--max-drop", "1.5"}, 2, "--max-drop 1.5"},
		{[]string{"serve", "--max-drop", "-0.1"}, 2, "--max-drop -0.1"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--catalog", "/no/such/dir"}, 1, "/no/such/dir"},
		{[]string{"serve", "--addr", "256.0.0.1:99999"}, 1, "listen"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--metrics-addr", "256.0.0.1:99999"}, 1, "--metrics-addr"},
		{[]string{"serve", "--max-conns", "-1"}, 2, "--max-conns -1"},
		{[]string{"serve", "--idle-timeout", "0s"}, 2, "--idle-timeout 0s"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, stderr := run(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.err) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, stderr, tt.code, tt.err)
			}
		})
	}
}

// lockedBuffer is a bytes.Buffer safe for the serving goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServe runs serve with args (plus --addr 127.0.0.1:0) until stop,
// which sends SIGTERM and returns the exit code. It returns the URL serve
// printed and its output so far.
func startServe(t *testing.T, args ...string) (url string, out *lockedBuffer, stop func() int) {
	t.Helper()
	out = &lockedBuffer{}
	var errb lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- Main(append([]string{"serve", "--addr", "127.0.0.1:0", "--log-level", "warn"}, args...), strings.NewReader(""), out, &errb)
	}()
	urlRe := regexp.MustCompile(`errcat error center: (http://127\.0\.0\.1:\d+/)`)
	for deadline := time.Now().Add(20 * time.Second); url == ""; {
		select {
		case code := <-done:
			t.Fatalf("serve exited %d early: %s", code, errb.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("serve printed no URL within 20s")
		}
		if m := urlRe.FindStringSubmatch(out.String()); m != nil {
			url = m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	stop = func() int {
		t.Helper()
		if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		select {
		case code := <-done:
			if code != 0 {
				t.Logf("stderr: %s", errb.String())
			}
			return code
		case <-time.After(15 * time.Second):
			t.Fatal("serve did not stop on SIGTERM")
			return -1
		}
	}
	return url, out, stop
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// TestServeSignal: serve prints its URL, answers, and exits 0 on SIGTERM.
// Without --metrics-addr, /metrics is on the main port.
func TestServeSignal(t *testing.T) {
	url, _, stop := startServe(t)
	if code, _ := get(t, url+"healthz"); code != 200 {
		t.Fatalf("healthz: %d", code)
	}
	if code, body := get(t, url+"metrics"); code != 200 || !strings.Contains(body, "errcat_catalog_entries") {
		t.Errorf("metrics on the main port: %d %.100s", code, body)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit %d after SIGTERM, want 0", code)
	}
}

// TestServeMetricsAddr: --metrics-addr moves /metrics off the main port.
func TestServeMetricsAddr(t *testing.T) {
	url, out, stop := startServe(t, "--metrics-addr", "127.0.0.1:0", "--max-conns", "16", "--idle-timeout", "5s")
	defer stop()
	m := regexp.MustCompile(`errcat metrics: (http://127\.0\.0\.1:\d+/metrics)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no metrics URL printed: %s", out.String())
	}
	if code, body := get(t, m[1]); code != 200 || !strings.Contains(body, "errcat_catalog_entries") {
		t.Errorf("metrics address: %d %.100s", code, body)
	}
	if code, _ := get(t, strings.TrimSuffix(m[1], "metrics")+"v1/domains"); code != 404 {
		t.Errorf("the API on the metrics address: %d, want 404", code)
	}
	if code, _ := get(t, url+"metrics"); code != 404 {
		t.Errorf("metrics on the main port: %d, want 404", code)
	}
	if code, _ := get(t, url+"healthz"); code != 200 {
		t.Errorf("healthz: %d", code)
	}
}
