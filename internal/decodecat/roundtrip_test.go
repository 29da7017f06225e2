package decodecat_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/decode"
	"github.com/errcat/errcat/defs"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/decodecat"
	"github.com/errcat/errcat/internal/source"
	"github.com/errcat/errcat/vocab"
	"github.com/errcat/errcat/wire"
)

// TestRoundTrip renders every entry of the built-in catalogs in every wire
// format the runtime writes, decodes the response without naming the
// domain, and gets the same domain, code, request id and params back
// (every param the body carries: all of them in problem and google, those
// of the message in the formats that carry only a message). A google body
// names the error by its AIP-193 reason, which the decoder reports as the
// code and joins to the entry, and carries the params under lowerCamel
// metadata keys.
func TestRoundTrip(t *testing.T) {
	cats, err := source.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	dec := decode.Decoder{Catalog: decodecat.New(catalog.NewSet(cats...))}
	for _, c := range cats {
		_, list := defs.FromCatalog(c)
		for _, name := range wire.Names() {
			f, ok := wire.ByName(name)
			if !ok {
				t.Fatalf("wire.ByName(%q) failed", name)
			}
			t.Run(c.Domain.ID+"/"+name, func(t *testing.T) {
				for i, d := range list {
					var kv []string
					for j, p := range d.Params {
						kv = append(kv, p, fmt.Sprintf("v%d-%d", i, j))
					}
					e := d.New(kv...).WithRequestID(fmt.Sprintf("req-%d", i))
					opts := wire.Options{HostID: "polardb.aliyuncs.com", Action: "Describe"}
					body := f.Append(nil, e, opts)
					h := http.Header{}
					f.Header(h, e, opts)
					n, err := dec.Decode(f.Status(e), h, body)
					if err != nil {
						t.Errorf("%s: Decode: %v\n%s", d.Code, err, body)
						continue
					}
					want := result{Domain: c.Domain.ID, Code: d.Code, Entry: d.Code, RequestID: e.RequestID(), Params: map[string]string{}}
					if name == "google" {
						want.Code = d.AIPReason()
					}
					tmpl, _ := d.Text(d.Message, d.Domain.DefaultLocale())
					for k := 0; k+1 < len(kv); k += 2 {
						switch {
						case name == "google":
							want.Params[vocab.MetadataKey(kv[k])] = kv[k+1]
						case name == "problem" || strings.Contains(tmpl, "{"+kv[k]+"}"):
							want.Params[kv[k]] = kv[k+1]
						}
					}
					got := result{Domain: n.Domain, Code: n.Code, RequestID: n.RequestID, Params: n.Params.Map()}
					if n.Entry != nil {
						got.Entry = n.Entry.Code
					}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("%s (-want +got):\n%s\nbody: %s", d.Code, diff, body)
					}
				}
			})
		}
	}
}

type result struct {
	Domain, Code, Entry, RequestID string
	Params                         map[string]string
}
