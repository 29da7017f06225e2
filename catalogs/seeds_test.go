package catalogs_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/errcat/errcat/catalogs"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/importer"
)

// TestRegenerate re-imports every seed page and requires the committed
// catalog files to be byte-identical (go generate ./catalogs rewrites them).
func TestRegenerate(t *testing.T) {
	files, diags, err := importer.BuildDir(os.DirFS("."), ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		t.Errorf("diagnostic: %s", d)
	}
	if len(files) != 5 {
		t.Errorf("regenerated %d catalogs, want 5", len(files))
	}
	for name, want := range files {
		t.Run(name, func(t *testing.T) {
			got, err := os.ReadFile(filepath.Join(".", name))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s is stale; run go generate ./catalogs (-fresh import +committed):\n%s", name, diff)
			}
		})
	}
}

// loadBuiltin parses the imported catalog files alone, without the locale
// overlays of i18n/: what the seed pages themselves say.
// loadBuiltin parses the committed catalog files as the importer wrote
// them (without locale overlays), by domain id.
func loadBuiltin(t *testing.T) map[string]*catalog.Catalog {
	t.Helper()
	names, err := fs.Glob(catalogs.FS(), "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*catalog.Catalog{}
	for _, n := range names {
		data, err := fs.ReadFile(catalogs.FS(), n)
		if err != nil {
			t.Fatal(err)
		}
		c, err := catalog.Parse(n, data)
		if err != nil {
			t.Fatal(err)
		}
		byID[c.Domain.ID] = c
	}
	return byID
}

// TestSeedCounts pins what each seed page documents.
func TestSeedCounts(t *testing.T) {
	byID := loadBuiltin(t)
	rows := func(c *catalog.Catalog) int {
		n := 0
		for _, e := range c.Entries {
			n += 1 + len(e.Variants)
		}
		return n
	}
	noStatus := func(c *catalog.Catalog) int {
		n := 0
		for _, e := range c.Entries {
			if e.HTTPStatus == nil {
				n++
			}
		}
		return n
	}
	tests := []struct {
		domain          string
		codes, rows, na int
	}{
		{"zilliz.cloud", 41, 41, 41},
		{"huaweicloud.css", 49, 49, 16},
		{"tencentcloud.common", 16, 16, 16},
		{"privatecloud.retcode", 213, 213, 213},
		{"aliyun.polardb", 81, 90, 0},
	}
	for _, tt := range tests {
		t.Run(tt.domain, func(t *testing.T) {
			c := byID[tt.domain]
			if c == nil {
				t.Fatalf("no built-in domain %s", tt.domain)
			}
			got := []int{len(c.Entries), rows(c), noStatus(c)}
			want := []int{tt.codes, tt.rows, tt.na}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("[codes rows without-status] (-want +got):\n%s", diff)
			}
		})
	}
}

var ignorePos = cmp.Options{
	cmpopts.IgnoreFields(catalog.Entry{}, "Pos"),
	cmpopts.IgnoreFields(catalog.Variant{}, "Pos"),
}

// TestSeedSamples checks sample entries of every seed field by field
// against the seed text.
func TestSeedSamples(t *testing.T) {
	byID := loadBuiltin(t)
	src := func(file string, line int, orig map[string]string) *catalog.Source {
		return &catalog.Source{File: file, Line: line, Original: orig}
	}
	const (
		zilliz  = "000_8df4de4808e20d09.txt"
		huawei  = "001_a7d516839fff964f.txt"
		tencent = "002_3c7893b50d75b991.txt"
		private = "003_25b1e5bfbe863135.txt"
		aliyun  = "004_476db1273b1cdb66.txt"
	)
	en := func(s string) catalog.Text { return catalog.T("en", s) }
	zh := func(s string) catalog.Text { return catalog.T("zh-CN", s) }
	tests := []struct {
		domain string
		want   catalog.Entry
	}{
		{"zilliz.cloud", catalog.Entry{
			Code: "96000", Category: catalog.InvalidArgument, Inferred: []string{"category"},
			Message: en("Invalid CloudId. Please use the ListCloudProviders API to obtain a list of supported cloudIds."),
			Source:  src(zilliz, 14, nil),
		}},
		{"zilliz.cloud", catalog.Entry{
			Code: "96040", Category: catalog.Internal, Inferred: []string{"category"},
			Message: en("Failed to restore cluster backup. {detail}"),
			Params:  []catalog.Param{{Name: "detail", Description: "written %s in the source"}},
			Source:  src(zilliz, 174, map[string]string{"message": "Failed to restore cluster backup. %s"}),
		}},
		{"huaweicloud.css", catalog.Entry{
			Code: "CSS.0011", HTTPStatus: catalog.IntPtr(202), Category: catalog.Aborted, Inferred: []string{"category"},
			Message:     en("This operation cannot be performed because another operation is being performed on the instance or the instance is faulty. Please try again later."),
			Remediation: en("Try again later."),
			Source:      src(huawei, 19, nil),
		}},
		{"huaweicloud.css", catalog.Entry{
			Code: "CSS.6003", Category: catalog.Internal, Retryable: catalog.BoolPtr(true), Inferred: []string{"category", "retryable"},
			Message:     en("Failed to restore the cluster."),
			Remediation: en("Try again later or contact technical support."),
			Source:      src(huawei, 85, map[string]string{"http_status": "N/A"}),
		}},
		{"tencentcloud.common", catalog.Entry{
			Code: "4000", Category: catalog.InvalidArgument, Inferred: []string{"category"},
			Title:   en("Invalid request parameter"),
			Message: en(`Required parameters are missing, or parameter valuesare not in the correct format. Refer to the error description in "message" field for detailed error message.`),
			Source:  src(tencent, 10, nil),
		}},
		{"privatecloud.retcode", catalog.Entry{
			Code: "0", Category: catalog.OK, Message: zh("操作成功"), Source: src(private, 5, nil),
		}},
		{"privatecloud.retcode", catalog.Entry{
			Code: "165", Category: catalog.ResourceExhausted, Retryable: catalog.BoolPtr(true), Inferred: []string{"category", "retryable"},
			Message: zh("操作过于频繁请稍后再试"), Source: src(private, 20, nil),
		}},
		{"aliyun.polardb", catalog.Entry{
			Code: "Invalid{parameter_name}.Malformed", HTTPStatus: catalog.IntPtr(400), Category: catalog.InvalidArgument, Inferred: []string{"category"},
			Message: en(`The specified parameter "{parameter_name_n}" is not valid.`),
			Params: []catalog.Param{
				{Name: "parameter_name", Description: "written <parameter name> in the source"},
				{Name: "parameter_name_n", Description: `written "parameter name n" in the source`},
			},
			Source: src(aliyun, 27, map[string]string{
				"code":    "Invalid<parameter name>.Malformed",
				"message": `The specified parameter "parameter name n" is not valid.`,
			}),
		}},
		{"aliyun.polardb", catalog.Entry{
			Code: "OperationDenied", HTTPStatus: catalog.IntPtr(403), Category: catalog.PermissionDenied, Inferred: []string{"category"},
			Message: en("The resource is out of usage."),
			Variants: []catalog.Variant{
				{HTTPStatus: catalog.IntPtr(403), Message: en("The requested resource is sold out in the specified zone; try other types of resources or other regions and zones."), Source: src(aliyun, 94, nil)},
				{HTTPStatus: catalog.IntPtr(406), Message: en("The vpc cloudClusterIp is use, please check params."), Source: src(aliyun, 95, nil)},
				{HTTPStatus: catalog.IntPtr(400), Message: en("The vpc service is error, please check params."), Source: src(aliyun, 96, nil)},
			},
			Source: src(aliyun, 39, nil),
		}},
		{"aliyun.polardb", catalog.Entry{
			Code: "InvalidConnectionString.Duplicate", HTTPStatus: catalog.IntPtr(400), Category: catalog.AlreadyExists, Inferred: []string{"category"},
			Message: en("Specified connection string or port want to be modified is the same with current net type."),
			Source: src(aliyun, 77, map[string]string{
				"code":    "InvalidConnectionString.Duplicate Specified",
				"message": "connection string or port want to be modified is the same with current net type.",
			}),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.domain+"/"+tt.want.Code, func(t *testing.T) {
			c := byID[tt.domain]
			if c == nil {
				t.Fatalf("no domain %s", tt.domain)
			}
			got := c.Lookup(tt.want.Code)
			if got == nil {
				t.Fatalf("no entry %s", tt.want.Code)
			}
			if diff := cmp.Diff(&tt.want, got, ignorePos); diff != "" {
				t.Errorf("entry (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSeedDomains checks the domain headers the manifest and pages give.
func TestSeedDomains(t *testing.T) {
	byID := loadBuiltin(t)
	tc := byID["tencentcloud.common"].Domain
	if tc.SubCode == nil || tc.SubCode.Example != "(100004) incorrect projectId" || tc.SubCode.Field != "message" || tc.WireFormat != "tencent-v2" {
		t.Errorf("tencentcloud.common sub_code = %+v, wire format %s", tc.SubCode, tc.WireFormat)
	}
	pc := byID["privatecloud.retcode"].Domain
	if pc.SuccessCode == nil || *pc.SuccessCode != "0" || pc.DefaultLocale() != "zh-CN" || pc.WireFormat != "ucloud" {
		t.Errorf("privatecloud.retcode header = %+v", pc)
	}
	for id, kind := range map[string]string{"zilliz.cloud": "integer", "huaweicloud.css": "string", "tencentcloud.common": "integer", "privatecloud.retcode": "integer", "aliyun.polardb": "string"} {
		if got := byID[id].Domain.CodeKind; got != kind {
			t.Errorf("%s code_kind = %s, want %s", id, got, kind)
		}
	}
	okCount := 0
	for _, c := range byID {
		for _, e := range c.Entries {
			if e.Category == catalog.OK {
				okCount++
			}
		}
	}
	if okCount != 1 {
		t.Errorf("%d entries of category ok, want 1 (privatecloud's 0)", okCount)
	}
}

// TestSeedProvenance checks every entry and variant of every seed against
// the line of the seed page it names: the line (or, for the list layout,
// the lines after it) holds the code and the message as published.
func TestSeedProvenance(t *testing.T) {
	for _, c := range loadBuiltin(t) {
		data, err := os.ReadFile(filepath.Join("sources", c.Domain.Source.File))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.ReplaceAll(string(data), `\`, ""), "\n")
		window := func(line int) string {
			return strings.Join(lines[line-1:min(line+3, len(lines))], "\n")
		}
		check := func(code string, msg catalog.Text, s *catalog.Source) {
			t.Helper()
			if s == nil || s.Line < 1 || s.Line > len(lines) {
				t.Errorf("%s %s: bad source %+v", c.Domain.ID, code, s)
				return
			}
			w := window(s.Line)
			if want := firstNonEmpty(s.OriginalOf("code"), code); !strings.Contains(w, want) {
				t.Errorf("%s:%d does not hold code %q:\n%s", s.File, s.Line, want, w)
			}
			m := firstNonEmpty(s.OriginalOf("message"), msg.Get(c.Domain.DefaultLocale()))
			if s.OriginalOf("code") != "" && s.OriginalOf("message") != "" {
				m = s.OriginalOf("message")
			}
			if !strings.Contains(w, m) && !strings.Contains(collapse(w), m) {
				t.Errorf("%s:%d does not hold message %q:\n%s", s.File, s.Line, m, w)
			}
		}
		for _, e := range c.Entries {
			check(e.Code, e.Message, e.Source)
			for _, v := range e.Variants {
				check(e.Code, v.Message, v.Source)
			}
		}
	}
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
