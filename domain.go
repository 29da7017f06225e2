package errcat

import (
	"sync"
	"sync/atomic"

	"golang.org/x/text/language"

	"github.com/errcat/errcat/vocab"
)

// Domain is one API's catalog at run time. It works as a plain struct
// literal; its language matcher and Accept-Language cache are built on
// first use. Use it through a pointer; do not copy it.
type Domain struct {
	ID, Name string
	// Locales are BCP 47 tags; the first is the default.
	Locales []string
	// Format is the name of the domain's default wire format (see
	// wire.ByName).
	Format string
	// DocsURL is a URL template: {code} is replaced by the code and
	// {request_id} by the request id.
	DocsURL string
	// Internal is the error that stands for any error that is not a
	// catalog error; nil means a built-in generic internal error.
	Internal *Def
	// APIDomain is the service name sent as google.rpc.ErrorInfo's
	// domain (AIP-193), e.g. "css.myhuaweicloud.com"; "" means ID.
	APIDomain string

	state atomic.Pointer[domainState]
}

// maxCachedAcceptLanguage bounds the per-domain memo of Accept-Language
// header values; past it, headers are matched without being remembered.
const maxCachedAcceptLanguage = 512

type domainState struct {
	matcher  language.Matcher
	internal *Def
	// accept memoizes Accept-Language value → index into Locales.
	accept  sync.Map
	naccept atomic.Int32
}

func (d *Domain) st() *domainState {
	if s := d.state.Load(); s != nil {
		return s
	}
	s := &domainState{}
	locales := d.Locales
	if len(locales) == 0 {
		locales = []string{"en"}
	}
	tags := make([]language.Tag, len(locales))
	for i, l := range locales {
		// A malformed tag still gets a place (language.Make keeps what
		// it can parse), so the returned index matches Locales.
		tags[i] = language.Make(l)
	}
	s.matcher = language.NewMatcher(tags)
	s.internal = genericInternal(d)
	if d.state.CompareAndSwap(nil, s) {
		return s
	}
	return d.state.Load()
}

// DefaultLocale returns the first of the domain's locales, or "en".
func (d *Domain) DefaultLocale() string {
	if d == nil || len(d.Locales) == 0 {
		return "en"
	}
	return d.Locales[0]
}

// Negotiate returns the domain locale that best serves an Accept-Language
// value (or a single BCP 47 tag), chosen by golang.org/x/text/language's
// Matcher; the default locale when nothing matches or the value is empty
// or malformed. Results are memoized per header value (up to 512 distinct
// values per domain), so a repeated header costs one map look-up.
func (d *Domain) Negotiate(acceptLanguage string) string {
	if d == nil || len(d.Locales) == 0 {
		return "en"
	}
	if acceptLanguage == "" || len(d.Locales) == 1 {
		return d.Locales[0]
	}
	s := d.st()
	if v, ok := s.accept.Load(acceptLanguage); ok {
		return d.Locales[v.(int)]
	}
	i := d.match(s, acceptLanguage)
	if s.naccept.Load() < maxCachedAcceptLanguage {
		if _, loaded := s.accept.LoadOrStore(acceptLanguage, i); !loaded {
			s.naccept.Add(1)
		}
	}
	return d.Locales[i]
}

// NegotiateUncached is Negotiate without the memo: it parses and matches
// the value on every call.
func (d *Domain) NegotiateUncached(acceptLanguage string) string {
	if d == nil || len(d.Locales) == 0 {
		return "en"
	}
	return d.Locales[d.match(d.st(), acceptLanguage)]
}

func (d *Domain) match(s *domainState, acceptLanguage string) int {
	prefs, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(prefs) == 0 {
		return 0
	}
	_, i, conf := s.matcher.Match(prefs...)
	if conf == language.No || i < 0 || i >= len(d.Locales) {
		return 0
	}
	return i
}

// ErrorInfoDomain returns the domain sent in google.rpc.ErrorInfo:
// APIDomain, else ID ("" for a nil Domain).
func (d *Domain) ErrorInfoDomain() string {
	if d == nil {
		return ""
	}
	if d.APIDomain != "" {
		return d.APIDomain
	}
	return d.ID
}

// InternalDef returns the domain's internal error: Internal, or a generic
// one (code "InternalError", HTTP 500) when Internal is nil.
func (d *Domain) InternalDef() *Def {
	if d == nil {
		return genericInternal(nil)
	}
	if d.Internal != nil {
		return d.Internal
	}
	return d.st().internal
}

func genericInternal(d *Domain) *Def {
	return &Def{
		Domain:     d,
		Code:       "InternalError",
		HTTPStatus: 500,
		Category:   string(vocab.Internal),
		Message: map[string]string{
			"en":      "An internal error occurred. Please try again later.",
			"zh-CN":   "服务内部错误，请稍后重试。",
			"zh-Hans": "服务内部错误，请稍后重试。",
			"zh-TW":   "服務內部錯誤，請稍後重試。",
			"zh-Hant": "服務內部錯誤，請稍後重試。",
		},
	}
}
