package lint

import (
	"slices"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/vocab"
)

func missingStatus() Rule {
	return Rule{
		ID: "missing-status", Severity: Warning, Default: true,
		Summary: "an entry has no HTTP status",
		Rationale: `Middleware, SDKs and retry policies need the HTTP status an error is
sent with; "NA" in a source table means nobody wrote it down, not that there is
none. The rule is quiet for the success code and for wire formats that always
answer 200 (zilliz, ucloud, tencent-v2), whose errors live only in the body.`,
		Example: `  - code: CSS.0003              # missing-status: the source said "NA"
    category: internal`,
		check: func(p *pass) {
			// Wire formats whose HTTP status is always 200: the error lives
			// only in the body, so an entry needs no status.
			if wf, ok := vocab.LookupWireFormat(p.cat.Domain.WireFormat); ok && wf.Status == vocab.Status200 {
				return
			}
			p.entries(func(e *catalog.Entry) {
				if e.HTTPStatus == nil && !p.cat.Domain.IsSuccess(e.Code) && e.Category != catalog.OK {
					orig := ""
					if o := e.Source.OriginalOf("http_status"); o != "" {
						orig = " (the source says " + quote(o) + ")"
					}
					p.report(e, catalog.Pos{}, "code %s has no HTTP status%s", e.Code, orig)
				}
			})
		},
	}
}

func nonErrorStatus() Rule {
	return Rule{
		ID: "non-error-status", Severity: Error, Default: true,
		Summary: "an error code is documented with a status below 400",
		Rationale: `A 2xx or 3xx status tells every HTTP client, proxy and monitor that
the request succeeded or moved. An error sent with 202 Accepted is silently
treated as success. Only the domain's success code may have such a status.`,
		Example: `  - code: CSS.0011
    http_status: 202             # non-error-status
    category: failed_precondition`,
		check: func(p *pass) {
			p.entries(func(e *catalog.Entry) {
				if e.Category == catalog.OK || p.cat.Domain.IsSuccess(e.Code) {
					return
				}
				if s := e.Status(); s != 0 && s < 400 {
					p.report(e, catalog.Pos{}, "code %s is an error (%s) but has HTTP status %d, which is not an error status", e.Code, e.Category, s)
				}
				for i := range e.Variants {
					v := &e.Variants[i]
					if v.HTTPStatus != nil && *v.HTTPStatus < 400 {
						p.report(e, v.Pos, "a variant of %s has HTTP status %d, which is not an error status", e.Code, *v.HTTPStatus)
					}
				}
			})
		},
	}
}

func statusCategory() Rule {
	return Rule{
		ID: "status-category", Severity: Warning, Default: true,
		Summary: "an entry's HTTP status contradicts its category",
		Rationale: `The category drives the gRPC status, the default retry decision and
the problem type; the HTTP status drives proxies and clients. When they
disagree (not_found sent as 500) one of them is wrong, and clients that read
different fields behave differently. Statuses that providers commonly use for
a category (412 for failed_precondition, 408 for deadline_exceeded) pass.`,
		Example: `  - code: NoSuchCluster
    http_status: 500             # status-category: not_found is 404
    category: not_found`,
		check: func(p *pass) {
			p.entries(func(e *catalog.Entry) {
				s := e.Status()
				if s < 400 || e.Category == catalog.OK {
					return
				}
				if !vocab.StatusFitsCategory(s, e.Category) {
					p.report(e, catalog.Pos{}, "code %s has HTTP status %d but category %s, whose status is %d", e.Code, s, e.Category, e.Category.HTTPStatus())
				}
			})
		},
	}
}

func retryableCategory() Rule {
	return Rule{
		ID: "retryable-category", Severity: Warning, Default: true,
		Summary: "an explicit retryable flag contradicts the category",
		Rationale: `Clients retry on the retryable flag. Retrying an invalid argument or a
permission error only repeats the failure and adds load; not retrying an
unavailable or deadline_exceeded error turns a blip into an outage. The flag
may override the category only where the category is ambiguous
(resource_exhausted, internal, unknown, aborted, failed_precondition).`,
		Example: `  - code: InvalidName
    category: invalid_argument
    retryable: true              # retryable-category`,
		check: func(p *pass) {
			never := []catalog.Category{catalog.OK, catalog.InvalidArgument, catalog.OutOfRange, catalog.Unauthenticated,
				catalog.PermissionDenied, catalog.NotFound, catalog.AlreadyExists, catalog.Unimplemented, catalog.Cancelled, catalog.DataLoss}
			always := []catalog.Category{catalog.Unavailable, catalog.DeadlineExceeded}
			p.entries(func(e *catalog.Entry) {
				if e.Retryable == nil {
					return
				}
				switch {
				case *e.Retryable && slices.Contains(never, e.Category):
					p.report(e, catalog.Pos{}, "code %s is marked retryable, but %s errors do not go away on retry", e.Code, e.Category)
				case !*e.Retryable && slices.Contains(always, e.Category):
					p.report(e, catalog.Pos{}, "code %s is marked not retryable, but %s errors are transient", e.Code, e.Category)
				}
			})
		},
	}
}
