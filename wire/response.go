package wire

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/errcat/errcat"
)

// AppendResponse appends the whole HTTP response a client receives for e:
// the status line, the headers sorted by name, a blank line and the body.
// It is for documentation and checks (errcat render, golden files); it
// writes the same headers, status and body as Write.
func (f Format) AppendResponse(dst []byte, e *errcat.Error, o Options) []byte {
	body := f.Append(nil, e, o)
	h := http.Header{}
	f.Header(h, e, o)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	status := f.Status(e)
	dst = append(dst, "HTTP/1.1 "...)
	dst = strconv.AppendInt(dst, int64(status), 10)
	if t := http.StatusText(status); t != "" {
		dst = append(dst, ' ')
		dst = append(dst, t...)
	}
	dst = append(dst, '\n')
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, v := range h[k] {
			dst = append(dst, k...)
			dst = append(dst, ": "...)
			dst = append(dst, v...)
			dst = append(dst, '\n')
		}
	}
	dst = append(dst, '\n')
	dst = append(dst, body...)
	if len(body) > 0 && body[len(body)-1] != '\n' {
		dst = append(dst, '\n')
	}
	return dst
}
