package vocab

import "strings"

// The naming rules of the standards errcat's wire formats follow, each
// written once: AIP-193's ErrorInfo reason and metadata keys, and RFC
// 9457's extension member names.

// MaxReasonLen is the longest ErrorInfo reason AIP-193 allows.
const MaxReasonLen = 63

// MaxMetadataKeyLen is the longest ErrorInfo metadata key AIP-193 allows.
const MaxMetadataKeyLen = 64

// ValidReason reports whether s is an AIP-193 ErrorInfo reason: at most 63
// characters matching [A-Z][A-Z0-9_]+[A-Z0-9] (UPPER_SNAKE_CASE).
func ValidReason(s string) bool {
	if len(s) < 3 || len(s) > MaxReasonLen || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return s[len(s)-1] != '_'
}

// Reason returns the AIP-193 reason errcat sends for an error code whose
// catalog entry states none. The rule, which always gives a valid reason:
//
//  1. The code is split into words at every character that is not an
//     ASCII letter or digit, and before an upper-case letter that follows
//     a lower-case letter or digit, or that starts a capitalised word
//     after an acronym ("InvalidDBClusterId.NotFound" → Invalid DB
//     Cluster Id Not Found).
//  2. The words are upper-cased and joined with "_"
//     (INVALID_DB_CLUSTER_ID_NOT_FOUND; "CSS.0001" → CSS_0001).
//  3. When the result does not start with a letter, or is shorter than
//     three characters, "ERROR_" is put in front ("96000" → ERROR_96000,
//     "" → ERROR).
//  4. When the result is longer than 63 characters, it is cut to 54, a
//     trailing "_" dropped, and "_" and the FNV-32a hash of the code in
//     eight upper-case hex digits appended, so that two long codes with
//     the same beginning keep distinct reasons.
//
// A code that is already a valid reason is its own reason.
func Reason(code string) string {
	if ValidReason(code) {
		return code
	}
	var b strings.Builder
	for w := range words(code) {
		if b.Len() > 0 {
			b.WriteByte('_')
		}
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= 'a' && c <= 'z' {
				c -= 'a' - 'A'
			}
			b.WriteByte(c)
		}
	}
	r := b.String()
	if r == "" {
		return "ERROR"
	}
	if r[0] < 'A' || r[0] > 'Z' || len(r) < 3 {
		r = "ERROR_" + r
	}
	if len(r) > MaxReasonLen {
		r = strings.TrimRight(r[:54], "_") + "_" + fnvHex(code)
	}
	return r
}

// MetadataKey returns the AIP-193 ErrorInfo metadata key of a param or
// metadata name: lowerCamelCase, at most 64 characters. The name is split
// into words as Reason splits a code; the first word is lower-cased, each
// further word capitalised ("parameter_name" → parameterName, "detail_2" →
// detail2, "requestID" → requestId). A name that gives no word is "value";
// one whose first word starts with a digit gets "p" in front ("2fa" →
// p2fa); one longer than 64 characters is cut to 55 and the FNV-32a hash
// of the name appended in eight hex digits. A name that is already a
// valid key is its own key.
func MetadataKey(name string) string {
	if ValidMetadataKey(name) {
		return name
	}
	return string(AppendMetadataKey(nil, name))
}

// AppendMetadataKey appends MetadataKey(name) to dst without allocating.
func AppendMetadataKey(dst []byte, name string) []byte {
	if ValidMetadataKey(name) {
		return append(dst, name...)
	}
	start := len(dst)
	first := true
	for w := range words(name) {
		for i := 0; i < len(w); i++ {
			c := w[i]
			if first && i == 0 && c >= '0' && c <= '9' {
				dst = append(dst, 'p')
			}
			upper := !first && i == 0
			switch {
			case upper && c >= 'a' && c <= 'z':
				c -= 'a' - 'A'
			case !upper && c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		first = false
	}
	if len(dst) == start {
		return append(dst, "value"...)
	}
	if len(dst)-start > MaxMetadataKeyLen {
		dst = append(dst[:start+55], fnvHex(name)...)
		// The hash's hex letters are upper-case; lowerCamel allows them.
	}
	return dst
}

// ValidMetadataKey reports whether s is a lowerCamelCase AIP-193 metadata
// key: a lower-case ASCII letter, then ASCII letters and digits, at most
// 64 characters in all.
func ValidMetadataKey(s string) bool {
	if s == "" || len(s) > MaxMetadataKeyLen || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// ValidExtensionMember reports whether s may name an RFC 9457 extension
// member: it starts with an ASCII letter, uses only [A-Za-z0-9_] and has
// at least three characters.
func ValidExtensionMember(s string) bool {
	if len(s) < 3 || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// words yields the words of s: runs of ASCII letters and digits, split
// before an upper-case letter that follows a lower-case letter or a digit,
// and before the last upper-case letter of a run of them that a
// lower-case letter follows ("DBCluster" → DB, Cluster).
func words(s string) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		start := -1
		for i := 0; i <= len(s); i++ {
			var c byte
			if i < len(s) {
				c = s[i]
			}
			alnum := isLower(c) || isUpper(c) || isDigit(c)
			if start >= 0 && alnum && isUpper(c) {
				prev := s[i-1]
				next := byte(0)
				if i+1 < len(s) {
					next = s[i+1]
				}
				if isLower(prev) || isDigit(prev) || isUpper(prev) && isLower(next) {
					if !yield(s[start:i]) {
						return
					}
					start = i
				}
			}
			switch {
			case alnum && start < 0:
				start = i
			case !alnum && start >= 0:
				if !yield(s[start:i]) {
					return
				}
				start = -1
			}
		}
	}
}

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// fnvHex is the FNV-32a hash of s in eight upper-case hex digits.
func fnvHex(s string) string {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	const hex = "0123456789ABCDEF"
	var b [8]byte
	for i := 7; i >= 0; i-- {
		b[i] = hex[h&0xF]
		h >>= 4
	}
	return string(b[:])
}
