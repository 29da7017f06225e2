package catalog

import "slices"

// Category is a gRPC canonical code in snake case, or "ok" for a domain's
// success code.
type Category string

// The canonical categories.
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

type categoryInfo struct {
	cat       Category
	status    int
	retryable bool
	grpc      string
}

// categories is the canonical table: HTTP mapping, retry default, gRPC name.
var categories = [...]categoryInfo{
	{OK, 200, false, "OK"},
	{InvalidArgument, 400, false, "INVALID_ARGUMENT"},
	{FailedPrecondition, 400, false, "FAILED_PRECONDITION"},
	{OutOfRange, 400, false, "OUT_OF_RANGE"},
	{Unauthenticated, 401, false, "UNAUTHENTICATED"},
	{PermissionDenied, 403, false, "PERMISSION_DENIED"},
	{NotFound, 404, false, "NOT_FOUND"},
	{AlreadyExists, 409, false, "ALREADY_EXISTS"},
	{Aborted, 409, true, "ABORTED"},
	{ResourceExhausted, 429, false, "RESOURCE_EXHAUSTED"},
	{Cancelled, 499, false, "CANCELLED"},
	{Internal, 500, false, "INTERNAL"},
	{DataLoss, 500, false, "DATA_LOSS"},
	{Unknown, 500, false, "UNKNOWN"},
	{Unimplemented, 501, false, "UNIMPLEMENTED"},
	{Unavailable, 503, true, "UNAVAILABLE"},
	{DeadlineExceeded, 504, true, "DEADLINE_EXCEEDED"},
}

func (c Category) info() (categoryInfo, bool) {
	for _, ci := range categories {
		if ci.cat == c {
			return ci, true
		}
	}
	return categoryInfo{}, false
}

// Categories returns every known category in canonical order.
func Categories() []Category {
	out := make([]Category, len(categories))
	for i, ci := range categories {
		out[i] = ci.cat
	}
	return out
}

// Valid reports whether c is a known category.
func (c Category) Valid() bool { _, ok := c.info(); return ok }

// HTTPStatus is the category's usual HTTP status (0 for an unknown category).
func (c Category) HTTPStatus() int { ci, _ := c.info(); return ci.status }

// GRPCName is the category's gRPC status name, e.g. "INVALID_ARGUMENT".
func (c Category) GRPCName() string {
	ci, ok := c.info()
	if !ok {
		return "UNKNOWN"
	}
	return ci.grpc
}

// DefaultRetryable reports whether errors of the category are retryable by
// default: unavailable, aborted and deadline_exceeded. resource_exhausted is
// retryable only when it is throttling, which the entry must say itself.
func (c Category) DefaultRetryable() bool { ci, _ := c.info(); return ci.retryable }

// CategoryForStatus maps an HTTP status to its most likely category.
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

// StatusFitsCategory reports whether an HTTP status is usual for c: the
// category's own status, or a status some providers use for it.
func StatusFitsCategory(status int, c Category) bool {
	if c.HTTPStatus() == status {
		return true
	}
	allowed := map[Category][]int{
		InvalidArgument:    {422},
		FailedPrecondition: {403, 404, 409, 412, 422, 423},
		OutOfRange:         {416, 422},
		PermissionDenied:   {401},
		NotFound:           {410},
		AlreadyExists:      {400},
		Aborted:            {400},
		ResourceExhausted:  {400, 403, 413, 507},
		Internal:           {502},
		Unavailable:        {500, 502},
		DeadlineExceeded:   {408},
		Unimplemented:      {405, 406},
	}
	return slices.Contains(allowed[c], status)
}
