package lint

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/source"
)

// seedFindings lints the built-in catalogs, which keep the seed pages'
// defects, and returns the findings by domain.
func seedFindings(tb testing.TB) map[string][]Finding {
	tb.Helper()
	cats, err := source.Builtin()
	if err != nil {
		tb.Fatal(err)
	}
	by := map[string][]Finding{}
	for _, f := range Run(cats, Config{}) {
		by[f.Domain] = append(by[f.Domain], f)
	}
	return by
}

// codesOf returns the sorted codes with a finding of rule in fs.
func codesOf(fs []Finding, rule string) []string {
	var out []string
	for _, f := range fs {
		if f.Rule == rule && !slices.Contains(out, f.Code) {
			out = append(out, f.Code)
		}
	}
	slices.Sort(out)
	return out
}

func TestSeedDefects(t *testing.T) {
	by := seedFindings(t)
	tests := []struct {
		domain, rule string
		want         []string
	}{
		{"aliyun.polardb", "repeated-code", []string{"Forbidden.Authentication", "InvalidDBClusterId.NotFound", "InvalidParameter",
			"NetTypeExists", "OperationDenied", "OperationDenied.BackupJobExists", "OperationDenied.LockMode"}},
		{"aliyun.polardb", "code-typo", []string{"Forbedden.NotSupportRAM", "IncorrecttVpcId.Mismatch", "InvaildEngineInRegion.NotAvailable"}},
		{"huaweicloud.css", "missing-status", []string{"CSS.6000", "CSS.6001", "CSS.6002", "CSS.6003", "CSS.6004", "CSS.6005", "CSS.6006",
			"CSS.6007", "CSS.6008", "CSS.6009", "CSS.6010", "CSS.6011", "CSS.6012", "CSS.6013", "CSS.6014", "CSS.6015"}},
		{"huaweicloud.css", "non-error-status", []string{"CSS.0011"}},
		{"aliyun.polardb", "unfilled-placeholder", []string{"InvalidParameter", "Invalid{parameter_name}.Malformed",
			"Invalid{parameter_name}.ValueNotSupported", "MissingParameter", "UnsupportedParameter"}},
		{"zilliz.cloud", "unfilled-placeholder", []string{"96024", "96038", "96039", "96040"}},
		{"aliyun.polardb", "conflicting-status", []string{"InvalidDBClusterId.NotFound", "NetTypeExists", "OperationDenied"}},
	}
	for _, tt := range tests {
		t.Run(tt.domain+"/"+tt.rule, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, codesOf(by[tt.domain], tt.rule)); diff != "" {
				t.Errorf("codes with %s findings (-want +got):\n%s", tt.rule, diff)
			}
		})
	}
}

func TestSeedFindingMessages(t *testing.T) {
	by := seedFindings(t)
	tests := []struct {
		domain, rule, code string
		msg                *regexp.Regexp
	}{
		{"aliyun.polardb", "conflicting-status", "InvalidDBClusterId.NotFound", regexp.MustCompile(`status 400 here but 404`)},
		{"aliyun.polardb", "conflicting-status", "NetTypeExists", regexp.MustCompile(`status 403 here but 400`)},
		{"aliyun.polardb", "code-syntax", "InvalidConnectionString.Duplicate", regexp.MustCompile(`source documents this code as "InvalidConnectionString.Duplicate Specified", which contains a space`)},
		{"aliyun.polardb", "code-typo", "Forbedden.NotSupportRAM", regexp.MustCompile(`"Forbedden" .* "Forbidden"`)},
		{"aliyun.polardb", "code-typo", "InvaildEngineInRegion.NotAvailable", regexp.MustCompile(`"Invaild" .* "Invalid"`)},
		{"aliyun.polardb", "code-typo", "IncorrecttVpcId.Mismatch", regexp.MustCompile(`"Incorrectt" .* "Incorrect"`)},
		{"huaweicloud.css", "same-message", "CSS.5078", regexp.MustCompile(`same message as CSS\.5009`)},
		{"huaweicloud.css", "non-error-status", "CSS.0011", regexp.MustCompile(`HTTP status 202`)},
	}
	for _, tt := range tests {
		t.Run(tt.rule+"/"+tt.code, func(t *testing.T) {
			for _, f := range by[tt.domain] {
				if f.Rule == tt.rule && f.Code == tt.code && tt.msg.MatchString(f.Message) {
					return
				}
			}
			t.Errorf("no %s finding for %s matching %q", tt.rule, tt.code, tt.msg)
		})
	}
}

// TestSeedSameMessageGroups pins the nine groups of privatecloud.retcode
// codes that share one message.
func TestSeedSameMessageGroups(t *testing.T) {
	by := seedFindings(t)
	firstRe := regexp.MustCompile(`same message as (\S+) `)
	groups := map[string][]string{}
	for _, f := range by["privatecloud.retcode"] {
		if f.Rule != "same-message" {
			continue
		}
		m := firstRe.FindStringSubmatch(f.Message)
		if m == nil {
			t.Fatalf("unexpected message %q", f.Message)
		}
		if groups[m[1]] == nil {
			groups[m[1]] = []string{m[1]}
		}
		groups[m[1]] = append(groups[m[1]], f.Code)
	}
	var got []string
	for _, g := range groups {
		slices.Sort(g)
		got = append(got, strings.Join(g, " "))
	}
	slices.Sort(got)
	want := []string{"11927 11942", "2010 55000", "2022 57004", "2023 55002 57001", "2024 55001 57003",
		"2033 57005", "2043 51000", "2208 56000", "70005 70007"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("same-message groups (-want +got):\n%s", diff)
	}
}

// TestSeedCleanEntries checks that entries without a defect get no
// finding at all.
func TestSeedCleanEntries(t *testing.T) {
	by := seedFindings(t)
	clean := map[string][]string{
		"aliyun.polardb":       {"Forbidden.RAM", "InvalidAccessKeyId.NotFound", "IncompleteSignature", "Throttling"},
		"huaweicloud.css":      {"CSS.0001", "CSS.0005", "CSS.0006", "CSS.5009"},
		"privatecloud.retcode": {"0", "100", "110", "130"},
		"tencentcloud.common":  {"4000", "4100"},
		"zilliz.cloud":         {"96000", "96001", "96002"},
	}
	for domain, codes := range clean {
		for _, code := range codes {
			for _, f := range by[domain] {
				if f.Code == code {
					t.Errorf("clean entry %s of %s has a finding: %s", code, domain, f)
				}
			}
		}
	}
}
