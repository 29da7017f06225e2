package wire

import (
	"strconv"
	"time"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/vocab"
)

// google writes a google.rpc.Status as JSON, following AIP-193: the
// developer-facing message in the domain's default locale, and the details,
// each type once, in this order:
//
//   - ErrorInfo: reason (the entry's, else derived from the code by
//     vocab.Reason), domain (the domain's APIDomain, else its id) and
//     metadata (params, then metadata pairs, under lowerCamel keys made by
//     vocab.MetadataKey; the first of two equal keys wins);
//   - LocalizedMessage: the message in o.Locale, with the locale it is in;
//   - RetryInfo, when the entry has a retry delay;
//   - RequestInfo, when the error has a request id;
//   - Help, when the domain has a docs URL.
//
// grpcerr builds the same details as protocol buffers; its tests compare
// the two through protojson.
type google struct{}

func (*google) name() string { return vocab.FormatGoogle }

func (*google) appendBody(dst []byte, e *errcat.Error, o *Options) []byte {
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
	dst = AppendJSONString(dst, d.AIPReason())
	dst = append(dst, `,"domain":`...)
	dst = AppendJSONString(dst, d.Domain.ErrorInfoDomain())
	dst = append(dst, `,"metadata":{`...)
	dst = appendMetadata(dst, e)
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
	if d.RetryAfter > 0 {
		dst = append(dst, `,{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"`...)
		dst = AppendProtoDuration(dst, d.RetryAfter)
		dst = append(dst, `"}`...)
	}
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

// appendMetadata appends e's params (those with a value), then its
// metadata pairs, as the members of ErrorInfo.metadata: each name turned
// into its lowerCamel key (vocab.AppendMetadataKey), a key written once,
// the first occurrence winning.
func appendMetadata(dst []byte, e *errcat.Error) []byte {
	// The keys written so far, as offsets into dst; most errors have a
	// few, which fit on the stack.
	var inline [8][2]int
	keys := inline[:0]
	member := func(dst []byte, k, v string) []byte {
		mark := len(dst)
		if len(keys) > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, '"')
		ks := len(dst)
		dst = vocab.AppendMetadataKey(dst, k)
		ke := len(dst)
		for _, p := range keys {
			if string(dst[p[0]:p[1]]) == string(dst[ks:ke]) {
				return dst[:mark]
			}
		}
		keys = append(keys, [2]int{ks, ke})
		dst = append(dst, '"', ':', '"')
		dst = errcat.AppendJSONEscaped(dst, v)
		return append(dst, '"')
	}
	for i := 0; i < e.NumParams(); i++ {
		if k, v, ok := e.ParamAt(i); ok {
			dst = member(dst, k, v)
		}
	}
	for i := 0; i < e.NumMeta(); i++ {
		k, v := e.MetaAt(i)
		dst = member(dst, k, v)
	}
	return dst
}

// AppendProtoDuration appends d as protojson writes a
// google.protobuf.Duration: seconds with up to nine fractional digits
// (none when whole) and an "s" ("30s", "1.500s").
func AppendProtoDuration(dst []byte, d time.Duration) []byte {
	if d < 0 {
		dst = append(dst, '-')
		d = -d
	}
	dst = strconv.AppendInt(dst, int64(d/time.Second), 10)
	if ns := int64(d % time.Second); ns != 0 {
		var frac [9]byte
		for i := 8; i >= 0; i-- {
			frac[i] = byte('0' + ns%10)
			ns /= 10
		}
		// protojson writes 3, 6 or 9 digits.
		n := 9
		for n > 3 && string(frac[n-3:n]) == "000" {
			n -= 3
		}
		dst = append(dst, '.')
		dst = append(dst, frac[:n]...)
	}
	return append(dst, 's')
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

// AppendDocsURL appends the docs URL of e's domain with {code} and
// {request_id} filled in (each value percent-encoded), as the google
// format's Help link and grpcerr's google.rpc.Help carry it; it appends
// nothing when the domain has no docs URL.
func AppendDocsURL(dst []byte, e *errcat.Error) []byte {
	d := defOf(e)
	if d.Domain == nil || d.Domain.DocsURL == "" {
		return dst
	}
	return appendURLTemplate(dst, d.Domain.DocsURL, d.Code, e.RequestID(), func(dst []byte, s string) []byte { return append(dst, s...) })
}
