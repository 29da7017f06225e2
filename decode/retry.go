package decode

import (
	"strings"

	"github.com/errcat/errcat/vocab"
)

// classify sets n.Retryable and n.RetryReason. The order: not an error;
// the matched catalog entry; the caller's RetryCodes / NoRetryCodes; the
// well-known throttling and transient codes of the providers; the HTTP
// status (429, 502, 503, 504); the category the body states (unavailable,
// deadline_exceeded, aborted); a Retry-After header.
func (d *Decoder) classify(n *Normalized) {
	n.Retryable = false
	switch {
	case n.NotError:
		n.RetryReason = "not an error"
	case n.Entry != nil:
		n.Retryable = n.Entry.Retryable
		if n.Retryable {
			n.RetryReason = "catalog entry " + n.Entry.Domain + " " + n.Entry.Code + " is retryable"
		} else {
			n.RetryReason = "catalog entry " + n.Entry.Domain + " " + n.Entry.Code + " is not retryable"
		}
	case n.Code != "" && matchCode(d.NoRetryCodes, n.Code):
		n.RetryReason = "code " + n.Code + " is in the decoder's NoRetryCodes"
	case n.Code != "" && matchCode(d.RetryCodes, n.Code):
		n.Retryable = true
		n.RetryReason = "code " + n.Code + " is in the decoder's RetryCodes"
	case wellKnown(n.Code) != "":
		n.Retryable = true
		n.RetryReason = "code " + n.Code + " is a well-known " + wellKnown(n.Code) + " code"
	case n.HTTPStatus == 429:
		n.Retryable = true
		n.RetryReason = "HTTP 429 Too Many Requests"
	case n.HTTPStatus == 502:
		n.Retryable = true
		n.RetryReason = "HTTP 502 Bad Gateway"
	case n.HTTPStatus == 503:
		n.Retryable = true
		n.RetryReason = "HTTP 503 Service Unavailable"
	case n.HTTPStatus == 504:
		n.Retryable = true
		n.RetryReason = "HTTP 504 Gateway Timeout"
	case vocab.Category(n.Category).DefaultRetryable():
		n.Retryable = true
		n.RetryReason = "category " + n.Category + " is retryable"
	case n.RetryAfter != "":
		n.Retryable = true
		n.RetryReason = "Retry-After header present"
	default:
		n.RetryReason = "no retry signal: no retryable entry, code, category or status, no Retry-After"
	}
}

// matchCode reports whether code is in list; an item "Prefix.*" matches
// every code starting with "Prefix.".
func matchCode(list []string, code string) bool {
	for _, c := range list {
		if c == code {
			return true
		}
		if p, ok := strings.CutSuffix(c, "*"); ok && strings.HasPrefix(code, p) {
			return true
		}
	}
	return false
}

// wellKnown says whether code is a throttling or transient code of one of
// the providers decode knows ("throttling", "transient" or "").
func wellKnown(code string) string {
	switch code {
	case "":
		return ""
	// Throttling: Alibaba Cloud, Tencent Cloud, AWS, Azure, Kubernetes,
	// the docker registry, Huawei Cloud's API gateway.
	case "Throttling", "Throttling.User", "Throttling.Api", "Throttling.Tenant",
		"ServiceUnavailable.Throttling",
		"RequestLimitExceeded", "LimitExceeded",
		"ThrottlingException", "ThrottledException", "RequestThrottled",
		"RequestThrottledException", "TooManyRequestsException",
		"ProvisionedThroughputExceededException", "TransactionInProgressException",
		"BandwidthLimitExceeded", "LimitExceededException", "SlowDown",
		"EC2ThrottledException", "PriorRequestNotComplete",
		"TooManyRequests", "ServerBusy", "TOOMANYREQUESTS",
		"APIGW.0308", "APIG.0308":
		return "throttling"
	// Transient: the server failed or was not ready; the same request may succeed.
	case "ServiceUnavailable", "InternalError", "InternalFailure",
		"InternalServerError", "ServiceUnavailableException",
		"ResourceUnavailable", "RequestTimeout", "RequestTimeoutException",
		"OperationTimedOut", "ServerTimeout", "Timeout", "IDPCommunicationError",
		"InternalError.ServerError", "FailedOperation.RequestTimeout":
		return "transient"
	}
	for _, p := range [...]string{"Throttling.", "RequestLimitExceeded."} {
		if strings.HasPrefix(code, p) {
			return "throttling"
		}
	}
	return ""
}
