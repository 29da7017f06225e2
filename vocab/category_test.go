package vocab

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCategoryIndex keeps the switch of Category.index in step with the
// table.
func TestCategoryIndex(t *testing.T) {
	for i, row := range categories {
		if got := row.Category.index(); got != i {
			t.Errorf("%s.index() = %d, want %d", row.Category, got, i)
		}
	}
	if got := Category("bogus").index(); got != -1 {
		t.Errorf(`"bogus".index() = %d, want -1`, got)
	}
}

// TestCategoryTable checks the table's own consistency: one row per gRPC
// code 0-16, names in upper snake case of the category, error statuses.
func TestCategoryTable(t *testing.T) {
	seen := map[int]Category{}
	for _, row := range CategoryTable() {
		if prev, dup := seen[row.GRPCCode]; dup {
			t.Errorf("gRPC code %d is both %s and %s", row.GRPCCode, prev, row.Category)
		}
		seen[row.GRPCCode] = row.Category
		if want := upperSnake(string(row.Category)); row.GRPCName != want {
			t.Errorf("%s: gRPC name %q, want %q", row.Category, row.GRPCName, want)
		}
		if row.Category != OK && row.HTTPStatus < 400 {
			t.Errorf("%s: HTTP status %d is not an error status", row.Category, row.HTTPStatus)
		}
		if c, ok := CategoryForGRPC(row.GRPCName); !ok || c != row.Category {
			t.Errorf("CategoryForGRPC(%q) = %q, %v; want %q", row.GRPCName, c, ok, row.Category)
		}
		if !StatusFitsCategory(row.HTTPStatus, row.Category) {
			t.Errorf("StatusFitsCategory(%d, %s) = false", row.HTTPStatus, row.Category)
		}
	}
	for code := range 17 {
		if _, ok := seen[code]; !ok {
			t.Errorf("no category has gRPC code %d", code)
		}
	}
}

func upperSnake(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func TestCategoryMethods(t *testing.T) {
	type row struct {
		Valid     bool
		Status    int
		GRPC      string
		Code      int
		Retryable bool
	}
	tests := []struct {
		c    Category
		want row
	}{
		{NotFound, row{true, 404, "NOT_FOUND", 5, false}},
		{Unavailable, row{true, 503, "UNAVAILABLE", 14, true}},
		{Aborted, row{true, 409, "ABORTED", 10, true}},
		{ResourceExhausted, row{true, 429, "RESOURCE_EXHAUSTED", 8, false}},
		{"", row{false, 0, "UNKNOWN", 2, false}},
		{"Not_Found", row{false, 0, "UNKNOWN", 2, false}},
	}
	for _, tt := range tests {
		got := row{tt.c.Valid(), tt.c.HTTPStatus(), tt.c.GRPCName(), tt.c.GRPCCode(), tt.c.DefaultRetryable()}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.c, diff)
		}
	}
}

func TestCategoryForStatus(t *testing.T) {
	tests := []struct {
		status   int
		want     Category
		wantGRPC Category
	}{
		{0, Unknown, Unknown},
		{200, OK, Unknown},
		{204, OK, Unknown},
		{302, Unknown, Unknown},
		{400, InvalidArgument, InvalidArgument},
		{401, Unauthenticated, Unauthenticated},
		{403, PermissionDenied, PermissionDenied},
		{404, NotFound, NotFound},
		{409, AlreadyExists, Aborted},
		{412, FailedPrecondition, Unknown},
		{416, OutOfRange, Unknown},
		{418, FailedPrecondition, Unknown},
		{429, ResourceExhausted, ResourceExhausted},
		{499, Cancelled, Cancelled},
		{500, Internal, Internal},
		{501, Unimplemented, Unimplemented},
		{502, Unavailable, Internal},
		{503, Unavailable, Unavailable},
		{504, DeadlineExceeded, DeadlineExceeded},
		{507, Internal, Internal},
	}
	for _, tt := range tests {
		if got := CategoryForStatus(tt.status); got != tt.want {
			t.Errorf("CategoryForStatus(%d) = %s, want %s", tt.status, got, tt.want)
		}
		if got := GRPCCategoryForStatus(tt.status); got != tt.wantGRPC {
			t.Errorf("GRPCCategoryForStatus(%d) = %s, want %s", tt.status, got, tt.wantGRPC)
		}
	}
}

func TestStatusFitsCategory(t *testing.T) {
	tests := []struct {
		status int
		c      Category
		want   bool
	}{
		{404, NotFound, true},
		{410, NotFound, true},
		{500, NotFound, false},
		{412, FailedPrecondition, true},
		{408, DeadlineExceeded, true},
		{400, Unknown, false},
		{500, Unknown, true},
		{500, "bogus", false},
	}
	for _, tt := range tests {
		if got := StatusFitsCategory(tt.status, tt.c); got != tt.want {
			t.Errorf("StatusFitsCategory(%d, %q) = %v, want %v", tt.status, tt.c, got, tt.want)
		}
	}
}

func BenchmarkCategoryHTTPStatus(b *testing.B) {
	cats := []Category{NotFound, InvalidArgument, Internal, DeadlineExceeded, OK, ResourceExhausted, "bogus", Unavailable}
	sum := 0
	for i := 0; b.Loop(); i++ {
		sum += cats[i&7].HTTPStatus()
	}
	if sum == 0 {
		b.Fatal("no statuses")
	}
}
