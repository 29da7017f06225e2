package catalog

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const testGlossary = `terms:
  - {en: security group, zh-CN: 安全组}
  - {en: group, zh-CN: 组}
  - {en: elastic IP, zh-CN: 弹性公网 IP}
  - {en: IP address, zh-CN: IP 地址}
  - {en: instance, zh-CN: 实例}
  - {en: region, zh-CN: 地域}
exceptions:
  - {domain: a.en, code: E4, term: region, reason: the source's "region" names a field}
`

func TestGlossaryCheck(t *testing.T) {
	g, err := ParseGlossary("glossary.yaml", []byte(testGlossary))
	if err != nil {
		t.Fatal(err)
	}
	type finding struct{ Code, Field, Term, Want string }
	tests := []struct {
		name    string
		src     string // the catalog's source locale
		entries []Entry
		want    []finding
	}{
		{"english source follows", "en", []Entry{
			{Code: "E1", Message: T("en", "The security groups do not exist.", "zh-CN", "安全组不存在。")},
			{Code: "E2", Message: T("en", "Bind the elastic IP address.", "zh-CN", "请绑定弹性公网IP。")},
			{Code: "E3", Message: T("en", "Instances is plural.", "zh-CN", "实例。")},
		}, nil},
		{"english source departs", "en", []Entry{
			{Code: "E1", Message: T("en", "The security group does not exist.", "zh-CN", "组不存在。")},
			{Code: "E2", Remediation: T("en", "Check the region.", "zh-CN", "请检查区域。")},
			{Code: "E3", Variants: []Variant{{Message: T("en", "No instance.", "zh-CN", "没有主机。")}}},
			{Code: "E4", Message: T("en", "Bad region.", "zh-CN", "区域错误。")},
		}, []finding{
			{"E1", "message", "security group", "zh-CN"},
			{"E2", "remediation", "region", "zh-CN"},
			{"E3", "variants[0].message", "instance", "zh-CN"},
		}},
		{"word boundaries", "en", []Entry{
			{Code: "E1", Message: T("en", "Invalid RegionId.", "zh-CN", "RegionId 无效。")},
		}, nil},
		{"chinese source", "zh-CN", []Entry{
			{Code: "C1", Message: T("zh-CN", "安全组不存在", "en", "The security group does not exist.")},
			{Code: "C2", Message: T("zh-CN", "实例不存在", "en", "The host does not exist.")},
			// Only the Chinese source's terms bind the English translation.
			{Code: "C3", Message: T("zh-CN", "主机不存在", "en", "The instance does not exist.")},
		}, []finding{{"C2", "message", "instance", "en"}}},
		{"one locale only", "en", []Entry{
			{Code: "E1", Message: T("en", "The security group does not exist.")},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := "a.en"
			if tt.src != "en" {
				id = "a.zh"
			}
			c := &Catalog{Domain: Domain{ID: id, Locales: []string{tt.src}}, Entries: tt.entries}
			var got []finding
			for _, f := range g.Check(c) {
				got = append(got, finding{f.Code, f.Field, f.Term.EN, f.Want})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseGlossaryErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"missing zh", "terms:\n  - {en: cluster}\n", "g.yaml:2:6: a term needs en and zh-CN"},
		{"duplicate", "terms:\n  - {en: cluster, zh-CN: 集群}\n  - {en: Cluster, zh-CN: 群集}\n",
			`g.yaml:3:10: term "Cluster" is already defined in term 1`},
		{"unknown key", "terms:\n  - {en: cluster, zh: 集群}\n", `g.yaml:2:19: unknown field "zh"`},
		{"exception without reason", "terms:\n  - {en: cluster, zh-CN: 集群}\nexceptions:\n  - {domain: a.b, code: X, term: cluster}\n",
			"g.yaml:4:6: an exception needs domain, code, term and reason"},
		{"exception of unknown term", "terms:\n  - {en: cluster, zh-CN: 集群}\nexceptions:\n  - {domain: a.b, code: X, term: node, reason: r}\n",
			`g.yaml:4:34: no glossary term "node"`},
		{"empty", "", "g.yaml:1:1: a glossary is one YAML document with terms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseGlossary("g.yaml", []byte(tt.in))
			if err == nil {
				t.Fatal("ParseGlossary succeeded, want an error")
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

func FuzzParseGlossary(f *testing.F) {
	f.Add([]byte(testGlossary))
	f.Add([]byte("terms:\n  - {en: cluster}\n"))
	f.Add([]byte("terms: [\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ParseGlossary("fuzz.yaml", data)
		if err != nil {
			return
		}
		// A parsed glossary checks any catalog without panicking.
		c := &Catalog{Domain: Domain{ID: "a.b", Locales: []string{"en"}}, Entries: []Entry{
			{Code: "A", Message: T("en", "The security group of the instance.", "zh-CN", "实例的安全组。")},
		}}
		_ = g.Check(c)
		_ = g.Uses(c)
	})
}

func ExampleGlossary_Check() {
	g, err := ParseGlossary("glossary.yaml", []byte("terms:\n  - {en: security group, zh-CN: 安全组}\n  - {en: instance, zh-CN: 实例}\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	c := &Catalog{Domain: Domain{ID: "example.api", Locales: []string{"en", "zh-CN"}}, Entries: []Entry{
		{Code: "A", Message: T("en", "The security group does not exist.", "zh-CN", "安全组不存在。")},
		{Code: "B", Message: T("en", "The instance is locked.", "zh-CN", "主机已锁定。")},
	}}
	for _, f := range g.Check(c) {
		fmt.Println(f)
	}
	// Output:
	// example.api B message: the text has "instance" but the zh-CN translation lacks "实例": 主机已锁定。
}
