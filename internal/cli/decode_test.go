package cli

import (
	"bytes"
	"strings"
	"testing"
)

func TestDecodeCmd(t *testing.T) {
	cat := []string{"--no-builtin", "--catalog", "testdata/decode/example.alpha.yaml"}
	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantExit   int
		golden     string // compared with stdout when set
		wantStderr string
	}{
		{name: "json from a file", args: append(cat, "decode", "--status", "400", "testdata/decode/aliyun.json"), golden: "decode/aliyun.out.json"},
		{name: "human from stdin", args: append(cat, "decode", "--status", "400", "--human", "-"), stdin: "testdata/decode/aliyun.json", golden: "decode/aliyun.out.txt"},
		{
			name: "nginx page: printed, exit 1", args: append(cat, "decode", "--status", "502", "--header", "Server: nginx/1.25.3", "--header", "X-Request-Id: lb-7", "testdata/decode/nginx502.html"),
			wantExit: 1, golden: "decode/nginx502.out.json",
			wantStderr: "errcat: testdata/decode/nginx502.html: error body not readable: HTML page instead of an API error body (from a proxy or load balancer?)\n",
		},
		{
			name: "not an error", args: append(cat, "decode", "--human"), stdin: "=" + `{"Action":"DescribeUHostInstanceResponse","RetCode":0}`,
			golden: "decode/success.out.txt",
		},
		{
			name: "a named domain", args: append(cat, "decode", "--domain", "example.alpha", "--human"), stdin: "=" + `{"code":"Busy","message":"The account is busy; do not retry."}`,
			golden: "decode/named.out.txt",
		},
		{
			name: "a response as curl -i prints it", args: append(cat, "decode", "--human", "--header", "X-Request-Id: from-flag"),
			stdin: "=" + "HTTP/2 429 \r\nserver: tengine\r\nx-acs-request-id: acs-1\r\nretry-after: 3\r\ncontent-type: application/json\r\n\r\n" +
				`{"RequestId":"r-9","HostId":"polardb.aliyuncs.com","Code":"Throttling.User","Message":"Request was denied due to user flow control."}`,
			golden: "decode/curl.out.txt",
		},
		{
			name: "a curl -i nginx page", args: append(cat, "decode"), stdin: "=" + "HTTP/1.1 502 Bad Gateway\r\nServer: nginx\r\nContent-Type: text/html\r\n\r\n<html><head><title>502 Bad Gateway</title></head></html>\r\n",
			wantExit: 1, golden: "decode/curl502.out.json",
			wantStderr: "errcat: stdin: error body not readable: HTML page instead of an API error body (from a proxy or load balancer?)\n",
		},
		{
			name: "nested errors and the rules of the general reader", args: append(cat, "decode", "--status", "200"),
			stdin:  "=" + `{"data":{"order":null},"errors":[{"message":"Order 17 not found","path":["order"],"extensions":{"code":"NOT_FOUND"}},{"message":"Not allowed","path":["order","owner"],"extensions":{"code":"FORBIDDEN"}}]}`,
			golden: "decode/graphql.out.json",
		},
		{
			name: "details in human form", args: append(cat, "decode", "--status", "409", "--human"),
			stdin:  "=" + `{"ok":0,"result":{"err_no":"E_LOCKED","err_msg":"The record is locked.","trace_id":"t-9"},"errors":[{"field":"name","message":"taken"},{"field":"email","message":"invalid"}]}`,
			golden: "decode/general.out.txt",
		},
		{name: "bad header", args: append(cat, "decode", "--header", "nocolon"), wantExit: 2, wantStderr: "errcat: --header \"nocolon\": want NAME:VALUE\n"},
		{name: "bad status", args: append(cat, "decode", "--status", "42"), wantExit: 2, wantStderr: "errcat: --status 42: want an HTTP status 100–599\n"},
		{name: "unknown domain", args: append(cat, "decode", "--domain", "nope"), wantExit: 1, wantStderr: "errcat: no such domain \"nope\" (have: example.alpha)\n"},
		{name: "missing file", args: append(cat, "decode", "testdata/decode/absent.json"), wantExit: 1, wantStderr: "errcat: open testdata/decode/absent.json: no such file or directory\n"},
		{name: "two files", args: append(cat, "decode", "a", "b"), wantExit: 2, wantStderr: "errcat: decode: accepts at most 1 arg(s), received 2\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdin := tc.stdin
			if strings.HasPrefix(stdin, "=") {
				stdin = stdin[1:]
			} else if stdin != "" {
				stdin = string(readFile(t, stdin))
			}
			var out, errOut bytes.Buffer
			code := Main(tc.args, strings.NewReader(stdin), &out, &errOut)
			if code != tc.wantExit {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.wantExit, errOut.String())
			}
			if errOut.String() != tc.wantStderr {
				t.Errorf("stderr = %q, want %q", errOut.String(), tc.wantStderr)
			}
			if tc.golden != "" {
				golden(t, tc.golden, out.String())
			}
		})
	}
}
