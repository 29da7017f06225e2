package wire

import (
	"github.com/errcat/errcat"
	"github.com/errcat/errcat/vocab"
)

// ucloud writes UCloud errors: {"Action","RetCode","Message"}, Action
// being Options.Action+"Response" (omitted when there is none) and
// RetCode the code as a JSON integer.
type ucloud struct{}

func (*ucloud) name() string { return vocab.FormatUCloud }

func (*ucloud) appendBody(dst []byte, e *errcat.Error, o *Options) []byte {
	dst = append(dst, '{')
	if o.Action != "" {
		dst = append(dst, `"Action":"`...)
		dst = appendJSONEscaped(dst, o.Action)
		dst = append(dst, `Response",`...)
	}
	dst = append(dst, `"RetCode":`...)
	dst = e.Def().AppendJSONCode(dst, true)
	dst = append(dst, `,"Message":`...)
	dst = appendJSONText(dst, e, errcat.Message, o.Locale)
	return append(dst, '}')
}

func (*ucloud) schema() string {
	return `{
  "type": "object",
  "description": "UCloud-style error; RetCode 0 means success (sent with HTTP 200).",
  "required": ["RetCode"],
  "properties": {"Action": {"type": "string"}, "RetCode": {"type": "integer"}, "Message": {"type": "string"}}
}`
}
