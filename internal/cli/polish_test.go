package cli

import (
	"net"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestVersionFrom(t *testing.T) {
	tests := []struct {
		name string
		bi   *debug.BuildInfo
		want string
	}{
		{"tagged", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.4.0"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}}},
			"v1.4.0 (commit 0123456789ab, go1.26.0)"},
		{"pseudo", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.0.0-20261201000000-0123456789ab+dirty"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef"}, {Key: "vcs.modified", Value: "true"}, {Key: "vcs.time", Value: "2026-12-01T00:00:00Z"}}},
			"v0.0.0-20261201000000-0123456789ab+dirty (commit 0123456789ab with local changes of 2026-12-01T00:00:00Z, go1.26.0)"},
		{"no vcs", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}},
			"(devel) (commit unknown: built with -buildvcs=false or outside a repository, go1.26.0)"},
		{"no info", nil, "unknown (no build info in the binary)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, versionFrom(tt.bi)); diff != "" {
				t.Errorf("versionFrom (-want +got):\n%s", diff)
			}
		})
	}
	code, out, _ := run(t, "version")
	if code != 0 || !strings.HasPrefix(out, "errcat ") || strings.TrimSpace(out) == "errcat devel" {
		t.Errorf("version: exit %d, %q", code, out)
	}
}

func TestUnknownCodeSuggests(t *testing.T) {
	tests := []struct {
		args []string
		want string // in stderr
	}{
		{[]string{"explain", "InternalError"}, "nearest: "},
		{[]string{"explain", "CSS.00001"}, "CSS.0001 (huaweicloud.css)"},
		{[]string{"explain", "MissingParam"}, "MissingParameter (aliyun.polardb)"},
		{[]string{"render", "InvalidParamter"}, "InvalidParameter (aliyun.polardb)"},
		{[]string{"render", "--domain", "aliyun.polardb", "Throttled"}, "Throttling (aliyun.polardb)"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, stderr := run(t, tt.args...)
			if code != 1 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit 1 and %q", code, stderr, tt.want)
			}
		})
	}
	// InternalError names no code; its words find the internal errors.
	_, _, stderr := run(t, "explain", "InternalError")
	if !strings.Contains(stderr, "CSS.0005") && !strings.Contains(stderr, "CSS.9999") {
		t.Errorf("explain InternalError suggests no internal error: %q", stderr)
	}
	// decode --domain with a code the domain lacks.
	var out, errb strings.Builder
	code := Main([]string{"decode", "--human", "--domain", "aliyun.polardb"}, strings.NewReader(`{"Code":"MissingParamter","Message":"x","RequestId":"r"}`), &out, &errb)
	if !strings.Contains(errb.String(), "MissingParameter (aliyun.polardb)") {
		t.Errorf("decode --domain: exit %d, stderr %q", code, errb.String())
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	tests := [][]string{
		{"explain", "--lang", "not a tag!", "CSS.0001"},
		{"render", "--lang", "@@", "CSS.0001"},
		{"gen", "markdown", "--lang", "x_y_z!"},
		{"gen", "markdown", "--style", "fancy"},
		{"explain"},
		{"explain", "--no-such-flag", "CSS.0001"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, _, stderr := run(t, args...)
			if code != 2 {
				t.Errorf("exit %d, want 2 (stderr %q)", code, stderr)
			}
			if strings.Contains(stderr, "errcat: errcat") {
				t.Errorf("doubled prefix: %q", stderr)
			}
		})
	}
	// A whole Accept-Language value is a valid render --lang.
	if code, _, stderr := run(t, "render", "--lang", "zh-CN,zh;q=0.9,en;q=0.8", "CSS.0001"); code != 0 {
		t.Errorf("render --lang Accept-Language: exit %d, %s", code, stderr)
	}
}

func TestDecodeHumanEscapesControlBytes(t *testing.T) {
	body := `{"Code":"Throttling","Message":"slow \u001b[31mdown\u001b[0m \u202eevil","RequestId":"r\u001b]0;x\u0007"}`
	var out, errb strings.Builder
	Main([]string{"decode", "--human", "--domain", "aliyun.polardb", "--status", "400"}, strings.NewReader(body), &out, &errb)
	got := out.String()
	for _, bad := range []string{"\x1b", "\x07", "\u202e"} {
		if strings.Contains(got, bad) || strings.Contains(errb.String(), bad) {
			t.Errorf("output carries %q:\n%s", bad, got)
		}
	}
	if !strings.Contains(got, `\x1b[31m`) && !strings.Contains(got, `\x1b]0;x`) {
		t.Errorf("control bytes not shown escaped:\n%s", got)
	}
	if diff := cmp.Diff(`a\x1bb\u202ec\n`, escapeControl("a\x1bb\u202ec\n")); diff != "" {
		t.Errorf("escapeControl (-want +got):\n%s", diff)
	}
}

func TestRenderSuccessCode(t *testing.T) {
	code, out, stderr := run(t, "render", "--domain", "privatecloud.retcode", "0")
	if code != 0 || !strings.HasPrefix(out, "HTTP/1.1 200 OK") || !strings.Contains(out, `"RetCode":0`) {
		t.Errorf("exit %d, stderr %q, out:\n%s", code, stderr, out)
	}
}

func TestServeBusyPortNamesFlag(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	code, _, stderr := run(t, "serve", "--addr", ln.Addr().String())
	if code != 1 || !strings.Contains(stderr, "--addr") || !strings.Contains(stderr, "pick another") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestLintBuiltinNote(t *testing.T) {
	_, _, stderr := run(t, "lint")
	if n := strings.Count(stderr, "published pages themselves"); n != 1 {
		t.Errorf("note printed %d times, want once: %q", n, stderr)
	}
	dir := writeCatalog(t, "x.yaml", sharedCatalog)
	_, _, stderr = run(t, "lint", dir)
	if strings.Contains(stderr, "published pages") {
		t.Errorf("note on a user's catalog: %q", stderr)
	}
}
