package gen_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/errcat/errcat/decode"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/decodecat"
	"github.com/errcat/errcat/internal/gen"
	"github.com/errcat/errcat/vocab"
)

// vectorRead is what a reader got back from a vector's response, in the
// shape of gen.VectorWant's fields that every reader reports.
type vectorRead struct {
	Known      bool
	Code       string
	HTTPStatus int
	Category   string
	Retryable  bool
	Message    string
	Params     map[string]string
	RequestID  string
}

// TestGoReadsVectors is the Go side of the shared vectors: the decode
// package, joined to the built-in catalogs, reads every response the
// runtime wrote and must get back what the TypeScript, Python and Java
// readers get back.
func TestGoReadsVectors(t *testing.T) {
	cats := seedList(t)
	files, err := gen.Vectors(cats, gen.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cat := decodecat.New(catalog.NewSet(cats...))
	n, failed := 0, 0
	for _, path := range files.Paths() {
		var vs []gen.Vector
		if err := json.Unmarshal(files[path], &vs); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for i, v := range vs {
			n++
			h := http.Header{}
			for k, val := range v.Response.Headers {
				h.Set(k, val)
			}
			d := decode.Decoder{Catalog: cat, Domain: v.Domain}
			got, _ := d.Decode(v.Response.Status, h, []byte(v.Response.Body))
			if v.Want == nil {
				if !got.NotError {
					failed++
					t.Errorf("%s[%d] %s %s: want a success body, got code %q", path, i, v.Format, v.Locale, got.Code)
				}
				continue
			}
			w := v.Want
			want := vectorRead{Known: w.Known, Code: w.Code, HTTPStatus: w.HTTPStatus, Message: w.Message, Params: w.Params, RequestID: w.RequestID}
			read := vectorRead{Known: got.Entry != nil, Code: got.Code, HTTPStatus: got.HTTPStatus, Message: got.Message, RequestID: got.RequestID}
			if w.Known {
				// The catalog's category and verdict; for an unknown code the
				// decoder infers them from the status, where the generated
				// readers say "unknown".
				want.Category, want.Retryable = w.Category, w.Retryable
				read.Category, read.Retryable = got.Category, got.Retryable
				// The typed error's status is the entry's (its category's
				// when the catalog documents none); Normalized.HTTPStatus
				// is the transport's, 200 for the formats that always send
				// 200.
				read.HTTPStatus = got.Entry.HTTPStatus
				if read.HTTPStatus == 0 {
					read.HTTPStatus = vocab.Category(got.Entry.Category).HTTPStatus()
				}
			}
			if len(w.Params) > 0 {
				read.Params = got.Params.Map()
			}
			if v.Format == vocab.FormatGoogle {
				// Normalized.Message is the developer-facing message in
				// the domain's default locale; the LocalizedMessage detail
				// the typed readers return is not in Normalized.
				read.Message = want.Message
				// Normalized.Code is ErrorInfo's AIP-193 reason, joined to
				// the entry whose code the typed readers return, and the
				// params are the metadata under its lowerCamel keys.
				if got.Entry != nil {
					read.Code = got.Entry.Code
				}
				keyed := map[string]string{}
				for k, val := range want.Params {
					keyed[vocab.MetadataKey(k)] = val
				}
				want.Params = keyed
			}
			if diff := cmp.Diff(want, read, cmpopts.EquateEmpty()); diff != "" {
				failed++
				if failed <= 20 {
					t.Errorf("%s[%d] %s %s (-want +got):\n%s", path, i, v.Format, v.Locale, diff)
				}
			}
		}
	}
	if failed > 0 {
		t.Errorf("%d of %d vectors read wrong", failed, n)
	}
	if n < 1000 {
		t.Errorf("only %d vectors", n)
	}
}
