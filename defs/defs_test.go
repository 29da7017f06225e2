package defs_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/defs"
	"github.com/errcat/errcat/internal/catalog"
)

func TestFromCatalog(t *testing.T) {
	c := &catalog.Catalog{
		Domain: catalog.Domain{ID: "x.y", Name: "X", Locales: []string{"en", "zh-CN"}, WireFormat: "google", DocsURL: "https://d/{code}", APIDomain: "y.example.com"},
		Entries: []catalog.Entry{
			{Code: "A", HTTPStatus: catalog.IntPtr(404), Category: catalog.NotFound,
				Message: catalog.T("en", "No {name}.", "zh-CN", "没有 {name}。"), Params: []catalog.Param{{Name: "name"}}},
			{Code: "B", Category: catalog.Unavailable, Reason: "BUSY_NOW", RetryAfter: "2m", Message: catalog.T("en", "Busy.")},
			{Code: "C", Category: catalog.ResourceExhausted, Retryable: catalog.BoolPtr(true), Message: catalog.T("en", "Slow down.")},
			{Code: "I", HTTPStatus: catalog.IntPtr(500), Category: catalog.Internal, Message: catalog.T("en", "Oops.")},
			{Code: "A", HTTPStatus: catalog.IntPtr(410), Category: catalog.NotFound, Message: catalog.T("en", "Gone.")},
		},
	}
	dom, got := defs.FromCatalog(c)
	wantDom := &errcat.Domain{ID: "x.y", Name: "X", Locales: []string{"en", "zh-CN"}, Format: "google", DocsURL: "https://d/{code}", APIDomain: "y.example.com"}
	want := []*errcat.Def{
		{Domain: dom, Code: "A", HTTPStatus: 404, Category: "not_found", Message: map[string]string{"en": "No {name}.", "zh-CN": "没有 {name}。"}, Params: []string{"name"}},
		{Domain: dom, Code: "B", Category: "unavailable", Retryable: true, Reason: "BUSY_NOW", RetryAfter: 2 * time.Minute, Message: map[string]string{"en": "Busy."}},
		{Domain: dom, Code: "C", Category: "resource_exhausted", Retryable: true, RetryStated: true, Message: map[string]string{"en": "Slow down."}},
		{Domain: dom, Code: "I", HTTPStatus: 500, Category: "internal", Message: map[string]string{"en": "Oops."}},
	}
	ignore := cmp.Options{cmpopts.IgnoreFields(errcat.Def{}, "Domain"), cmpopts.IgnoreFields(errcat.Domain{}, "Internal"), cmpopts.IgnoreUnexported(errcat.Domain{}, errcat.Def{})}
	if diff := cmp.Diff(wantDom, dom, ignore); diff != "" {
		t.Errorf("domain (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, got, ignore); diff != "" {
		t.Errorf("defs (-want +got):\n%s", diff)
	}
	for _, d := range got {
		if d.Domain != dom {
			t.Errorf("%s: Domain is not the catalog's domain", d.Code)
		}
	}
	if dom.Internal != got[3] {
		t.Errorf("Internal = %v, want the catalog's internal entry I", dom.Internal)
	}
	// Texts are copies: changing the catalog does not change the Defs.
	c.Entries[0].Message.Set("en", "changed")
	if got[0].Message["en"] != "No {name}." {
		t.Errorf("Def shares the catalog's text map")
	}
}

func TestFromCatalogNoInternal(t *testing.T) {
	c := &catalog.Catalog{Domain: catalog.Domain{ID: "z", Locales: []string{"en"}}, Entries: []catalog.Entry{{Code: "A", Category: catalog.NotFound, Message: catalog.T("en", "a")}}}
	dom, _ := defs.FromCatalog(c)
	if dom.Internal != nil {
		t.Fatalf("Internal = %v, want nil", dom.Internal)
	}
	if got := dom.InternalDef(); got.Code != "InternalError" || got.Status() != 500 {
		t.Errorf("InternalDef = %s %d, want the generic InternalError 500", got.Code, got.Status())
	}
}

func TestBuiltin(t *testing.T) {
	reg, err := defs.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	wantDomains := []string{"aliyun.polardb", "huaweicloud.css", "privatecloud.retcode", "tencentcloud.common", "zilliz.cloud"}
	if diff := cmp.Diff(wantDomains, reg.Domains()); diff != "" {
		t.Errorf("Domains (-want +got):\n%s", diff)
	}
	tests := []struct {
		domain, code string
		status       int
		format       string
		internal     string
	}{
		{"huaweicloud.css", "CSS.0001", 400, "huawei", "CSS.0005"},
		{"zilliz.cloud", "96000", 0, "zilliz", ""},
		{"tencentcloud.common", "4000", 0, "tencent-v2", "6000"},
		{"aliyun.polardb", "InvalidParameter", 400, "aliyun", ""},
		{"privatecloud.retcode", "0", 0, "ucloud", "130"},
	}
	for _, tt := range tests {
		t.Run(tt.domain+"/"+tt.code, func(t *testing.T) {
			d := reg.Lookup(tt.domain, tt.code)
			if d == nil {
				t.Fatalf("Lookup(%q, %q) = nil", tt.domain, tt.code)
			}
			if d.HTTPStatus != tt.status || d.Domain.Format != tt.format || d.Domain != reg.Domain(tt.domain) {
				t.Errorf("got status %d format %q", d.HTTPStatus, d.Domain.Format)
			}
			if tt.internal != "" && reg.Domain(tt.domain).InternalDef().Code != tt.internal {
				t.Errorf("internal = %s, want %s", reg.Domain(tt.domain).InternalDef().Code, tt.internal)
			}
		})
	}
	if reg.Lookup("huaweicloud.css", "nope") != nil || reg.Lookup("nope", "CSS.0001") != nil || reg.Domain("nope") != nil {
		t.Errorf("unknown look-ups are not nil")
	}
	if n := len(reg.Defs("zilliz.cloud")); n != 41 {
		t.Errorf("zilliz.cloud has %d defs, want 41", n)
	}
	if got := reg.Find("CSS.0001"); len(got) != 1 || got[0].Domain.ID != "huaweicloud.css" {
		t.Errorf("Find(CSS.0001) = %v", got)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	bad := "domain:\n  id: a.b\n  name: A\n  locales: [en]\n  wire_format: huawei\n  code_kind: string\nentries:\n  - code: X\n    category: nonsense\n    message: {en: x}\n"
	if err := os.WriteFile(filepath.Join(dir, "a.b.yaml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		load func() (*defs.Registry, error)
		want string
	}{
		{"dir", func() (*defs.Registry, error) { return defs.LoadDir(dir) }, filepath.Join(dir, "a.b.yaml") + ":9:"},
		{"file", func() (*defs.Registry, error) { return defs.LoadFile(filepath.Join(dir, "a.b.yaml")) }, filepath.Join(dir, "a.b.yaml") + ":9:"},
		{"missing dir", func() (*defs.Registry, error) { return defs.LoadDir(filepath.Join(dir, "none")) }, "no such file"},
		{"empty dir", func() (*defs.Registry, error) { return defs.LoadDir(t.TempDir()) }, "no catalog files"},
		{"file as dir", func() (*defs.Registry, error) { return defs.LoadDir(filepath.Join(dir, "a.b.yaml")) }, "not a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg, err := tt.load()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one containing %q", err, tt.want)
			}
			if reg != nil {
				t.Errorf("a registry came back with the error")
			}
		})
	}
}

func TestLoadDir(t *testing.T) {
	reg, err := defs.LoadDir(filepath.Join("..", "wire", "testdata", "catalogs"))
	if err != nil {
		t.Fatal(err)
	}
	d := reg.Lookup("aliyun.polardb", "MissingParameter")
	if d == nil {
		t.Fatal("no MissingParameter")
	}
	if diff := cmp.Diff([]string{"parameter"}, d.Params); diff != "" {
		t.Errorf("Params (-want +got):\n%s", diff)
	}
	got := d.New("parameter", "DBClusterId").Message("zh-CN")
	if diff := cmp.Diff("缺少处理此请求所必需的输入参数“DBClusterId”。", got); diff != "" {
		t.Errorf("Message (-want +got):\n%s", diff)
	}
}
