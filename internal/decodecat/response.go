package decodecat

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
)

// SplitResponse splits a response as `curl -i` prints it ("HTTP/1.1 503
// Service Unavailable", headers, a blank line, the body). It reports false
// when b does not start with a status line or the headers do not parse.
// Lines may end in CRLF or LF; leading blank lines and spaces are skipped.
func SplitResponse(b []byte) (int, http.Header, []byte, bool) {
	b = bytes.TrimLeft(b, " \t\r\n")
	if !bytes.HasPrefix(b, []byte("HTTP/")) {
		return 0, nil, nil, false
	}
	r := textproto.NewReader(bufio.NewReader(bytes.NewReader(b)))
	line, err := r.ReadLine()
	if err != nil {
		return 0, nil, nil, false
	}
	_, rest, _ := strings.Cut(line, " ")
	code, _, _ := strings.Cut(rest, " ")
	status, err := strconv.Atoi(code)
	if err != nil || status < 100 || status > 599 {
		return 0, nil, nil, false
	}
	mh, err := r.ReadMIMEHeader()
	if err != nil && !errors.Is(err, io.EOF) {
		return 0, nil, nil, false
	}
	body, err := io.ReadAll(r.R)
	if err != nil {
		return 0, nil, nil, false
	}
	return status, http.Header(mh), body, true
}
