package wire

import (
	"github.com/errcat/errcat"
	"github.com/errcat/errcat/vocab"
)

// tencent writes Tencent Cloud API 3.0 errors:
// {"Response":{"Error":{"Code","Message"},"RequestId"}}.
type tencent struct{}

func (*tencent) name() string { return vocab.FormatTencent }

func (*tencent) appendBody(dst []byte, e *errcat.Error, o *Options) []byte {
	d := e.Def()
	dst = append(dst, `{"Response":{"Error":{"Code":`...)
	dst = d.AppendJSONCode(dst, false)
	dst = append(dst, `,"Message":`...)
	dst = appendJSONText(dst, e, errcat.Message, o.Locale)
	dst = append(dst, `},"RequestId":`...)
	dst = AppendJSONString(dst, e.RequestID())
	return append(dst, "}}"...)
}

func (*tencent) schema() string {
	return `{
  "type": "object",
  "description": "Tencent Cloud API 3.0 error response.",
  "required": ["Response"],
  "properties": {
    "Response": {
      "type": "object",
      "description": "",
      "required": ["Error", "RequestId"],
      "properties": {
        "Error": {
          "type": "object",
          "description": "",
          "required": ["Code", "Message"],
          "properties": {"Code": {"type": "string"}, "Message": {"type": "string"}}
        },
        "RequestId": {"type": "string"}
      }
    }
  }
}`
}
