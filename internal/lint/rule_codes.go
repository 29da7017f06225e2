package lint

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/vocab"
)

func duplicateCode() Rule {
	return Rule{
		ID: "duplicate-code", Severity: Error, Default: true,
		Summary: "two entries (or an entry and an alias) of one domain have the same code",
		Rationale: `A code must identify one error. When two entries share a code, clients
that branch on it cannot tell them apart, generated constants collide, and the
documentation shows whichever entry a tool happens to pick. Merge the entries
(further documented texts become variants) or give one of them a new code.`,
		Example: `entries:
  - code: OperationDenied
    message: {en: The resource is out of usage.}
  - code: OperationDenied        # duplicate-code
    message: {en: The requested resource is sold out.}`,
		check: func(p *pass) {
			first := make(map[string]int, len(p.cat.Entries))
			for i := range p.cat.Entries {
				e := &p.cat.Entries[i]
				if j, ok := first[e.Code]; ok {
					p.report(e, catalog.Pos{}, "code %s is already used by the entry at line %d", e.Code, p.cat.Entries[j].Pos.Line)
					continue
				}
				first[e.Code] = i
			}
			for i := range p.cat.Entries {
				e := &p.cat.Entries[i]
				for _, a := range e.Aliases {
					if j, ok := first[a]; ok && j != i {
						p.report(e, catalog.Pos{}, "alias %s is the code of the entry at line %d", a, p.cat.Entries[j].Pos.Line)
					}
				}
			}
		},
	}
}

func repeatedCode() Rule {
	return Rule{
		ID: "repeated-code", Severity: Warning, Default: true,
		Summary: "a code is documented more than once (the entry has variants)",
		Rationale: `A source page that lists one code several times with different texts
or statuses leaves users guessing which one they will get. errcat keeps the
extra rows as variants so nothing is lost; this rule keeps them visible until
someone decides which text is right and folds the rest into one message.`,
		Example: `  - code: OperationDenied
    message: {en: The resource is out of usage.}
    variants:                    # repeated-code
      - message: {en: The requested resource is sold out.}`,
		check: func(p *pass) {
			p.entries(func(e *catalog.Entry) {
				if n := len(e.Variants); n > 0 {
					lines := make([]string, 0, n)
					for _, v := range e.Variants {
						if v.Source != nil {
							lines = append(lines, strconv.Itoa(v.Source.Line))
						}
					}
					where := ""
					switch len(lines) {
					case 0:
					case 1:
						where = " (again at source line " + lines[0] + ")"
					default:
						where = " (again at source lines " + strings.Join(lines, ", ") + ")"
					}
					p.report(e, catalog.Pos{}, "code %s is documented %d times%s", e.Code, n+1, where)
				}
			})
		},
	}
}

func conflictingStatus() Rule {
	return Rule{
		ID: "conflicting-status", Severity: Error, Default: true,
		Summary: "one code is documented with different HTTP statuses",
		Rationale: `A client sees the HTTP status before it reads the body, and retries,
alerts and dashboards key on it. A code documented as 404 in one place and 400
in another cannot be handled correctly by anyone; decide which status the
service really sends.`,
		Example: `  - code: InvalidDBClusterId.NotFound
    http_status: 404
    variants:
      - http_status: 400         # conflicting-status`,
		check: func(p *pass) {
			p.entries(func(e *catalog.Entry) {
				if e.HTTPStatus == nil {
					return
				}
				for i := range e.Variants {
					v := &e.Variants[i]
					if v.HTTPStatus != nil && *v.HTTPStatus != *e.HTTPStatus {
						p.report(e, v.Pos, "code %s has HTTP status %d here but %d in its entry", e.Code, *v.HTTPStatus, *e.HTTPStatus)
					}
				}
			})
		},
	}
}

// wellFormedCode reports whether code is dotted segments, each a run of
// PascalCase words, digits and {name} placeholders: Forbidden.RAM,
// CSS.0001, Invalid{parameter}.Malformed.
func wellFormedCode(code string) bool {
	segStart := true
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '.':
			if segStart {
				return false // an empty segment
			}
			segStart = true
			continue
		case c == '{':
			start, end := vocab.NextPlaceholder(code, i)
			if start != i {
				return false // a brace that opens no placeholder
			}
			i = end - 1
		case segStart && isASCIILower(c):
			return false // a segment starts lower case
		case isASCIIUpper(c) || isASCIILower(c) || c >= '0' && c <= '9':
		default:
			return false
		}
		segStart = false
	}
	return !segStart
}

func codeSyntax() Rule {
	return Rule{
		ID: "code-syntax", Severity: Error, Default: true,
		Summary: "a code does not have the domain's syntax (integer, or dotted PascalCase words)",
		Rationale: `Codes are identifiers: clients compare them byte for byte, and
generators turn them into constants. An integer domain needs plain decimal
numbers; a string domain needs dotted PascalCase words (Forbidden.RAM,
CSS.0001, Invalid{parameter}.Malformed). A space or stray punctuation in a
code is almost always a row of the source page split in the wrong place. A
domain can set its own regular expression with the option "pattern".`,
		Example: `  - code: InvalidConnectionString.Duplicate Specified   # code-syntax`,
		check: func(p *pass) {
			var custom *regexp.Regexp
			if pat := p.option("pattern"); pat != "" {
				re, err := regexp.Compile(pat)
				if err != nil {
					if len(p.cat.Entries) > 0 {
						p.report(&p.cat.Entries[0], catalog.Pos{}, "option pattern of code-syntax is not a regular expression: %v", err)
					}
					return
				}
				custom = re
			}
			integer := p.cat.Domain.CodeKind == "integer"
			p.entries(func(e *catalog.Entry) {
				if custom != nil {
					if !custom.MatchString(e.Code) {
						p.report(e, catalog.Pos{}, "code %q does not match the domain's pattern %s", e.Code, custom)
					}
					return
				}
				if msg := codeProblem(e.Code, integer); msg != "" {
					p.report(e, catalog.Pos{}, "code %q %s", e.Code, msg)
					return
				}
				// The importer may have mended a code the source documents
				// badly (a message word split into the code cell); the source
				// page still carries the defect, so say so.
				if orig := e.Source.OriginalOf("code"); orig != "" && orig != e.Code {
					if xs := leftovers(orig); len(xs) > 0 {
						p.report(e, catalog.Pos{}, "the source documents this code as %q, with the unfilled placeholder %s; imported as %q — fix the source page", orig, strings.Join(xs, ", "), e.Code)
					} else if msg := codeProblem(orig, integer); strings.Contains(msg, "space") {
						p.report(e, catalog.Pos{}, "the source documents this code as %q, which %s; imported as %q — fix the source page", orig, msg, e.Code)
					}
				}
			})
		},
	}
}

// codeProblem says what is wrong with code, or "" when nothing is.
func codeProblem(code string, integer bool) string {
	if code == "" {
		return "is empty"
	}
	if strings.TrimSpace(code) != code {
		return "has leading or trailing space"
	}
	if strings.ContainsFunc(code, unicode.IsSpace) {
		return "contains a space: probably a row of the source split in the wrong place"
	}
	if integer {
		digits := strings.TrimPrefix(code, "-")
		if digits == "" || strings.Trim(digits, "0123456789") != "" {
			return "is not an integer, but the domain's code_kind is integer"
		}
		if _, err := strconv.ParseInt(code, 10, 64); err != nil {
			return "does not fit in 64 bits"
		}
		return ""
	}
	if wellFormedCode(code) {
		return ""
	}
	for _, r := range code {
		if !(r == '.' || r == '{' || r == '}' || r == '_' || r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))) {
			return fmt.Sprintf("contains the stray character %q", r)
		}
	}
	for seg := range strings.SplitSeq(code, ".") {
		if seg == "" {
			return "has an empty dotted segment"
		}
		if seg[0] >= 'a' && seg[0] <= 'z' {
			return fmt.Sprintf("segment %q is not PascalCase", seg)
		}
	}
	return "is not dotted PascalCase words (such as Forbidden.RAM or CSS.0001)"
}

func codeRange() Rule {
	return Rule{
		ID: "code-range", Severity: Error, Default: true,
		Summary: "a numeric code lies outside the domain's declared ranges",
		Rationale: `Numeric code spaces are shared: modules own ranges so that two teams
never hand out the same number. A code outside every declared range was
either mistyped or taken from someone else's block. The rule runs only when
the domain declares ranges; a string code is checked by its last dotted
segment when that is a number (CSS.0011 → 11).`,
		Example: `domain:
  ranges: [{from: 96000, to: 96999}]
entries:
  - code: "97001"                 # code-range`,
		check: func(p *pass) {
			rs := p.cat.Domain.Ranges
			if len(rs) == 0 {
				return
			}
			p.entries(func(e *catalog.Entry) {
				if p.cat.Domain.IsSuccess(e.Code) {
					return
				}
				s := e.Code
				if i := strings.LastIndexByte(s, '.'); i >= 0 {
					s = s[i+1:]
				}
				n, err := strconv.ParseInt(s, 10, 64)
				if err != nil {
					return
				}
				for _, r := range rs {
					if n >= r.From && n <= r.To {
						return
					}
				}
				p.report(e, catalog.Pos{}, "code %s is outside the declared ranges %s", e.Code, rangesString(rs))
			})
		},
	}
}

func rangesString(rs []catalog.Range) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = fmt.Sprintf("%d-%d", r.From, r.To)
	}
	return strings.Join(parts, ", ")
}
