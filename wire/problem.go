package wire

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/vocab"
)

// problem writes RFC 9457 problem details with errcat's extension members
// code, domain, request_id, params, remediation and metadata (each name a
// letter, then [A-Za-z0-9_], at least three characters).
//
// What RFC 9457 asks of the standard members, and how it is kept:
//
//   - type identifies the problem type and is stable: the domain's docs
//     URL with {code} filled in, and any per-request placeholder
//     ({request_id}) left out, with its query parameter when it is one;
//     about:blank when the domain has no docs URL. Per-occurrence values
//     go to instance (the request's URI) and request_id.
//   - status is the HTTP status the response is sent with.
//   - title varies only by locale: the entry's title when it has no
//     {name} placeholder, else the status's reason phrase.
type problem struct{}

func (*problem) name() string { return vocab.FormatProblem }

func (*problem) appendBody(dst []byte, e *errcat.Error, o *Options) []byte {
	d := e.Def()
	status := d.Status()
	dst = append(dst, `{"type":"`...)
	if d.Domain != nil && d.Domain.DocsURL != "" {
		dst = appendTypeURL(dst, d, appendJSONEscaped)
	} else {
		dst = append(dst, "about:blank"...)
	}
	dst = append(dst, `","title":`...)
	if _, ok := e.TextLocale(errcat.Title, o.Locale); ok && !d.TextHasParams(errcat.Title, o.Locale) {
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

// appendTypeURL appends the docs URL of d's domain as a problem type:
// {code} filled in, per-request placeholders left out (a query parameter
// whose value holds one is dropped whole), through esc.
func appendTypeURL(dst []byte, d *errcat.Def, esc func([]byte, string) []byte) []byte {
	t := d.Domain.DocsURL
	if !strings.Contains(t, "{request_id}") {
		return appendURLTemplate(dst, t, d.Code, "", esc)
	}
	base, query, hasQuery := strings.Cut(t, "?")
	base = strings.ReplaceAll(base, "{request_id}", "")
	if hasQuery {
		kept := make([]string, 0, 4)
		for p := range strings.SplitSeq(query, "&") {
			if !strings.Contains(p, "{request_id}") {
				kept = append(kept, p)
			}
		}
		if len(kept) > 0 {
			base += "?" + strings.Join(kept, "&")
		}
	}
	return appendURLTemplate(dst, base, d.Code, "", esc)
}

func (*problem) schema() string {
	return `{
  "type": "object",
  "description": "RFC 9457 problem details with errcat's extension members.",
  "required": ["type", "title", "status", "code"],
  "properties": {
    "type": {"type": "string", "format": "uri-reference"},
    "title": {"type": "string"},
    "status": {"type": "integer"},
    "detail": {"type": "string"},
    "instance": {"type": "string"},
    "remediation": {"type": "string"},
    "code": {"type": "string"},
    "domain": {"type": "string"},
    "request_id": {"type": "string"},
    "params": {"type": "object", "additionalProperties": {"type": "string"}}
  }
}`
}
