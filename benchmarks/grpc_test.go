package benchmarks

import (
	"fmt"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/grpcerr"
)

// The gRPC conversion: the catalog error of runtime_test.go (two params,
// one metadata pair) as a *status.Status with ErrorInfo and a
// LocalizedMessage in zh-CN, the details AIP-193 asks for. grpcerr derives
// reason, domain, lowerCamel metadata keys and both texts from the Def;
// the peer is the same status written by hand with status.New and
// WithDetails, the message formatted with fmt.

func statusErrcat(def *errcat.Def) *status.Status {
	return grpcerr.Status(handlerError(def), acceptZH)
}

func statusByHand() (*status.Status, error) {
	st := status.New(codes.NotFound, fmt.Sprintf("The cluster %s does not exist in %s.", cluster, region))
	return st.WithDetails(
		&errdetails.ErrorInfo{Reason: "CSS_0015", Domain: domainID, Metadata: map[string]string{"cluster": cluster, "region": region, metaKey: metaVal}},
		&errdetails.LocalizedMessage{Locale: "zh-CN", Message: fmt.Sprintf("集群 %s 在 %s 不存在。", cluster, region)},
	)
}

// TestStatusPeersAgree keeps the comparison fair: both give the same
// status.
func TestStatusPeersAgree(t *testing.T) {
	byHand, err := statusByHand()
	if err != nil {
		t.Fatal(err)
	}
	got := statusErrcat(notFound())
	if got.Code() != byHand.Code() || got.Message() != byHand.Message() || fmt.Sprint(got.Details()) != fmt.Sprint(byHand.Details()) {
		t.Errorf("errcat: %v %q %v\nby hand: %v %q %v", got.Code(), got.Message(), got.Details(), byHand.Code(), byHand.Message(), byHand.Details())
	}
}

func BenchmarkGRPCStatus(b *testing.B) {
	def := notFound()
	b.Run("errcat-grpcerr", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if st := statusErrcat(def); st.Code() != codes.NotFound {
				b.Fatal(st.Code())
			}
		}
	})
	b.Run("status-withdetails", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := statusByHand(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
