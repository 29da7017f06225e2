package wire_test

import (
	"encoding/json"
	"encoding/xml"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/vocab"
	"github.com/errcat/errcat/wire"
)

// FuzzFormats renders an error with arbitrary code, texts, params and
// metadata in every format, decodes the body with encoding/json (or
// encoding/xml) and compares the fields with what was put in.
func FuzzFormats(f *testing.F) {
	f.Add("CSS.0001", "The parameter {a} is incorrect: {b}.", "x", "y", "region", "cn-north-4", "req-1")
	f.Add("96000", "Invalid CloudId {a}", "<script>", "\u2028", "k", "v", "")
	f.Add("0", "参数异常：{a}{b}{c}", "“引号”", "\x00\x1f", "sub_code", "100004", "中文")
	f.Add("-12", "{a", "\xff\xfe", "}", "a", "dup", "\"quoted\"")
	f.Add("007", "", "", "", "", "", "\x7f")
	f.Add("Invalid{parameter}.Malformed", "{parameter} {a}{a}", "&amp;", "\r\n\t", "b", "meta-wins-not", "r\xc3")
	f.Fuzz(func(t *testing.T, code, tmpl, a, b, metaKey, metaVal, reqID string) {
		dom := &errcat.Domain{ID: "fuzz.test", Locales: []string{"en"}, DocsURL: "https://docs.example/{code}?r={request_id}"}
		def := &errcat.Def{Domain: dom, Code: code, HTTPStatus: 400, Category: "invalid_argument",
			Title:   map[string]string{"en": "T {a}"},
			Message: map[string]string{"en": tmpl}, Params: []string{"a", "b"}}
		e := def.New("a", a, "b", b).WithMeta(metaKey, metaVal).WithRequestID(reqID)
		msg := e.Message("en")
		for _, name := range wire.Names() {
			fm, _ := wire.ByName(name)
			body := fm.Append(nil, e, wire.Options{Instance: "/x", Action: "Act", HostID: "h"})
			if name == "aliyun-xml" {
				checkXML(t, body, code, msg, reqID)
				continue
			}
			var v map[string]any
			if err := json.Unmarshal(body, &v); err != nil {
				t.Fatalf("%s: not valid JSON: %v\n%s", name, err, body)
			}
			want := map[string]any{"code": jsonSane(code), "message": jsonSane(msg)}
			got := map[string]any{}
			switch name {
			case "problem":
				got["code"], got["message"] = v["code"], v["detail"]
				want["request_id"], got["request_id"] = jsonSane(reqID), orEmpty(v["request_id"])
				want["params"], got["params"] = map[string]any{"a": jsonSane(a), "b": jsonSane(b)}, v["params"]
			case "google":
				er := v["error"].(map[string]any)
				details := er["details"].([]any)
				info := details[0].(map[string]any)
				// AIP-193: the reason derived from the code, metadata
				// under lowerCamel keys.
				want["code"], got["code"], got["message"] = vocab.Reason(code), info["reason"], er["message"]
				md := info["metadata"].(map[string]any)
				want["meta"] = jsonSane(metaVal)
				if k := vocab.MetadataKey(metaKey); k == "a" || k == "b" {
					want["meta"] = jsonSane(map[string]string{"a": a, "b": b}[k])
				}
				got["meta"] = md[vocab.MetadataKey(metaKey)]
				want["localized"], got["localized"] = jsonSane(msg), details[1].(map[string]any)["message"]
			case "tencent":
				r := v["Response"].(map[string]any)
				er := r["Error"].(map[string]any)
				got["code"], got["message"] = er["Code"], er["Message"]
				want["request_id"], got["request_id"] = jsonSane(reqID), r["RequestId"]
			case "tencent-v2":
				got["code"], got["message"] = codeString(v["code"]), v["message"]
				if metaKey == "sub_code" && metaVal != "" {
					want["message"] = jsonSane("(" + metaVal + ") " + msg)
				}
			case "aliyun":
				got["code"], got["message"] = v["Code"], v["Message"]
				want["request_id"], got["request_id"] = jsonSane(reqID), v["RequestId"]
			case "huawei":
				got["code"], got["message"] = v["error_code"], v["error_msg"]
			case "zilliz":
				got["code"], got["message"] = codeString(v["code"]), v["message"]
			case "ucloud":
				got["code"], got["message"] = codeString(v["RetCode"]), v["Message"]
			case "volcengine":
				md := v["ResponseMetadata"].(map[string]any)
				er := md["Error"].(map[string]any)
				got["code"], got["message"] = er["Code"], er["Message"]
				want["request_id"], got["request_id"] = jsonSane(reqID), md["RequestId"]
			case "baidu":
				got["code"], got["message"] = v["code"], v["message"]
				want["request_id"], got["request_id"] = jsonSane(reqID), v["requestId"]
			default:
				t.Fatalf("format %s is not checked", name)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: fields (-want +got):\n%s\nbody: %s", name, diff, body)
			}
		}
	})
}

// jsonSane returns v as encoding/json gives it back after a round trip
// (invalid UTF-8 becomes U+FFFD).
func jsonSane(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		panic(err)
	}
	return out
}

func orEmpty(v any) any {
	if v == nil {
		return ""
	}
	return v
}

// codeString turns a code decoded as a JSON number back into its digits.
func codeString(v any) any {
	if f, ok := v.(float64); ok {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return v
}

func checkXML(t *testing.T, body []byte, code, msg, reqID string) {
	t.Helper()
	var v struct {
		RequestID string `xml:"RequestId"`
		HostID    string `xml:"HostId"`
		Code      string
		Message   string
		Recommend string
	}
	if err := xml.Unmarshal(body, &v); err != nil {
		t.Fatalf("aliyun-xml: not valid XML: %v\n%s", err, body)
	}
	want := []string{xmlSane(reqID), "h", xmlSane(code), xmlSane(msg)}
	got := []string{v.RequestID, v.HostID, v.Code, v.Message}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("aliyun-xml: fields (-want +got):\n%s\nbody: %s", diff, body)
	}
}

// xmlSane returns s as encoding/xml gives it back: each invalid UTF-8
// byte and each character XML does not allow becomes U+FFFD.
func xmlSane(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size == 1 || !(r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
			r = '\uFFFD'
		}
		b.WriteRune(r)
	}
	return b.String()
}
