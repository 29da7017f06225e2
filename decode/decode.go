// Package decode reads the error responses of cloud and HTTP APIs into one
// shape, Normalized, joins them to an error catalog, and decides whether the
// request is worth retrying.
//
// The model: a response is an HTTP status, headers and a body. The body may
// be in any of the shapes providers use — RFC 9457 problem details, Google's
// AIP-193 error, Tencent Cloud API 3.0 and its legacy v2 form, Alibaba Cloud
// JSON and XML, Huawei Cloud, Zilliz/Milvus, UCloud, Volcengine, Baidu AI
// Cloud, AWS JSON and XML, Azure, Kubernetes Status, kratos, the docker
// registry — or not an error body at all: a success envelope, an HTML page
// from a proxy, a truncated body, nothing. Decode always returns a
// Normalized built from what could be read, with the reason when something
// could not.
//
// The API: Decode for one-off use; a Decoder to join results to a Catalog
// (the domains and entries an API documents), to name the domain the
// caller knows it called, and to extend the lists of codes worth retrying.
// Decode reads bodies with one pass over their bytes and never reads more
// than MaxBody of them.
//
// decode depends on the standard library and errcat's leaf package vocab
// (the categories, the {name} syntax, the names of errcat's wire formats)
// only.
package decode

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/errcat/errcat/vocab"
)

// Errors Decode returns alongside a Normalized that it could build only
// from the status and headers (or from part of the body). The Normalized's
// Reason says more.
var (
	// ErrUnreadable: the body is empty, truncated, too large, HTML, or
	// neither JSON nor XML.
	ErrUnreadable = errors.New("error body not readable")
	// ErrUnknownShape: the body is JSON or XML in no shape decode knows.
	ErrUnknownShape = errors.New("error body of no known shape")
)

// Wire formats Decode recognises, as reported in Normalized.Format: first
// the formats errcat writes (vocab's list), then the providers' own.
const (
	// FormatProblem: RFC 9457 application/problem+json.
	FormatProblem = vocab.FormatProblem
	// FormatGoogle: AIP-193 {"error":{"code","message","status","details"}}.
	FormatGoogle = vocab.FormatGoogle
	// FormatTencent: Tencent Cloud API 3.0 {"Response":{"Error":{…},"RequestId"}}.
	FormatTencent = vocab.FormatTencent
	// FormatTencentV2: Tencent Cloud legacy {"code","message","codeDesc"}.
	FormatTencentV2 = vocab.FormatTencentV2
	// FormatAliyun: Alibaba Cloud {"RequestId","HostId","Code","Message","Recommend"}.
	FormatAliyun = vocab.FormatAliyun
	// FormatAliyunXML: Alibaba Cloud <Error><Code/>…</Error>.
	FormatAliyunXML = vocab.FormatAliyunXML
	// FormatHuawei: Huawei Cloud {"error_code","error_msg"}.
	FormatHuawei = vocab.FormatHuawei
	// FormatZilliz: Zilliz Cloud / Milvus {"code":96000,"message"}.
	FormatZilliz = vocab.FormatZilliz
	// FormatUCloud: UCloud {"Action","RetCode","Message"}.
	FormatUCloud = vocab.FormatUCloud
	// FormatVolcengine: Volcengine {"ResponseMetadata":{"RequestId",…,"Error":{"Code","Message"}}}.
	FormatVolcengine = vocab.FormatVolcengine
	// FormatBaidu: Baidu AI Cloud (BCE) {"code":"NoSuchKey","message","requestId"}.
	FormatBaidu = vocab.FormatBaidu
)

// The other shapes Decode recognises, as reported in Normalized.Format.
const (
	FormatAWSJSON     = "aws-json"     // AWS {"__type":"ns#Code","message"}
	FormatAWSXML      = "aws-xml"      // AWS <Error><Code/>…</Error>, <ErrorResponse><Error>…
	FormatAzure       = "azure"        // Azure {"error":{"code","message","target","details","innererror"}}
	FormatKubernetes  = "kubernetes"   // Kubernetes {"kind":"Status",…}
	FormatKratos      = "kratos"       // go-kratos {"code":HTTP,"reason","message","metadata"}
	FormatDocker      = "docker"       // docker registry {"errors":[{"code","message","detail"}]}
	FormatCodeMessage = "code-message" // a flat {"code","message"} of no more specific shape
	FormatErrorObject = "error-object" // a nested {"error":{"code","message"}} of no more specific shape
	FormatOAuth       = "oauth"        // RFC 6749 {"error":"invalid_grant","error_description"}
	FormatHTML        = "html"         // an HTML page, typically from a proxy or load balancer
	FormatText        = "text"         // plain text or garbage
	FormatEmpty       = "empty"        // no body
	FormatUnknown     = "unknown"      // JSON or XML of no known error shape

	FormatGraphQL       = "graphql"       // GraphQL {"errors":[{"message","path","extensions":{"code"}}]}
	FormatGRPCStatus    = "grpc-status"   // google.rpc.Status as JSON (grpc-gateway) {"code":5,"message","details"}
	FormatStripe        = "stripe"        // Stripe {"error":{"type","code","decline_code","param","doc_url"}}
	FormatOpenAI        = "openai"        // OpenAI-style {"error":{"message","type","param","code"}}
	FormatTwilio        = "twilio"        // Twilio {"code":20404,"message","more_info","status"}
	FormatGitHub        = "github"        // GitHub {"message","errors":[…],"documentation_url"}
	FormatSlack         = "slack"         // Slack {"ok":false,"error":"invalid_auth"}
	FormatElasticsearch = "elasticsearch" // Elasticsearch {"error":{"root_cause":[…],"type","reason"},"status"}
	FormatQingCloud     = "qingcloud"     // QingCloud {"ret_code":1400,"message"}
	FormatQiniu         = "qiniu"         // Qiniu {"error":"no such bucket"} (the HTTP status is the code)
	FormatGeneral       = "general"       // a shape found by the general reader (key names and nesting)
)

// Confidence levels of Normalized.Confidence: how sure the format and
// domain guess is.
const (
	// High: the body has the format's distinctive keys, and the domain is
	// named by the caller or the body, or is the only one with the code.
	High = "high"
	// Medium: a generic shape (flat code/message, nested error), or a
	// domain chosen among several by the wire format it writes.
	Medium = "medium"
	// Low: several candidate domains remain, or the body has no error shape.
	Low = "low"
)

// Normalized is an error response in one shape. Its JSON field names are
// stable (see the README's "Decoder" section).
type Normalized struct {
	// Format is the wire format of the body (Format* constants).
	Format string `json:"format"`
	// Provider is the provider family of the format ("aliyun", "aws",
	// "tencentcloud", …); for a generic shape, that of the format the
	// matched domain writes; "" when unknown.
	Provider string `json:"provider"`
	// Domain is the catalog domain: named by the caller, by the body
	// (problem, google), or found by the code; "" when unknown.
	Domain string `json:"domain"`
	// Code is the error code as the body gives it, always a string.
	Code string `json:"code"`
	// SubCode is a more specific code: Tencent v2's "(100004)" module code,
	// Azure's innermost innererror code.
	SubCode string `json:"sub_code"`
	// Message is the body's message (for HTML pages, the page title).
	Message string `json:"message"`
	// Target is the element the error is about (Azure's target).
	Target string `json:"target,omitempty"`
	// RequestID comes from the body, else from the usual headers.
	RequestID string `json:"request_id"`
	// HTTPStatus is the transport status, or the status the body states
	// when the caller gives none (0 when neither is known).
	HTTPStatus int `json:"http_status"`
	// Category is a gRPC canonical code in snake case (the catalog's
	// categories), from the entry, the body, or the HTTP status.
	Category string `json:"category"`
	// Retryable is the retry verdict; RetryReason says why.
	Retryable   bool   `json:"retryable"`
	RetryReason string `json:"retry_reason"`
	// RetryAfter is the Retry-After header's value, when there is one.
	RetryAfter string `json:"retry_after,omitempty"`
	// Confidence is High, Medium or Low.
	Confidence string `json:"confidence"`
	// Candidates are the domains that document the code, when the caller
	// named none.
	Candidates []string `json:"candidates,omitempty"`
	// Entry is the matched catalog entry: exact code first, then a code
	// pattern such as Invalid{parameter}.Malformed.
	Entry *Entry `json:"entry,omitempty"`
	// Params are the values of the entry's placeholders: from the body
	// (problem params, google ErrorInfo metadata, kratos metadata), from a
	// code pattern, or read back from the message against the entry's text.
	Params Params `json:"params,omitempty"`
	// NotError is true for success envelopes (UCloud RetCode 0, a Tencent
	// Response without Error, code 0, a 2xx without an error body).
	NotError bool `json:"not_error"`
	// Reason explains NotError, or why the body could not be read.
	Reason string `json:"reason,omitempty"`
	// Type is the RFC 9457 problem type (a URI), when the body is a problem.
	Type string `json:"type,omitempty"`
	// ShortCode is the last path segment of Type ("out-of-credit" of
	// "https://example.com/probs/out-of-credit"), when Code is the type.
	ShortCode string `json:"short_code,omitempty"`
	// Title and Instance are the problem's title and instance.
	Title    string `json:"title,omitempty"`
	Instance string `json:"instance,omitempty"`
	// Extensions are the problem's extension members decode reads into
	// no other field, in order, their values as JSON.
	Extensions Members `json:"extensions,omitempty"`
	// Details are the nested errors of the body, in order: Azure details,
	// Elasticsearch root_cause, every GraphQL error, google.rpc.Status
	// details, the errors[] of GitHub and the docker registry.
	Details []Detail `json:"details,omitempty"`
	// Rules says which rule of the reader found Code, Message, RequestID
	// and HTTPStatus: the path of the key in the body ("error.type",
	// "errors[0].extensions.code") or the header's name. The general
	// reader fills it; named formats leave it empty (Format is the rule).
	Rules Rules `json:"rules,omitzero"`
	// Raw is the body, cut at MaxRaw bytes (RawTruncated tells).
	Raw          string `json:"raw"`
	RawTruncated bool   `json:"raw_truncated,omitempty"`
}

// Detail is one nested error or detail of a body.
type Detail struct {
	// Type is the detail's own type (google's @type, Elasticsearch's type).
	Type    string `json:"type,omitempty"`
	Code    string `json:"code,omitempty"`
	Message string `json:"message,omitempty"`
	// Target is the element the detail is about (Azure target, GitHub
	// field, GraphQL path).
	Target string `json:"target,omitempty"`
	// Raw is the detail as the body wrote it (JSON text).
	Raw string `json:"raw,omitempty"`
}

// Member is a JSON member: its name and its value as JSON text.
type Member struct {
	Name  string
	Value string
}

// Members are JSON members in body order. They marshal as a JSON object.
type Members []Member

// MarshalJSON writes the members as an object, in order.
func (ms Members) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, m := range ms {
		if i > 0 {
			b = append(b, ',')
		}
		k, err := json.Marshal(m.Name)
		if err != nil {
			return nil, err
		}
		b = append(append(b, k...), ':')
		if json.Valid([]byte(m.Value)) {
			b = append(b, m.Value...)
		} else {
			v, _ := json.Marshal(m.Value)
			b = append(b, v...)
		}
	}
	return append(b, '}'), nil
}

// Rules name the rule that found each field of a Normalized: a key path
// in the body, "header NAME", or "" when the field is empty or the named
// format found it.
type Rules struct {
	Code       string `json:"code,omitempty"`
	Message    string `json:"message,omitempty"`
	RequestID  string `json:"request_id,omitempty"`
	HTTPStatus string `json:"http_status,omitempty"`
}

// Param is one placeholder value.
type Param = vocab.Param

// Params are placeholder values in the order found. They marshal as a JSON
// object.
type Params []Param

// Get returns the value of name and whether it is present.
func (ps Params) Get(name string) (string, bool) {
	for _, p := range ps {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

// Map returns the params as a map.
func (ps Params) Map() map[string]string {
	m := make(map[string]string, len(ps))
	for _, p := range ps {
		m[p.Name] = p.Value
	}
	return m
}

// MarshalJSON writes the params as an object, in order.
func (ps Params) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, p := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		k, err := json.Marshal(p.Name)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(p.Value)
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, k...), ':'), v...)
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads an object of strings.
func (ps *Params) UnmarshalJSON(b []byte) error {
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*ps = (*ps)[:0]
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		*ps = append(*ps, Param{Name: k, Value: m[k]})
	}
	return nil
}

// Catalog is what decode needs of an error catalog. errcat's own catalogs
// provide one; any other source of codes can implement it.
type Catalog interface {
	// Lookup returns the entries documented for code — in domain when
	// domain is not "", else in every domain — exact codes and aliases
	// first, then entries whose code is a pattern (Invalid{name}.Malformed)
	// that code matches.
	Lookup(domain, code string) []Entry
	// HasDomain reports whether the catalog documents domain id.
	HasDomain(id string) bool
}

// Entry is a catalog entry as decode sees it.
type Entry struct {
	Domain string
	// Code is the documented code, possibly a pattern with {name} placeholders.
	Code       string
	HTTPStatus int // 0 when the catalog documents none
	Category   string
	Retryable  bool
	// WireFormat is the format the entry's domain writes (Format* names).
	WireFormat string
	// Provider is the domain's provider as the catalog names it
	// ("Alibaba Cloud"), when it does.
	Provider string
	// Texts are the entry's message templates, every locale and variant;
	// decode reads params back from a message with them.
	Texts []string
	// JSON is the entry in its catalog's JSON contract; it is what
	// Normalized's "entry" field holds. When nil, the fields above are
	// written instead.
	JSON any
}

// MarshalJSON writes e.JSON, or a small object of e's fields.
func (e Entry) MarshalJSON() ([]byte, error) {
	if e.JSON != nil {
		return json.Marshal(e.JSON)
	}
	var st *int
	if e.HTTPStatus != 0 {
		st = &e.HTTPStatus
	}
	return json.Marshal(struct {
		Domain     string `json:"domain"`
		Code       string `json:"code"`
		HTTPStatus *int   `json:"http_status"`
		Category   string `json:"category"`
		Retryable  bool   `json:"retryable"`
	}{e.Domain, e.Code, st, e.Category, e.Retryable})
}

// Default limits.
const (
	DefaultMaxBody = 1 << 20 // bytes of body Decode reads
	DefaultMaxRaw  = 4 << 10 // bytes of body kept in Normalized.Raw
)

// Decoder decodes error responses with a catalog and options. The zero
// value decodes without a catalog. A Decoder is safe for concurrent use as
// long as its fields are not changed.
type Decoder struct {
	// Catalog joins codes to documented entries; nil for none.
	Catalog Catalog
	// Domain names the domain the caller called, when it knows.
	Domain string
	// MaxBody bounds the body read (DefaultMaxBody when 0); a longer body
	// is not parsed.
	MaxBody int
	// MaxRaw bounds Normalized.Raw (DefaultMaxRaw when 0; -1 for no raw).
	MaxRaw int
	// RetryCodes are further codes (or "Prefix.*" families) worth retrying;
	// NoRetryCodes are codes never worth retrying. Both win over the
	// built-in lists but not over a matched catalog entry.
	RetryCodes   []string
	NoRetryCodes []string
}

// Decode decodes an error response without a catalog. status is the HTTP
// status (0 when unknown), header the response headers (may be nil; keys
// in canonical form, as net/http and Header.Set give them).
func Decode(status int, header http.Header, body []byte) (Normalized, error) {
	var d Decoder
	return d.Decode(status, header, body)
}

// ReadBody reads at most max bytes of r (DefaultMaxBody when max ≤ 0) and
// reports whether r had more.
func ReadBody(r io.Reader, max int) (body []byte, truncated bool, err error) {
	if max <= 0 {
		max = DefaultMaxBody
	}
	body, err = io.ReadAll(io.LimitReader(r, int64(max)+1))
	if len(body) > max {
		return body[:max], true, err
	}
	return body, false, err
}

// DecodeResponse reads (at most MaxBody bytes of) resp.Body and decodes
// the response. It does not close the body.
func (d *Decoder) DecodeResponse(resp *http.Response) (Normalized, error) {
	body, truncated, err := ReadBody(resp.Body, d.maxBody())
	if err != nil {
		n, _ := d.Decode(resp.StatusCode, resp.Header, body)
		n.Reason = "reading the body: " + err.Error()
		return n, errors.Join(ErrUnreadable, err)
	}
	if truncated {
		body = append(body, 0) // one byte over the limit: Decode reports it
	}
	return d.Decode(resp.StatusCode, resp.Header, body)
}

func (d *Decoder) maxBody() int {
	if d.MaxBody > 0 {
		return d.MaxBody
	}
	return DefaultMaxBody
}

func (d *Decoder) maxRaw() int {
	switch {
	case d.MaxRaw < 0:
		return 0
	case d.MaxRaw == 0:
		return DefaultMaxRaw
	}
	return d.MaxRaw
}

// Decode decodes one error response. It always returns a usable
// Normalized; the error is ErrUnreadable or ErrUnknownShape (wrapped with
// the reason) when the body could not be read as an error.
func (d *Decoder) Decode(status int, header http.Header, body []byte) (Normalized, error) {
	var n Normalized
	err := d.decode(&n, status, header, body)
	return n, err
}

// decode is Decode into *n, which is zero. (A small Decode is inlined into
// its callers, so that the Normalized is built where the caller keeps it.)
func (d *Decoder) decode(n *Normalized, status int, header http.Header, body []byte) error {
	n.HTTPStatus = status
	if len(body) > d.maxBody() {
		n.Raw, _ = clip(string(body[:min(len(body), d.maxRaw()+4)]), d.maxRaw())
		n.RawTruncated = true
		n.Format = FormatUnknown
		n.Reason = "body larger than " + itoa(d.maxBody()) + " bytes, not parsed"
		d.finish(n, header)
		return &shapeError{ErrUnreadable, n.Reason}
	}
	s := string(body)
	n.Raw, n.RawTruncated = clip(s, d.maxRaw())
	var dc doc // on the stack: see doc
	failure := d.read(n, s, header, &dc)
	d.finish(n, header)
	return failure
}

// shapeError is returned for bodies that gave no error shape.
type shapeError struct {
	kind   error
	reason string
}

func (e *shapeError) Error() string { return e.kind.Error() + ": " + e.reason }
func (e *shapeError) Unwrap() error { return e.kind }

// read recognises the body's format and fills n from it.
func (d *Decoder) read(n *Normalized, s string, header http.Header, dc *doc) error {
	t := trimSpaceBOM(s)
	switch {
	case t == "":
		n.Format = FormatEmpty
		if is2xx(n.HTTPStatus) {
			n.NotError, n.Reason = true, "success status with an empty body"
			return nil
		}
		n.Reason = "empty body"
		return &shapeError{ErrUnreadable, n.Reason}
	case t[0] == '{' || t[0] == '[':
		dc.s = t
		reason, at := parseJSON(dc)
		if reason != "" {
			n.Format = FormatUnknown
			n.Reason = "invalid JSON at byte " + itoa(at+len(s)-len(t)) + ": " + reason
			return &shapeError{ErrUnreadable, n.Reason}
		}
		if readJSON(n, dc, header) {
			return nil
		}
		n.Format = FormatUnknown
		if is2xx(n.HTTPStatus) {
			n.NotError, n.Reason = true, "success status and no error in the body"
			return nil
		}
		n.Reason = "JSON of no known error shape"
		return &shapeError{ErrUnknownShape, n.Reason}
	case t[0] == '<':
		return readMarkup(n, t, header)
	}
	n.Format = FormatText
	n.Message = firstLine(t, 200)
	if is2xx(n.HTTPStatus) {
		n.NotError, n.Reason = true, "success status and a body that is not JSON or XML"
		return nil
	}
	n.Reason = "body is neither JSON, XML nor HTML"
	return &shapeError{ErrUnreadable, n.Reason}
}

// finish fills what every format shares: request id, status, provider,
// the catalog join, category, retry verdict and confidence.
func (d *Decoder) finish(n *Normalized, header http.Header) {
	if n.RequestID == "" {
		var h string
		if n.RequestID, h = requestIDHeader(header); h != "" && n.Format == FormatGeneral {
			n.Rules.RequestID = h
		}
	}
	if n.Provider == "" {
		n.Provider = providerOf(n.Format)
	}
	if n.Confidence == "" {
		n.Confidence = formatConfidence(n.Format)
	}
	if n.Domain == "" {
		n.Domain = d.Domain
	} else if d.Domain != "" && d.Domain != n.Domain {
		// The caller knows which API it called; the body's domain is kept
		// in the candidates.
		n.Candidates = append(n.Candidates, n.Domain)
		n.Domain = d.Domain
	}
	if n.Code != "" && d.Catalog != nil {
		d.join(n)
		if n.Entry == nil && n.ShortCode != "" && n.ShortCode != n.Code {
			// A problem type names the error by its last path segment.
			code := n.Code
			n.Code = n.ShortCode
			d.join(n)
			n.Code = code
		}
	}
	if n.Entry != nil && n.Entry.Category == string(vocab.OK) {
		n.NotError, n.Reason = true, "code "+n.Code+" is the domain's success code"
	}
	if n.Category == "" && n.Entry != nil {
		n.Category = n.Entry.Category
	}
	if n.Category == "" && !n.NotError {
		// An error sent with a 2xx status (Tencent, Zilliz, UCloud) says
		// nothing about its category.
		if n.Category = string(vocab.CategoryForStatus(n.HTTPStatus)); n.Category == string(vocab.OK) {
			n.Category = string(vocab.Unknown)
		}
	}
	if n.Category == string(vocab.Unknown) {
		switch wellKnown(n.Code) {
		case "throttling":
			n.Category = string(vocab.ResourceExhausted)
		case "transient":
			n.Category = string(vocab.Unavailable)
		}
	}
	if n.NotError {
		n.Category = string(vocab.OK)
	}
	if ra := hget(header, "Retry-After"); ra != "" {
		n.RetryAfter = ra
	}
	d.classify(n)
}

func is2xx(status int) bool { return status >= 200 && status < 300 }

// clip cuts s at max bytes on a UTF-8 boundary.
func clip(s string, max int) (string, bool) {
	if len(s) <= max {
		return s, false
	}
	i := max
	for i > 0 && i < len(s) && s[i]&0xC0 == 0x80 {
		i--
	}
	return s[:i], true
}

func firstLine(s string, max int) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	s, _ = clip(strings.TrimSpace(s), max)
	return s
}

func itoa(v int) string {
	if v == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := v < 0
	if neg {
		v = -v
	}
	for v > 0 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// trimSpaceBOM drops leading white space and byte order marks.
func trimSpaceBOM(s string) string {
	for len(s) > 0 {
		switch {
		case s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n':
			s = s[1:]
		case strings.HasPrefix(s, "\ufeff"):
			s = s[3:]
		default:
			return s
		}
	}
	return s
}

// requestIDHeader returns the request id of the usual headers and the
// rule that found it ("header X-Request-Id").
func requestIDHeader(h http.Header) (string, string) {
	if len(h) == 0 {
		return "", ""
	}
	// The rules naming the headers, in order of preference, one a line
	// (a constant, so that no list is built per call); the header's name
	// follows "header ".
	const rules = "header X-Request-Id\nheader X-Acs-Request-Id\nheader X-Tc-Requestid\nheader X-Bce-Request-Id\n" +
		"header X-Amzn-Requestid\nheader X-Amz-Request-Id\nheader X-Ms-Request-Id\nheader X-Ms-Requestid\n" +
		"header Request-Id\nheader X-Correlation-Id\nheader X-Trace-Id\nheader X-Tt-Logid\n" +
		"header X-Github-Request-Id\nheader Twilio-Request-Id\nheader X-Slack-Req-Id\nheader X-Reqid\n" +
		"header X-Oss-Request-Id\nheader X-Obs-Request-Id\nheader X-Cos-Request-Id\nheader X-Log-Id\n" +
		"header Apigw-Requestid\nheader X-Amz-Cf-Id\nheader Cf-Ray\n"
	for rest := rules; rest != ""; {
		i := strings.IndexByte(rest, '\n')
		rule := rest[:i]
		rest = rest[i+1:]
		if v := hget(h, rule[len("header "):]); v != "" {
			return v, rule
		}
	}
	return "", ""
}

// providerOf is the provider family of a format: vocab's for the formats
// errcat writes, decode's own for the others.
func providerOf(format string) string {
	if p, ok := vocab.WireFormatProvider(format); ok {
		return p
	}
	switch format {
	case FormatAWSJSON, FormatAWSXML:
		return "aws"
	case FormatAzure:
		return "azure"
	case FormatKubernetes:
		return "kubernetes"
	case FormatKratos:
		return "kratos"
	case FormatDocker:
		return "docker-registry"
	case FormatGraphQL:
		return "graphql"
	case FormatGRPCStatus:
		return "grpc"
	case FormatStripe, FormatOpenAI, FormatTwilio, FormatGitHub, FormatSlack, FormatElasticsearch, FormatQingCloud, FormatQiniu:
		return format
	}
	return ""
}

func formatConfidence(format string) string {
	switch format {
	case FormatCodeMessage, FormatErrorObject, FormatZilliz, FormatOAuth:
		return Medium
	case FormatHTML, FormatText, FormatEmpty, FormatUnknown, FormatGeneral:
		return Low
	}
	return High
}
