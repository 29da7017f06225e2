// Package wire writes catalog errors in the wire formats of the APIs that
// errcat catalogs describe. Each format is a value of type Format, found by
// name with ByName; it knows its HTTP status policy, its headers and its
// body, and appends the body to a byte slice without allocating:
//
//	f, _ := wire.ByName("huawei")
//	buf = f.Append(buf[:0], err, wire.Options{Locale: "zh-CN"})
//
// The bodies are always valid JSON (or XML for aliyun-xml): strings are
// escaped exactly as encoding/json (encoding/xml) escapes them.
//
// The formats:
//
//	problem     RFC 9457 application/problem+json; the entry's status
//	google      AIP-193 {"error":{code,message,status,details}}; the entry's status
//	tencent     Tencent Cloud API 3.0 {"Response":{"Error":{Code,Message},"RequestId"}}; the entry's status, else 200
//	tencent-v2  Tencent Cloud legacy {"code","message","codeDesc"}; always 200
//	aliyun      Alibaba Cloud {"RequestId","HostId","Code","Message","Recommend"}; the entry's status
//	aliyun-xml  the same as <Error>…</Error>
//	huawei      Huawei Cloud {"error_code","error_msg"} and X-Request-Id; the entry's status
//	zilliz      Zilliz Cloud / Milvus REST v2 {"code","message"}; always 200
//	ucloud      UCloud {"Action","RetCode","Message"}; always 200
package wire

import (
	"net/http"
	"strconv"

	"github.com/errcat/errcat"
)

// Format is one wire format. The zero Format is not a format.
type Format uint8

// The formats.
const (
	Problem Format = iota + 1
	Google
	Tencent
	TencentV2
	Aliyun
	AliyunXML
	Huawei
	Zilliz
	UCloud
	numFormats = iota
)

// Name returns the format's name, e.g. "tencent-v2".
func (f Format) Name() string {
	switch f {
	case Problem:
		return "problem"
	case Google:
		return "google"
	case Tencent:
		return "tencent"
	case TencentV2:
		return "tencent-v2"
	case Aliyun:
		return "aliyun"
	case AliyunXML:
		return "aliyun-xml"
	case Huawei:
		return "huawei"
	case Zilliz:
		return "zilliz"
	case UCloud:
		return "ucloud"
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// String returns the format's name.
func (f Format) String() string { return f.Name() }

// Valid reports whether f is one of the formats.
func (f Format) Valid() bool { return f >= Problem && f <= UCloud }

// Names returns the names of every format, in the order of the constants.
func Names() []string {
	out := make([]string, 0, numFormats)
	for f := Problem; f <= UCloud; f++ {
		out = append(out, f.Name())
	}
	return out
}

// ByName returns the format called name.
func ByName(name string) (Format, bool) {
	for f := Problem; f <= UCloud; f++ {
		if f.Name() == name {
			return f, true
		}
	}
	return 0, false
}

// For returns the default format of the domain of e, or Problem when the
// domain names none or an unknown one.
func For(e *errcat.Error) Format {
	if e != nil && e.Def() != nil && e.Def().Domain != nil {
		if f, ok := ByName(e.Def().Domain.Format); ok {
			return f
		}
	}
	return Problem
}

// ContentType returns the Content-Type of the format's bodies.
func (f Format) ContentType() string {
	switch f {
	case Problem:
		return "application/problem+json"
	case AliyunXML:
		return "application/xml; charset=utf-8"
	}
	return "application/json"
}

// Status returns the HTTP status the format sends e with: the entry's (see
// errcat.Def.Status) for problem, google, aliyun, aliyun-xml and huawei;
// the entry's when documented, else 200, for tencent; always 200 for
// tencent-v2, zilliz and ucloud, which carry the code in the body.
func (f Format) Status(e *errcat.Error) int {
	d := defOf(e)
	switch f {
	case TencentV2, Zilliz, UCloud:
		return http.StatusOK
	case Tencent:
		if d.HTTPStatus == 0 {
			return http.StatusOK
		}
	}
	return d.Status()
}

// Options are the facts of the request that a body may carry.
type Options struct {
	// Locale is the locale to write the texts in, one of the domain's
	// (see errcat.Domain.Negotiate); "" means the domain's default.
	Locale string
	// Instance is the problem format's "instance": the request's URI.
	Instance string
	// Action is the API action for ucloud's "Action" (sent as
	// Action+"Response"); omitted when empty.
	Action string
	// HostID is aliyun's "HostId", the endpoint that answered.
	HostID string
}

// Locale returns the locale e's message is written in under o: o.Locale
// when the entry has a message in it, else the fallback's (see
// errcat.Def.Text).
func Locale(e *errcat.Error, o Options) string {
	d := defOf(e)
	loc := o.Locale
	if loc == "" {
		loc = d.Domain.DefaultLocale()
	}
	if _, l := d.Text(d.Message, loc); l != "" {
		return l
	}
	return loc
}

// defOf returns e's Def, or a generic internal error for a nil Error or
// one without a Def, so rendering never fails.
func defOf(e *errcat.Error) *errcat.Def {
	if e == nil || e.Def() == nil {
		return (*errcat.Domain)(nil).InternalDef()
	}
	return e.Def()
}

// Header sets the format's headers for e: Content-Type, Content-Language
// and X-Content-Type-Options always, X-Request-Id when e has a request id
// (the huawei format's way of carrying it; harmless for the others).
func (f Format) Header(h http.Header, e *errcat.Error, o Options) {
	h.Set("Content-Type", f.ContentType())
	h.Set("Content-Language", Locale(e, o))
	h.Set("X-Content-Type-Options", "nosniff")
	if e != nil && e.RequestID() != "" {
		h.Set("X-Request-Id", e.RequestID())
	}
}

// Write sends e to w: headers, status and body.
func (f Format) Write(w http.ResponseWriter, e *errcat.Error, o Options) error {
	_, err := f.WriteBuffer(w, e, o, nil)
	return err
}

// WriteBuffer is Write rendering into buf (pass a reused buffer's [:0]);
// it returns the buffer, grown as needed, for reuse.
func (f Format) WriteBuffer(w http.ResponseWriter, e *errcat.Error, o Options, buf []byte) ([]byte, error) {
	body := f.Append(buf, e, o)
	f.Header(w.Header(), e, o)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(f.Status(e))
	_, err := w.Write(body)
	return body, err
}

// Append appends the body of e in format f to dst. A nil e, or an Error
// without a Def, is written as the generic internal error.
func (f Format) Append(dst []byte, e *errcat.Error, o Options) []byte {
	if e == nil || e.Def() == nil {
		e = defOf(e).New()
	}
	d := e.Def()
	if o.Locale == "" {
		o.Locale = d.Domain.DefaultLocale()
	}
	switch f {
	case Problem:
		return appendProblem(dst, e, d, o)
	case Google:
		return appendGoogle(dst, e, d, o)
	case Tencent:
		dst = append(dst, `{"Response":{"Error":{"Code":`...)
		dst = d.AppendJSONCode(dst, false)
		dst = append(dst, `,"Message":`...)
		dst = appendJSONText(dst, e, errcat.Message, o.Locale)
		dst = append(dst, `},"RequestId":`...)
		dst = AppendJSONString(dst, e.RequestID())
		return append(dst, "}}"...)
	case TencentV2:
		return appendTencentV2(dst, e, d, o)
	case Aliyun:
		dst = append(dst, `{"RequestId":`...)
		dst = AppendJSONString(dst, e.RequestID())
		if o.HostID != "" {
			dst = append(dst, `,"HostId":`...)
			dst = AppendJSONString(dst, o.HostID)
		}
		dst = append(dst, `,"Code":`...)
		dst = d.AppendJSONCode(dst, false)
		dst = append(dst, `,"Message":`...)
		dst = appendJSONText(dst, e, errcat.Message, o.Locale)
		if d.Domain != nil && d.Domain.DocsURL != "" {
			dst = append(dst, `,"Recommend":"`...)
			dst = appendDocsURL(dst, d, e, appendJSONEscaped)
			dst = append(dst, '"')
		}
		return append(dst, '}')
	case AliyunXML:
		dst = append(dst, `<?xml version="1.0" encoding="UTF-8"?>`+"\n<Error><RequestId>"...)
		dst = appendXMLEscaped(dst, e.RequestID())
		dst = append(dst, "</RequestId>"...)
		if o.HostID != "" {
			dst = append(dst, "<HostId>"...)
			dst = appendXMLEscaped(dst, o.HostID)
			dst = append(dst, "</HostId>"...)
		}
		dst = append(dst, "<Code>"...)
		dst = appendXMLEscaped(dst, d.Code)
		dst = append(dst, "</Code><Message>"...)
		t, _ := d.Text(d.Message, o.Locale)
		dst = errcat.AppendFill(dst, t, e, appendXMLEscaped)
		dst = append(dst, "</Message>"...)
		if d.Domain != nil && d.Domain.DocsURL != "" {
			dst = append(dst, "<Recommend>"...)
			dst = appendDocsURL(dst, d, e, appendXMLEscaped)
			dst = append(dst, "</Recommend>"...)
		}
		return append(dst, "</Error>\n"...)
	case Huawei:
		dst = append(dst, `{"error_code":`...)
		dst = d.AppendJSONCode(dst, false)
		dst = append(dst, `,"error_msg":`...)
		dst = appendJSONText(dst, e, errcat.Message, o.Locale)
		return append(dst, '}')
	case Zilliz:
		dst = append(dst, `{"code":`...)
		dst = d.AppendJSONCode(dst, true)
		dst = append(dst, `,"message":`...)
		dst = appendJSONText(dst, e, errcat.Message, o.Locale)
		return append(dst, '}')
	case UCloud:
		dst = append(dst, '{')
		if o.Action != "" {
			dst = append(dst, `"Action":"`...)
			dst = appendJSONEscaped(dst, o.Action)
			dst = append(dst, `Response",`...)
		}
		dst = append(dst, `"RetCode":`...)
		dst = d.AppendJSONCode(dst, true)
		dst = append(dst, `,"Message":`...)
		dst = appendJSONText(dst, e, errcat.Message, o.Locale)
		return append(dst, '}')
	}
	// Not a format: fall back to the most descriptive one rather than
	// writing nothing.
	return Problem.Append(dst, e, o)
}
