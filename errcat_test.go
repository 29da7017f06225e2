package errcat_test

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat"
)

// testDefs is a small domain written as generated code writes it.
type testDefs struct {
	dom                       *errcat.Domain
	missing, internal, noStat *errcat.Def
}

func newTestDefs() testDefs {
	dom := &errcat.Domain{ID: "aliyun.polardb", Name: "PolarDB", Locales: []string{"en", "zh-CN", "zh-TW"}, Format: "aliyun"}
	t := testDefs{dom: dom}
	t.missing = &errcat.Def{
		Domain: dom, Code: "MissingParameter", HTTPStatus: 400, Category: "invalid_argument",
		Message: map[string]string{
			"en":    "The input parameter {parameter} that is mandatory for processing this request is not supplied.",
			"zh-CN": "缺少必填参数 {parameter}。",
			"zh-TW": "缺少必填參數 {parameter}。",
		},
		Params: []string{"parameter"},
	}
	t.internal = &errcat.Def{Domain: dom, Code: "InternalError", HTTPStatus: 500, Category: "internal",
		Message: map[string]string{"en": "The request processing has failed due to some unknown error."}}
	t.noStat = &errcat.Def{Domain: dom, Code: "Throttling", Category: "resource_exhausted",
		Message: map[string]string{"zh-CN": "请求过于频繁"}}
	dom.Internal = t.internal
	return t
}

func TestErrorText(t *testing.T) {
	td := newTestDefs()
	cause := errors.New("dial tcp 10.0.0.1:3306: connection refused")
	tests := []struct {
		name string
		err  *errcat.Error
		want string
	}{
		{"params", td.missing.New("parameter", "DBClusterId"), "aliyun.polardb MissingParameter: The input parameter DBClusterId that is mandatory for processing this request is not supplied."},
		{"missing param stays visible", td.missing.New(), "aliyun.polardb MissingParameter: The input parameter {parameter} that is mandatory for processing this request is not supplied."},
		{"name without value", td.missing.New("parameter"), "aliyun.polardb MissingParameter: The input parameter {parameter} that is mandatory for processing this request is not supplied."},
		{"cause and request id", td.internal.New().WithCause(cause).WithRequestID("r-1"), "aliyun.polardb InternalError: The request processing has failed due to some unknown error. [request_id=r-1]: dial tcp 10.0.0.1:3306: connection refused"},
		{"no text in default locale", td.noStat.New(), "aliyun.polardb Throttling: 请求过于频繁"},
		{"no domain", (&errcat.Def{Code: "X"}).New(), "X"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.err.Error()); diff != "" {
				t.Errorf("Error() (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMessageLocales(t *testing.T) {
	td := newTestDefs()
	e := td.missing.New("parameter", "集群")
	tests := []struct{ locale, want string }{
		{"en", "The input parameter 集群 that is mandatory for processing this request is not supplied."},
		{"zh-CN", "缺少必填参数 集群。"},
		{"zh-TW", "缺少必填參數 集群。"},
		{"fr", "The input parameter 集群 that is mandatory for processing this request is not supplied."},
	}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, e.Message(tt.locale)); diff != "" {
				t.Errorf("Message(%q) (-want +got):\n%s", tt.locale, diff)
			}
		})
	}
}

func TestManyParamsAndMeta(t *testing.T) {
	def := &errcat.Def{Code: "C", Message: map[string]string{"en": "{a}{b}{c}{d}{e}{f}"}}
	e := def.New("a", "1", "b", "2", "c", "3", "d", "4", "e", "5", "f", "6")
	for i := range 5 {
		e.WithMeta(fmt.Sprint("k", i), fmt.Sprint(i))
	}
	if diff := cmp.Diff("123456", e.Message("en")); diff != "" {
		t.Errorf("Message (-want +got):\n%s", diff)
	}
	var gotParams, gotMeta []string
	for i := 0; i < e.NumParams(); i++ {
		k, v, _ := e.ParamAt(i)
		gotParams = append(gotParams, k+"="+v)
	}
	for i := 0; i < e.NumMeta(); i++ {
		k, v := e.MetaAt(i)
		gotMeta = append(gotMeta, k+"="+v)
	}
	if diff := cmp.Diff([]string{"a=1", "b=2", "c=3", "d=4", "e=5", "f=6"}, gotParams); diff != "" {
		t.Errorf("params (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"k0=0", "k1=1", "k2=2", "k3=3", "k4=4"}, gotMeta); diff != "" {
		t.Errorf("meta (-want +got):\n%s", diff)
	}
	if v, ok := e.Meta("k4"); !ok || v != "4" {
		t.Errorf("Meta(k4) = %q, %v", v, ok)
	}
	c := e.Clone().WithMeta("k5", "5")
	if e.NumMeta() != 5 || c.NumMeta() != 6 {
		t.Errorf("Clone shares metadata: %d, %d", e.NumMeta(), c.NumMeta())
	}
}

func TestIsCodeStatus(t *testing.T) {
	td := newTestDefs()
	// A Def of the same domain and code loaded separately (e.g. by the
	// defs package) is the same error.
	twin := &errcat.Def{Domain: &errcat.Domain{ID: "aliyun.polardb"}, Code: "MissingParameter"}
	other := &errcat.Def{Domain: &errcat.Domain{ID: "other"}, Code: "MissingParameter"}
	wrapped := fmt.Errorf("create cluster: %w", td.missing.New("parameter", "x"))
	tests := []struct {
		name       string
		err        error
		target     error
		is         bool
		code       string
		status     int
		fromCode   string
		fromStatus int
	}{
		{"same def", wrapped, td.missing, true, "MissingParameter", 400, "MissingParameter", 400},
		{"twin def", wrapped, twin, true, "MissingParameter", 400, "MissingParameter", 400},
		{"error target", wrapped, td.missing.New(), true, "MissingParameter", 400, "MissingParameter", 400},
		{"other domain", wrapped, other, false, "MissingParameter", 400, "MissingParameter", 400},
		{"other code", wrapped, td.internal, false, "MissingParameter", 400, "MissingParameter", 400},
		{"status from category", td.noStat.New(), td.noStat, true, "Throttling", 429, "Throttling", 429},
		{"def as error", fmt.Errorf("x: %w", td.noStat), td.noStat, true, "Throttling", 429, "Throttling", 429},
		{"foreign error", io.EOF, td.missing, false, "", 500, "InternalError", 500},
		{"nil", nil, td.missing, false, "", 200, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := errors.Is(tt.err, tt.target); got != tt.is {
				t.Errorf("errors.Is = %v, want %v", got, tt.is)
			}
			if got := errcat.CodeOf(tt.err); got != tt.code {
				t.Errorf("CodeOf = %q, want %q", got, tt.code)
			}
			if got := errcat.HTTPStatusOf(tt.err); got != tt.status {
				t.Errorf("HTTPStatusOf = %d, want %d", got, tt.status)
			}
			e := errcat.From(tt.err, td.dom)
			var code string
			var status int
			if e != nil {
				code, status = e.Code(), e.Def().Status()
			}
			if code != tt.fromCode || status != tt.fromStatus {
				t.Errorf("From = %q %d, want %q %d", code, status, tt.fromCode, tt.fromStatus)
			}
		})
	}
}

func TestFromKeepsCause(t *testing.T) {
	td := newTestDefs()
	e := errcat.From(io.ErrUnexpectedEOF, td.dom)
	if !errors.Is(e, io.ErrUnexpectedEOF) {
		t.Errorf("From lost the cause: %v", e)
	}
	if !errors.Is(e, td.internal) {
		t.Errorf("From(foreign) = %v, want the domain's internal error", e)
	}
	// Without a configured internal error, the generic one.
	g := errcat.From(io.EOF, &errcat.Domain{ID: "d"})
	if diff := cmp.Diff("d InternalError: An internal error occurred. Please try again later.: EOF", g.Error()); diff != "" {
		t.Errorf("generic internal (-want +got):\n%s", diff)
	}
	if got := errcat.From(io.EOF, nil).Code(); got != "InternalError" {
		t.Errorf("From(_, nil) code = %q", got)
	}
}

func TestNegotiate(t *testing.T) {
	tests := []struct {
		name    string
		locales []string
		accept  string
		want    string
	}{
		{"zh-CN", []string{"en", "zh-CN", "zh-TW"}, "zh-CN,zh;q=0.9", "zh-CN"},
		{"zh-TW", []string{"en", "zh-CN", "zh-TW"}, "zh-TW", "zh-TW"},
		{"zh-HK to Traditional", []string{"en", "zh-CN", "zh-TW"}, "zh-HK", "zh-TW"},
		{"en-GB", []string{"en", "zh-CN", "zh-TW"}, "en-GB,en;q=0.8", "en"},
		{"unsupported", []string{"en", "zh-CN", "zh-TW"}, "fr-FR", "en"},
		{"unsupported, Chinese default", []string{"zh-CN", "en"}, "de", "zh-CN"},
		{"q values", []string{"en", "zh-CN"}, "en;q=0.1, zh-CN;q=0.9", "zh-CN"},
		{"empty", []string{"en", "zh-CN"}, "", "en"},
		{"malformed", []string{"en", "zh-CN"}, ";;;q=x,,", "en"},
		{"one locale", []string{"zh-CN"}, "en", "zh-CN"},
		{"no locales", nil, "zh-CN", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &errcat.Domain{ID: "d", Locales: tt.locales}
			// Twice: the first call matches, the second is memoized.
			for range 2 {
				if got := d.Negotiate(tt.accept); got != tt.want {
					t.Errorf("Negotiate(%q) = %q, want %q", tt.accept, got, tt.want)
				}
			}
			if got := d.NegotiateUncached(tt.accept); got != tt.want {
				t.Errorf("NegotiateUncached(%q) = %q, want %q", tt.accept, got, tt.want)
			}
		})
	}
}

func TestNegotiateCacheBounded(t *testing.T) {
	d := &errcat.Domain{ID: "d", Locales: []string{"en", "zh-CN"}}
	for i := range 2000 {
		if got := d.Negotiate(fmt.Sprintf("zh-CN;q=0.%d", i%10)); got != "zh-CN" && i%10 != 0 {
			t.Fatalf("Negotiate #%d = %q", i, got)
		}
	}
}

func TestBuildAllocs(t *testing.T) {
	td := newTestDefs()
	var sink *errcat.Error
	n := testing.AllocsPerRun(100, func() {
		sink = td.missing.New("parameter", "DBClusterId", "region", "cn-hangzhou").
			WithMeta("quota", "10").WithRequestID("r")
	})
	if n > 1 {
		t.Errorf("building an error with 2 params and a metadata pair: %v allocs, want ≤ 1", n)
	}
	_ = sink
}

// TestConcurrentFirstUse builds and renders errors of a fresh Def and
// Domain from many goroutines at once: the lazily built templates and
// matcher must be race-free (run with -race).
func TestConcurrentFirstUse(t *testing.T) {
	td := newTestDefs()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			loc := td.dom.Negotiate([]string{"zh-CN", "zh-TW", "en-GB", "fr"}[i%4])
			e := td.missing.New("parameter", "p")
			_ = e.AppendJSONText(nil, errcat.Message, loc)
			_ = e.Error()
		}()
	}
	wg.Wait()
}

// FuzzNegotiate feeds arbitrary Accept-Language values: Negotiate never
// panics, always returns one of the domain's locales, and agrees with
// NegotiateUncached.
func FuzzNegotiate(f *testing.F) {
	for _, s := range []string{"", "zh-CN,zh;q=0.9,en;q=0.8", "zh-TW", "en-GB", "fr", "*", "zh-Hant-HK", ";;q=", "x-klingon;q=1", "en;q=2", strings.Repeat("a-", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, accept string) {
		d := &errcat.Domain{ID: "d", Locales: []string{"en", "zh-CN", "zh-TW"}}
		got := d.Negotiate(accept)
		if !slices.Contains(d.Locales, got) {
			t.Fatalf("Negotiate(%q) = %q, not a domain locale", accept, got)
		}
		if again := d.Negotiate(accept); again != got {
			t.Fatalf("Negotiate(%q) = %q, then %q", accept, got, again)
		}
		if un := d.NegotiateUncached(accept); un != got {
			t.Fatalf("Negotiate(%q) = %q, NegotiateUncached = %q", accept, got, un)
		}
	})
}

// TestParamLayouts checks params and metadata read back the same however
// they are stored: by position (named in the order of Def.Params), by
// name, mixed, with a trailing name, and beyond the inline slots.
func TestParamLayouts(t *testing.T) {
	def := &errcat.Def{Code: "C", Params: []string{"a", "b", "c"},
		Message: map[string]string{"en": "{a}/{b}/{c}/{x}"}}
	tests := []struct {
		name string
		kv   []string
		meta []string
		want paramView
	}{
		{"by position", []string{"a", "1", "b", "2"}, []string{"k", "v"},
			paramView{[]string{"a=1", "b=2"}, []string{"k=v"}, "1/2/{c}/{x}", "2", ""}},
		{"all by position", []string{"a", "1", "b", "2", "c", "3"}, []string{"k", "v", "l", "w"},
			paramView{[]string{"a=1", "b=2", "c=3"}, []string{"k=v", "l=w"}, "1/2/3/{x}", "2", ""}},
		{"mixed", []string{"a", "1", "x", "9", "b", "2"}, []string{"k", "v"},
			paramView{[]string{"a=1", "x=9", "b=2"}, []string{"k=v"}, "1/2/{c}/9", "2", "9"}},
		{"by name", []string{"b", "2", "a", "1"}, nil,
			paramView{[]string{"b=2", "a=1"}, nil, "1/2/{c}/{x}", "2", ""}},
		{"trailing name", []string{"a", "1", "b"}, []string{"k", "v"},
			paramView{[]string{"a=1", "b=<none>"}, []string{"k=v"}, "1/{b}/{c}/{x}", "<none>", ""}},
		{"first wins", []string{"a", "1", "a", "2", "x", "3", "x", "4"}, nil,
			paramView{[]string{"a=1", "a=2", "x=3", "x=4"}, nil, "1/{b}/{c}/3", "<none>", "3"}},
		{"overflow", []string{"x", "1", "y", "2", "a", "3", "b", "4"}, []string{"k", "v", "l", "w"},
			paramView{[]string{"x=1", "y=2", "a=3", "b=4"}, []string{"k=v", "l=w"}, "3/4/{c}/1", "4", "1"}},
		{"none", nil, []string{"k", "v"},
			paramView{nil, []string{"k=v"}, "{a}/{b}/{c}/{x}", "<none>", ""}},
	}
	for _, tt := range tests {
		for _, cloned := range []bool{false, true} {
			name := tt.name
			kv := tt.kv
			if cloned {
				// Names equal to the Def's but not the same strings in
				// memory take the other way of storing by position.
				name += "/cloned names"
				kv = make([]string, len(tt.kv))
				for i, s := range tt.kv {
					kv[i] = strings.Clone(s)
				}
			}
			testParamLayout(t, def, name, kv, tt.meta, tt.want)
		}
	}
}

// paramView is what TestParamLayouts reads back from an Error.
type paramView struct {
	Params  []string
	Meta    []string
	Message string
	B, X    string
}

func testParamLayout(t *testing.T, def *errcat.Def, name string, kv, meta []string, want paramView) {
	t.Helper()
	t.Run(name, func(t *testing.T) {
		e := def.New(kv...)
		for i := 0; i+1 < len(meta); i += 2 {
			e.WithMeta(meta[i], meta[i+1])
		}
		var got paramView
		for i := 0; i < e.NumParams(); i++ {
			k, v, ok := e.ParamAt(i)
			if !ok {
				v = "<none>"
			}
			got.Params = append(got.Params, k+"="+v)
		}
		for i := 0; i < e.NumMeta(); i++ {
			k, v := e.MetaAt(i)
			got.Meta = append(got.Meta, k+"="+v)
		}
		got.Message = e.Message("en")
		param := func(name, none string) string {
			if v, ok := e.Param(name); ok {
				return v
			}
			return none
		}
		got.B, got.X = param("b", "<none>"), param("x", "")
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		// The JSON text agrees with Message, into a buffer with room or
		// without.
		if diff := cmp.Diff(got.Message, string(e.AppendJSONText(nil, errcat.Message, "en"))); diff != "" {
			t.Errorf("AppendJSONText (-Message +got):\n%s", diff)
		}
		if diff := cmp.Diff(got.Message, string(e.AppendJSONText(make([]byte, 0, 256), errcat.Message, "en"))); diff != "" {
			t.Errorf("AppendJSONText with room (-Message +got):\n%s", diff)
		}
	})
}
