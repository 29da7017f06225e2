package catalog

import "github.com/errcat/errcat/vocab"

// Category is an entry's category: a gRPC canonical code in snake case, or
// "ok" for a domain's success code. The categories and their table (HTTP
// status, gRPC status, retry default) are vocab's.
type Category = vocab.Category

// The categories, named here for the catalog's users.
const (
	OK                 = vocab.OK
	InvalidArgument    = vocab.InvalidArgument
	FailedPrecondition = vocab.FailedPrecondition
	OutOfRange         = vocab.OutOfRange
	Unauthenticated    = vocab.Unauthenticated
	PermissionDenied   = vocab.PermissionDenied
	NotFound           = vocab.NotFound
	AlreadyExists      = vocab.AlreadyExists
	Aborted            = vocab.Aborted
	ResourceExhausted  = vocab.ResourceExhausted
	Cancelled          = vocab.Cancelled
	Internal           = vocab.Internal
	DataLoss           = vocab.DataLoss
	Unknown            = vocab.Unknown
	Unimplemented      = vocab.Unimplemented
	Unavailable        = vocab.Unavailable
	DeadlineExceeded   = vocab.DeadlineExceeded
)
