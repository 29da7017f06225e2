// Package errcat is the runtime of errcat's error catalogs: services return
// catalog errors from it, and the wire package writes them in the API's wire
// format.
//
// The model: a Domain is one API's catalog (id, locales, default wire
// format, docs URL). A Def is one catalog entry at run time: code, HTTP
// status, category, retryability and localized title, message and
// remediation templates with {name} placeholders. An Error is one
// occurrence of a Def: named params, a cause, a request id and extra
// metadata.
//
// Defs come either from generated code (Def literals behind a function
// per code, written by errcat gen go) or from a catalog loaded at start-up
// by the defs package; this package itself imports only the standard
// library, golang.org/x/text and errcat's leaf package vocab (the
// categories and the {name} placeholder syntax).
//
//	err := apierr.NotFound().New("resource", "cluster", "id", id).WithMeta("region", r)
//	errors.Is(err, apierr.NotFound()) // true: same domain and code
//	errcat.CodeOf(err)                // "NotFound"
//
// Any error that is not a catalog error is rendered as its domain's
// internal error (see From); its text never reaches the client.
package errcat

import (
	"strings"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/errcat/errcat/vocab"
)

// Def is one catalog entry at run time. A Def works as a plain struct
// literal; it must not be modified once errors have been built from it.
type Def struct {
	Domain     *Domain
	Code       string
	HTTPStatus int    // 0 when the catalog documents none
	Category   string // catalog category, e.g. "invalid_argument"
	Retryable  bool
	// RetryStated says the catalog entry states Retryable itself; when
	// false, Retryable is the category's default and RetryableIn applies
	// a retry profile's default instead.
	RetryStated bool
	// Reason is the AIP-193 ErrorInfo reason; "" means the one
	// vocab.Reason derives from Code (see AIPReason).
	Reason string
	// RetryAfter is how long a client should wait before retrying (0:
	// no hint); the wire formats send it as Retry-After, grpcerr as
	// google.rpc.RetryInfo.
	RetryAfter time.Duration
	// Title, Message and Remediation map a locale to a template with
	// {name} placeholders.
	Title, Message, Remediation map[string]string
	// Params are the names of the placeholders, in order.
	Params []string

	comp atomic.Pointer[compiled]
}

// inlineSlots is how many strings an Error holds without a further
// allocation: its params and then its metadata pairs. Params named in
// the order of Def.Params take one string each (the value), others two
// (name and value), a metadata pair two; so 2 params and 1 metadata pair
// fit, named either way. More go to an overflow block (one more
// allocation).
const inlineSlots = 5

// Error is one occurrence of a catalog error. Build it with Def.New and the
// With methods, which modify and return the same Error; an Error must not
// be modified once it is shared between goroutines.
//
// It is kept small (144 bytes), since a returned error is allocated once
// per occurrence: the immutable parts live in the Def, and the params are
// stored as values by their position in Def.Params when the caller names
// them in that order, as generated constructors do.
type Error struct {
	def       *Def
	cause     error
	requestID string

	// slots holds nparams strings of params, then nmeta strings of
	// metadata pairs. The params are first npos values, slots[i] the
	// value of def.Params[i] (the caller named them in that order), then
	// name, value strings, continued in more.params when the slots are
	// full.
	slots   [inlineSlots]string
	npos    uint8
	nparams uint8
	nmeta   uint8
	more    *overflow
}

// overflow holds the params and metadata beyond the inline ones, as name,
// value pairs.
type overflow struct {
	params, meta []string
}

// New returns an Error of d with the params given as name, value pairs. A
// trailing name without a value is kept, and its placeholder stays visible
// as {name}.
func (d *Def) New(kv ...string) *Error {
	e := &Error{def: d}
	e.setParams(kv)
	return e
}

// Error makes a Def usable as an errors.Is target and as an error itself
// (From turns it into an Error without params); it reads "domain code".
func (d *Def) Error() string {
	var b strings.Builder
	d.writeHead(&b)
	return b.String()
}

func (d *Def) writeHead(b *strings.Builder) {
	if d == nil {
		b.WriteString("<nil errcat.Def>")
		return
	}
	if id := d.domainID(); id != "" {
		b.WriteString(id)
		b.WriteByte(' ')
	}
	b.WriteString(d.Code)
}

func (d *Def) domainID() string {
	if d.Domain == nil {
		return ""
	}
	return d.Domain.ID
}

// AIPReason returns the Def's AIP-193 ErrorInfo reason: Reason, else the
// one vocab.Reason derives from the code (computed once per Def).
func (d *Def) AIPReason() string {
	if d.Reason != "" {
		return d.Reason
	}
	return d.compiled().reason
}

// RetryableIn reports whether errors of d are retried under retry profile
// p: Retryable when the catalog states it (RetryStated), else the
// profile's default for the category (vocab.Category.RetryableIn).
func (d *Def) RetryableIn(p vocab.RetryProfile) bool {
	if d.RetryStated {
		return d.Retryable
	}
	return vocab.Category(d.Category).RetryableIn(p)
}

// Status returns the HTTP status of the Def: its own, else the usual one
// of its category, else 500.
func (d *Def) Status() int {
	if d.HTTPStatus != 0 {
		return d.HTTPStatus
	}
	if s := vocab.Category(d.Category).HTTPStatus(); s != 0 {
		return s
	}
	return 500
}

// Text returns the template of field (the Def's Title, Message or
// Remediation) for locale, falling back to the domain's default locale and
// then to the first of the domain's locales that has one. It also returns
// the locale the text is in; both are "" when the field is empty.
func (d *Def) Text(field map[string]string, locale string) (text, textLocale string) {
	if d == nil || len(field) == 0 {
		return "", ""
	}
	if t, ok := field[locale]; ok {
		return t, locale
	}
	dom := d.Domain
	if dom != nil {
		for _, l := range dom.Locales {
			if t, ok := field[l]; ok {
				return t, l
			}
		}
	}
	// Not in any declared locale: take the smallest locale tag, so the
	// choice does not depend on map order.
	best := ""
	for l := range field {
		if best == "" || l < best {
			best = l
		}
	}
	return field[best], best
}

// setParams stores kv: the leading params that follow def.Params as
// values by position, the rest as name, value strings.
func (e *Error) setParams(kv []string) {
	// The common cases first: no params, or the first one or two of
	// Def.Params named in order with the Def's own strings, as a
	// generated constructor names them.
	d := e.def
	if d == nil || len(kv) == 0 {
		if len(kv) > 0 {
			e.setNamed(kv)
		}
		return
	}
	switch names := d.Params; {
	case len(kv) == 2 && len(names) >= 1 && sameData(kv[0], names[0]):
		e.slots[0] = kv[1]
		e.npos, e.nparams = 1, 1
		return
	case len(kv) == 4 && len(names) >= 2 && sameData(kv[0], names[0]) && sameData(kv[2], names[1]):
		e.slots[0], e.slots[1] = kv[1], kv[3]
		e.npos, e.nparams = 2, 2
		return
	}
	n := min(len(kv)/2, len(d.Params), inlineSlots)
	pkv, names := kv[:2*n], d.Params[:n]
	// The Def's own strings first, without a call in the loop.
	npos := 0
	for npos < len(names) && sameData(pkv[2*npos], names[npos]) {
		e.slots[npos] = pkv[2*npos+1]
		npos++
	}
	if npos < len(names) {
		npos = e.setPositional(pkv, names, npos)
	}
	e.npos = uint8(npos)
	e.nparams = uint8(npos)
	if 2*npos < len(kv) {
		e.setNamed(kv[2*npos:])
	}
}

// setPositional is setParams' loop for names that are equal to the
// Def's without being the same strings; it returns the new npos.
//
//go:noinline
func (e *Error) setPositional(kv, names []string, npos int) int {
	for npos < len(names) && npos < inlineSlots && 2*npos+1 < len(kv) && kv[2*npos] == names[npos] {
		e.slots[npos] = kv[2*npos+1]
		npos++
	}
	return npos
}

// sameData reports whether a and b are the same string in memory.
func sameData(a, b string) bool {
	return len(a) == len(b) && unsafe.StringData(a) == unsafe.StringData(b)
}

// setNamed stores params after the positional ones as name, value
// strings; apart from setParams, which stays small for the common case.
//
//go:noinline
func (e *Error) setNamed(rest []string) {
	n := copy(e.slots[e.npos:], rest)
	e.nparams += uint8(n)
	if len(rest) > n {
		e.more = &overflow{params: append([]string(nil), rest[n:]...)}
	}
}

// named returns the k-th of the params' name, value strings after the
// positional ones.
func (e *Error) named(k int) (string, bool) {
	inline := int(e.nparams) - int(e.npos)
	if k < inline {
		return e.slots[int(e.npos)+k], true
	}
	k -= inline
	if more := e.moreParams(); k < len(more) {
		return more[k], true
	}
	return "", false
}

func (e *Error) moreParams() []string {
	if e.more == nil {
		return nil
	}
	return e.more.params
}

func (e *Error) moreMeta() []string {
	if e.more == nil {
		return nil
	}
	return e.more.meta
}

// Def returns the Error's Def.
func (e *Error) Def() *Def { return e.def }

// Code returns the Error's code ("" for an Error without a Def).
func (e *Error) Code() string {
	if e.def == nil {
		return ""
	}
	return e.def.Code
}

// WithCause records the underlying error. It is logged and available to
// errors.Is and errors.As, never sent to the client.
func (e *Error) WithCause(err error) *Error {
	e.cause = err
	return e
}

// WithRequestID records the id of the request the error answers.
func (e *Error) WithRequestID(id string) *Error {
	e.requestID = id
	return e
}

// WithMeta adds a metadata pair (e.g. a region or a quota limit). The wire
// formats that carry metadata (google's ErrorInfo, problem) send it.
func (e *Error) WithMeta(key, value string) *Error {
	if at := int(e.nparams) + int(e.nmeta); at+2 <= inlineSlots {
		e.slots[at] = key
		e.slots[at+1] = value
		e.nmeta += 2
		return e
	}
	if e.more == nil {
		e.more = &overflow{}
	}
	e.more.meta = append(e.more.meta, key, value)
	return e
}

// RequestID returns the request id, or "".
func (e *Error) RequestID() string { return e.requestID }

// Cause returns the underlying error, or nil.
func (e *Error) Cause() error { return e.cause }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.cause }

// NumParams returns the number of params, counting a trailing name
// without a value as one.
func (e *Error) NumParams() int {
	return int(e.npos) + (int(e.nparams)-int(e.npos)+len(e.moreParams())+1)/2
}

// ParamAt returns the i-th param; ok is false for a name given without a
// value.
func (e *Error) ParamAt(i int) (name, value string, ok bool) {
	if i < int(e.npos) {
		return e.def.Params[i], e.slots[i], true
	}
	j := 2 * (i - int(e.npos))
	name, _ = e.named(j)
	value, ok = e.named(j + 1)
	return name, value, ok
}

// Param returns the value of the param name.
func (e *Error) Param(name string) (string, bool) {
	if e.npos > 0 {
		for i, p := range e.def.Params[:e.npos] {
			if p == name {
				return e.slots[i], true
			}
		}
	}
	for k := 0; ; k += 2 {
		n, ok := e.named(k)
		if !ok {
			return "", false
		}
		if n == name {
			return e.named(k + 1)
		}
	}
}

// NumMeta returns the number of metadata pairs.
func (e *Error) NumMeta() int { return (int(e.nmeta) + len(e.moreMeta())) / 2 }

// MetaAt returns the i-th metadata pair.
func (e *Error) MetaAt(i int) (key, value string) {
	j := 2 * i
	if j < int(e.nmeta) {
		at := int(e.nparams) + j
		return e.slots[at], e.slots[at+1]
	}
	j -= int(e.nmeta)
	more := e.moreMeta()
	return more[j], more[j+1]
}

// Meta returns the value of the metadata key.
func (e *Error) Meta(key string) (string, bool) {
	for i := 0; i < e.NumMeta(); i++ {
		if k, v := e.MetaAt(i); k == key {
			return v, true
		}
	}
	return "", false
}

// Message returns the message in locale (see Def.Text) with the params
// filled in; a missing param stays visible as {name}.
func (e *Error) Message(locale string) string {
	t, _ := e.def.Text(e.def.Message, locale)
	return string(AppendFill(nil, t, e, appendRaw))
}

// Error reads "domain code: message (name=value, …): cause" in the
// domain's default locale, for logs.
func (e *Error) Error() string {
	var b strings.Builder
	e.def.writeHead(&b)
	if e.def != nil {
		if msg := e.Message(e.def.Domain.DefaultLocale()); msg != "" {
			b.WriteString(": ")
			b.WriteString(msg)
		}
	}
	if e.requestID != "" {
		b.WriteString(" [request_id=")
		b.WriteString(e.requestID)
		b.WriteByte(']')
	}
	if e.cause != nil {
		b.WriteString(": ")
		b.WriteString(e.cause.Error())
	}
	return b.String()
}

// Is reports whether target is an Error or a Def of the same domain and
// code.
func (e *Error) Is(target error) bool {
	switch t := target.(type) {
	case *Error:
		return t != nil && sameDef(e.def, t.def)
	case *Def:
		return sameDef(e.def, t)
	}
	return false
}

func sameDef(a, b *Def) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a == b || (a.Code == b.Code && a.domainID() == b.domainID())
}

// CodeOf returns the code of the first catalog error in err's chain, or ""
// when there is none.
func CodeOf(err error) string {
	if d := defOf(err); d != nil {
		return d.Code
	}
	return ""
}

// HTTPStatusOf returns the HTTP status err is sent with: 200 for nil, the
// catalog error's status (see Def.Status), or 500 for any other error.
func HTTPStatusOf(err error) int {
	if err == nil {
		return 200
	}
	if d := defOf(err); d != nil {
		return d.Status()
	}
	return 500
}

func defOf(err error) *Def {
	if e := asError(err); e != nil {
		return e.def
	}
	return asDef(err)
}

// asError returns the first *Error with a Def in err's tree, in the order
// errors.As looks. It does not allocate, unlike errors.As, whose target
// escapes.
func asError(err error) *Error {
	for err != nil {
		if e, ok := err.(*Error); ok && e != nil && e.def != nil {
			return e
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				if e := asError(x); e != nil {
					return e
				}
			}
			return nil
		default:
			return nil
		}
	}
	return nil
}

// asDef returns the first *Def in err's tree.
func asDef(err error) *Def {
	for err != nil {
		if d, ok := err.(*Def); ok && d != nil {
			return d
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				if d := asDef(x); d != nil {
					return d
				}
			}
			return nil
		default:
			return nil
		}
	}
	return nil
}

// From returns err as a catalog Error: the first *Error in its chain, a
// new Error of a *Def in the chain, or else dom's internal error with err
// as its cause, so the text of an unknown error never reaches the client.
// It returns nil for a nil err.
func From(err error, dom *Domain) *Error {
	// The common case, an *Error itself, in a call that inlines.
	if e, _ := err.(*Error); e != nil && e.def != nil {
		return e
	}
	return from(err, dom)
}

func from(err error, dom *Domain) *Error {
	if err == nil {
		return nil
	}
	if e := asError(err); e != nil {
		return e
	}
	if d := asDef(err); d != nil {
		return d.New()
	}
	return dom.InternalDef().New().WithCause(err)
}

// AppendFill appends template t with its {name} placeholders replaced by
// e's params, each piece passed through appendText (an escaper of the
// output syntax; it receives both literal text and param values). A
// placeholder without a value stays visible as {name}.
func AppendFill(dst []byte, t string, e *Error, appendText func(dst []byte, s string) []byte) []byte {
	last := 0
	for start, end := vocab.NextPlaceholder(t, 0); start >= 0; start, end = vocab.NextPlaceholder(t, end) {
		if v, ok := e.Param(t[start+1 : end-1]); ok {
			dst = appendText(dst, t[last:start])
			dst = appendText(dst, v)
			last = end
		}
	}
	return appendText(dst, t[last:])
}

func appendRaw(dst []byte, s string) []byte { return append(dst, s...) }

// Clone returns a copy of e that can be modified without changing e.
func (e *Error) Clone() *Error {
	c := *e
	if e.more != nil {
		c.more = &overflow{
			params: append([]string(nil), e.more.params...),
			meta:   append([]string(nil), e.more.meta...),
		}
	}
	return &c
}
