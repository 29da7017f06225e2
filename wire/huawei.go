package wire

import (
	"github.com/errcat/errcat"
	"github.com/errcat/errcat/vocab"
)

// huawei writes Huawei Cloud errors: {"error_code","error_msg"}; the
// request id travels in the X-Request-Id header (see Format.Header).
type huawei struct{}

func (*huawei) name() string { return vocab.FormatHuawei }

func (*huawei) appendBody(dst []byte, e *errcat.Error, o *Options) []byte {
	return e.AppendJSONBody(dst, huaweiBody, o.Locale)
}

// huaweiBody is the body's shape, precompiled per Def and locale.
var huaweiBody = &errcat.JSONBody{Head: `{"error_code":`, Mid: `,"error_msg":`, Tail: `}`, Field: errcat.Message}

func (*huawei) schema() string {
	return `{
  "type": "object",
  "description": "Huawei Cloud error response; the request id is in the X-Request-Id header.",
  "required": ["error_code", "error_msg"],
  "properties": {"error_code": {"type": "string"}, "error_msg": {"type": "string"}}
}`
}
