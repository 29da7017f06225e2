// Package grpcerr carries errcat's catalog errors through gRPC. It is a
// package of its own so that the runtime (errcat) stays free of gRPC and
// protocol buffers.
//
// The model: a catalog error travels as a google.rpc.Status whose code is
// its category's gRPC code and whose message is the developer-facing
// message in the domain's default locale, with the details AIP-193 asks
// for, each type once and in the order of errcat's google wire format:
//
//   - ErrorInfo: reason (the entry's AIP-193 reason), domain (the
//     domain's APIDomain, else its id), metadata (params and metadata
//     pairs under lowerCamel keys);
//   - LocalizedMessage: the message in the locale negotiated from the
//     request's accept-language metadata;
//   - RetryInfo, when the entry has a retry delay;
//   - RequestInfo, when the error has a request id;
//   - Help, when the domain has a docs URL.
//
// Rendered as JSON by protojson, as grpc-gateway and Envoy do, a status
// carries the same fields as errcat's google wire body.
//
// On the server, UnaryServerInterceptor and StreamServerInterceptor turn
// the errors handlers return into such statuses; an error that is not a
// catalog error becomes the domain's internal entry and its text is never
// sent. On the client, UnaryClientInterceptor and StreamClientInterceptor
// turn received statuses back into catalog errors (FromStatus) that
// errors.Is matches with the catalog's Def:
//
//	srv := grpc.NewServer(grpc.ChainUnaryInterceptor(grpcerr.UnaryServerInterceptor(grpcerr.WithDomain(dom))))
//	conn, _ := grpc.NewClient(addr, grpc.WithUnaryInterceptor(grpcerr.UnaryClientInterceptor(grpcerr.NewIndex(defs...))))
//	_, err := client.GetCluster(ctx, req)
//	errors.Is(err, notFound) // true
package grpcerr

import (
	"context"
	"log/slog"
	"maps"
	"slices"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/protoadapt"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/vocab"
	"github.com/errcat/errcat/wire"
)

// MetadataAcceptLanguage is the request metadata key the server
// interceptors negotiate the locale of LocalizedMessage from.
const MetadataAcceptLanguage = "accept-language"

// MetadataRequestID is the request metadata key the server interceptors
// read a request id from, for RequestInfo.
const MetadataRequestID = "x-request-id"

// Status returns err as a gRPC status with its AIP-193 details, the
// LocalizedMessage in the domain locale that best serves locale (a BCP 47
// tag or an Accept-Language value). A catalog error is sent as itself;
// any other error as the generic internal error, without its text (see
// errcat.From). It returns an OK status for a nil err.
func Status(err error, locale string) *status.Status {
	if err == nil {
		return status.New(codes.OK, "")
	}
	return StatusOf(errcat.From(err, nil), locale)
}

// StatusOf returns the status of a catalog error (see Status).
func StatusOf(e *errcat.Error, locale string) *status.Status {
	code, msg, details := parts(e, locale)
	st, err := status.New(code, msg).WithDetails(details...)
	if err != nil { // only for code OK: a domain's success code
		return status.New(code, msg)
	}
	return st
}

// Code returns the gRPC code a catalog error is sent with: its category's,
// or, for an unknown category, the one its HTTP status stands for.
func Code(d *errcat.Def) codes.Code {
	c := vocab.Category(d.Category)
	if !c.Valid() {
		c = vocab.GRPCCategoryForStatus(d.Status())
	}
	return codes.Code(c.GRPCCode())
}

// Proto returns the google.rpc.Status of a catalog error (see Status).
func Proto(e *errcat.Error, locale string) *spb.Status {
	return StatusOf(e, locale).Proto()
}

// parts returns the code, message and details of e's status.
func parts(e *errcat.Error, locale string) (codes.Code, string, []protoadapt.MessageV1) {
	if e == nil || e.Def() == nil {
		e = (*errcat.Domain)(nil).InternalDef().New()
	}
	d := e.Def()
	dom := d.Domain
	loc := dom.Negotiate(locale)
	msgLoc, ok := e.TextLocale(errcat.Message, loc)
	if !ok {
		msgLoc = loc
	}
	defMsg := e.Message(dom.DefaultLocale())
	locMsg := defMsg
	if defLoc, _ := e.TextLocale(errcat.Message, dom.DefaultLocale()); !ok || defLoc != msgLoc {
		locMsg = e.Message(loc)
	}
	details := make([]protoadapt.MessageV1, 0, 5)
	details = append(details,
		&errdetails.ErrorInfo{Reason: d.AIPReason(), Domain: dom.ErrorInfoDomain(), Metadata: metadataOf(e)},
		&errdetails.LocalizedMessage{Locale: msgLoc, Message: locMsg})
	if d.RetryAfter > 0 {
		details = append(details, &errdetails.RetryInfo{RetryDelay: durationpb.New(d.RetryAfter)})
	}
	if id := e.RequestID(); id != "" {
		details = append(details, &errdetails.RequestInfo{RequestId: id})
	}
	if dom != nil && dom.DocsURL != "" {
		desc := "Error code reference"
		if t, _ := d.Text(d.Remediation, loc); t != "" {
			desc = string(errcat.AppendFill(nil, t, e, func(dst []byte, s string) []byte { return append(dst, s...) }))
		}
		details = append(details, &errdetails.Help{Links: []*errdetails.Help_Link{{Description: desc, Url: string(wire.AppendDocsURL(nil, e))}}})
	}
	return Code(d), defMsg, details
}

// metadataOf returns e's params (those with a value), then its metadata
// pairs, under their lowerCamel keys, the first of two equal keys winning.
func metadataOf(e *errcat.Error) map[string]string {
	md := make(map[string]string, e.NumParams()+e.NumMeta())
	put := func(k, v string) {
		k = vocab.MetadataKey(k)
		if _, dup := md[k]; !dup {
			md[k] = v
		}
	}
	for i := 0; i < e.NumParams(); i++ {
		if k, v, ok := e.ParamAt(i); ok {
			put(k, v)
		}
	}
	for i := 0; i < e.NumMeta(); i++ {
		put(e.MetaAt(i))
	}
	return md
}

// Index finds the catalog entry of a received ErrorInfo by its domain
// and reason. Build it with NewIndex; it is immutable and safe for
// concurrent use.
type Index struct {
	defs map[[2]string]*errcat.Def
}

// NewIndex indexes defs by (ErrorInfo domain, reason), under both the
// domain's APIDomain and its id.
func NewIndex(defs ...*errcat.Def) *Index {
	ix := &Index{defs: make(map[[2]string]*errcat.Def, len(defs))}
	for _, d := range defs {
		if d == nil {
			continue
		}
		r := d.AIPReason()
		if d.Domain != nil && d.Domain.ID != "" {
			ix.defs[[2]string{d.Domain.ID, r}] = d
		}
		ix.defs[[2]string{d.Domain.ErrorInfoDomain(), r}] = d
	}
	return ix
}

// Lookup returns the Def sent with ErrorInfo domain and reason, or nil.
func (ix *Index) Lookup(domain, reason string) *errcat.Def {
	if ix == nil {
		return nil
	}
	return ix.defs[[2]string{domain, reason}]
}

// FromStatus returns the catalog error a received status stands for: the
// Def of its ErrorInfo in ix, with its params read back from the metadata
// (by their lowerCamel keys), the other metadata pairs as metadata and
// the request id of RequestInfo. errors.Is matches it with the Def,
// errors.As finds the *errcat.Error, and status.FromError and
// status.Code still give the status as received. A status whose
// ErrorInfo ix does not know is returned as st.Err(); an OK status as
// nil.
func FromStatus(st *status.Status, ix *Index) error {
	if st == nil || st.Code() == codes.OK {
		return nil
	}
	var info *errdetails.ErrorInfo
	requestID := ""
	for _, det := range st.Details() {
		switch x := det.(type) {
		case *errdetails.ErrorInfo:
			if info == nil {
				info = x
			}
		case *errdetails.RequestInfo:
			requestID = x.GetRequestId()
		}
	}
	if info == nil {
		return st.Err()
	}
	d := ix.Lookup(info.GetDomain(), info.GetReason())
	if d == nil {
		return st.Err()
	}
	md := info.GetMetadata()
	var kv []string
	used := make(map[string]bool, len(d.Params))
	for _, p := range d.Params {
		k := vocab.MetadataKey(p)
		if v, ok := md[k]; ok && !used[k] {
			kv = append(kv, p, v)
			used[k] = true
		}
	}
	e := d.New(kv...).WithCause(st.Err())
	for _, k := range slices.Sorted(maps.Keys(md)) {
		if !used[k] {
			e.WithMeta(k, md[k])
		}
	}
	if requestID != "" {
		e.WithRequestID(requestID)
	}
	return &received{e: e, st: st}
}

// received is a catalog error read from a status: it unwraps to the
// *errcat.Error (whose cause is the status's error) and gives grpc-go the
// status as received.
type received struct {
	e  *errcat.Error
	st *status.Status
}

func (r *received) Error() string              { return r.e.Error() }
func (r *received) Unwrap() error              { return r.e }
func (r *received) GRPCStatus() *status.Status { return r.st }

// RetryDelay returns the RetryInfo delay of a status; ok is false when it
// has none.
func RetryDelay(st *status.Status) (time.Duration, bool) {
	for _, det := range st.Details() {
		if ri, isRetry := det.(*errdetails.RetryInfo); isRetry && ri.GetRetryDelay() != nil {
			return ri.GetRetryDelay().AsDuration(), true
		}
	}
	return 0, false
}

// Option configures the server interceptors.
type Option func(*config)

type config struct {
	dom      *errcat.Domain
	logger   *slog.Logger
	observer func(ctx context.Context, e *errcat.Error, foreign bool)
}

// WithDomain sets the service's domain: its internal entry stands for
// errors that are not catalog errors.
func WithDomain(dom *errcat.Domain) Option { return func(c *config) { c.dom = dom } }

// WithLogger sets the logger that receives non-catalog errors with their
// text, and catalog errors of code INTERNAL and worse; nil means
// slog.Default().
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithObserver sets a function called for every error a server
// interceptor sends, with the context of the call (its span, for
// tracing), the catalog error as sent, and whether it stands for an error
// that was not a catalog error (OpenTelemetry's error.type _OTHER).
// errcatotel and Prometheus collectors plug in here.
func WithObserver(f func(ctx context.Context, e *errcat.Error, foreign bool)) Option {
	return func(c *config) { c.observer = f }
}

func newConfig(opts []Option) *config {
	c := &config{}
	for _, o := range opts {
		o(c)
	}
	if c.logger == nil {
		c.logger = slog.Default()
	}
	return c
}

// convert turns a handler's error into the status error sent to the
// client.
func (c *config) convert(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	e := errcat.From(err, c.dom)
	foreign := errcat.CodeOf(err) == ""
	md, _ := metadata.FromIncomingContext(ctx)
	if e.RequestID() == "" {
		if ids := md.Get(MetadataRequestID); len(ids) > 0 && ids[0] != "" {
			e = e.Clone().WithRequestID(ids[0])
		}
	}
	if foreign || Code(e.Def()) == codes.Internal || Code(e.Def()) == codes.DataLoss || Code(e.Def()) == codes.Unknown {
		c.logger.ErrorContext(ctx, "gRPC handler error", slog.String("request_id", e.RequestID()), slog.String("error", e.Error()))
	}
	if c.observer != nil {
		c.observer(ctx, e, foreign)
	}
	lang := ""
	if v := md.Get(MetadataAcceptLanguage); len(v) > 0 {
		lang = v[0]
	}
	return StatusOf(e, lang).Err()
}

// UnaryServerInterceptor converts the errors of unary handlers.
func UnaryServerInterceptor(opts ...Option) grpc.UnaryServerInterceptor {
	c := newConfig(opts)
	return func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		resp, err := handler(ctx, req)
		if err != nil {
			return nil, c.convert(ctx, err)
		}
		return resp, nil
	}
}

// StreamServerInterceptor converts the errors of streaming handlers.
func StreamServerInterceptor(opts ...Option) grpc.StreamServerInterceptor {
	c := newConfig(opts)
	return func(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		return c.convert(ss.Context(), handler(srv, ss))
	}
}

// UnaryClientInterceptor turns the statuses of failed calls into catalog
// errors (FromStatus); other errors pass unchanged.
func UnaryClientInterceptor(ix *Index) grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		return fromError(invoker(ctx, method, req, reply, cc, opts...), ix)
	}
}

// StreamClientInterceptor turns the statuses of failed streams, from
// opening them or from receiving on them, into catalog errors.
func StreamClientInterceptor(ix *Index) grpc.StreamClientInterceptor {
	return func(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, streamer grpc.Streamer, opts ...grpc.CallOption) (grpc.ClientStream, error) {
		cs, err := streamer(ctx, desc, cc, method, opts...)
		if err != nil {
			return nil, fromError(err, ix)
		}
		return &clientStream{ClientStream: cs, ix: ix}, nil
	}
}

type clientStream struct {
	grpc.ClientStream
	ix *Index
}

func (s *clientStream) RecvMsg(m any) error { return fromError(s.ClientStream.RecvMsg(m), s.ix) }

func fromError(err error, ix *Index) error {
	if err == nil {
		return nil
	}
	st, ok := status.FromError(err)
	if !ok {
		return err
	}
	return FromStatus(st, ix)
}
