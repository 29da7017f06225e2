package wire

import (
	"net/http"
	"strconv"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/vocab"
)

// problem writes RFC 9457 problem details with errcat's extension members
// code, domain, request_id, params, remediation and metadata.
type problem struct{}

func (*problem) name() string { return vocab.FormatProblem }

func (*problem) appendBody(dst []byte, ev errcat.Error, o Options) []byte {
	e := &ev
	d := e.Def()
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
