package wire

import (
	"github.com/errcat/errcat"
	"github.com/errcat/errcat/vocab"
)

// tencentV2 writes the legacy Tencent Cloud body {"code","message",
// "codeDesc"}. A module sub-code (metadata "sub_code") goes in front of
// the message in parentheses, as "(100004) incorrect projectId"; codeDesc
// is metadata "code_desc", else the title in the default locale in
// CamelCase ("Invalid request parameter" → "InvalidRequestParameter"),
// else the code.
type tencentV2 struct{}

func (*tencentV2) name() string { return vocab.FormatTencentV2 }

func (*tencentV2) appendBody(dst []byte, e *errcat.Error, o *Options) []byte {
	d := e.Def()
	dst = append(dst, `{"code":`...)
	dst = d.AppendJSONCode(dst, true)
	dst = append(dst, `,"message":"`...)
	if sub, ok := e.Meta("sub_code"); ok && sub != "" {
		dst = append(dst, '(')
		dst = appendJSONEscaped(dst, sub)
		dst = append(dst, ") "...)
	}
	dst = e.AppendJSONText(dst, errcat.Message, o.Locale)
	dst = append(dst, `","codeDesc":`...)
	if cd, ok := e.Meta("code_desc"); ok && cd != "" {
		dst = AppendJSONString(dst, cd)
	} else if title, _ := d.Text(d.Title, d.Domain.DefaultLocale()); title != "" {
		dst = append(dst, '"')
		dst = appendCamel(dst, title)
		dst = append(dst, '"')
	} else {
		dst = d.AppendJSONCode(dst, false)
	}
	return append(dst, '}')
}

// appendCamel appends the words of s (split at spaces, '-' and '_') in
// CamelCase, JSON-escaped.
func appendCamel(dst []byte, s string) []byte {
	for len(s) > 0 {
		n := 0
		for n < len(s) && s[n] != ' ' && s[n] != '-' && s[n] != '_' {
			n++
		}
		word := s[:n]
		if n < len(s) {
			s = s[n+1:]
		} else {
			s = ""
		}
		if word == "" {
			continue
		}
		if c := word[0]; c >= 'a' && c <= 'z' {
			dst = append(dst, c-('a'-'A'))
			word = word[1:]
		}
		dst = appendJSONEscaped(dst, word)
	}
	return dst
}

func (*tencentV2) schema() string {
	return `{
  "type": "object",
  "description": "Tencent Cloud legacy API error; a module sub-code may lead the message in parentheses.",
  "required": ["code", "message"],
  "properties": {"code": {"type": "integer"}, "message": {"type": "string"}, "codeDesc": {"type": "string"}}
}`
}
