package vocab

// Category is a catalog category: a gRPC canonical code in snake case, or
// "ok" for a domain's success code.
type Category string

// The categories, in canonical order.
const (
	OK                 Category = "ok"
	InvalidArgument    Category = "invalid_argument"
	FailedPrecondition Category = "failed_precondition"
	OutOfRange         Category = "out_of_range"
	Unauthenticated    Category = "unauthenticated"
	PermissionDenied   Category = "permission_denied"
	NotFound           Category = "not_found"
	AlreadyExists      Category = "already_exists"
	Aborted            Category = "aborted"
	ResourceExhausted  Category = "resource_exhausted"
	Cancelled          Category = "cancelled"
	Internal           Category = "internal"
	DataLoss           Category = "data_loss"
	Unknown            Category = "unknown"
	Unimplemented      Category = "unimplemented"
	Unavailable        Category = "unavailable"
	DeadlineExceeded   Category = "deadline_exceeded"
)

// CategoryInfo is one row of the category table.
type CategoryInfo struct {
	Category Category
	// HTTPStatus is the usual HTTP status of the category's errors.
	HTTPStatus int
	// GRPCName and GRPCCode are the gRPC status, e.g. "INVALID_ARGUMENT"
	// and 3 (google.rpc.Code).
	GRPCName string
	GRPCCode int
	// Retryable says whether errors of the category are retryable by
	// default: unavailable, aborted and deadline_exceeded.
	// resource_exhausted is retryable only when it is throttling, which
	// the entry must say itself.
	Retryable bool
}

// categories is the one table of the categories, in canonical order.
var categories = [...]CategoryInfo{
	{OK, 200, "OK", 0, false},
	{InvalidArgument, 400, "INVALID_ARGUMENT", 3, false},
	{FailedPrecondition, 400, "FAILED_PRECONDITION", 9, false},
	{OutOfRange, 400, "OUT_OF_RANGE", 11, false},
	{Unauthenticated, 401, "UNAUTHENTICATED", 16, false},
	{PermissionDenied, 403, "PERMISSION_DENIED", 7, false},
	{NotFound, 404, "NOT_FOUND", 5, false},
	{AlreadyExists, 409, "ALREADY_EXISTS", 6, false},
	{Aborted, 409, "ABORTED", 10, true},
	{ResourceExhausted, 429, "RESOURCE_EXHAUSTED", 8, false},
	{Cancelled, 499, "CANCELLED", 1, false},
	{Internal, 500, "INTERNAL", 13, false},
	{DataLoss, 500, "DATA_LOSS", 15, false},
	{Unknown, 500, "UNKNOWN", 2, false},
	{Unimplemented, 501, "UNIMPLEMENTED", 12, false},
	{Unavailable, 503, "UNAVAILABLE", 14, true},
	{DeadlineExceeded, 504, "DEADLINE_EXCEEDED", 4, true},
}

// index returns c's row in categories, or -1. It is a switch rather than
// a scan or a map because the runtime asks it on every render of an entry
// without a documented status (errcat.Def.Status); TestCategoryIndex
// keeps it in step with the table.
func (c Category) index() int {
	switch c {
	case OK:
		return 0
	case InvalidArgument:
		return 1
	case FailedPrecondition:
		return 2
	case OutOfRange:
		return 3
	case Unauthenticated:
		return 4
	case PermissionDenied:
		return 5
	case NotFound:
		return 6
	case AlreadyExists:
		return 7
	case Aborted:
		return 8
	case ResourceExhausted:
		return 9
	case Cancelled:
		return 10
	case Internal:
		return 11
	case DataLoss:
		return 12
	case Unknown:
		return 13
	case Unimplemented:
		return 14
	case Unavailable:
		return 15
	case DeadlineExceeded:
		return 16
	}
	return -1
}

// Categories returns every category in canonical order.
func Categories() []Category {
	out := make([]Category, len(categories))
	for i := range categories {
		out[i] = categories[i].Category
	}
	return out
}

// CategoryTable returns the rows of the category table in canonical order.
func CategoryTable() []CategoryInfo {
	out := make([]CategoryInfo, len(categories))
	copy(out, categories[:])
	return out
}

// Info returns c's row of the table; ok is false for an unknown category.
func (c Category) Info() (info CategoryInfo, ok bool) {
	if i := c.index(); i >= 0 {
		return categories[i], true
	}
	return CategoryInfo{}, false
}

// Valid reports whether c is a known category.
func (c Category) Valid() bool { return c.index() >= 0 }

// HTTPStatus is the category's usual HTTP status (0 for an unknown
// category).
func (c Category) HTTPStatus() int {
	if i := c.index(); i >= 0 {
		return categories[i].HTTPStatus
	}
	return 0
}

// GRPCName is the category's gRPC status name, e.g. "INVALID_ARGUMENT";
// "UNKNOWN" for an unknown category.
func (c Category) GRPCName() string {
	if i := c.index(); i >= 0 {
		return categories[i].GRPCName
	}
	return categories[Unknown.index()].GRPCName
}

// GRPCCode is the category's gRPC status code, e.g. 3 for
// invalid_argument; that of unknown (2) for an unknown category.
func (c Category) GRPCCode() int {
	if i := c.index(); i >= 0 {
		return categories[i].GRPCCode
	}
	return categories[Unknown.index()].GRPCCode
}

// DefaultRetryable reports whether errors of the category are retryable
// by default (see CategoryInfo.Retryable); false for an unknown category.
func (c Category) DefaultRetryable() bool {
	if i := c.index(); i >= 0 {
		return categories[i].Retryable
	}
	return false
}

// CategoryForGRPC returns the category of a gRPC status name such as
// "NOT_FOUND"; ok is false for a name that is none.
func CategoryForGRPC(name string) (c Category, ok bool) {
	for i := range categories {
		if categories[i].GRPCName == name {
			return categories[i].Category, true
		}
	}
	return "", false
}

// CategoryForStatus returns the most likely category of an error sent
// with an HTTP status: what an importer assumes of a code documented with
// only a status, and what a decoder assumes of a response without a
// category. A 2xx status is ok, another 4xx failed_precondition, another
// 5xx internal, anything else unknown.
func CategoryForStatus(status int) Category {
	switch status {
	case 400:
		return InvalidArgument
	case 401:
		return Unauthenticated
	case 403:
		return PermissionDenied
	case 404:
		return NotFound
	case 409:
		return AlreadyExists
	case 412:
		return FailedPrecondition
	case 416:
		return OutOfRange
	case 429:
		return ResourceExhausted
	case 499:
		return Cancelled
	case 501:
		return Unimplemented
	case 502, 503:
		return Unavailable
	case 504:
		return DeadlineExceeded
	}
	switch {
	case status >= 200 && status < 300:
		return OK
	case status >= 400 && status < 500:
		return FailedPrecondition
	case status >= 500:
		return Internal
	}
	return Unknown
}

// GRPCCategoryForStatus returns the category whose gRPC status an error
// response of unknown category states for an HTTP status, as google.rpc.Code
// maps HTTP statuses (AIP-193: 409 is ABORTED, another 5xx INTERNAL);
// unknown for a status it does not map.
func GRPCCategoryForStatus(status int) Category {
	switch status {
	case 400:
		return InvalidArgument
	case 401:
		return Unauthenticated
	case 403:
		return PermissionDenied
	case 404:
		return NotFound
	case 409:
		return Aborted
	case 429:
		return ResourceExhausted
	case 499:
		return Cancelled
	case 501:
		return Unimplemented
	case 503:
		return Unavailable
	case 504:
		return DeadlineExceeded
	}
	if status >= 500 {
		return Internal
	}
	return Unknown
}

// StatusFitsCategory reports whether an HTTP status is usual for c: the
// category's own status, or a status some providers use for it (412 for
// failed_precondition, 408 for deadline_exceeded, …).
func StatusFitsCategory(status int, c Category) bool {
	if c.HTTPStatus() == status {
		return true
	}
	var also []int
	switch c {
	case InvalidArgument:
		also = []int{422}
	case FailedPrecondition:
		also = []int{403, 404, 409, 412, 422, 423}
	case OutOfRange:
		also = []int{416, 422}
	case PermissionDenied:
		also = []int{401}
	case NotFound:
		also = []int{410}
	case AlreadyExists:
		also = []int{400}
	case Aborted:
		also = []int{400}
	case ResourceExhausted:
		also = []int{400, 403, 413, 507}
	case Internal:
		also = []int{502}
	case Unavailable:
		also = []int{500, 502}
	case DeadlineExceeded:
		also = []int{408}
	case Unimplemented:
		also = []int{405, 406}
	}
	for _, s := range also {
		if s == status {
			return true
		}
	}
	return false
}
