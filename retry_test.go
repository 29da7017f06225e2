package errcat_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/vocab"
)

func TestAIPReasonAndRetryProfile(t *testing.T) {
	dom := &errcat.Domain{ID: "x.api", APIDomain: "x.example.com"}
	tests := []struct {
		def              *errcat.Def
		reason           string
		retryDef, aip194 bool
	}{
		{&errcat.Def{Domain: dom, Code: "CSS.0001", Category: "invalid_argument"}, "CSS_0001", false, false},
		{&errcat.Def{Domain: dom, Code: "Busy", Category: "unavailable", Retryable: true, Reason: "SERVICE_BUSY"}, "SERVICE_BUSY", true, true},
		{&errcat.Def{Domain: dom, Code: "Conflict", Category: "aborted", Retryable: true}, "CONFLICT", true, false},
		{&errcat.Def{Domain: dom, Code: "Timeout", Category: "deadline_exceeded", Retryable: true}, "TIMEOUT", true, false},
		{&errcat.Def{Domain: dom, Code: "Throttled", Category: "resource_exhausted", Retryable: true, RetryStated: true}, "THROTTLED", true, true},
		{&errcat.Def{Domain: dom, Code: "96000", Category: "unavailable", Retryable: false, RetryStated: true}, "ERROR_96000", false, false},
	}
	for _, tt := range tests {
		got := []any{tt.def.AIPReason(), tt.def.RetryableIn(vocab.RetryDefault), tt.def.RetryableIn(vocab.RetryAIP194)}
		want := []any{tt.reason, tt.retryDef, tt.aip194}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: reason, default, aip194 (-want +got):\n%s", tt.def.Code, diff)
		}
	}
	if got := dom.ErrorInfoDomain(); got != "x.example.com" {
		t.Errorf("ErrorInfoDomain = %q", got)
	}
	if got := (&errcat.Domain{ID: "y.api"}).ErrorInfoDomain(); got != "y.api" {
		t.Errorf("ErrorInfoDomain without APIDomain = %q", got)
	}
}
