package vocab_test

import (
	"strings"
	"testing"

	"github.com/errcat/errcat/vocab"
)

func TestReason(t *testing.T) {
	long := strings.Repeat("Very", 20) + ".Long"
	tests := []struct{ code, want string }{
		{"CSS.0001", "CSS_0001"},
		{"InvalidDBClusterId.NotFound", "INVALID_DB_CLUSTER_ID_NOT_FOUND"},
		{"Invalid{parameter_name}.Malformed", "INVALID_PARAMETER_NAME_MALFORMED"},
		{"AuthFailure.SignatureFailure", "AUTH_FAILURE_SIGNATURE_FAILURE"},
		{"96000", "ERROR_96000"},
		{"E1", "ERROR_E1"},
		{"", "ERROR"},
		{"错误", "ERROR"},
		{"RESOURCE_EXHAUSTED", "RESOURCE_EXHAUSTED"},
		{"api.rate__limit-", "API_RATE_LIMIT"},
		{"Throttling.User", "THROTTLING_USER"},
		{"APIGW.0308", "APIGW_0308"},
		{long, strings.TrimRight(strings.Repeat("VERY_", 11), "_") + "_" + "V" + "_"},
	}
	for _, tt := range tests {
		got := vocab.Reason(tt.code)
		if tt.code == long {
			if len(got) > vocab.MaxReasonLen || !strings.HasPrefix(got, "VERY_VERY_") {
				t.Errorf("Reason(long) = %q", got)
			}
		} else if got != tt.want {
			t.Errorf("Reason(%q) = %q, want %q", tt.code, got, tt.want)
		}
		if !vocab.ValidReason(got) {
			t.Errorf("Reason(%q) = %q is not a valid reason", tt.code, got)
		}
	}
	if a, b := vocab.Reason(long), vocab.Reason(long+"X"); a == b {
		t.Errorf("two long codes share the reason %q", a)
	}
}

func TestValidReason(t *testing.T) {
	for _, s := range []string{"ABC", "A_1", "RESOURCE_EXHAUSTED", strings.Repeat("A", 63)} {
		if !vocab.ValidReason(s) {
			t.Errorf("ValidReason(%q) = false", s)
		}
	}
	for _, s := range []string{"", "AB", "A_", "_AB", "1AB", "AbC", "A.B", strings.Repeat("A", 64)} {
		if vocab.ValidReason(s) {
			t.Errorf("ValidReason(%q) = true", s)
		}
	}
}

func TestMetadataKey(t *testing.T) {
	tests := []struct{ name, want string }{
		{"cluster", "cluster"},
		{"parameter_name", "parameterName"},
		{"parameter_name_n", "parameterNameN"},
		{"detail_2", "detail2"},
		{"css_03_0076", "css030076"},
		{"requestID", "requestID"}, // already a valid key
		{"request-id", "requestId"},
		{"RequestId", "requestId"},
		{"2fa", "p2fa"},
		{"", "value"},
		{"项目", "value"},
		{"sub_code", "subCode"},
	}
	for _, tt := range tests {
		if got := vocab.MetadataKey(tt.name); got != tt.want {
			t.Errorf("MetadataKey(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
	long := vocab.MetadataKey(strings.Repeat("word_", 20))
	if !vocab.ValidMetadataKey(long) {
		t.Errorf("MetadataKey(long) = %q is not valid", long)
	}
}

func TestValidExtensionMember(t *testing.T) {
	for _, s := range []string{"code", "request_id", "abc", "A1_"} {
		if !vocab.ValidExtensionMember(s) {
			t.Errorf("ValidExtensionMember(%q) = false", s)
		}
	}
	for _, s := range []string{"", "ab", "_abc", "1abc", "request-id", "a.b.c"} {
		if vocab.ValidExtensionMember(s) {
			t.Errorf("ValidExtensionMember(%q) = true", s)
		}
	}
}

// FuzzNames checks that the derivations always conform.
func FuzzNames(f *testing.F) {
	for _, s := range []string{"CSS.0001", "96000", "Invalid{parameter_name}.Malformed", "a_b", "ÄÖ", strings.Repeat("Ab", 60)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if r := vocab.Reason(s); !vocab.ValidReason(r) {
			t.Errorf("Reason(%q) = %q", s, r)
		}
		if k := vocab.MetadataKey(s); !vocab.ValidMetadataKey(k) {
			t.Errorf("MetadataKey(%q) = %q", s, k)
		}
	})
}

func TestRetryProfiles(t *testing.T) {
	for _, c := range vocab.Categories() {
		if got, want := c.RetryableIn(vocab.RetryDefault), c.DefaultRetryable(); got != want {
			t.Errorf("%s under default: %v, want %v", c, got, want)
		}
		if got, want := c.RetryableIn(vocab.RetryAIP194), c == vocab.Unavailable; got != want {
			t.Errorf("%s under aip194: %v, want %v", c, got, want)
		}
	}
	for _, name := range []string{"", "default", "aip194"} {
		if _, ok := vocab.ParseRetryProfile(name); !ok {
			t.Errorf("ParseRetryProfile(%q) failed", name)
		}
	}
	if _, ok := vocab.ParseRetryProfile("always"); ok {
		t.Error("ParseRetryProfile(always) succeeded")
	}
}
