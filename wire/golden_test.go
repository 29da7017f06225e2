package wire_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/defs"
	"github.com/errcat/errcat/wire"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// loadSeeds loads the seed entries of testdata/catalogs.
func loadSeeds(tb testing.TB) *defs.Registry {
	tb.Helper()
	reg, err := defs.LoadDir(filepath.Join("testdata", "catalogs"))
	if err != nil {
		tb.Fatal(err)
	}
	return reg
}

func lookup(tb testing.TB, reg *defs.Registry, domain, code string) *errcat.Def {
	tb.Helper()
	d := reg.Lookup(domain, code)
	if d == nil {
		tb.Fatalf("no %s %s in testdata/catalogs", domain, code)
	}
	return d
}

// goldenCase is one error rendered in every format.
type goldenCase struct {
	name string
	err  func(reg *defs.Registry) *errcat.Error
	opts wire.Options
}

func goldenCases(tb testing.TB) []goldenCase {
	tb.Helper()
	return []goldenCase{
		{
			name: "params",
			err: func(reg *defs.Registry) *errcat.Error {
				return lookup(tb, reg, "aliyun.polardb", "MissingParameter").
					New("parameter", "DBClusterId").
					WithRequestID("5E0D0B37-F3A4-4A26-8B5B-0C7A1B1F9C0A").
					WithMeta("region", "cn-hangzhou")
			},
			opts: wire.Options{Locale: "en", Instance: "/?Action=DescribeDBClusters", Action: "DescribeDBClusters", HostID: "polardb.aliyuncs.com"},
		},
		{
			name: "non-ascii",
			err: func(reg *defs.Registry) *errcat.Error {
				return lookup(tb, reg, "privatecloud.retcode", "140").
					New("name", "“Zone” <可用区> & \u2028").
					WithRequestID("req-中文-1").
					WithMeta("sub_code", "100004")
			},
			opts: wire.Options{Locale: "zh-CN", Instance: "/api/v1/vm", Action: "CreateVM"},
		},
		{
			name: "cause",
			err: func(reg *defs.Registry) *errcat.Error {
				// A foreign error becomes the domain's internal error;
				// the cause's text must not reach the body.
				cause := errors.New("dial tcp 10.0.0.7:9200: connection refused; password=hunter2")
				return errcat.From(cause, reg.Domain("huaweicloud.css")).WithRequestID("0a1b2c3d")
			},
			opts: wire.Options{Instance: "/v1.0/p1/clusters"},
		},
	}
}

func TestGolden(t *testing.T) {
	reg := loadSeeds(t)
	for _, name := range wire.Names() {
		f, _ := wire.ByName(name)
		for _, c := range goldenCases(t) {
			t.Run(name+"/"+c.name, func(t *testing.T) {
				got := f.AppendResponse(nil, c.err(reg), c.opts)
				path := filepath.Join("testdata", "golden", name, c.name+".txt")
				if *update {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./wire -update)", err)
				}
				if diff := cmp.Diff(string(want), string(got)); diff != "" {
					t.Errorf("%s (-want +got):\n%s", path, diff)
				}
				if bytesContain(got, "hunter2") || bytesContain(got, "10.0.0.7") {
					t.Errorf("the cause leaked into the response:\n%s", got)
				}
			})
		}
	}
}

func bytesContain(b []byte, s string) bool {
	return len(s) > 0 && string(b) != "" && contains(string(b), s)
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
