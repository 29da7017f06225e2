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
	return e.AppendJSONBody(dst, zillizBody, o.Locale)
}

// zillizBody is the body's shape, precompiled per Def and locale.
var zillizBody = &errcat.JSONBody{Head: `{"code":`, Mid: `,"message":`, Tail: `}`, Field: errcat.Message, CodeAsNumber: true}

func (*zilliz) schema() string {
	return `{
  "type": "object",
  "description": "Zilliz Cloud / Milvus REST v2 error (sent with HTTP 200).",
  "required": ["code", "message"],
  "properties": {"code": {"type": "integer"}, "message": {"type": "string"}}
}`
}
