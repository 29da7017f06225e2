package wire

import (
	"github.com/errcat/errcat"
	"github.com/errcat/errcat/vocab"
)

// aliyunXML writes Alibaba Cloud errors as XML:
// <Error><RequestId/><HostId/><Code/><Message/><Recommend/></Error>.
type aliyunXML struct{}

func (*aliyunXML) name() string { return vocab.FormatAliyunXML }

func (*aliyunXML) appendBody(dst []byte, e *errcat.Error, o *Options) []byte {
	d := e.Def()
	dst = append(dst, `<?xml version="1.0" encoding="UTF-8"?>`+"\n<Error><RequestId>"...)
	dst = appendXMLEscaped(dst, e.RequestID())
	dst = append(dst, "</RequestId>"...)
	if o.HostID != "" {
		dst = append(dst, "<HostId>"...)
		dst = appendXMLEscaped(dst, o.HostID)
		dst = append(dst, "</HostId>"...)
	}
	dst = append(dst, "<Code>"...)
	dst = appendXMLEscaped(dst, d.Code)
	dst = append(dst, "</Code><Message>"...)
	t, _ := d.Text(d.Message, o.Locale)
	dst = errcat.AppendFill(dst, t, e, appendXMLEscaped)
	dst = append(dst, "</Message>"...)
	if d.Domain != nil && d.Domain.DocsURL != "" {
		dst = append(dst, "<Recommend>"...)
		dst = appendDocsURL(dst, d, e, appendXMLEscaped)
		dst = append(dst, "</Recommend>"...)
	}
	return append(dst, "</Error>\n"...)
}

func (*aliyunXML) schema() string {
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
  },
  "xml": {"name": "Error"}
}`
}
