package gen

import (
	"encoding/xml"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/errcat/errcat/internal/catalog"
)

// OpenAPI writes openapi.json: an OpenAPI 3.1 document whose components
// hold a schema per wire format (components.schemas, named after the wire
// format) and a response per error code and HTTP status
// (components.responses, named DOMAIN.CODE, or DOMAIN.CODE.STATUS when the
// code's entry and variants are sent with several statuses). A response
// refers to its domain's wire format schema and carries an example body in
// that format; x-errcat-* extensions give the domain, code, category and
// retryability. The status a response is sent with is the entry's (the
// category's when the source documents none), or 200 for the formats that
// always answer 200 (zilliz, ucloud, tencent-v2).
func OpenAPI(cats []*catalog.Catalog, opts Options) (Files, error) {
	schemas := map[string]any{}
	for _, f := range catalog.WireFormats() {
		schemas[f] = wireSchema(f)
	}
	responses := map[string]any{}
	for _, c := range sortedCatalogs(cats) {
		d := &c.Domain
		for i := range c.Entries {
			e := &c.Entries[i]
			if d.IsSuccess(e.Code) {
				continue
			}
			type doc struct {
				message     string
				remediation string
			}
			byStatus := map[int][]doc{}
			var statuses []int
			addRow := func(st *int, msg, rem catalog.Text) {
				s := sentStatus(d.WireFormat, st, e.Category)
				if _, ok := byStatus[s]; !ok {
					statuses = append(statuses, s)
				}
				byStatus[s] = append(byStatus[s], doc{textIn(msg, d.DefaultLocale(), d.DefaultLocale()), textIn(rem, d.DefaultLocale(), d.DefaultLocale())})
			}
			addRow(e.HTTPStatus, e.Message, e.Remediation)
			for _, v := range e.Variants {
				addRow(v.HTTPStatus, v.Message, v.Remediation)
			}
			slices.Sort(statuses)
			for _, s := range statuses {
				name := componentName(d.ID + "." + e.Code)
				if len(statuses) > 1 {
					name += "." + strconv.Itoa(s)
				}
				if _, dup := responses[name]; dup {
					return nil, fmt.Errorf("gen openapi: %s: two codes give the response name %q", d.ID, name)
				}
				docs := byStatus[s]
				desc := docs[0].message
				if docs[0].remediation != "" {
					desc += "\n\n" + docs[0].remediation
				}
				example, err := wireExample(d, e, s, docs[0].message)
				if err != nil {
					return nil, fmt.Errorf("gen openapi: %s %s: %w", d.ID, e.Code, err)
				}
				media := map[string]any{
					"schema":  map[string]any{"$ref": "#/components/schemas/" + d.WireFormat},
					"example": example,
				}
				resp := map[string]any{
					"description":         desc,
					"content":             map[string]any{mediaType(d.WireFormat): media},
					"x-errcat-domain":     d.ID,
					"x-errcat-code":       e.Code,
					"x-errcat-status":     s,
					"x-errcat-category":   string(e.Category),
					"x-errcat-retryable":  e.IsRetryable(),
					"x-errcat-documented": e.HTTPStatus != nil,
				}
				if d.WireFormat == "huawei" {
					resp["headers"] = map[string]any{"X-Request-Id": map[string]any{
						"description": "The request id.",
						"schema":      map[string]any{"type": "string"},
					}}
				}
				if url := d.DocsURLFor(e.Code); url != "" {
					resp["x-errcat-docs"] = url
				}
				responses[name] = resp
			}
		}
	}
	doc := map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "Error responses",
			"version":     "1.0.0",
			"description": "The documented error responses of the catalogs' domains, one per error code and HTTP status. Refer to them from operations with $ref: '#/components/responses/DOMAIN.CODE'.",
		},
		"components": map[string]any{"schemas": schemas, "responses": responses},
	}
	b, err := marshalJSON(doc)
	if err != nil {
		return nil, err
	}
	return Files{"openapi.json": b}, nil
}

var componentNameRe = regexp.MustCompile(`[^A-Za-z0-9._-]`)

// componentName makes s a valid component key (^[a-zA-Z0-9._-]+$).
func componentName(s string) string { return componentNameRe.ReplaceAllString(s, "_") }

// sentStatus is the HTTP status an error is sent with in format.
func sentStatus(format string, documented *int, cat catalog.Category) int {
	switch format {
	case "zilliz", "ucloud", "tencent-v2":
		return 200
	}
	if documented != nil {
		return *documented
	}
	if s := cat.HTTPStatus(); s != 0 {
		return s
	}
	return 500
}

func mediaType(format string) string {
	switch format {
	case "problem":
		return "application/problem+json"
	case "aliyun-xml":
		return "application/xml"
	}
	return "application/json"
}

func str() map[string]any     { return map[string]any{"type": "string"} }
func integer() map[string]any { return map[string]any{"type": "integer"} }

func object(desc string, required []string, props map[string]any) map[string]any {
	o := map[string]any{"type": "object", "description": desc, "properties": props}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

// wireSchema is the JSON Schema of an error body in format.
func wireSchema(format string) map[string]any {
	switch format {
	case "problem":
		return object("RFC 9457 problem details with errcat's extension members.", []string{"type", "title", "status", "code"}, map[string]any{
			"type":       map[string]any{"type": "string", "format": "uri-reference"},
			"title":      str(),
			"status":     integer(),
			"detail":     str(),
			"instance":   str(),
			"code":       str(),
			"domain":     str(),
			"request_id": str(),
			"params":     map[string]any{"type": "object", "additionalProperties": str()},
		})
	case "google":
		detail := map[string]any{"type": "object", "required": []string{"@type"}, "properties": map[string]any{"@type": str()}, "additionalProperties": true}
		return object("google.rpc.Status as JSON (AIP-193).", []string{"error"}, map[string]any{
			"error": object("", []string{"code", "message", "status"}, map[string]any{
				"code":    integer(),
				"message": str(),
				"status":  str(),
				"details": map[string]any{"type": "array", "items": detail},
			}),
		})
	case "tencent":
		return object("Tencent Cloud API 3.0 error response.", []string{"Response"}, map[string]any{
			"Response": object("", []string{"Error", "RequestId"}, map[string]any{
				"Error":     object("", []string{"Code", "Message"}, map[string]any{"Code": str(), "Message": str()}),
				"RequestId": str(),
			}),
		})
	case "tencent-v2":
		return object("Tencent Cloud legacy API error; a module sub-code may lead the message in parentheses.", []string{"code", "message"}, map[string]any{
			"code": integer(), "message": str(), "codeDesc": str(),
		})
	case "aliyun", "aliyun-xml":
		o := object("Alibaba Cloud error response.", []string{"RequestId", "Code", "Message"}, map[string]any{
			"RequestId": str(), "HostId": str(), "Code": str(), "Message": str(), "Recommend": str(),
		})
		if format == "aliyun-xml" {
			o["xml"] = map[string]any{"name": "Error"}
		}
		return o
	case "huawei":
		return object("Huawei Cloud error response; the request id is in the X-Request-Id header.", []string{"error_code", "error_msg"}, map[string]any{
			"error_code": str(), "error_msg": str(),
		})
	case "zilliz":
		return object("Zilliz Cloud / Milvus REST v2 error (sent with HTTP 200).", []string{"code", "message"}, map[string]any{
			"code": integer(), "message": str(),
		})
	case "ucloud":
		return object("UCloud-style error; RetCode 0 means success (sent with HTTP 200).", []string{"RetCode"}, map[string]any{
			"Action": str(), "RetCode": integer(), "Message": str(),
		})
	}
	return map[string]any{"type": "object"}
}

// exampleRequestID stands for the request id in examples.
const exampleRequestID = "00000000-0000-0000-0000-000000000000"

// wireExample is an example body of entry e in the domain's format,
// sent with status.
func wireExample(d *catalog.Domain, e *catalog.Entry, status int, message string) (any, error) {
	num := func() (int64, error) {
		n, err := strconv.ParseInt(e.Code, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("wire format %s carries integer codes, and code %q is not one", d.WireFormat, e.Code)
		}
		return n, nil
	}
	switch d.WireFormat {
	case "problem":
		typ := d.DocsURLFor(e.Code)
		if typ == "" {
			typ = "about:blank"
		}
		title := textIn(e.Title, d.DefaultLocale(), d.DefaultLocale())
		if title == "" {
			title = e.Code
		}
		return map[string]any{"type": typ, "title": title, "status": status, "detail": message, "code": e.Code, "domain": d.ID, "request_id": exampleRequestID}, nil
	case "google":
		return map[string]any{"error": map[string]any{
			"code": status, "message": message, "status": e.Category.GRPCName(),
			"details": []any{map[string]any{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": e.Code, "domain": d.ID}},
		}}, nil
	case "tencent":
		return map[string]any{"Response": map[string]any{"Error": map[string]any{"Code": e.Code, "Message": message}, "RequestId": exampleRequestID}}, nil
	case "tencent-v2":
		n, err := num()
		if err != nil {
			return nil, err
		}
		desc := textIn(e.Title, d.DefaultLocale(), d.DefaultLocale())
		if desc == "" {
			desc = e.Code
		}
		return map[string]any{"code": n, "message": message, "codeDesc": desc}, nil
	case "aliyun":
		return map[string]any{"RequestId": exampleRequestID, "HostId": d.ID, "Code": e.Code, "Message": message}, nil
	case "aliyun-xml":
		return fmt.Sprintf("<Error><RequestId>%s</RequestId><HostId>%s</HostId><Code>%s</Code><Message>%s</Message></Error>",
			exampleRequestID, xmlText(d.ID), xmlText(e.Code), xmlText(message)), nil
	case "huawei":
		return map[string]any{"error_code": e.Code, "error_msg": message}, nil
	case "zilliz":
		n, err := num()
		if err != nil {
			return nil, err
		}
		return map[string]any{"code": n, "message": message}, nil
	case "ucloud":
		n, err := num()
		if err != nil {
			return nil, err
		}
		return map[string]any{"Action": "ExampleResponse", "RetCode": n, "Message": message}, nil
	}
	return nil, fmt.Errorf("unknown wire format %q", d.WireFormat)
}

// xmlText escapes s for XML character data.
func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder never fails
	return b.String()
}
