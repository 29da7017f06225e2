package wire

import (
	"strconv"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/vocab"
)

// google writes an AIP-193 error: the developer-facing message in the
// domain's default locale, and details ErrorInfo (reason = code, domain,
// metadata = params and metadata), LocalizedMessage (the message in
// o.Locale), RequestInfo (with a request id) and Help (with a docs URL).
type google struct{}

func (*google) name() string { return vocab.FormatGoogle }

func (*google) appendBody(dst []byte, ev errcat.Error, o Options) []byte {
	e := &ev
	d := e.Def()
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

func (*google) schema() string {
	return `{
  "type": "object",
  "description": "google.rpc.Status as JSON (AIP-193).",
  "required": ["error"],
  "properties": {
    "error": {
      "type": "object",
      "description": "",
      "required": ["code", "message", "status"],
      "properties": {
        "code": {"type": "integer"},
        "message": {"type": "string"},
        "status": {"type": "string"},
        "details": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["@type"],
            "properties": {"@type": {"type": "string"}},
            "additionalProperties": true
          }
        }
      }
    }
  }
}`
}
