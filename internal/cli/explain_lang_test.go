package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// textLines returns the Title/Message/Remediation rows of explain's output.
func textLines(out string) []string {
	var rows []string
	for _, l := range strings.Split(out, "\n") {
		f := strings.Fields(l)
		if len(f) > 0 && (f[0] == "Title" || f[0] == "Message" || f[0] == "Remediation" || strings.HasPrefix(f[0], "[")) {
			rows = append(rows, strings.Join(f, " "))
		}
	}
	return rows
}

func TestExplainLanguage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"huaweicloud in Chinese", []string{"explain", "--lang", "zh-CN", "CSS.0001"}, []string{
			"Message [zh-CN, translated] 参数错误。",
			"Remediation [zh-CN, translated] 请根据返回信息检查参数设置。",
		}},
		{"huaweicloud in English", []string{"explain", "--lang", "en", "CSS.0001"}, []string{
			"Message [en, source] The parameter is incorrect.",
			"Remediation [en, source] Check the parameter settings according to the returned information.",
		}},
		{"privatecloud in English", []string{"explain", "--lang", "en", "--domain", "privatecloud.retcode", "161"}, []string{
			"Message [en, translated] Insufficient quota.",
		}},
		{"privatecloud in Chinese", []string{"explain", "--lang", "zh-CN", "--domain", "privatecloud.retcode", "161"}, []string{
			"Message [zh-CN, source] 配额不足",
		}},
		{"Accept-Language style", []string{"explain", "--lang", "zh-Hans-CN,zh;q=0.9", "--domain", "tencentcloud.common", "4100"}, []string{
			"Title [zh-CN, translated] 鉴权失败",
			"Message [zh-CN, translated] 签名鉴权失败，请参考文档中的鉴权部分。",
		}},
		{"every locale without --lang", []string{"explain", "--domain", "zilliz.cloud", "96038"}, []string{
			"Message [en, source] Failed to create backup. {detail}",
			"[zh-CN, translated] 创建备份失败。{detail}",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := Main(tt.args, strings.NewReader(""), &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d, stderr: %s", code, stderr.String())
			}
			if diff := cmp.Diff(tt.want, textLines(stdout.String())); diff != "" {
				t.Errorf("text rows (-want +got):\n%s\nfull output:\n%s", diff, stdout.String())
			}
		})
	}
}

func TestExplainJSONOrigin(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"explain", "--json", "--domain", "privatecloud.retcode", "161"}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d, stderr: %s", code, stderr.String())
	}
	var got struct {
		Message map[string]string `json:"message"`
		Origin  map[string]string `json:"origin"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := struct {
		Message map[string]string `json:"message"`
		Origin  map[string]string `json:"origin"`
	}{
		Message: map[string]string{"zh-CN": "配额不足", "en": "Insufficient quota."},
		Origin:  map[string]string{"zh-CN": "source", "en": "translated"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("explain --json (-want +got):\n%s", diff)
	}
}

func TestExplainVariantsLanguage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"explain", "--lang", "zh-CN", "--domain", "aliyun.polardb", "OperationDenied"}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d, stderr: %s", code, stderr.String())
	}
	var got []string
	for _, l := range strings.Split(stdout.String(), "\n") {
		if f := strings.Fields(l); len(f) > 2 && f[0] == "-" {
			// Drop the status and the source position.
			got = append(got, strings.Join(f[2:len(f)-1], " "))
		}
	}
	want := []string{
		"[zh-CN, translated] 请求的资源在指定可用区已售罄，请尝试其他类型的资源，或其他地域和可用区。",
		"[zh-CN, translated] VPC 的 cloudClusterIp 已被使用，请检查参数。",
		"[zh-CN, translated] VPC 服务异常，请检查参数。",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("variant rows (-want +got):\n%s\nfull output:\n%s", diff, stdout.String())
	}
}
