package grpcerr_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/defs"
	"github.com/errcat/errcat/grpcerr"
	"github.com/errcat/errcat/vocab"
	"github.com/errcat/errcat/wire"
)

// The test service's catalog.
var (
	shop = &errcat.Domain{ID: "example.shop", APIDomain: "shop.example.com", Locales: []string{"en", "zh-CN"},
		Format: "google", DocsURL: "https://docs.example.com/errors/{code}"}
	orderNotFound = &errcat.Def{Domain: shop, Code: "Order.NotFound", HTTPStatus: 404, Category: "not_found",
		Message:     map[string]string{"en": "Order {order_id} does not exist.", "zh-CN": "订单 {order_id} 不存在。"},
		Remediation: map[string]string{"en": "Check the order id {order_id}."},
		Params:      []string{"order_id"}}
	busy = &errcat.Def{Domain: shop, Code: "Busy", HTTPStatus: 503, Category: "unavailable", Retryable: true,
		Reason: "SHOP_BUSY", RetryAfter: 30 * time.Second,
		Message: map[string]string{"en": "The shop is busy.", "zh-CN": "商店繁忙。"}}
	internal = &errcat.Def{Domain: shop, Code: "Internal", HTTPStatus: 500, Category: "internal",
		Message: map[string]string{"en": "Something went wrong.", "zh-CN": "出错了。"}}
)

func init() { shop.Internal = internal }

// handlerError is what the service's handlers return for a request value.
func handlerError(v string) error {
	switch v {
	case "missing":
		return orderNotFound.New("order_id", "o-17").WithMeta("region", "eu-1")
	case "busy":
		return fmt.Errorf("checkout: %w", busy.New())
	case "boom":
		return errors.New("dial db: password=hunter2 refused")
	}
	return nil
}

// echoDesc is a hand-written service descriptor: a unary Get and a
// server-streaming Watch on StringValue, so the test needs no generated
// code.
var echoDesc = grpc.ServiceDesc{
	ServiceName: "errcat.test.Echo",
	HandlerType: (*any)(nil),
	Methods: []grpc.MethodDesc{{
		MethodName: "Get",
		Handler: func(srv any, ctx context.Context, dec func(any) error, icpt grpc.UnaryServerInterceptor) (any, error) {
			in := new(wrapperspb.StringValue)
			if err := dec(in); err != nil {
				return nil, err
			}
			h := func(ctx context.Context, req any) (any, error) {
				v := req.(*wrapperspb.StringValue).GetValue()
				if err := handlerError(v); err != nil {
					return nil, err
				}
				return wrapperspb.String("got " + v), nil
			}
			if icpt == nil {
				return h(ctx, in)
			}
			return icpt(ctx, in, &grpc.UnaryServerInfo{Server: srv, FullMethod: "/errcat.test.Echo/Get"}, h)
		},
	}},
	Streams: []grpc.StreamDesc{{
		StreamName:    "Watch",
		ServerStreams: true,
		Handler: func(srv any, stream grpc.ServerStream) error {
			in := new(wrapperspb.StringValue)
			if err := stream.RecvMsg(in); err != nil {
				return err
			}
			if err := stream.SendMsg(wrapperspb.String("first")); err != nil {
				return err
			}
			return handlerError(in.GetValue())
		},
	}},
}

type fixture struct {
	conn     *grpc.ClientConn
	observed []string
}

// start runs the service on bufconn with errcat's server interceptors and
// returns a client with the client interceptors.
func start(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{}
	lis := bufconn.Listen(1 << 20)
	opts := []grpcerr.Option{
		grpcerr.WithDomain(shop),
		grpcerr.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))),
		grpcerr.WithObserver(func(_ context.Context, e *errcat.Error, foreign bool) {
			f.observed = append(f.observed, fmt.Sprintf("%s foreign=%v", e.Code(), foreign))
		}),
	}
	srv := grpc.NewServer(
		grpc.ChainUnaryInterceptor(grpcerr.UnaryServerInterceptor(opts...)),
		grpc.ChainStreamInterceptor(grpcerr.StreamServerInterceptor(opts...)),
	)
	srv.RegisterService(&echoDesc, struct{}{})
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	ix := grpcerr.NewIndex(orderNotFound, busy, internal)
	conn, err := grpc.NewClient("passthrough:///bufnet",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithUnaryInterceptor(grpcerr.UnaryClientInterceptor(ix)),
		grpc.WithStreamInterceptor(grpcerr.StreamClientInterceptor(ix)),
	)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	f.conn = conn
	return f
}

func (f *fixture) get(ctx context.Context, v string) (string, error) {
	out := new(wrapperspb.StringValue)
	err := f.conn.Invoke(ctx, "/errcat.test.Echo/Get", wrapperspb.String(v), out)
	return out.GetValue(), err
}

// TestRoundTrip sends catalog and foreign errors through a real grpc-go
// server and client and reads them back.
func TestRoundTrip(t *testing.T) {
	f := start(t)
	ctx := metadata.AppendToOutgoingContext(context.Background(), "accept-language", "zh-CN,zh;q=0.9", "x-request-id", "req-42")

	got, err := f.get(ctx, "ok")
	if err != nil || got != "got ok" {
		t.Fatalf("ok call: %q, %v", got, err)
	}

	_, err = f.get(ctx, "missing")
	if !errors.Is(err, orderNotFound) {
		t.Fatalf("err = %v, want errors.Is Order.NotFound", err)
	}
	var e *errcat.Error
	if !errors.As(err, &e) {
		t.Fatalf("%T is no *errcat.Error", err)
	}
	orderID, _ := e.Param("order_id")
	region, _ := e.Meta("region")
	st, _ := status.FromError(err)
	gotFields := map[string]any{"order_id": orderID, "region": region, "request_id": e.RequestID(),
		"code": st.Code().String(), "message": st.Message(), "localized": localized(st)}
	wantFields := map[string]any{"order_id": "o-17", "region": "eu-1", "request_id": "req-42",
		"code": "NotFound", "message": "Order o-17 does not exist.", "localized": "zh-CN: 订单 o-17 不存在。"}
	if diff := cmp.Diff(wantFields, gotFields); diff != "" {
		t.Errorf("Order.NotFound (-want +got):\n%s", diff)
	}

	_, err = f.get(context.Background(), "busy")
	st, _ = status.FromError(err)
	delay, ok := grpcerr.RetryDelay(st)
	if !errors.Is(err, busy) || st.Code() != codes.Unavailable || !ok || delay != 30*time.Second || localized(st) != "en: The shop is busy." {
		t.Errorf("busy: err %v, code %v, retry %v %v, localized %q", err, st.Code(), delay, ok, localized(st))
	}

	_, err = f.get(ctx, "boom")
	st, _ = status.FromError(err)
	if !errors.Is(err, internal) || st.Code() != codes.Internal {
		t.Errorf("boom: %v (code %v), want the domain's internal entry", err, st.Code())
	}
	if raw := fmt.Sprint(st.Proto()); strings.Contains(raw, "hunter2") || strings.Contains(raw, "dial db") {
		t.Errorf("the foreign error's text reached the client: %s", raw)
	}

	// A stream that fails after its first message.
	stream, err := f.conn.NewStream(ctx, &echoDesc.Streams[0], "/errcat.test.Echo/Watch")
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.SendMsg(wrapperspb.String("missing")); err != nil {
		t.Fatal(err)
	}
	_ = stream.CloseSend()
	first := new(wrapperspb.StringValue)
	if err := stream.RecvMsg(first); err != nil || first.GetValue() != "first" {
		t.Fatalf("first message: %v %v", first, err)
	}
	if err := stream.RecvMsg(new(wrapperspb.StringValue)); !errors.Is(err, orderNotFound) {
		t.Errorf("stream error %v, want Order.NotFound", err)
	}

	want := []string{"Order.NotFound foreign=false", "Busy foreign=false", "Internal foreign=true", "Order.NotFound foreign=false"}
	if diff := cmp.Diff(want, f.observed); diff != "" {
		t.Errorf("observed (-want +got):\n%s", diff)
	}
}

func localized(st *status.Status) string {
	for _, d := range st.Details() {
		if lm, ok := d.(*errdetails.LocalizedMessage); ok {
			return lm.GetLocale() + ": " + lm.GetMessage()
		}
	}
	return ""
}

// TestFromStatusUnknown leaves statuses the index does not know alone.
func TestFromStatusUnknown(t *testing.T) {
	ix := grpcerr.NewIndex(orderNotFound)
	plain := status.New(codes.NotFound, "no such thing")
	if err := grpcerr.FromStatus(plain, ix); status.Code(err) != codes.NotFound || errors.Is(err, orderNotFound) {
		t.Errorf("plain status: %v", err)
	}
	other := grpcerr.StatusOf(busy.New(), "en")
	if err := grpcerr.FromStatus(other, ix); errors.Is(err, busy) || status.Code(err) != codes.Unavailable {
		t.Errorf("unindexed reason: %v", err)
	}
	if err := grpcerr.FromStatus(status.New(codes.OK, ""), ix); err != nil {
		t.Errorf("OK status: %v", err)
	}
}

// TestProtojsonMatchesGoogleBody renders every built-in entry (and the
// test catalog's) as a google.rpc.Status through protojson, as
// grpc-gateway and Envoy do, and compares it with errcat's google wire
// body: the same message and details, and the gRPC code of the body's
// status.
func TestProtojsonMatchesGoogleBody(t *testing.T) {
	reg, err := defs.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	all := []*errcat.Def{orderNotFound, busy, internal}
	for _, id := range reg.Domains() {
		for _, d := range reg.Defs(id) {
			if d.Category != string(vocab.OK) {
				all = append(all, d)
			}
		}
	}
	google, _ := wire.ByName("google")
	n := 0
	for _, d := range all {
		var kv []string
		for i, p := range d.Params {
			kv = append(kv, p, fmt.Sprintf("v%d <&> \"%s\"", i, p))
		}
		for _, loc := range d.Domain.Locales {
			e := d.New(kv...).WithMeta("sub_code", "100004").WithRequestID("req-1")
			pj, err := protojson.Marshal(grpcerr.Proto(e, loc))
			if err != nil {
				t.Fatal(err)
			}
			var gw struct {
				Code    int    `json:"code"`
				Message string `json:"message"`
				Details []any  `json:"details"`
			}
			if err := json.Unmarshal(pj, &gw); err != nil {
				t.Fatal(err)
			}
			var body struct {
				Error struct {
					Message string `json:"message"`
					Status  string `json:"status"`
					Details []any  `json:"details"`
				} `json:"error"`
			}
			if err := json.Unmarshal(google.Append(nil, e, wire.Options{Locale: loc}), &body); err != nil {
				t.Fatal(err)
			}
			cat, _ := vocab.CategoryForGRPC(body.Error.Status)
			got := []any{gw.Code, gw.Message, gw.Details}
			want := []any{cat.GRPCCode(), body.Error.Message, body.Error.Details}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s %s [%s]: protojson status differs from the google body (-body +protojson):\n%s", d.Domain.ID, d.Code, loc, diff)
			}
			n++
		}
	}
	if n < 400 {
		t.Fatalf("compared only %d", n)
	}
}
