package lint

import (
	"regexp"
	"slices"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/vocab"
)

// The rules of this file keep a catalog within the standards its errors
// are sent under: AIP-193 (google.rpc.ErrorInfo) and RFC 9457 (problem
// details). The wire formats apply the same rules through vocab; these
// rules flag the catalogs the formats could only send by bending them.

func reasonClash() Rule {
	return Rule{
		ID: "reason-clash", Severity: Error, Default: true,
		Summary: "two codes share one AIP-193 reason",
		Rationale: `Clients of a gRPC or Google-style API branch on google.rpc.ErrorInfo's
reason, which AIP-193 wants unique within the domain. errcat sends the entry's
reason, or one derived from the code (CSS.0001 → CSS_0001,
InvalidDBClusterId.NotFound → INVALID_DB_CLUSTER_ID_NOT_FOUND); two codes
that differ only in punctuation or case derive the same one, and an explicit
reason can repeat another's. Give one of them an explicit reason.`,
		Example: `  - code: Quota.Exceeded
  - code: QuotaExceeded             # reason-clash: both are QUOTA_EXCEEDED`,
		check: func(p *pass) {
			first := map[string]string{}
			p.entries(func(e *catalog.Entry) {
				if e.Category == catalog.OK || p.cat.Domain.IsSuccess(e.Code) {
					return
				}
				r := e.AIPReason()
				if other, ok := first[r]; ok && other != e.Code {
					p.report(e, catalog.Pos{}, "code %s has the AIP-193 reason %s, as code %s does; give one of them its own reason", e.Code, r, other)
					return
				}
				first[r] = e.Code
			})
		},
	}
}

func metadataKey() Rule {
	return Rule{
		ID: "metadata-key", Severity: Error, Default: true,
		Summary: "two params share one ErrorInfo metadata key, or a name is too long for one",
		Rationale: `AIP-193 puts every dynamic value of a message into ErrorInfo.metadata,
under lowerCamel keys of at most 64 characters. errcat turns param names into
such keys (parameter_name → parameterName); two params whose keys come out the
same would overwrite each other, and a name longer than 64 characters is cut
and hashed, which no client can guess.`,
		Example: `    params: [{name: zone_id}, {name: zoneId}]   # metadata-key: both are zoneId`,
		check: func(p *pass) {
			p.entries(func(e *catalog.Entry) {
				seen := map[string]string{}
				for _, prm := range e.Params {
					k := vocab.MetadataKey(prm.Name)
					if other, ok := seen[k]; ok && other != prm.Name {
						p.report(e, catalog.Pos{}, "params %s and %s of code %s share the ErrorInfo metadata key %s", other, prm.Name, e.Code, k)
					}
					seen[k] = prm.Name
					if len(k) > 0 && len(prm.Name) > vocab.MaxMetadataKeyLen && !vocab.ValidMetadataKey(prm.Name) {
						p.report(e, catalog.Pos{}, "param %s of code %s is longer than the %d characters of a metadata key", prm.Name, e.Code, vocab.MaxMetadataKeyLen)
					}
				}
			})
		},
	}
}

// serviceNameRe matches a DNS name of at least two labels, as AIP-193's
// ErrorInfo.domain is (pubsub.googleapis.com).
var serviceNameRe = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$`)

func apiDomain() Rule {
	return Rule{
		ID: "api-domain", Severity: Error, Default: true,
		Summary: "the domain's api_domain is not a service name",
		Rationale: `AIP-193's ErrorInfo.domain is the globally unique name of the service
that sent the error, a DNS name such as pubsub.googleapis.com or
css.myhuaweicloud.com; clients key their handling on the pair of domain and
reason. errcat sends api_domain, else the catalog's id; an api_domain that is
no DNS name (upper case, a scheme, a path, a single label) is none.`,
		Example: `domain:
  api_domain: https://CSS.example.com/    # api-domain: not a DNS name`,
		check: func(p *pass) {
			d := p.cat.Domain.APIDomain
			if d != "" && (!serviceNameRe.MatchString(d) || len(d) > 253) {
				p.reportDomain("domain.api_domain %q is not a service name such as css.myhuaweicloud.com (lower-case DNS labels, at least two)", d)
			}
		},
	}
}

// perRequestPlaceholders are the placeholders of a docs URL whose value
// differs per occurrence.
var perRequestPlaceholders = []string{"request_id"}

func problemType() Rule {
	return Rule{
		ID: "problem-type", Severity: Error, Default: true,
		Summary: "the docs URL puts a per-request value into the problem type",
		Rationale: `RFC 9457's "type" is the consumer's primary identifier of a problem
type: it must be the same for every occurrence, and values of one occurrence
belong in "instance". The problem format uses the domain's docs_url as the
type, with {code} filled in; a {request_id} (or any placeholder but {code})
would make every response a new type. errcat leaves such a value out of the
type, so the docs link loses it: keep per-request values out of docs_url.`,
		Example: `domain:
  docs_url: https://help.example.com/errors?code={code}&requestId={request_id}   # problem-type`,
		check: func(p *pass) {
			t := p.cat.Domain.DocsURL
			for start, end := vocab.NextPlaceholder(t, 0); start >= 0; start, end = vocab.NextPlaceholder(t, end) {
				name := t[start+1 : end-1]
				if name == "code" {
					continue
				}
				why := "which the problem type cannot resolve"
				if slices.Contains(perRequestPlaceholders, name) {
					why = "a per-request value; it belongs in the problem's instance, not its type"
				}
				p.reportDomain("domain.docs_url %q has the placeholder {%s}, %s", t, name, why)
			}
		},
	}
}

func titlePlaceholder() Rule {
	return Rule{
		ID: "title-placeholder", Severity: Warning, Default: true,
		Summary: "a title has a {name} placeholder, so it varies per occurrence",
		Rationale: `RFC 9457's "title" is a short summary of the problem type that does
not change from occurrence to occurrence, except by locale; per-occurrence
details go into "detail". The problem format sends a title with placeholders
as the status's reason phrase instead. Move the placeholder to the message.`,
		Example: `    title: {en: "Cluster {cluster} not found"}   # title-placeholder`,
		check: func(p *pass) {
			p.entries(func(e *catalog.Entry) {
				for _, l := range e.Title.Locales() {
					if vocab.HasPlaceholder(e.Title.Get(l)) {
						p.report(e, catalog.Pos{}, "the %s title of code %s has a placeholder: %s", l, e.Code, quote(e.Title.Get(l)))
					}
				}
			})
		},
	}
}

func retryAfter() Rule {
	return Rule{
		ID: "retry-after", Severity: Warning, Default: true,
		Summary: "an entry that is not retryable has a retry_after",
		Rationale: `retry_after is sent as the Retry-After header and as
google.rpc.RetryInfo, both of which tell a client to try again after the
delay. On an error the catalog calls not retryable, they contradict it, and
clients follow one or the other. Make the entry retryable or drop the delay.`,
		Example: `  - code: InvalidName
    category: invalid_argument
    retry_after: 30s               # retry-after: not retryable`,
		check: func(p *pass) {
			p.entries(func(e *catalog.Entry) {
				if e.RetryAfter != "" && !e.IsRetryable() {
					p.report(e, catalog.Pos{}, "code %s has retry_after %s but is not retryable", e.Code, e.RetryAfter)
				}
			})
		},
	}
}
