package wire

import (
	"github.com/errcat/errcat"
	"github.com/errcat/errcat/vocab"
)

// volcengine writes Volcengine (ByteDance cloud) OpenAPI errors:
//
//	{"ResponseMetadata":{"RequestId","Action","Version","Service","Region",
//	  "Error":{"CodeN","Code","Message"}}}
//
// RequestId is always there; Action is Options.Action; Version, Service
// and Region are the error's metadata "version", "service" and "region",
// and CodeN, the numeric code, its metadata "code_n" when that is a
// decimal integer. Each of these is omitted when there is none.
type volcengine struct{}

func (*volcengine) name() string { return vocab.FormatVolcengine }

func (*volcengine) appendBody(dst []byte, e *errcat.Error, o *Options) []byte {
	dst = append(dst, `{"ResponseMetadata":{"RequestId":`...)
	dst = AppendJSONString(dst, e.RequestID())
	if o.Action != "" {
		dst = append(dst, `,"Action":`...)
		dst = AppendJSONString(dst, o.Action)
	}
	dst = appendMetaMember(dst, e, "version", `,"Version":`)
	dst = appendMetaMember(dst, e, "service", `,"Service":`)
	dst = appendMetaMember(dst, e, "region", `,"Region":`)
	dst = append(dst, `,"Error":{`...)
	if n, ok := e.Meta("code_n"); ok && isJSONInteger(n) {
		dst = append(dst, `"CodeN":`...)
		dst = append(dst, n...)
		dst = append(dst, ',')
	}
	dst = append(dst, `"Code":`...)
	dst = e.Def().AppendJSONCode(dst, false)
	dst = append(dst, `,"Message":`...)
	dst = appendJSONText(dst, e, errcat.Message, o.Locale)
	return append(dst, "}}}"...)
}

// appendMetaMember appends member (`,"Name":`) and e's metadata key as a
// JSON string, when e has a non-empty value for key.
func appendMetaMember(dst []byte, e *errcat.Error, key, member string) []byte {
	if v, ok := e.Meta(key); ok && v != "" {
		dst = append(dst, member...)
		dst = AppendJSONString(dst, v)
	}
	return dst
}

// isJSONInteger reports whether s is a JSON integer of at most 18 digits:
// an optional minus sign and digits without a leading zero.
func isJSONInteger(s string) bool {
	digits := s
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) == 0 || len(digits) > 18 || len(digits) > 1 && digits[0] == '0' {
		return false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return false
		}
	}
	return true
}

func (*volcengine) schema() string {
	return `{
  "type": "object",
  "description": "Volcengine OpenAPI error response; Version, Service and Region come from the error's metadata when it has them.",
  "required": ["ResponseMetadata"],
  "properties": {
    "ResponseMetadata": {
      "type": "object",
      "description": "",
      "required": ["RequestId", "Error"],
      "properties": {
        "RequestId": {"type": "string"},
        "Action": {"type": "string"},
        "Version": {"type": "string"},
        "Service": {"type": "string"},
        "Region": {"type": "string"},
        "Error": {
          "type": "object",
          "description": "",
          "required": ["Code", "Message"],
          "properties": {"CodeN": {"type": "integer"}, "Code": {"type": "string"}, "Message": {"type": "string"}}
        }
      }
    }
  }
}`
}
