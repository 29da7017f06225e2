package catalog

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestReasonAndRetryAfter reads the AIP-193 and retry fields with both
// readers, writes them back, and rejects bad values with their position.
func TestReasonAndRetryAfter(t *testing.T) {
	in := strings.Replace(header, "  code_kind: string\n", "  code_kind: string\n  api_domain: api.example.com\n", 1) +
		"  - code: Quota.Exceeded\n    http_status: 429\n    category: resource_exhausted\n    reason: QUOTA_EXCEEDED\n    retry_after: 30s\n    message: {en: Quota exceeded.}\n" +
		"  - code: Bad.Request\n    http_status: 400\n    category: invalid_argument\n    message: {en: Bad request.}\n"
	full, err := Parse("ok.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	fast, err := ParseFast("ok.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(full, fast, cmpIgnorePos()); diff != "" {
		t.Errorf("fast reader differs (-full +fast):\n%s", diff)
	}
	if got := full.Domain.APIDomain; got != "api.example.com" {
		t.Errorf("api_domain = %q", got)
	}
	q, b := &full.Entries[0], &full.Entries[1]
	got := []any{q.AIPReason(), q.RetryAfterDuration(), b.AIPReason(), b.RetryAfterDuration()}
	want := []any{"QUOTA_EXCEEDED", 30 * time.Second, "BAD_REQUEST", time.Duration(0)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("-want +got:\n%s", diff)
	}
	out, err := Marshal(full, "")
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse("back.yaml", out)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(full, back, cmpIgnorePos()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	js, err := MarshalEntry(&full.Domain, q, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, member := range []string{`"reason":"QUOTA_EXCEEDED"`, `"retry_after":"30s"`} {
		if !strings.Contains(string(js), member) {
			t.Errorf("JSON contract %s lacks %s", js, member)
		}
	}

	bad := []struct{ name, in, want string }{
		{"lower-case reason", header + "  - code: A\n    category: internal\n    reason: quota_exceeded\n    message: {en: a}\n",
			`bad.yaml:10:13: reason "quota_exceeded": want UPPER_SNAKE_CASE of at most 63 characters matching [A-Z][A-Z0-9_]+[A-Z0-9] (AIP-193)`},
		{"long reason", header + "  - code: A\n    category: internal\n    reason: " + strings.Repeat("A", 64) + "\n    message: {en: a}\n",
			`bad.yaml:10:13: reason "` + strings.Repeat("A", 64) + `": want UPPER_SNAKE_CASE of at most 63 characters matching [A-Z][A-Z0-9_]+[A-Z0-9] (AIP-193)`},
		{"not a duration", header + "  - code: A\n    category: unavailable\n    retry_after: soon\n    message: {en: a}\n",
			`bad.yaml:10:18: retry_after "soon": want a duration such as 30s or 2m`},
		{"fraction of a second", header + "  - code: A\n    category: unavailable\n    retry_after: 1500ms\n    message: {en: a}\n",
			`bad.yaml:10:18: retry_after "1500ms": want a whole number of seconds, at least 1s`},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("bad.yaml", []byte(tt.in))
			if err == nil {
				t.Fatal("no error")
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
		})
	}
}
