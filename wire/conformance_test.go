package wire_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/defs"
	"github.com/errcat/errcat/vocab"
	"github.com/errcat/errcat/wire"
)

// conformanceDefs returns every built-in entry twice: as its catalog has
// it, and in a copy of its domain that has a service name, a docs URL
// with a per-request placeholder, and a retry delay on every retryable
// entry, so that the rules about ErrorInfo.domain, Help, RetryInfo and
// the problem type are exercised on every entry too. A few synthetic
// entries add what no built-in catalog has: explicit reasons, titles with
// placeholders, long and odd param names.
func conformanceDefs(t *testing.T) []*errcat.Def {
	t.Helper()
	reg, err := defs.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var out []*errcat.Def
	for _, id := range reg.Domains() {
		orig := reg.Domain(id)
		alt := &errcat.Domain{ID: orig.ID, Name: orig.Name, Locales: orig.Locales, Format: orig.Format,
			APIDomain: "api." + orig.ID + ".example.com",
			DocsURL:   "https://docs.example.com/errors/{code}?lang=en&requestId={request_id}"}
		for _, d := range reg.Defs(id) {
			if d.Category == string(vocab.OK) {
				continue // the success code is never sent as an error
			}
			out = append(out, d)
			c := &errcat.Def{Domain: alt, Code: d.Code, HTTPStatus: d.HTTPStatus, Category: d.Category,
				Retryable: d.Retryable, RetryStated: d.RetryStated, Reason: d.Reason,
				Title: d.Title, Message: d.Message, Remediation: d.Remediation, Params: d.Params}
			if d.Retryable {
				c.RetryAfter = 30 * time.Second
			}
			out = append(out, c)
		}
	}
	syn := &errcat.Domain{ID: "conformance.test", Locales: []string{"en", "zh-CN"}, Format: "google",
		DocsURL: "https://docs.example.com/{request_id}/errors#{code}"}
	out = append(out,
		&errcat.Def{Domain: syn, Code: "Quota.Exceeded", HTTPStatus: 429, Category: "resource_exhausted",
			Retryable: true, RetryStated: true, Reason: "QUOTA_EXCEEDED", RetryAfter: 90 * time.Second,
			Title:   map[string]string{"en": "Quota {quota_name} exceeded", "zh-CN": "配额 {quota_name} 已用完"},
			Message: map[string]string{"en": "Quota {quota_name} of {limit_value} exceeded.", "zh-CN": "配额 {quota_name} 已超过 {limit_value}。"},
			Params:  []string{"quota_name", "limit_value"}},
		&errcat.Def{Domain: syn, Code: strings.Repeat("Very.Long.Code.", 8), HTTPStatus: 400, Category: "invalid_argument",
			Title:   map[string]string{"en": "Bad request"},
			Message: map[string]string{"en": "Bad {x} and {2nd_value} and {" + strings.Repeat("word_", 16) + "}."},
			Params:  []string{"x", "2nd_value", strings.Repeat("word_", 16)}},
	)
	return out
}

// occurrence builds an error of d with every param set (values differing
// by n), a metadata pair with a snake_case key and a request id.
func occurrence(d *errcat.Def, n int) *errcat.Error {
	var kv []string
	for _, p := range d.Params {
		kv = append(kv, p, fmt.Sprintf("v%d-%s", n, p))
	}
	return d.New(kv...).WithMeta("sub_code", fmt.Sprint(100000+n)).WithRequestID(fmt.Sprintf("req-%d", n))
}

// TestGoogleConformance renders every built-in entry in every locale of
// its domain in the google format and checks the rules of AIP-193.
func TestGoogleConformance(t *testing.T) {
	f, _ := wire.ByName("google")
	n := 0
	for _, d := range conformanceDefs(t) {
		for _, loc := range d.Domain.Locales {
			e := occurrence(d, 1)
			body := f.Append(nil, e, wire.Options{Locale: loc})
			for _, problem := range googleProblems(d, e, f.Status(e), body) {
				t.Errorf("%s %s [%s]: %s\n%s", d.Domain.ID, d.Code, loc, problem, body)
			}
			n++
		}
	}
	if n < 400 {
		t.Fatalf("checked only %d bodies", n)
	}
}

// googleProblems lists the AIP-193 rules body breaks.
func googleProblems(d *errcat.Def, e *errcat.Error, status int, body []byte) []string {
	var ps []string
	bad := func(format string, args ...any) { ps = append(ps, fmt.Sprintf(format, args...)) }
	var v struct {
		Error struct {
			Code    int               `json:"code"`
			Message *string           `json:"message"`
			Status  string            `json:"status"`
			Details []json.RawMessage `json:"details"`
		} `json:"error"`
	}
	if err := json.Unmarshal(body, &v); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	if v.Error.Code != status {
		bad("code %d, but the response is sent with %d", v.Error.Code, status)
	}
	if _, ok := vocab.CategoryForGRPC(v.Error.Status); !ok || v.Error.Status == "OK" {
		bad("status %q is not a google.rpc.Code of an error", v.Error.Status)
	}
	if v.Error.Message == nil {
		bad("no message")
	}
	seen := map[string]int{}
	for _, raw := range v.Error.Details {
		var any struct {
			Type string `json:"@type"`
		}
		if err := json.Unmarshal(raw, &any); err != nil || any.Type == "" {
			bad("a detail without @type: %s", raw)
			continue
		}
		seen[any.Type]++
		switch strings.TrimPrefix(any.Type, "type.googleapis.com/") {
		case "google.rpc.ErrorInfo":
			var info struct {
				Reason   string            `json:"reason"`
				Domain   string            `json:"domain"`
				Metadata map[string]string `json:"metadata"`
			}
			if err := json.Unmarshal(raw, &info); err != nil {
				bad("ErrorInfo: %v", err)
				continue
			}
			if !vocab.ValidReason(info.Reason) {
				bad("reason %q is not UPPER_SNAKE_CASE of at most 63 characters", info.Reason)
			}
			if info.Reason != d.AIPReason() {
				bad("reason %q, want the entry's %q", info.Reason, d.AIPReason())
			}
			if info.Domain == "" || info.Domain != d.Domain.ErrorInfoDomain() {
				bad("domain %q, want %q", info.Domain, d.Domain.ErrorInfoDomain())
			}
			for k := range info.Metadata {
				if !vocab.ValidMetadataKey(k) {
					bad("metadata key %q is not lowerCamel of at most 64 characters", k)
				}
			}
			// Every dynamic value of the message is in the metadata.
			for i := 0; i < e.NumParams(); i++ {
				name, val, _ := e.ParamAt(i)
				if got, ok := info.Metadata[vocab.MetadataKey(name)]; !ok || got != val {
					bad("param %s=%q missing from metadata %v", name, val, info.Metadata)
				}
			}
		case "google.rpc.LocalizedMessage":
			var lm struct {
				Locale  string `json:"locale"`
				Message string `json:"message"`
			}
			if err := json.Unmarshal(raw, &lm); err != nil {
				bad("LocalizedMessage: %v", err)
				continue
			}
			if _, err := language.Parse(lm.Locale); err != nil || lm.Locale == "" {
				bad("LocalizedMessage locale %q is not BCP 47", lm.Locale)
			}
			if lm.Message == "" {
				bad("LocalizedMessage without message")
			}
		case "google.rpc.RetryInfo":
			var ri struct {
				RetryDelay string `json:"retryDelay"`
			}
			if err := json.Unmarshal(raw, &ri); err != nil {
				bad("RetryInfo: %v", err)
				continue
			}
			if got, err := time.ParseDuration(ri.RetryDelay); err != nil || got != d.RetryAfter {
				bad("retryDelay %q, want %v", ri.RetryDelay, d.RetryAfter)
			}
		case "google.rpc.Help":
			var h struct {
				Links []struct {
					Description string `json:"description"`
					URL         string `json:"url"`
				} `json:"links"`
			}
			if err := json.Unmarshal(raw, &h); err != nil || len(h.Links) == 0 {
				bad("Help without links: %s", raw)
				continue
			}
			for _, l := range h.Links {
				if _, err := url.Parse(l.URL); err != nil || l.URL == "" {
					bad("Help link %q is not a URL", l.URL)
				}
			}
		case "google.rpc.RequestInfo":
		default:
			bad("unexpected detail type %q", any.Type)
		}
	}
	if seen["type.googleapis.com/google.rpc.ErrorInfo"] != 1 {
		bad("%d ErrorInfo details, want exactly one", seen["type.googleapis.com/google.rpc.ErrorInfo"])
	}
	if seen["type.googleapis.com/google.rpc.LocalizedMessage"] != 1 {
		bad("no LocalizedMessage")
	}
	for typ, n := range seen {
		if n > 1 {
			bad("%s appears %d times", typ, n)
		}
	}
	if has := seen["type.googleapis.com/google.rpc.RetryInfo"] == 1; has != (d.RetryAfter > 0) {
		bad("RetryInfo present %v, retry delay %v", has, d.RetryAfter)
	}
	return ps
}

// TestProblemConformance renders every built-in entry, twice with
// different params and request ids, in every locale of its domain in the
// problem format and checks the rules of RFC 9457.
func TestProblemConformance(t *testing.T) {
	f := wire.Problem()
	standard := map[string]bool{"type": true, "title": true, "status": true, "detail": true, "instance": true}
	n := 0
	for _, d := range conformanceDefs(t) {
		for _, loc := range d.Domain.Locales {
			var first map[string]any
			for occ := 1; occ <= 2; occ++ {
				e := occurrence(d, occ)
				rec := responseOf(f, e, wire.Options{Locale: loc, Instance: fmt.Sprintf("/v1/things/%d", occ)})
				var v map[string]any
				if err := json.Unmarshal(rec.body, &v); err != nil {
					t.Fatalf("%s %s: %v\n%s", d.Domain.ID, d.Code, err, rec.body)
				}
				where := fmt.Sprintf("%s %s [%s] #%d", d.Domain.ID, d.Code, loc, occ)
				if ct := rec.header.Get("Content-Type"); ct != "application/problem+json" {
					t.Errorf("%s: Content-Type %q", where, ct)
				}
				typ, _ := v["type"].(string)
				if u, err := url.Parse(typ); err != nil || typ == "" || (!u.IsAbs() && typ != "about:blank") {
					t.Errorf("%s: type %q is not an absolute URI", where, typ)
				}
				if strings.Contains(typ, e.RequestID()) || strings.Contains(typ, "{") {
					t.Errorf("%s: type %q holds a per-request value", where, typ)
				}
				if s, ok := v["status"].(float64); !ok || int(s) != rec.status {
					t.Errorf("%s: status %v, but the response is sent with %d", where, v["status"], rec.status)
				}
				if title, _ := v["title"].(string); title == "" {
					t.Errorf("%s: no title", where)
				}
				for k := range v {
					if !standard[k] && !vocab.ValidExtensionMember(k) {
						t.Errorf("%s: extension member %q breaks RFC 9457's naming rule", where, k)
					}
				}
				if occ == 1 {
					first = v
					continue
				}
				// Stable per problem type: type and title do not change
				// between occurrences in one locale.
				for _, k := range []string{"type", "title"} {
					if first[k] != v[k] {
						t.Errorf("%s: %s changes between occurrences: %q, %q", where, k, first[k], v[k])
					}
				}
				n++
			}
		}
	}
	if n < 400 {
		t.Fatalf("checked only %d pairs", n)
	}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

type recorder struct {
	response
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) WriteHeader(status int)      { r.status = status }
func (r *recorder) Write(b []byte) (int, error) { r.body = append(r.body, b...); return len(b), nil }

func responseOf(f wire.Format, e *errcat.Error, o wire.Options) response {
	rec := &recorder{response{header: http.Header{}}}
	_ = f.Write(rec, e, o)
	return rec.response
}
