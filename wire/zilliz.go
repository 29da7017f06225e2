package wire

import (
	"github.com/errcat/errcat"
	"github.com/errcat/errcat/vocab"
)

// zilliz writes Zilliz Cloud / Milvus REST v2 errors: {"code","message"},
// the code a JSON integer.
type zilliz struct{}

func (*zilliz) name() string { return vocab.FormatZilliz }

func (*zilliz) appendBody(dst []byte, e *errcat.Error, o *Options) []byte {
	dst = append(dst, `{"code":`...)
	dst = e.Def().AppendJSONCode(dst, true)
	dst = append(dst, `,"message":`...)
	dst = appendJSONText(dst, e, errcat.Message, o.Locale)
	return append(dst, '}')
}

func (*zilliz) schema() string {
	return `{
  "type": "object",
  "description": "Zilliz Cloud / Milvus REST v2 error (sent with HTTP 200).",
  "required": ["code", "message"],
  "properties": {"code": {"type": "integer"}, "message": {"type": "string"}}
}`
}
