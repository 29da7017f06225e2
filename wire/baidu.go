package wire

import (
	"github.com/errcat/errcat"
	"github.com/errcat/errcat/vocab"
)

// baidu writes Baidu AI Cloud (BCE) errors: {"code","message","requestId"},
// the code a string and requestId always there.
type baidu struct{}

func (*baidu) name() string { return vocab.FormatBaidu }

func (*baidu) appendBody(dst []byte, e *errcat.Error, o *Options) []byte {
	dst = append(dst, `{"code":`...)
	dst = e.Def().AppendJSONCode(dst, false)
	dst = append(dst, `,"message":`...)
	dst = appendJSONText(dst, e, errcat.Message, o.Locale)
	dst = append(dst, `,"requestId":`...)
	dst = AppendJSONString(dst, e.RequestID())
	return append(dst, '}')
}

func (*baidu) schema() string {
	return `{
  "type": "object",
  "description": "Baidu AI Cloud (BCE) error response.",
  "required": ["code", "message", "requestId"],
  "properties": {"code": {"type": "string"}, "message": {"type": "string"}, "requestId": {"type": "string"}}
}`
}
