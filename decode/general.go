package decode

import (
	"net/http"
	"slices"
	"strings"
)

// This file holds the general reader: for a JSON body of no named shape
// (or a generic shape that left a field empty) it finds the code, the
// message, the request id and the status by key names and nesting. It
// looks at the root object and, at most genDepth levels down, into the
// members that hold errors (error, errors[0], Error, ResponseMetadata,
// extensions, root_cause[0], data, result, …). Every candidate value gets
// a score from its key and its value; the best wins, so that a specific
// symbolic code beats a number that only repeats the HTTP status, and
// "type":"invalid_request_error" never beats a code.

// genDepth bounds how deep the general reader looks.
const genDepth = 5

// maxCodeCands bounds the code candidates kept; later ones compete for
// the last slot.
const maxCodeCands = 8

// cand is a candidate value and where it was found.
type cand struct {
	v     int // tape index of the value; -1 for none
	key   int // tape index of its key
	score int
	num   bool  // a number (or a string of digits)
	n     int64 // its value when num
	depth int
	path  [genDepth]int32 // key tokens of the containers above
}

type general struct {
	d                 *doc
	path              [genDepth]int32
	codes             [maxCodeCands]cand
	ncodes            int
	msgs              [maxCodeCands]cand
	nmsgs             int
	sub, msg, rid, st cand
	failed, succeeded bool
	successCode       bool
	errArr            int // the first errors-like array, for Details
}

func newCand() cand { return cand{v: -1, key: -1} }

// container reports whether the general reader looks inside member name,
// and whether what it holds is an error.
func container(name string) (look, errish bool) {
	switch name {
	case "error", "Error", "errors", "Errors", "err", "error_response", "errorResponse", "ErrorResponse",
		"fault", "Fault", "root_cause", "extensions", "errorInfo", "error_info", "exception":
		return true, true
	case "ResponseMetadata", "Response", "response", "data", "result", "Result", "meta", "body", "status", "header",
		"innerError", "innererror":
		return true, false
	}
	// Alipay's and Taobao's {"alipay_trade_query_response":{…}}.
	return strings.HasSuffix(name, "_response") || strings.HasSuffix(name, "Response"), false
}

// walk visits the members of obj.
func (g *general) walk(obj, depth int, inErr bool) {
	d := g.d
	for k := d.key(obj); k >= 0; k = d.next(obj, k) {
		v := k + 1
		name := d.text(k)
		g.member(name, k, v, depth, inErr)
		if depth+1 >= genDepth {
			continue
		}
		look, errish := container(name)
		if !look {
			continue
		}
		child := v
		if d.kind(v) == kArr {
			child = d.elem(v)
			if errish && g.errArr < 0 {
				g.errArr = v
			}
		}
		if d.isObj(child) {
			g.path[depth] = int32(k)
			g.walk(child, depth+1, inErr || errish)
		}
	}
}

func (g *general) at(v, key, score, depth int) cand {
	c := cand{v: v, key: key, score: score, depth: depth, path: g.path}
	c.n, c.num = g.d.int(v)
	return c
}

func better(c *cand, n cand) {
	if c.v < 0 || n.score > c.score {
		*c = n
	}
}

// member scores one member as a code, message, request id or status.
func (g *general) member(name string, k, v, depth int, inErr bool) {
	d := g.d
	bonus := 0
	if inErr {
		bonus = 1
	}
	kd := d.kind(v)
	switch name {
	case "code", "Code", "error_code", "errorCode", "ErrorCode", "errcode", "errCode", "err_code", "ret_code",
		"retcode", "RetCode", "retCode", "errno", "errNo", "error_no", "err_no", "errorNo", "infocode", "resultCode", "result_code":
		g.code(v, k, 10+bonus, depth)
	case "__type":
		g.code(v, k, 9+bonus, depth)
	case "error", "Error", "err", "reason", "error_summary", "errorSummary":
		if name != "reason" && (kd == kObj || kd == kArr) && d.key(v)+d.elem(v) > -2 {
			g.failed = true // a non-empty error object or list
		}
		if kd == kArr && d.kind(d.elem(v)) == kStr {
			v, kd = d.elem(v), kStr
		}
		if kd != kStr {
			return
		}
		base := 7
		if name == "error_summary" || name == "errorSummary" {
			base = 3
		}
		if token(d.text(v)) {
			g.code(v, k, base+bonus, depth)
			g.addMsg(g.at(v, k, 2+bonus, depth))
		} else {
			g.addMsg(g.at(v, k, 7+bonus, depth))
		}
	case "type", "error_type", "errorType", "errorClass", "name", "exceptionCode", "exception", "category", "id":
		if kd != kStr || !token(d.text(v)) {
			return
		}
		switch name {
		case "name":
			if !inErr && !upperSnake(d.text(v)) {
				return // PayPal's root "name":"INVALID_REQUEST" only
			}
		case "category":
			g.code(v, k, 2, depth) // HubSpot's, Square's category
			return
		case "id":
			if symbolic(d.text(v)) {
				g.code(v, k, 2+bonus, depth) // DigitalOcean's, Heroku's "id":"not_found"
			}
			return
		}
		switch t := d.text(v); {
		case t == "error" || t == "Error" || t == "errors":
			return
		case genericType(t):
			g.code(v, k, 1, depth)
		default:
			g.code(v, k, 5+bonus, depth)
		}
	case "errors", "errorMessages", "error_messages", "messages":
		// Shopify's "errors":"Not Found", Jira's "errorMessages":["…"],
		// Kraken's "error":["EGeneral:Invalid arguments"].
		if kd == kArr {
			v = d.elem(v)
		}
		g.message(v, k, 6+bonus, depth)
	case "sub_code", "subCode", "SubCode", "sub_error", "subcode":
		better(&g.sub, g.at(v, k, 1, depth))
	case "message", "Message", "msg", "Msg", "errmsg", "errMsg", "error_msg", "errorMsg", "err_msg", "error_message",
		"errorMessage", "ErrorMessage", "message_text", "en_desc", "error_description", "errorDescription", "sub_msg", "subMsg":
		if kd == kObj {
			v = d.get(v, "value") // OData: "message":{"lang":"en","value":"…"}
		}
		score := 10
		if name == "error_description" || name == "errorDescription" {
			score = 11
		}
		g.message(v, k, score+bonus, depth)
	case "description", "Description", "detail", "Detail", "details", "error_detail", "errorDetail":
		g.message(v, k, 8+bonus, depth)
	case "zh_desc":
		g.message(v, k, 7+bonus, depth)
	case "info", "title", "statusText", "status_text", "localizedMessage", "userMessage", "user_message":
		g.message(v, k, 4+bonus, depth)
	case "request_id", "requestId", "RequestId", "RequestID", "requestID", "req_id", "reqId", "trace_id",
		"traceId", "TraceId", "traceid", "fbtrace_id", "log_id", "logId", "logid", "correlation_id",
		"correlationId", "RequestUUID", "x_request_id", "request-id", "requestid", "debug_id", "debugId":
		if s := d.scalar(v); s != "" && kd != kTrue && kd != kFalse {
			better(&g.rid, g.at(v, k, 10, depth))
		}
	case "errorId", "error_id":
		if kd == kNum {
			g.code(v, k, 8+bonus, depth) // eBay's numeric errorId is its code
			return
		}
		fallthrough
	case "unique_id", "uniqueId":
		if s := d.scalar(v); s != "" && kd != kTrue && kd != kFalse {
			better(&g.rid, g.at(v, k, 5, depth))
		}
	case "ok", "success", "Success", "succeeded", "successful":
		switch kd {
		case kFalse:
			g.failed = true
		case kTrue:
			g.succeeded = true
		}
	case "stat", "state":
		g.statusWord(d.text(v))
	}
	switch name {
	case "status", "Status", "httpStatus", "http_status", "http_status_code", "httpStatusCode", "statusCode",
		"status_code", "httpCode", "http_code", "StatusCode":
		if c, ok := d.int(v); ok && c >= 100 && c < 600 {
			better(&g.st, g.at(v, k, 10-depth, depth))
		} else if kd == kStr {
			g.statusWord(d.text(v))
			if (name == "statusCode" || name == "status_code") && token(d.text(v)) && !isDigits(d.text(v)) {
				g.code(v, k, 6+bonus, depth) // Salesforce's statusCode is a symbolic code
			}
		}
	}
}

func (g *general) statusWord(s string) {
	switch strings.ToLower(s) {
	case "error", "fail", "failed", "failure":
		g.failed = true
	case "ok", "success", "succeeded":
		g.succeeded = true
	}
}

func (g *general) message(v, k, score, depth int) {
	if g.d.kind(v) == kStr && g.d.text(v) != "" {
		g.addMsg(g.at(v, k, score, depth))
	}
}

func (g *general) addMsg(c cand) {
	if g.nmsgs < maxCodeCands {
		g.msgs[g.nmsgs] = c
		g.nmsgs++
	} else if last := &g.msgs[maxCodeCands-1]; c.score > last.score {
		*last = c
	}
}

// bestMsg returns the best message: one beside the code says more.
func (g *general) bestMsg(code cand) cand {
	best := newCand()
	for i := 0; i < g.nmsgs; i++ {
		c := g.msgs[i]
		if code.v >= 0 && c.depth == code.depth && slices.Equal(c.path[:c.depth], code.path[:code.depth]) {
			c.score += 3
		}
		if best.v < 0 || c.score > best.score {
			best = c
		}
	}
	return best
}

// code records a code candidate.
func (g *general) code(v, k, score, depth int) {
	d := g.d
	switch d.kind(v) {
	case kStr:
		s := d.text(v)
		if s == "" || !token(s) {
			return
		}
		if !isSignedDigits(s) {
			score += 3 // a symbolic code
		}
	case kNum:
	default:
		return
	}
	c := g.at(v, k, score, depth)
	if d.text(v) == "0" || d.kind(v) == kStr && successWord(d.text(v)) {
		g.successCode = true
		return
	}
	if g.ncodes < maxCodeCands {
		g.codes[g.ncodes] = c
		g.ncodes++
	} else if last := &g.codes[maxCodeCands-1]; score > last.score {
		*last = c
	}
}

// best returns the best code candidate now that the statuses are known:
// a number that repeats the HTTP status says less than anything else.
func (g *general) best(status int) cand {
	best := newCand()
	for i := 0; i < g.ncodes; i++ {
		c := g.codes[i]
		if c.num && status != 0 && c.n == int64(status) {
			c.score -= 6
		}
		if best.v < 0 || c.score > best.score {
			best = c
		}
	}
	return best
}

// token reports whether s can be a code: short, without spaces.
func token(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			return false
		}
	}
	return true
}

// upperSnake reports whether s is like INVALID_REQUEST.
func upperSnake(s string) bool {
	under := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '_':
			under = true
		case c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return under
}

// symbolic reports whether s is a word code like not_found: lower-case
// letters and underscores, no digits (so not an id).
func symbolic(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c == '_' || c == '.') {
			return false
		}
	}
	return s != ""
}

func isSignedDigits(s string) bool {
	return isDigits(strings.TrimPrefix(s, "-"))
}

func successWord(s string) bool {
	switch s {
	case "0", "OK", "ok", "Ok", "success", "SUCCESS", "Success":
		return true
	}
	return false
}

// genericType reports whether a "type" says only that there is an error
// of a broad class: it is a code only when nothing more specific is.
func genericType(t string) bool {
	switch t {
	case "invalid_request_error", "api_error", "request_error", "client_error", "server_error",
		"exception", "Exception", "failure", "fail", "object", "ERROR", "error_response":
		return true
	}
	return false
}

// readGeneral runs the general reader over root. With fill, it only fills
// n's empty code, message and request id (a generic named shape left them
// empty) and reports whether it filled any; without, it reads the body as
// FormatGeneral and reports whether it found an error (or a success).
func readGeneral(n *Normalized, d *doc, root int, header http.Header, fill bool) bool {
	g := general{d: d, sub: newCand(), msg: newCand(), rid: newCand(), st: newCand(), errArr: -1}
	g.walk(root, 0, false)
	status := n.HTTPStatus
	if status == 0 && g.st.v >= 0 {
		s, _ := d.int(g.st.v)
		status = int(s)
	}
	code := g.best(status)
	g.msg = g.bestMsg(code)
	// taken: the candidates whose values go into n (code, message,
	// request id, status), for the rules.
	taken := [4]cand{newCand(), newCand(), newCand(), newCand()}
	if fill {
		found := false
		if n.Code == "" && code.v >= 0 {
			n.Code, taken[0], found = d.scalar(code.v), code, true
		}
		if n.Message == "" && g.msg.v >= 0 {
			n.Message, taken[1], found = d.text(g.msg.v), g.msg, true
		}
		if n.RequestID == "" && g.rid.v >= 0 {
			n.RequestID, taken[2] = d.scalar(g.rid.v), g.rid
		}
		if n.HTTPStatus == 0 && g.st.v >= 0 {
			n.HTTPStatus, taken[3] = status, g.st
		}
		g.setRules(n, &taken)
		return found
	}
	if code.v < 0 && g.msg.v < 0 && !g.failed {
		if g.successCode || g.succeeded {
			n.Format = FormatGeneral
			n.NotError, n.Reason = true, "the body states success"
			return true
		}
		return false
	}
	n.Format = FormatGeneral
	if code.v >= 0 {
		n.Code, taken[0] = d.scalar(code.v), code
	}
	if g.sub.v >= 0 {
		n.SubCode = d.scalar(g.sub.v)
	}
	if g.msg.v >= 0 {
		n.Message, taken[1] = d.text(g.msg.v), g.msg
	}
	if g.rid.v >= 0 {
		n.RequestID, taken[2] = d.scalar(g.rid.v), g.rid
	}
	if n.HTTPStatus == 0 && g.st.v >= 0 {
		n.HTTPStatus, taken[3] = status, g.st
	}
	g.setRules(n, &taken)
	if g.errArr >= 0 && d.count(g.errArr) > 1 {
		n.Details = readDetails(d, g.errArr, n.Details)
	}
	switch {
	case g.failed:
	case code.v < 0 && (g.successCode || g.succeeded):
		n.NotError, n.Reason = true, "the body states success"
	case code.v < 0 && is2xx(n.HTTPStatus):
		// A message alone in a success response is not an error.
		n.NotError, n.Reason = true, "success status and no error code in the body"
	}
	return true
}

// setRules writes the paths of the taken candidates (code, message,
// request id, status) into n.Rules: keys of the root are substrings of
// the body; deeper paths share one string.
func (g *general) setRules(n *Normalized, taken *[4]cand) {
	dst := [4]*string{&n.Rules.Code, &n.Rules.Message, &n.Rules.RequestID, &n.Rules.HTTPStatus}
	size := 0
	for _, c := range taken {
		if c.v < 0 || c.depth == 0 {
			continue
		}
		size += len(g.d.text(c.key))
		for i := 0; i < c.depth; i++ {
			size += len(g.d.text(int(c.path[i]))) + 4
		}
	}
	var b strings.Builder
	b.Grow(size)
	var ends [4][2]int
	for i, c := range taken {
		switch {
		case c.v < 0:
		case c.depth == 0:
			*dst[i] = g.d.text(c.key)
		default:
			ends[i][0] = b.Len()
			for j := 0; j < c.depth; j++ {
				k := int(c.path[j])
				b.WriteString(g.d.text(k))
				if g.d.kind(k+1) == kArr {
					b.WriteString("[0]")
				}
				b.WriteByte('.')
			}
			b.WriteString(g.d.text(c.key))
			ends[i][1] = b.Len()
		}
	}
	all := b.String()
	for i, c := range taken {
		if c.v >= 0 && c.depth > 0 {
			*dst[i] = all[ends[i][0]:ends[i][1]]
		}
	}
}

// count returns the number of elements of array arr.
func (d *doc) count(arr int) int {
	c := 0
	for i := d.elem(arr); i >= 0; i = d.next(arr, i) {
		c++
	}
	return c
}

// raw returns value i as the body wrote it.
func (d *doc) raw(i int) string {
	if i < 0 || i >= d.n {
		return ""
	}
	t := d.at(i)
	if t.kind() == kStr {
		return d.s[t.start-1 : t.end+1]
	}
	return d.s[t.start:t.end]
}

// readDetails appends one Detail per element of array arr.
func readDetails(d *doc, arr int, out []Detail) []Detail {
	if c := d.count(arr); c > 0 && out == nil {
		out = make([]Detail, 0, min(c, 64))
	}
	for i := d.elem(arr); i >= 0 && len(out) < cap(out); i = d.next(arr, i) {
		out = append(out, detailOf(d, i))
	}
	return out
}

// The members detailOf reads, as indices of detailKeys.
const (
	dAtType = iota
	dType
	dUType
	dCode
	dCodeUpper
	dErrorCode
	dErrorCodeCamel
	dExtensions
	dReason
	dMessage
	dMessageUpper
	dMsg
	dDescription
	dDetail
	dTarget
	dField
	dParam
	dIndex
	dResource
	dPath
	dKeys
)

// detailKey is the index of a member detailOf reads, or -1.
func detailKey(name string) int {
	switch name {
	case "@type":
		return dAtType
	case "type":
		return dType
	case "__type":
		return dUType
	case "code":
		return dCode
	case "Code":
		return dCodeUpper
	case "error_code":
		return dErrorCode
	case "errorCode":
		return dErrorCodeCamel
	case "extensions":
		return dExtensions
	case "reason":
		return dReason
	case "message":
		return dMessage
	case "Message":
		return dMessageUpper
	case "msg":
		return dMsg
	case "description":
		return dDescription
	case "detail":
		return dDetail
	case "target":
		return dTarget
	case "field":
		return dField
	case "param":
		return dParam
	case "index":
		return dIndex
	case "resource":
		return dResource
	case "path":
		return dPath
	}
	return -1
}

// detailOf reads one nested error. One pass over its members finds the
// first occurrence of each member it reads (as get would).
func detailOf(d *doc, e int) Detail {
	det := Detail{Raw: d.raw(e)}
	if d.kind(e) == kStr {
		det.Message = d.text(e)
		return det
	}
	if !d.isObj(e) {
		return det
	}
	var v [dKeys]int
	for i := range v {
		v[i] = -1
	}
	for k := d.key(e); k >= 0; k = d.next(e, k) {
		if i := detailKey(d.text(k)); i >= 0 && v[i] < 0 {
			v[i] = k + 1
		}
	}
	first := func(keys ...int) int {
		for _, k := range keys {
			if v[k] >= 0 {
				return v[k]
			}
		}
		return -1
	}
	det.Type = d.text(first(dAtType, dType, dUType))
	det.Code = d.scalar(first(dCode, dCodeUpper, dErrorCode, dErrorCodeCamel))
	if det.Code == "" {
		det.Code = d.scalar(d.get(v[dExtensions], "code"))
	}
	if det.Code == "" && d.kind(v[dType]) == kStr {
		det.Code, det.Type = det.Type, "" // Elasticsearch: the type is the code
	}
	reason := d.text(v[dReason])
	if det.Code == "" && token(reason) {
		det.Code, reason = reason, ""
	}
	det.Message = d.text(first(dMessage, dMessageUpper, dMsg, dDescription, dDetail))
	if det.Message == "" {
		det.Message = reason
	}
	det.Target = d.text(first(dTarget, dField, dParam, dIndex, dResource))
	if p := v[dPath]; det.Target == "" && d.kind(p) == kArr {
		det.Target = joinPath(d, p)
	}
	return det
}

// joinPath writes a GraphQL path ["user", 0, "name"] as user.0.name.
func joinPath(d *doc, arr int) string {
	var b strings.Builder
	for i := d.elem(arr); i >= 0; i = d.next(arr, i) {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(d.scalar(i))
	}
	return b.String()
}
