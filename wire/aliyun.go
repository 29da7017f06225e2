package wire

import (
	"github.com/errcat/errcat"
	"github.com/errcat/errcat/vocab"
)

// aliyun writes Alibaba Cloud errors: {"RequestId","HostId","Code",
// "Message","Recommend"}, HostId from Options.HostID and Recommend the
// domain's docs URL, each when there is one.
type aliyun struct{}

func (*aliyun) name() string { return vocab.FormatAliyun }

func (*aliyun) appendBody(dst []byte, e *errcat.Error, o *Options) []byte {
	d := e.Def()
	dst = append(dst, `{"RequestId":`...)
	dst = AppendJSONString(dst, e.RequestID())
	if o.HostID != "" {
		dst = append(dst, `,"HostId":`...)
		dst = AppendJSONString(dst, o.HostID)
	}
	dst = append(dst, `,"Code":`...)
	dst = d.AppendJSONCode(dst, false)
	dst = append(dst, `,"Message":`...)
	dst = appendJSONText(dst, e, errcat.Message, o.Locale)
	if d.Domain != nil && d.Domain.DocsURL != "" {
		dst = append(dst, `,"Recommend":"`...)
		dst = appendDocsURL(dst, d, e, appendJSONEscaped)
		dst = append(dst, '"')
	}
	return append(dst, '}')
}

func (*aliyun) schema() string {
	return `{
  "type": "object",
  "description": "Alibaba Cloud error response.",
  "required": ["RequestId", "Code", "Message"],
  "properties": {
    "RequestId": {"type": "string"},
    "HostId": {"type": "string"},
    "Code": {"type": "string"},
    "Message": {"type": "string"},
    "Recommend": {"type": "string"}
  }
}`
}
