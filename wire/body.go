package wire

import (
	"github.com/errcat/errcat"
	"github.com/errcat/errcat/vocab"
)

// The helpers the formats' writers share.

// appendJSONText appends the template of field in locale, filled from e's
// params, as a JSON string.
func appendJSONText(dst []byte, e *errcat.Error, field errcat.Field, locale string) []byte {
	dst = append(dst, '"')
	dst = e.AppendJSONText(dst, field, locale)
	return append(dst, '"')
}

// appendDocsURL appends the domain's docs URL with {code} and
// {request_id} replaced, through esc; other placeholders stay as written.
func appendDocsURL(dst []byte, d *errcat.Def, e *errcat.Error, esc func([]byte, string) []byte) []byte {
	return appendURLTemplate(dst, d.Domain.DocsURL, d.Code, e.RequestID(), esc)
}

// appendURLTemplate appends the URL template t with {code} and
// {request_id} replaced by code and requestID, through esc.
func appendURLTemplate(dst []byte, t, code, requestID string, esc func([]byte, string) []byte) []byte {
	last := 0
	for start, end := vocab.NextPlaceholder(t, 0); start >= 0; start, end = vocab.NextPlaceholder(t, end) {
		var v string
		switch t[start+1 : end-1] {
		case "code":
			v = code
		case "request_id":
			v = requestID
		default:
			continue
		}
		dst = esc(dst, t[last:start])
		dst = appendQueryEscaped(dst, v, esc)
		last = end
	}
	return esc(dst, t[last:])
}

// appendQueryEscaped appends v percent-encoded for a URL (unreserved
// characters kept), through esc.
func appendQueryEscaped(dst []byte, v string, esc func([]byte, string) []byte) []byte {
	start := 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			continue
		}
		dst = esc(dst, v[start:i])
		dst = append(dst, '%', upperHex[c>>4], upperHex[c&0xF])
		start = i + 1
	}
	return esc(dst, v[start:])
}

const upperHex = "0123456789ABCDEF"

func domainID(d *errcat.Def) string {
	if d.Domain == nil {
		return ""
	}
	return d.Domain.ID
}
