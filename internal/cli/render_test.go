package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRender(t *testing.T) {
	cat := []string{"--no-builtin", "--catalog", "../../wire/testdata/catalogs"}
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantOut    string
		wantErrHas string
	}{
		{
			name: "domain format, params, zh-CN",
			args: []string{"render", "--lang", "zh-CN,zh;q=0.9", "--request-id", "r-1", "MissingParameter", "parameter=DBClusterId"},
			wantOut: "HTTP/1.1 400 Bad Request\nContent-Language: zh-CN\nContent-Length: 211\nContent-Type: application/json\nX-Content-Type-Options: nosniff\nX-Request-Id: r-1\n\n" +
				`{"RequestId":"r-1","Code":"MissingParameter","Message":"缺少处理此请求所必需的输入参数“DBClusterId”。","Recommend":"https://api.aliyun.com/troubleshoot?q=MissingParameter\u0026requestId=r-1"}` + "\n",
		},
		{
			name: "format flag, missing param visible, unsupported language",
			args: []string{"render", "--format", "huawei", "--lang", "fr", "--domain", "aliyun.polardb", "MissingParameter"},
			wantOut: "HTTP/1.1 400 Bad Request\nContent-Language: en\nContent-Length: 146\nContent-Type: application/json\nX-Content-Type-Options: nosniff\n\n" +
				`{"error_code":"MissingParameter","error_msg":"The input parameter \"{parameter}\" that is mandatory for processing this request is not supplied."}` + "\n",
		},
		{
			name: "ucloud with action and meta",
			args: []string{"render", "--action", "CreateVM", "--meta", "zone=a", "140", "name=磁盘"},
			wantOut: "HTTP/1.1 200 OK\nContent-Language: zh-CN\nContent-Length: 77\nContent-Type: application/json\nX-Content-Type-Options: nosniff\n\n" +
				`{"Action":"CreateVMResponse","RetCode":140,"Message":"参数异常：磁盘"}` + "\n",
		},
		{
			name:       "unknown param warns",
			args:       []string{"render", "--format", "zilliz", "140", "name=x", "other=y"},
			wantOut:    "HTTP/1.1 200 OK\nContent-Language: zh-CN\nContent-Length: 41\nContent-Type: application/json\nX-Content-Type-Options: nosniff\n\n" + `{"code":140,"message":"参数异常：x"}` + "\n",
			wantErrHas: `140 has no param "other"`,
		},
		{name: "unknown code", args: []string{"render", "MissingParamter"}, wantCode: 1, wantErrHas: "nearest: MissingParameter"},
		{name: "unknown domain", args: []string{"render", "--domain", "nope", "140"}, wantCode: 1, wantErrHas: `no such domain "nope"`},
		{name: "unknown format", args: []string{"render", "--format", "soap", "140"}, wantCode: 2, wantErrHas: "unknown format"},
		{name: "bad param", args: []string{"render", "140", "novalue"}, wantCode: 2, wantErrHas: "want name=value"},
		{name: "bad meta", args: []string{"render", "--meta", "x", "140"}, wantCode: 2, wantErrHas: "want key=value"},
		{name: "no code", args: []string{"render"}, wantCode: 2, wantErrHas: "requires at least 1 arg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := Main(append(append([]string{}, cat...), tt.args...), strings.NewReader(""), &out, &errOut)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d (stderr: %s)", code, tt.wantCode, errOut.String())
			}
			if tt.wantCode == 0 {
				if diff := cmp.Diff(tt.wantOut, out.String()); diff != "" {
					t.Errorf("stdout (-want +got):\n%s", diff)
				}
			}
			if tt.wantErrHas != "" && !strings.Contains(errOut.String(), tt.wantErrHas) {
				t.Errorf("stderr = %q, want it to contain %q", errOut.String(), tt.wantErrHas)
			}
		})
	}
}

func TestRenderBuiltinAmbiguous(t *testing.T) {
	// Every built-in code renders in its domain's format; a code two
	// domains share needs --domain.
	var out, errOut bytes.Buffer
	if code := Main([]string{"render", "CSS.0001"}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("render CSS.0001: exit %d: %s", code, errOut.String())
	}
	if !strings.HasPrefix(out.String(), "HTTP/1.1 400 Bad Request\n") || !strings.Contains(out.String(), `"error_code":"CSS.0001"`) {
		t.Errorf("render CSS.0001:\n%s", out.String())
	}
}
