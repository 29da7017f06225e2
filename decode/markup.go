package decode

import (
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"strings"
)

// readMarkup reads an XML error body (AWS, Alibaba Cloud) or recognises
// an HTML page.
func readMarkup(n *Normalized, s string, header http.Header) error {
	if isHTML(s) {
		n.Format = FormatHTML
		n.Message = htmlTitle(s)
		n.Provider = firstLine(hget(header, "Server"), 64)
		if is2xx(n.HTTPStatus) {
			n.NotError, n.Reason = true, "success status and an HTML page"
			return nil
		}
		n.Reason = "HTML page instead of an API error body (from a proxy or load balancer?)"
		return &shapeError{ErrUnreadable, n.Reason}
	}
	var f xmlFields
	err := f.read(s)
	if f.code == "" && f.message == "" {
		n.Format = FormatUnknown
		if err != nil {
			n.Reason = "invalid XML: " + err.Error()
			return &shapeError{ErrUnreadable, n.Reason}
		}
		if is2xx(n.HTTPStatus) {
			n.NotError, n.Reason = true, "success status and no error in the body"
			return nil
		}
		n.Reason = "XML of no known error shape (root <" + f.root + ">)"
		return &shapeError{ErrUnknownShape, n.Reason}
	}
	n.Code, n.Message, n.RequestID, n.Target = f.code, f.message, f.requestID, f.target
	switch {
	case f.codeRank < 3 && !(f.code == "" && f.messageRank == 3):
		// Not an <Error><Code> body: a SOAP fault, eBay's <Errors>, an
		// attribute code, …
		n.Format = FormatGeneral
		n.Rules.Code, n.Rules.Message = f.codeRule, f.messageRule
	case f.recommend || strings.HasSuffix(f.hostID, "aliyuncs.com") || hget(header, "X-Acs-Request-Id") != "" ||
		hget(header, "X-Oss-Request-Id") != "":
		n.Format = FormatAliyunXML
		n.SubCode = f.ec
	default:
		n.Format = FormatAWSXML
	}
	if n.Format == FormatGeneral && is2xx(n.HTTPStatus) && n.Code == "" && !f.failed {
		n.NotError, n.Reason = true, "success status and no error code in the body"
		return nil
	}
	if err != nil {
		// What was read before the XML broke off is kept.
		n.Reason = "XML cut short: " + err.Error()
		n.Confidence = Medium
	}
	return nil
}

// xmlFields are the elements of an XML error decode reads: the first of
// each, at any depth.
type xmlFields struct {
	root, code, message, requestID, hostID, target, ec string
	codeRule, messageRule                              string
	codeRank, messageRank                              int // 3: <Code>/<Message> of AWS and Alibaba Cloud
	recommend, failed                                  bool
}

// xmlCodeRank ranks the element (or attribute) names that hold a code.
func xmlCodeRank(name string) int {
	switch name {
	case "Code":
		return 3
	case "ErrorCode", "errorCode", "error_code", "faultcode", "exceptionCode", "errcode", "ErrCode", "code":
		return 2
	case "statusCode", "StatusCode", "Reason":
		return 1
	}
	return 0
}

// xmlMessageRank ranks the element (or attribute) names that hold a message.
func xmlMessageRank(name string) int {
	switch name {
	case "Message":
		return 3
	case "LongMessage", "faultstring", "errorMessage", "ErrorMessage", "exceptionMessage", "message", "msg", "errmsg", "Text":
		return 2
	case "ShortMessage", "Description", "description":
		return 1
	}
	return 0
}

func (f *xmlFields) offer(code bool, name, v string) {
	if v == "" {
		return
	}
	if code {
		if r := xmlCodeRank(name); r > f.codeRank {
			f.code, f.codeRank, f.codeRule = v, r, name
		}
		return
	}
	if r := xmlMessageRank(name); r > f.messageRank {
		f.message, f.messageRank, f.messageRule = v, r, name
	}
}

func (f *xmlFields) read(s string) error {
	dec := xml.NewDecoder(strings.NewReader(s))
	dec.Strict = false
	var stack []string
	for {
		tk, err := dec.Token()
		if errors.Is(err, io.EOF) {
			if len(stack) > 0 {
				return errors.New("unexpected end of XML (truncated body?)")
			}
			return nil
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) && se.Msg == "unexpected EOF" {
				return errors.New("unexpected end of XML (truncated body?)")
			}
			return err
		}
		switch t := tk.(type) {
		case xml.StartElement:
			if f.root == "" {
				f.root = t.Name.Local
			}
			if len(stack) >= maxDepth {
				return errors.New("XML nested too deeply")
			}
			stack = append(stack, t.Name.Local)
			if t.Name.Local == "Recommend" {
				f.recommend = true
			}
			for _, a := range t.Attr {
				// Flickr's <err code="100" msg="…"/>, <rsp stat="fail">.
				switch a.Name.Local {
				case "code":
					f.offer(true, "code", a.Value)
				case "msg", "message":
					f.offer(false, a.Name.Local, a.Value)
				case "stat", "status":
					f.failed = f.failed || a.Value == "fail" || a.Value == "error"
				}
			}
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			v := strings.TrimSpace(string(t))
			switch name := stack[len(stack)-1]; name {
			case "RequestId", "RequestID":
				setOnce(&f.requestID, v)
			case "HostId":
				setOnce(&f.hostID, v)
			case "Key", "BucketName", "Resource":
				setOnce(&f.target, v)
			case "EC":
				setOnce(&f.ec, v)
			case "Ack", "success":
				f.failed = f.failed || v == "Failure" || v == "false"
			case "Value":
				// SOAP 1.2: <Code><Value>env:Sender</Value></Code>.
				if len(stack) > 1 && stack[len(stack)-2] == "Code" {
					f.offer(true, "faultcode", v)
				}
			default:
				if xmlCodeRank(name) > 0 {
					f.offer(true, name, v)
				} else if xmlMessageRank(name) > 0 {
					f.offer(false, name, v)
				}
			}
		}
	}
}

func setOnce(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

func isHTML(s string) bool {
	head := s[:min(len(s), 512)]
	for _, m := range [...]string{"<!doctype html", "<html", "<head", "<body", "<title", "<h1", "<center"} {
		if hasPrefixFold(head, m) {
			return true
		}
	}
	low := asciiLower(head)
	return strings.Contains(low, "<html") || strings.Contains(low, "<!doctype html")
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// htmlTitle returns the page's <title>, else its first <h1>, else "".
func htmlTitle(s string) string {
	low := asciiLower(s[:min(len(s), 64<<10)])
	for _, tag := range [...]string{"title", "h1"} {
		i := strings.Index(low, "<"+tag)
		if i < 0 {
			continue
		}
		j := strings.IndexByte(low[i:], '>')
		if j < 0 {
			continue
		}
		start := i + j + 1
		end := strings.Index(low[start:], "</"+tag)
		if end < 0 {
			continue
		}
		if t := strings.Join(strings.Fields(s[start:start+end]), " "); t != "" {
			t, _ = clip(t, 200)
			return t
		}
	}
	return ""
}

// asciiLower lower-cases ASCII letters only, so byte offsets stay valid.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
