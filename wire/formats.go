package wire

import (
	"net/http"
	"strconv"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/vocab"
)

// appendJSONText appends the template of field in locale, filled from e's
// params, as a JSON string.
func appendJSONText(dst []byte, e *errcat.Error, field errcat.Field, locale string) []byte {
	dst = append(dst, '"')
	dst = e.AppendJSONText(dst, field, locale)
	return append(dst, '"')
}

// appendDocsURL appends the domain's docs URL with {code} and
// {request_id} replaced, through esc.
func appendDocsURL(dst []byte, d *errcat.Def, e *errcat.Error, esc func([]byte, string) []byte) []byte {
	t := d.Domain.DocsURL
	last := 0
	for i := 0; i < len(t); i++ {
		if t[i] != '{' {
			continue
		}
		var v string
		var n int
		switch {
		case hasPrefixAt(t, i, "{code}"):
			v, n = d.Code, len("{code}")
		case hasPrefixAt(t, i, "{request_id}"):
			v, n = e.RequestID(), len("{request_id}")
		default:
			continue
		}
		dst = esc(dst, t[last:i])
		dst = appendQueryEscaped(dst, v, esc)
		i += n - 1
		last = i + 1
	}
	return esc(dst, t[last:])
}

func hasPrefixAt(s string, i int, p string) bool {
	return len(s)-i >= len(p) && s[i:i+len(p)] == p
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

// appendProblem writes RFC 9457 problem details with errcat's extension
// members code, domain, request_id, params, remediation and metadata.
func appendProblem(dst []byte, e *errcat.Error, d *errcat.Def, o Options) []byte {
	status := d.Status()
	dst = append(dst, `{"type":"`...)
	if d.Domain != nil && d.Domain.DocsURL != "" {
		dst = appendDocsURL(dst, d, e, appendJSONEscaped)
	} else {
		dst = append(dst, "about:blank"...)
	}
	dst = append(dst, `","title":`...)
	if _, ok := e.TextLocale(errcat.Title, o.Locale); ok {
		dst = appendJSONText(dst, e, errcat.Title, o.Locale)
	} else {
		dst = AppendJSONString(dst, http.StatusText(status))
	}
	dst = append(dst, `,"status":`...)
	dst = strconv.AppendInt(dst, int64(status), 10)
	dst = append(dst, `,"detail":`...)
	dst = appendJSONText(dst, e, errcat.Message, o.Locale)
	if o.Instance != "" {
		dst = append(dst, `,"instance":`...)
		dst = AppendJSONString(dst, o.Instance)
	}
	dst = append(dst, `,"code":`...)
	dst = d.AppendJSONCode(dst, false)
	dst = append(dst, `,"domain":`...)
	dst = AppendJSONString(dst, domainID(d))
	if id := e.RequestID(); id != "" {
		dst = append(dst, `,"request_id":`...)
		dst = AppendJSONString(dst, id)
	}
	dst = append(dst, `,"params":{`...)
	dst = e.AppendJSONMembers(dst, true, false)
	dst = append(dst, '}')
	if _, ok := e.TextLocale(errcat.Remediation, o.Locale); ok {
		dst = append(dst, `,"remediation":`...)
		dst = appendJSONText(dst, e, errcat.Remediation, o.Locale)
	}
	if e.NumMeta() > 0 {
		dst = append(dst, `,"metadata":{`...)
		dst = e.AppendJSONMembers(dst, false, true)
		dst = append(dst, '}')
	}
	return append(dst, '}')
}

func domainID(d *errcat.Def) string {
	if d.Domain == nil {
		return ""
	}
	return d.Domain.ID
}

// appendGoogle writes an AIP-193 error: the developer-facing message in
// the domain's default locale, and details ErrorInfo (reason = code,
// domain, metadata = params and metadata), LocalizedMessage (the message in
// o.Locale), RequestInfo (with a request id) and Help (with a docs URL).
func appendGoogle(dst []byte, e *errcat.Error, d *errcat.Def, o Options) []byte {
	status := d.Status()
	dst = append(dst, `{"error":{"code":`...)
	dst = strconv.AppendInt(dst, int64(status), 10)
	dst = append(dst, `,"message":`...)
	defLoc, _ := e.TextLocale(errcat.Message, d.Domain.DefaultLocale())
	msgStart := len(dst)
	dst = appendJSONText(dst, e, errcat.Message, d.Domain.DefaultLocale())
	msgEnd := len(dst)
	dst = append(dst, `,"status":"`...)
	dst = append(dst, grpcStatus(d, status)...)
	dst = append(dst, `","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":`...)
	dst = d.AppendJSONCode(dst, false)
	dst = append(dst, `,"domain":`...)
	dst = AppendJSONString(dst, domainID(d))
	dst = append(dst, `,"metadata":{`...)
	dst = e.AppendJSONMembers(dst, true, true)
	dst = append(dst, `}},{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":`...)
	loc, ok := e.TextLocale(errcat.Message, o.Locale)
	if !ok {
		loc = o.Locale
	}
	dst = AppendJSONString(dst, loc)
	dst = append(dst, `,"message":`...)
	if ok && loc == defLoc {
		// The same text as the top-level message: copy it.
		dst = append(dst, dst[msgStart:msgEnd]...)
	} else {
		dst = appendJSONText(dst, e, errcat.Message, o.Locale)
	}
	dst = append(dst, '}')
	if id := e.RequestID(); id != "" {
		dst = append(dst, `,{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":`...)
		dst = AppendJSONString(dst, id)
		dst = append(dst, '}')
	}
	if d.Domain != nil && d.Domain.DocsURL != "" {
		dst = append(dst, `,{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":`...)
		if _, ok := e.TextLocale(errcat.Remediation, o.Locale); ok {
			dst = appendJSONText(dst, e, errcat.Remediation, o.Locale)
		} else {
			dst = append(dst, `"Error code reference"`...)
		}
		dst = append(dst, `,"url":"`...)
		dst = appendDocsURL(dst, d, e, appendJSONEscaped)
		dst = append(dst, `"}]}`...)
	}
	return append(dst, "]}}"...)
}

// grpcStatus is the gRPC status name of d's category, or the one its
// HTTP status stands for when the category is unknown.
func grpcStatus(d *errcat.Def, status int) string {
	c := vocab.Category(d.Category)
	if !c.Valid() {
		c = vocab.GRPCCategoryForStatus(status)
	}
	return c.GRPCName()
}

// appendTencentV2 writes the legacy Tencent Cloud body. A module sub-code
// (metadata "sub_code") goes in front of the message in parentheses, as
// "(100004) incorrect projectId"; codeDesc is metadata "code_desc", else
// the title in the default locale in CamelCase ("Invalid request
// parameter" → "InvalidRequestParameter"), else the code.
func appendTencentV2(dst []byte, e *errcat.Error, d *errcat.Def, o Options) []byte {
	dst = append(dst, `{"code":`...)
	dst = d.AppendJSONCode(dst, true)
	dst = append(dst, `,"message":"`...)
	if sub, ok := e.Meta("sub_code"); ok && sub != "" {
		dst = append(dst, '(')
		dst = appendJSONEscaped(dst, sub)
		dst = append(dst, ") "...)
	}
	dst = e.AppendJSONText(dst, errcat.Message, o.Locale)
	dst = append(dst, `","codeDesc":`...)
	if cd, ok := e.Meta("code_desc"); ok && cd != "" {
		dst = AppendJSONString(dst, cd)
	} else if title, _ := d.Text(d.Title, d.Domain.DefaultLocale()); title != "" {
		dst = append(dst, '"')
		dst = appendCamel(dst, title)
		dst = append(dst, '"')
	} else {
		dst = d.AppendJSONCode(dst, false)
	}
	return append(dst, '}')
}

// appendCamel appends the words of s (split at spaces, '-' and '_') in
// CamelCase, JSON-escaped.
func appendCamel(dst []byte, s string) []byte {
	for len(s) > 0 {
		n := 0
		for n < len(s) && s[n] != ' ' && s[n] != '-' && s[n] != '_' {
			n++
		}
		word := s[:n]
		if n < len(s) {
			s = s[n+1:]
		} else {
			s = ""
		}
		if word == "" {
			continue
		}
		if c := word[0]; c >= 'a' && c <= 'z' {
			dst = append(dst, c-('a'-'A'))
			word = word[1:]
		}
		dst = appendJSONEscaped(dst, word)
	}
	return dst
}
