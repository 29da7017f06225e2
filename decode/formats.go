package decode

import (
	"net/http"
	"strings"

	"github.com/errcat/errcat/vocab"
)

// readJSON recognises the shape of a parsed JSON body and fills n. It
// reports false when the body has no known error shape.
func readJSON(n *Normalized, d *doc, header http.Header) bool {
	root := 0
	if d.kind(root) == kArr {
		// Some APIs (Google batch, GraphQL gateways) wrap the error in an
		// array: read the first element.
		root = d.elem(0)
	}
	if !d.isObj(root) {
		return false
	}
	if !readNamed(n, d, root, header) {
		return readGeneral(n, d, root, header, false)
	}
	switch n.Format {
	case FormatCodeMessage, FormatErrorObject, FormatOAuth, FormatDocker, FormatZilliz, FormatHuawei:
		// A generic shape: the general reader fills what it left empty.
		if !n.NotError && (n.Code == "" || n.Message == "" || n.RequestID == "" && n.Format != FormatZilliz && n.Format != FormatHuawei) {
			readGeneral(n, d, root, header, true)
		}
	}
	return true
}

// readNamed reads the named shapes.
func readNamed(n *Normalized, d *doc, root int, header http.Header) bool {
	// One pass over the root's keys finds the keys that mark a format.
	var m markers
	m.find(d, root)
	if d.isObj(m.response) {
		return readTencent(n, d, m.response)
	}
	if d.isObj(m.responseMetadata) {
		return readVolcengine(n, d, m.responseMetadata)
	}
	if m.awsType >= 0 || hget(header, "X-Amzn-Errortype") != "" {
		return readAWSJSON(n, d, root, m.awsType, header)
	}
	if m.retCode >= 0 {
		return readUCloud(n, d, root, m.retCode)
	}
	if d.text(m.kind) == "Status" {
		return readKubernetes(n, d, root)
	}
	if m.retCodeLower >= 0 {
		n.Format = FormatQingCloud
		n.Code = d.scalar(m.retCodeLower)
		n.Message = d.text(d.rfirst(root, rkMessage, rkMsg))
		if v, ok := d.int(m.retCodeLower); ok && v == 0 {
			n.NotError, n.Reason = true, "ret_code 0 means success"
		}
		return true
	}
	if k := d.kind(m.ok); (k == kFalse || k == kTrue) && (d.kind(m.error) == kStr || k == kTrue && len(d.s) < 64) {
		return readSlack(n, d, root, m.error, k == kTrue)
	}
	if m.moreInfo >= 0 && m.code >= 0 {
		n.Format = FormatTwilio
		n.Code = d.scalar(m.code)
		n.Message = d.text(m.message)
		bodyStatus(n, d, m.status)
		return true
	}
	if m.docURL >= 0 && m.message >= 0 && d.kind(m.error) != kObj {
		return readGitHub(n, d, root, m)
	}
	if d.kind(m.errors) == kArr {
		if readGraphQL(n, d, root, m.errors) || readDocker(n, d, m.errors) {
			return true
		}
	}
	if v := m.error; d.isObj(v) {
		return readErrorObject(n, d, root, v, header)
	} else if d.kind(v) == kStr {
		if qiniu(d, root, v, n.HTTPStatus, header) {
			n.Format = FormatQiniu
			n.Message = d.text(v)
			if c := d.text(m.errorCode); c != "" {
				n.Code = c
			} else if n.HTTPStatus != 0 {
				n.Code = itoa(n.HTTPStatus)
			}
			n.Category = qiniuCategory(n.HTTPStatus)
			return true
		}
		if token(d.text(v)) {
			n.Format = FormatOAuth
			n.Code = d.text(v)
			n.Message = d.text(d.rget(root, rkErrorDescription))
			return true
		}
	}
	if v := m.errorCode; d.kind(v) == kStr && (looksHuawei(d.text(v)) || d.rhas(root, rkErrorMsg)) {
		n.Format = FormatHuawei
		n.Code = d.scalar(v)
		n.Message = d.text(d.rfirst(root, rkErrorMsg, rkErrorMessage, rkMessage))
		n.RequestID = d.text(d.rfirst(root, rkRequestIDSnake, rkRequestIDCamel))
		return true
	}
	if (problemType(d.text(m.typ)) || m.typ < 0 && m.title >= 0) && (m.status >= 0 || m.detail >= 0) ||
		strings.HasPrefix(hget(header, "Content-Type"), "application/problem+") {
		readProblem(n, d, root)
		return true
	}
	if d.kind(m.details) == kArr && d.isNum(m.code) && d.kind(m.message) == kStr {
		if c, ok := d.int(m.code); ok && c >= 0 && c <= 16 {
			readGRPCStatus(n, d, root, int(c), m.details)
			return true
		}
	}
	if d.kind(m.code) == kStr && d.kind(m.message) == kStr &&
		(d.kind(m.details) == kArr || m.target >= 0 || d.isObj(m.innererror) || hget(header, "X-Ms-Request-Id") != "") {
		// Azure Resource Manager's error without the "error" wrapper.
		readAzure(n, d, root)
		return true
	}
	if m.codeUpper >= 0 && m.aliyun {
		return readAliyun(n, d, root, m.codeUpper)
	}
	if m.code >= 0 {
		return readFlat(n, d, root, m.code, header)
	}
	return false
}

// markers are the values of the root keys that tell formats apart (-1
// when absent).
type markers struct {
	response, responseMetadata, awsType, retCode, kind, errors, error, errorCode int
	typ, title, status, detail, codeUpper, code                                  int
	retCodeLower, ok, moreInfo, docURL, message, details, target, innererror     int
	aliyun                                                                       bool // RequestId, HostId, Recommend or Message
}

func (m *markers) find(d *doc, obj int) {
	if d.table(obj) {
		at := &d.rt.at
		*m = markers{
			int(at[rkResponse]) - 1, int(at[rkResponseMetadata]) - 1, int(at[rkAWSType]) - 1, int(at[rkRetCode]) - 1,
			int(at[rkKind]) - 1, int(at[rkErrors]) - 1, int(at[rkError]) - 1, int(at[rkErrorCode]) - 1,
			int(at[rkType]) - 1, int(at[rkTitle]) - 1, int(at[rkStatus]) - 1, int(at[rkDetail]) - 1,
			int(at[rkCodeUpper]) - 1, int(at[rkCode]) - 1,
			int(at[rkRetCodeLower]) - 1, int(at[rkOK]) - 1, int(at[rkMoreInfo]) - 1, int(at[rkDocURL]) - 1,
			int(at[rkMessage]) - 1, int(at[rkDetails]) - 1, int(at[rkTarget]) - 1, int(at[rkInnererror]) - 1,
			at[rkRequestIDUpper]|at[rkHostID]|at[rkRecommend]|at[rkMessageUpper] != 0,
		}
		return
	}
	m.scan(d, obj)
}

// scan is find by a pass over the members: the last of a repeated key wins.
func (m *markers) scan(d *doc, obj int) {
	*m = markers{-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, false}
	for k := d.key(obj); k >= 0; k = d.next(obj, k) {
		v := k + 1
		switch d.text(k) {
		case "Response":
			m.response = v
		case "ResponseMetadata":
			m.responseMetadata = v
		case "__type":
			m.awsType = v
		case "RetCode":
			m.retCode = v
		case "kind":
			m.kind = v
		case "errors":
			m.errors = v
		case "error":
			m.error = v
		case "error_code":
			m.errorCode = v
		case "type":
			m.typ = v
		case "title":
			m.title = v
		case "status":
			m.status = v
		case "detail":
			m.detail = v
		case "Code":
			m.codeUpper = v
		case "code":
			m.code = v
		case "ret_code":
			m.retCodeLower = v
		case "ok":
			m.ok = v
		case "more_info":
			m.moreInfo = v
		case "documentation_url":
			m.docURL = v
		case "message":
			m.message = v
		case "details":
			m.details = v
		case "target":
			m.target = v
		case "innererror":
			m.innererror = v
		case "RequestId", "HostId", "Recommend", "Message":
			m.aliyun = true
		}
	}
}

// bodyStatus takes the status the body states when the caller gave none.
func bodyStatus(n *Normalized, d *doc, v int) {
	if c, ok := d.int(v); ok && n.HTTPStatus == 0 && c >= 100 && c < 600 {
		n.HTTPStatus = int(c)
	}
}

// readSlack reads {"ok":false,"error":"invalid_auth"}; "ok":true is a
// success.
func readSlack(n *Normalized, d *doc, root, e int, ok bool) bool {
	n.Format = FormatSlack
	if ok {
		n.NotError, n.Reason = true, "ok is true"
		return true
	}
	n.Code = d.text(e)
	md := d.rget(root, rkResponseMetadataSnake)
	msgs := d.get(md, "messages")
	n.Message = d.text(d.elem(msgs))
	if n.Message == "" {
		n.Message = d.text(d.rfirst(root, rkDetail, rkWarning))
	}
	if d.kind(msgs) == kArr && d.count(msgs) > 1 {
		n.Details = readDetails(d, msgs, n.Details)
	}
	return true
}

// readGitHub reads {"message","errors":[{"resource","field","code"}],
// "documentation_url","status"}.
func readGitHub(n *Normalized, d *doc, root int, m markers) bool {
	n.Format = FormatGitHub
	n.Message = d.text(m.message)
	bodyStatus(n, d, m.status)
	if d.kind(m.errors) == kArr {
		n.Details = readDetails(d, m.errors, n.Details)
		if len(n.Details) > 0 {
			n.Code = n.Details[0].Code
			n.Target = n.Details[0].Target
		}
	}
	return true
}

// readGraphQL reads a GraphQL response's errors[]: every error becomes a
// Detail; the first gives the code (extensions.code, else its
// classification or errorType) and the message.
func readGraphQL(n *Normalized, d *doc, root, errs int) bool {
	first := d.elem(errs)
	if !d.isObj(first) || !d.has(first, "message") {
		return false
	}
	if !d.has(first, "extensions") && !d.has(first, "locations") && !d.has(first, "path") &&
		(!d.rhas(root, rkData) || d.has(first, "code")) {
		return false // a docker registry error, or another errors[]
	}
	n.Format = FormatGraphQL
	n.Message = d.text(d.get(first, "message"))
	ext := d.get(first, "extensions")
	n.Code = d.scalar(d.first(ext, "code", "classification", "errorType"))
	if n.Code == "" {
		n.Code = d.scalar(d.first(first, "errorType", "code"))
	}
	n.Details = readDetails(d, errs, n.Details)
	if len(n.Details) > 0 {
		n.Target = n.Details[0].Target
	}
	n.Category = graphQLCategory(n.Code)
	return true
}

// graphQLCategory maps the codes GraphQL servers put in extensions.code
// (Apollo Server's, gRPC names, DGS's errorType) to a category.
func graphQLCategory(code string) string {
	if c, ok := vocab.CategoryForGRPC(code); ok {
		return string(c)
	}
	switch code {
	case "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "BAD_REQUEST", "BadRequest", "ValidationError":
		return string(vocab.InvalidArgument)
	case "UNAUTHORIZED", "Unauthenticated":
		return string(vocab.Unauthenticated)
	case "FORBIDDEN", "PermissionDenied":
		return string(vocab.PermissionDenied)
	case "NotFound":
		return string(vocab.NotFound)
	case "INTERNAL_SERVER_ERROR", "Internal":
		return string(vocab.Internal)
	case "PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_SUPPORTED", "OPERATION_RESOLUTION_FAILURE":
		return string(vocab.FailedPrecondition)
	case "Unavailable":
		return string(vocab.Unavailable)
	}
	return ""
}

// qiniu reports whether {"error":"…"} is Qiniu's message rather than an
// OAuth code: a sentence, or Qiniu's X-Reqid header.
func qiniu(d *doc, root, e int, status int, header http.Header) bool {
	if status >= 600 && status < 700 && !token(d.text(e)) {
		return true // Qiniu's own 6xx statuses
	}
	if hget(header, "X-Reqid") != "" {
		return true
	}
	st, _ := d.int(d.rget(root, rkStatus))
	return !d.rhas(root, rkErrorDescription) && !token(d.text(e)) && (st >= 600 || d.kind(d.rget(root, rkErrorCode)) == kStr)
}

// qiniuCategory maps Qiniu's own HTTP statuses (6xx) to a category.
func qiniuCategory(status int) string {
	switch status {
	case 612, 631:
		return string(vocab.NotFound)
	case 614:
		return string(vocab.AlreadyExists)
	case 573:
		return string(vocab.ResourceExhausted)
	case 579, 599:
		return string(vocab.Internal)
	}
	return ""
}

// readGRPCStatus reads google.rpc.Status as JSON (grpc-gateway):
// {"code":5,"message","details":[{"@type",…}]}.
func readGRPCStatus(n *Normalized, d *doc, root, c int, details int) {
	n.Format = FormatGRPCStatus
	n.Message = d.text(d.rget(root, rkMessage))
	name := grpcName(c)
	n.Code = name
	if cat, ok := vocab.CategoryForGRPC(name); ok {
		n.Category = string(cat)
		if n.HTTPStatus == 0 && c != 0 {
			n.HTTPStatus = cat.HTTPStatus()
		}
	}
	if c == 0 {
		n.NotError, n.Reason = true, "gRPC status OK"
	}
	readGoogleDetails(n, d, details)
	n.Provider = "" // grpc, unless a catalog says whose
	n.Details = readDetails(d, details, n.Details)
}

// grpcName is the name of a gRPC status code (vocab's table).
func grpcName(c int) string {
	for _, cat := range vocab.Categories() {
		if cat.GRPCCode() == c {
			return cat.GRPCName()
		}
	}
	return vocab.Unknown.GRPCName()
}

// hget reads a header by its canonical name without canonicalising again.
func hget(h http.Header, canonical string) string {
	if v := h[canonical]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func readTencent(n *Normalized, d *doc, resp int) bool {
	n.Format = FormatTencent
	n.RequestID = d.text(d.get(resp, "RequestId"))
	e := d.get(resp, "Error")
	if !d.isObj(e) {
		n.NotError, n.Reason = true, "Tencent Cloud Response without Error"
		return true
	}
	n.Code = d.text(d.get(e, "Code"))
	n.Message = d.text(d.get(e, "Message"))
	return true
}

// readVolcengine reads {"ResponseMetadata":{"RequestId",…,"Error":{"Code",
// "Message"}}}; without Error it is a success envelope.
func readVolcengine(n *Normalized, d *doc, md int) bool {
	n.Format = FormatVolcengine
	n.RequestID = d.text(d.get(md, "RequestId"))
	e := d.get(md, "Error")
	if !d.isObj(e) {
		n.NotError, n.Reason = true, "Volcengine ResponseMetadata without Error"
		return true
	}
	n.Code = d.scalar(d.get(e, "Code"))
	n.Message = d.text(d.get(e, "Message"))
	return true
}

func readAWSJSON(n *Normalized, d *doc, root, typ int, header http.Header) bool {
	n.Format = FormatAWSJSON
	code := d.text(typ)
	if code == "" {
		code = hget(header, "X-Amzn-Errortype")
	}
	// "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException" and
	// "ValidationException:http://internal.amazon.com/…" both name the code.
	if i := strings.LastIndexByte(code, '#'); i >= 0 {
		code = code[i+1:]
	}
	if i := strings.IndexByte(code, ':'); i >= 0 {
		code = code[:i]
	}
	n.Code = code
	n.Message = d.text(d.rfirst(root, rkMessage, rkMessageUpper, rkErrorMessageCamel))
	return true
}

func readUCloud(n *Normalized, d *doc, root, rc int) bool {
	n.Format = FormatUCloud
	n.Code = d.scalar(rc)
	n.Message = d.text(d.rfirst(root, rkMessageUpper, rkMessage))
	n.RequestID = d.text(d.rfirst(root, rkRequestIDUpper, rkRequestUUID))
	if v, ok := d.int(rc); ok && v == 0 {
		n.NotError, n.Reason = true, "RetCode 0 means success"
	}
	return true
}

func readKubernetes(n *Normalized, d *doc, root int) bool {
	n.Format = FormatKubernetes
	if d.text(d.rget(root, rkStatus)) == "Success" {
		n.NotError, n.Reason = true, "Kubernetes Status with status Success"
		return true
	}
	n.Code = d.text(d.rget(root, rkReason))
	n.Message = d.text(d.rget(root, rkMessage))
	if c, ok := d.int(d.rget(root, rkCode)); ok && n.HTTPStatus == 0 {
		n.HTTPStatus = int(c)
	}
	n.Category = categoryForK8sReason(n.Code)
	if det := d.rget(root, rkDetails); d.isObj(det) {
		n.Target = d.text(d.get(det, "name"))
	}
	return true
}

func readDocker(n *Normalized, d *doc, errs int) bool {
	for i := d.elem(errs); i >= 0; i = d.next(errs, i) {
		if d.isObj(i) && d.has(i, "code") {
			n.Format = FormatDocker
			n.Code = d.scalar(d.get(i, "code"))
			n.Message = d.text(d.get(i, "message"))
			if d.count(errs) > 1 {
				n.Details = readDetails(d, errs, n.Details)
			}
			return true
		}
	}
	return false
}

// readErrorObject reads {"error":{…}}: Google, Elasticsearch, Stripe,
// OpenAI, Azure, or the generic nested form.
func readErrorObject(n *Normalized, d *doc, root, e int, header http.Header) bool {
	x := d.eIndex(e)
	details, status, typ := x[eDetails], x[eStatus], x[eType]
	google := d.kind(status) == kStr
	for i := d.elem(details); i >= 0 && !google; i = d.next(details, i) {
		google = d.has(i, "@type")
	}
	n.Message = messageText(d, x.first(eMessage, eMessageUpper))
	switch {
	case google:
		n.Format = FormatGoogle
		if c, ok := d.int(x[eCode]); ok && n.HTTPStatus == 0 {
			n.HTTPStatus = int(c)
		}
		st := d.text(status)
		n.Code = st
		if c, ok := vocab.CategoryForGRPC(st); ok {
			n.Category = string(c)
		}
		readGoogleDetails(n, d, details)
		if d.kind(details) == kArr {
			n.Details = readDetails(d, details, n.Details)
		}
	case d.kind(x[eRootCause]) == kArr || d.kind(typ) == kStr && d.kind(x[eReason]) == kStr && n.Message == "":
		n.Format = FormatElasticsearch
		n.Code = d.text(typ)
		n.Message = d.text(x[eReason])
		bodyStatus(n, d, d.rget(root, rkStatus))
		if rc := x[eRootCause]; d.kind(rc) == kArr {
			n.Details = readDetails(d, rc, n.Details)
		}
		if cb := x[eCausedBy]; d.isObj(cb) {
			n.Details = append(n.Details, detailOf(d, cb))
		}
	case d.kind(typ) == kStr && (x[eDocURL] >= 0 || x[eRequestLogURL] >= 0 || x[eDeclineCode] >= 0 || stripeType(d.text(typ))):
		n.Format = FormatStripe
		n.Code = d.text(x[eCode])
		if n.Code == "" {
			n.Code = d.text(typ)
		}
		n.SubCode = d.text(x[eDeclineCode])
		n.Target = d.text(x[eParam])
	case d.kind(typ) == kStr && x[eParam] >= 0 && x[eCode] >= 0:
		n.Format = FormatOpenAI
		n.Code = d.text(x[eCode])
		if n.Code == "" {
			n.Code = d.text(typ)
		}
		n.Target = d.text(x[eParam])
	case x[eInnererror] >= 0 || x[eTarget] >= 0 || d.kind(details) == kArr || hget(header, "X-Ms-Request-Id") != "":
		readAzureIndexed(n, d, &x)
	default:
		n.Format = FormatErrorObject
		n.Code = d.scalar(x.first(eCode, eCodeUpper, eErrorCode))
		if n.Message == "" {
			n.Message = d.text(x.first(eErrorMsg, eMsg))
		}
		n.RequestID = d.text(x.first(eRequestIDSnake, eRequestIDCamel, eRequestIDUpper))
		if looksHuawei(n.Code) {
			n.Format, n.Confidence = FormatHuawei, Medium
		}
	}
	return true
}

// messageText is a message string, or the value of OData's
// {"lang":"en","value":"…"}.
func messageText(d *doc, v int) string {
	if d.isObj(v) {
		v = d.get(v, "value")
	}
	return d.text(v)
}

// stripeType reports whether t is one of Stripe's error types.
func stripeType(t string) bool {
	switch t {
	case "card_error", "idempotency_error", "api_connection_error", "authentication_error", "rate_limit_error":
		return true
	}
	return false
}

// readAzure reads an Azure error object e: {"code","message","target",
// "details":[…],"innererror":{…}}.
func readAzure(n *Normalized, d *doc, e int) {
	x := d.eIndex(e)
	readAzureIndexed(n, d, &x)
}

// readAzureIndexed is readAzure from the error object's index.
func readAzureIndexed(n *Normalized, d *doc, x *eIndex) {
	n.Format = FormatAzure
	n.Code = d.scalar(x[eCode])
	n.Message = messageText(d, x.first(eMessage, eMessageUpper))
	n.Target = d.text(x[eTarget])
	for in := x[eInnererror]; d.isObj(in); in = d.get(in, "innererror") {
		if c := d.scalar(d.get(in, "code")); c != "" {
			n.SubCode = c
		}
	}
	if det := x[eDetails]; d.kind(det) == kArr {
		n.Details = readDetails(d, det, n.Details)
	}
}

func readGoogleDetails(n *Normalized, d *doc, details int) {
	for i := d.elem(details); i >= 0; i = d.next(details, i) {
		typ := d.text(d.get(i, "@type"))
		switch typ[strings.LastIndexByte(typ, '/')+1:] {
		case "google.rpc.ErrorInfo":
			if r := d.text(d.get(i, "reason")); r != "" {
				n.Code = r
			}
			dom := d.text(d.get(i, "domain"))
			n.Domain = dom
			n.Params = readParams(d, d.get(i, "metadata"), n.Params)
			if dom == "" || strings.HasSuffix(dom, "googleapis.com") {
				n.Provider = "google"
			} else {
				n.Provider = "-" // filled from the catalog, else none
			}
		case "google.rpc.RequestInfo":
			n.RequestID = d.text(d.get(i, "requestId"))
		}
	}
	if n.Provider == "-" {
		n.Provider = ""
	} else if n.Provider == "" {
		n.Provider = "google"
	}
}

// readParams appends the string members of object obj.
func readParams(d *doc, obj int, ps Params) Params {
	if !d.isObj(obj) {
		return ps
	}
	for k := d.key(obj); k >= 0; k = d.next(obj, k) {
		if s := d.scalar(k + 1); s != "" || d.kind(k+1) == kStr {
			ps = append(ps, Param{Name: d.text(k), Value: s})
		}
	}
	return ps
}

func readProblem(n *Normalized, d *doc, root int) {
	n.Format = FormatProblem
	// One pass over the members finds each one's first occurrence (as get
	// would) and counts the extensions.
	code, typ, domain, title, instance, detail, status, params := -1, -1, -1, -1, -1, -1, -1, -1
	reqID := [3]int{-1, -1, -1} // request_id, requestId, traceId
	ext := 0
	set := func(p *int, v int) {
		if *p < 0 {
			*p = v
		}
	}
	tbl := d.table(root)
	if tbl {
		// Every member has one occurrence: the table has them all.
		at := &d.rt.at
		code, typ, domain, title = int(at[rkCode])-1, int(at[rkType])-1, int(at[rkDomain])-1, int(at[rkTitle])-1
		instance, detail, status, params = int(at[rkInstance])-1, int(at[rkDetail])-1, int(at[rkStatus])-1, int(at[rkParams])-1
		reqID = [3]int{int(at[rkRequestIDSnake]) - 1, int(at[rkRequestIDCamel]) - 1, int(at[rkTraceID]) - 1}
		ext = int(d.rt.keys)
		for _, v := range [...]int{code, typ, domain, title, instance, detail, status, params, reqID[0], reqID[1], reqID[2]} {
			if v >= 0 {
				ext--
			}
		}
	}
	for k := d.key(root); k >= 0 && !tbl; k = d.next(root, k) {
		v := k + 1
		switch d.text(k) {
		case "code":
			set(&code, v)
		case "type":
			set(&typ, v)
		case "domain":
			set(&domain, v)
		case "title":
			set(&title, v)
		case "instance":
			set(&instance, v)
		case "detail":
			set(&detail, v)
		case "status":
			set(&status, v)
		case "params":
			set(&params, v)
		case "request_id":
			set(&reqID[0], v)
		case "requestId":
			set(&reqID[1], v)
		case "traceId":
			set(&reqID[2], v)
		default:
			ext++
		}
	}
	n.Code = d.scalar(code)
	n.Type = d.text(typ)
	if n.Type != "" && n.Type != "about:blank" {
		// RFC 9457: the type is the problem's identity.
		n.ShortCode = lastSegment(n.Type)
		if n.Code == "" {
			n.Code = n.Type
		}
	}
	n.Domain = d.text(domain)
	n.Title = d.text(title)
	n.Instance = d.text(instance)
	n.Message = d.text(detail)
	if n.Message == "" {
		n.Message = n.Title
	}
	for _, r := range reqID {
		if r >= 0 {
			n.RequestID = d.text(r)
			break
		}
	}
	if c, ok := d.int(status); ok && n.HTTPStatus == 0 {
		n.HTTPStatus = int(c)
	}
	n.Params = readParams(d, params, n.Params)
	if ext == 0 {
		return
	}
	n.Extensions = make(Members, 0, ext)
	for k := d.key(root); k >= 0; k = d.next(root, k) {
		if name := d.text(k); !problemMember(name) {
			n.Extensions = append(n.Extensions, Member{Name: name, Value: d.raw(k + 1)})
		}
	}
}

// problemType reports whether t can be a problem type: a URI, absolute
// (with a scheme) or relative (a path).
func problemType(t string) bool {
	return strings.IndexByte(t, ':') >= 0 || strings.IndexByte(t, '/') >= 0
}

// problemMember reports whether name is a member of RFC 9457 or one
// decode reads into a field of its own.
func problemMember(name string) bool {
	switch name {
	case "type", "title", "status", "detail", "instance", "code", "domain", "request_id", "requestId", "traceId", "params":
		return true
	}
	return false
}

// lastSegment is the last path segment of a URI, without query or fragment.
func lastSegment(uri string) string {
	if i := strings.IndexByte(uri, '#'); i >= 0 {
		if i+1 < len(uri) {
			return uri[i+1:] // "…/api-errors#unauthorized"
		}
		uri = uri[:i]
	}
	if i := strings.IndexByte(uri, '?'); i >= 0 {
		uri = uri[:i]
	}
	for len(uri) > 0 && uri[len(uri)-1] == '/' {
		uri = uri[:len(uri)-1]
	}
	for i := len(uri) - 1; i >= 0; i-- {
		if uri[i] == '/' || uri[i] == ':' {
			return uri[i+1:]
		}
	}
	return uri
}

func readAliyun(n *Normalized, d *doc, root, code int) bool {
	n.Format = FormatAliyun
	n.Code = d.scalar(code)
	n.Message = d.text(d.rget(root, rkMessageUpper))
	n.RequestID = d.text(d.rget(root, rkRequestIDUpper))
	if d.kind(d.rget(root, rkSuccess)) == kTrue {
		n.NotError, n.Reason = true, "Success is true"
	}
	return true
}

// readFlat reads {"code", "message"}: Tencent v2, kratos, Zilliz/Milvus,
// Baidu AI Cloud, Huawei's flat form, or a generic one.
func readFlat(n *Normalized, d *doc, root, code int, header http.Header) bool {
	n.Code = d.scalar(code)
	n.Message = d.text(d.rfirst(root, rkMessage, rkMsg, rkMessageUpper))
	n.RequestID = d.text(d.rfirst(root, rkRequestIDSnake, rkRequestIDCamel, rkRequestIDUpper))
	num, isInt := d.int(code)
	numeric := isInt && d.isNum(code)
	switch {
	case d.rhas(root, rkCodeDesc):
		n.Format = FormatTencentV2
		if isInt && num == 0 {
			n.NotError, n.Reason = true, "code 0 means success"
			return true
		}
		if sub, _, ok := subCode(n.Message); ok {
			n.SubCode = sub
		}
	case d.rhas(root, rkReason) && numeric:
		n.Format = FormatKratos
		if n.HTTPStatus == 0 && num >= 100 && num < 600 {
			n.HTTPStatus = int(num)
		}
		n.Code = d.text(d.rget(root, rkReason))
		n.Params = readParams(d, d.rget(root, rkMetadata), n.Params)
	case numeric:
		n.Format = FormatZilliz
		if num == 0 {
			n.NotError, n.Reason = true, "code 0 means success"
		}
		// Tencent's legacy form without codeDesc still carries its module
		// sub-code: "(100004) incorrect projectId".
		if sub, _, ok := subCode(n.Message); ok && isDigits(sub) {
			n.SubCode = sub
		}
	case d.kind(code) == kStr && d.rhas(root, rkRequestIDCamel):
		// Baidu AI Cloud writes a string code and "requestId"; without its
		// x-bce-request-id header the shape is a guess.
		n.Format = FormatBaidu
		if hget(header, "X-Bce-Request-Id") == "" {
			n.Confidence = Medium
		}
	case looksHuawei(n.Code):
		n.Format, n.Confidence = FormatHuawei, Medium
	default:
		n.Format = FormatCodeMessage
		if isInt && num == 0 {
			n.NotError, n.Reason = true, "code 0 means success"
		}
	}
	return true
}

// subCode splits Tencent's "(100004) incorrect projectId" into its module
// sub-code and the rest of the message.
func subCode(msg string) (code, rest string, ok bool) {
	if len(msg) < 3 || msg[0] != '(' {
		return "", msg, false
	}
	end := strings.IndexByte(msg, ')')
	if end < 2 {
		return "", msg, false
	}
	for i := 1; i < end; i++ {
		if c := msg[i]; !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '.' || c == '_' || c == '-') {
			return "", msg, false
		}
	}
	return msg[1:end], strings.TrimLeft(msg[end+1:], " "), true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// looksHuawei reports whether code is in Huawei Cloud's SERVICE.0001 style.
func looksHuawei(code string) bool {
	dot := strings.IndexByte(code, '.')
	if dot < 1 || len(code)-dot-1 < 3 {
		return false
	}
	for i := 0; i < dot; i++ {
		if c := code[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' && i > 0) {
			return false
		}
	}
	for i := dot + 1; i < len(code); i++ {
		if c := code[i]; c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// categoryForK8sReason maps a Kubernetes StatusReason to a category.
func categoryForK8sReason(r string) string {
	switch r {
	case "Unauthorized":
		return string(vocab.Unauthenticated)
	case "Forbidden":
		return string(vocab.PermissionDenied)
	case "NotFound", "Gone":
		return string(vocab.NotFound)
	case "AlreadyExists":
		return string(vocab.AlreadyExists)
	case "Conflict":
		return string(vocab.Aborted)
	case "Invalid", "BadRequest":
		return string(vocab.InvalidArgument)
	case "TooManyRequests":
		return string(vocab.ResourceExhausted)
	case "ServiceUnavailable":
		return string(vocab.Unavailable)
	case "Timeout", "ServerTimeout":
		return string(vocab.DeadlineExceeded)
	case "InternalError":
		return string(vocab.Internal)
	case "MethodNotAllowed", "NotAcceptable", "UnsupportedMediaType":
		return string(vocab.Unimplemented)
	case "Expired":
		return string(vocab.FailedPrecondition)
	case "RequestEntityTooLarge":
		return string(vocab.ResourceExhausted)
	}
	return ""
}

// eKey names a member of an error object that readErrorObject and
// readAzure read.
type eKey uint8

const (
	eDetails eKey = iota
	eStatus
	eType
	eMessage
	eMessageUpper
	eCode
	eCodeUpper
	eErrorCode
	eRootCause
	eReason
	eCausedBy
	eDocURL
	eRequestLogURL
	eDeclineCode
	eParam
	eInnererror
	eTarget
	eErrorMsg
	eMsg
	eRequestIDSnake
	eRequestIDCamel
	eRequestIDUpper
	nEKeys
)

// eKeyOf is the eKey of name, or -1.
func eKeyOf(name string) int {
	switch name {
	case "details":
		return int(eDetails)
	case "status":
		return int(eStatus)
	case "type":
		return int(eType)
	case "message":
		return int(eMessage)
	case "Message":
		return int(eMessageUpper)
	case "code":
		return int(eCode)
	case "Code":
		return int(eCodeUpper)
	case "error_code":
		return int(eErrorCode)
	case "root_cause":
		return int(eRootCause)
	case "reason":
		return int(eReason)
	case "caused_by":
		return int(eCausedBy)
	case "doc_url":
		return int(eDocURL)
	case "request_log_url":
		return int(eRequestLogURL)
	case "decline_code":
		return int(eDeclineCode)
	case "param":
		return int(eParam)
	case "innererror":
		return int(eInnererror)
	case "target":
		return int(eTarget)
	case "error_msg":
		return int(eErrorMsg)
	case "msg":
		return int(eMsg)
	case "request_id":
		return int(eRequestIDSnake)
	case "requestId":
		return int(eRequestIDCamel)
	case "RequestId":
		return int(eRequestIDUpper)
	}
	return -1
}

// eIndex holds, per eKey, the value of the member's first occurrence in
// an error object (as get finds it), -1 when absent: one pass over the
// members instead of a get per name.
type eIndex [nEKeys]int

func (d *doc) eIndex(obj int) eIndex {
	var x eIndex
	for i := range x {
		x[i] = -1
	}
	for k := d.key(obj); k >= 0; k = d.next(obj, k) {
		if i := eKeyOf(d.text(k)); i >= 0 && x[i] < 0 {
			x[i] = k + 1
		}
	}
	return x
}

// first is the first present of keys, or -1.
func (x *eIndex) first(keys ...eKey) int {
	for _, k := range keys {
		if x[k] >= 0 {
			return x[k]
		}
	}
	return -1
}
