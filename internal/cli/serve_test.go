package cli

import (
	"bytes"
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

// TestServeSignal: serve prints its URL, answers, and exits 0 on SIGTERM.
func TestServeSignal(t *testing.T) {
	var out, errb lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- Main([]string{"serve", "--addr", "127.0.0.1:0", "--log-level", "warn"}, strings.NewReader(""), &out, &errb)
	}()
	urlRe := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	var url string
	for deadline := time.Now().Add(20 * time.Second); url == ""; {
		select {
		case code := <-done:
			t.Fatalf("serve exited %d early: %s", code, errb.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("serve printed no URL within 20s")
		}
		url = urlRe.FindString(out.String())
		time.Sleep(20 * time.Millisecond)
	}
	resp, err := http.Get(url + "healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("healthz: %d", resp.StatusCode)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d after SIGTERM, want 0; stderr %s", code, errb.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop on SIGTERM")
	}
}
