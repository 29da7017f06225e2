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
// The facts of a format (name, provider, content type, status policy,
// integer codes) are vocab's descriptor of it; wire holds the writers.
// Each format is a value of its own type in its own file (problem.go,
// google.go, …), listed once in formats below, in vocab's order.
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
//	volcengine  Volcengine OpenAPI {"ResponseMetadata":{"RequestId",…,"Error":{"Code","Message"}}}; the entry's status
//	baidu       Baidu AI Cloud (BCE) {"code","message","requestId"}; the entry's status
package wire

import (
	"net/http"
	"strconv"
	"time"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/vocab"
)

// formats is the one list of the formats wire writes, in the order of
// vocab's list (TestFormatsFollowVocab checks both agree). Problem comes
// first: it is the fallback.
var formats = [...]format{
	bind(&problem{}),
	bind(&google{}),
	bind(&tencent{}),
	bind(&tencentV2{}),
	bind(&aliyun{}),
	bind(&aliyunXML{}),
	bind(&huawei{}),
	bind(&zilliz{}),
	bind(&ucloud{}),
	bind(&volcengine{}),
	bind(&baidu{}),
}

// writer is what a format's file implements, with pointer receivers on
// an empty struct: the list holds pointers, so a call goes straight to the
// method (a value receiver would go through a wrapper that copies the
// arguments a second time).
type writer interface {
	// name is the format's name in vocab's list of wire formats.
	name() string
	// Each writer also has appendBody(dst []byte, e *errcat.Error, o
	// Options) []byte, which appends the body of e (which has a Def) to
	// dst, with o.Locale set. It is not part of this interface: Append
	// calls it by a switch on the format's kind, since a call
	// through an interface makes pointer arguments escape, and the
	// caller's Error may live on its stack.
	// schema is the OpenAPI Schema Object of the bodies, as JSON.
	schema() string
}

// format is one entry of the list: vocab's descriptor and the writer.
type format struct {
	spec vocab.WireFormat
	w    writer
	// contentType is spec.ContentType as a header value.
	contentType []string
	// kind says which writer w is, for Append's switch.
	kind writerKind
}

// writerKind numbers the writers, so that Append picks one by a switch
// on an integer (a jump table) rather than on a type.
type writerKind uint8

const (
	kindProblem writerKind = iota
	kindGoogle
	kindTencent
	kindTencentV2
	kindAliyun
	kindAliyunXML
	kindHuawei
	kindZilliz
	kindUCloud
	kindVolcengine
	kindBaidu
)

// kindOf returns w's kind.
func kindOf(w writer) writerKind {
	switch w.(type) {
	case *problem:
		return kindProblem
	case *google:
		return kindGoogle
	case *tencent:
		return kindTencent
	case *tencentV2:
		return kindTencentV2
	case *aliyun:
		return kindAliyun
	case *aliyunXML:
		return kindAliyunXML
	case *huawei:
		return kindHuawei
	case *zilliz:
		return kindZilliz
	case *ucloud:
		return kindUCloud
	case *volcengine:
		return kindVolcengine
	case *baidu:
		return kindBaidu
	}
	panic("wire: unknown writer") // not reached: the list holds only these
}

// bind pairs a writer with vocab's descriptor of the same name. A writer
// vocab does not know gets an empty descriptor, which the tests reject.
func bind(w writer) format {
	spec, _ := vocab.LookupWireFormat(w.name())
	return format{spec: spec, w: w, contentType: []string{spec.ContentType}[:1:1], kind: kindOf(w)}
}

// Format is one wire format. Formats are comparable. The zero Format is
// not a format (Valid reports false); its methods behave as Problem's.
type Format struct{ f *format }

func (f Format) get() *format {
	if f.f == nil {
		return &formats[0]
	}
	return f.f
}

// Problem returns the RFC 9457 problem format, the fallback of For.
func Problem() Format { return Format{&formats[0]} }

// Formats returns every format, in vocab's order.
func Formats() []Format {
	out := make([]Format, len(formats))
	for i := range formats {
		out[i] = Format{&formats[i]}
	}
	return out
}

// Names returns the names of every format, in vocab's order.
func Names() []string {
	out := make([]string, len(formats))
	for i := range formats {
		out[i] = formats[i].spec.Name
	}
	return out
}

// ByName returns the format called name.
func ByName(name string) (Format, bool) {
	for i := range formats {
		if formats[i].spec.Name == name {
			return Format{&formats[i]}, true
		}
	}
	return Format{}, false
}

// For returns the default format of the domain of e, or Problem when the
// domain names none or an unknown one.
func For(e *errcat.Error) Format {
	if e != nil && e.Def() != nil && e.Def().Domain != nil {
		if f, ok := ByName(e.Def().Domain.Format); ok {
			return f
		}
	}
	return Problem()
}

// Name returns the format's name, e.g. "tencent-v2".
func (f Format) Name() string { return f.get().spec.Name }

// String returns the format's name.
func (f Format) String() string { return f.Name() }

// Valid reports whether f is one of the formats.
func (f Format) Valid() bool { return f.f != nil }

// Spec returns the format's facts: vocab's descriptor of it.
func (f Format) Spec() vocab.WireFormat { return f.get().spec }

// ContentType returns the Content-Type of the format's bodies.
func (f Format) ContentType() string { return f.get().spec.ContentType }

// Schema returns the OpenAPI 3.1 Schema Object (JSON Schema, with
// OpenAPI's xml keyword for XML bodies) of the format's bodies, as JSON,
// for API documentation.
func (f Format) Schema() string { return f.get().w.schema() }

// Status returns the HTTP status the format sends e with, by the format's
// status policy (Spec().Status): the entry's (see errcat.Def.Status); the
// entry's when documented, else 200; or always 200 for the formats that
// carry the error in the body only.
func (f Format) Status(e *errcat.Error) int {
	switch f.get().spec.Status {
	case vocab.Status200:
		return http.StatusOK
	case vocab.StatusDocumentedElse200:
		if defOf(e).HTTPStatus == 0 {
			return http.StatusOK
		}
	}
	return defOf(e).Status()
}

// Options are the facts of the request that a body may carry.
type Options struct {
	// Locale is the locale to write the texts in, one of the domain's
	// (see errcat.Domain.Negotiate); "" means the domain's default.
	Locale string
	// Instance is the problem format's "instance": the request's URI.
	Instance string
	// Action is the API action for ucloud's "Action" (sent as
	// Action+"Response") and volcengine's; omitted when empty.
	Action string
	// HostID is aliyun's "HostId", the endpoint that answered.
	HostID string
	// RequestID is the request id to send when the Error has none of its
	// own (see errcat.Error.WithRequestID), so that a middleware need not
	// copy the Error to attach it.
	RequestID string
}

// requestID returns the request id e is sent with under o.
func requestID(e *errcat.Error, o Options) string {
	if e != nil {
		if id := e.RequestID(); id != "" {
			return id
		}
	}
	return o.RequestID
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
// (or o gives one: the huawei format's way of carrying it; harmless for the
// others), and Retry-After (whole seconds, rounded up) when the entry has a
// retry delay.
//
// The values are assigned to h directly, under their canonical names, and
// most are slices shared between responses (precomputed per format and per
// locale): replace a value with Set, never modify its slice in place.
func (f Format) Header(h http.Header, e *errcat.Error, o Options) {
	h["Content-Type"] = f.get().contentType
	h["Content-Language"] = localeValue(e, o)
	h["X-Content-Type-Options"] = nosniff
	if id := requestID(e, o); id != "" {
		// A middleware may have set it already (httperr does).
		if v := h["X-Request-Id"]; len(v) != 1 || v[0] != id {
			h["X-Request-Id"] = []string{id}
		}
	}
	if d := defOf(e).RetryAfter; d > 0 {
		h["Retry-After"] = []string{strconv.FormatInt(int64((d+time.Second-1)/time.Second), 10)}
	}
}

// nosniff is the value of X-Content-Type-Options, shared and read-only.
var nosniff = []string{"nosniff"}[:1:1]

// localeValue returns Locale(e, o) as a header value.
func localeValue(e *errcat.Error, o Options) []string {
	d := defOf(e)
	loc := o.Locale
	if loc == "" {
		loc = d.Domain.DefaultLocale()
	}
	if v := d.TextLocaleValue(errcat.Message, loc); v != nil {
		return v
	}
	return []string{loc}
}

// Write sends e to w: headers, status and body.
func (f Format) Write(w http.ResponseWriter, e *errcat.Error, o Options) error {
	_, err := f.WriteBuffer(w, e, o, nil)
	return err
}

// WriteBuffer is Write rendering into buf (pass a reused buffer's [:0]);
// it returns the buffer, grown as needed, for reuse. The body goes out in
// one Write without a Content-Length header: net/http adds it for a
// response written in one piece of up to 2 KB, and sends a larger one
// chunked (HTTP/1.1) or framed (HTTP/2). AppendResponse shows the header.
func (f Format) WriteBuffer(w http.ResponseWriter, e *errcat.Error, o Options, buf []byte) ([]byte, error) {
	body := f.Append(buf, e, o)
	f.Header(w.Header(), e, o)
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
	if o.Locale == "" {
		o.Locale = e.Def().Domain.DefaultLocale()
	}
	if e.RequestID() == "" && o.RequestID != "" {
		return f.appendWithRequestID(dst, e, o)
	}
	// The format's writer by a static call, so that e does not escape.
	switch f.get().kind {
	case kindProblem:
		return (*problem).appendBody(nil, dst, e, &o)
	case kindGoogle:
		return (*google).appendBody(nil, dst, e, &o)
	case kindTencent:
		return (*tencent).appendBody(nil, dst, e, &o)
	case kindTencentV2:
		return (*tencentV2).appendBody(nil, dst, e, &o)
	case kindAliyun:
		return (*aliyun).appendBody(nil, dst, e, &o)
	case kindAliyunXML:
		return (*aliyunXML).appendBody(nil, dst, e, &o)
	case kindHuawei:
		return (*huawei).appendBody(nil, dst, e, &o)
	case kindZilliz:
		return (*zilliz).appendBody(nil, dst, e, &o)
	case kindUCloud:
		return (*ucloud).appendBody(nil, dst, e, &o)
	case kindVolcengine:
		return (*volcengine).appendBody(nil, dst, e, &o)
	case kindBaidu:
		return (*baidu).appendBody(nil, dst, e, &o)
	}
	return dst // not reached: the golden tests write every format
}

// appendWithRequestID is Append of a copy of e with o.RequestID as its
// request id.
//
//go:noinline
func (f Format) appendWithRequestID(dst []byte, e *errcat.Error, o Options) []byte {
	ev := *e
	return f.Append(dst, ev.WithRequestID(o.RequestID), o)
}
