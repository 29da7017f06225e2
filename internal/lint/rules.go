package lint

import "slices"

// Rules returns every rule, in the one explicit list, sorted by ID.
func Rules() []Rule {
	return []Rule{
		apiDomain(),
		codeRange(),
		codeSyntax(),
		codeTypo(),
		conflictingStatus(),
		doubledWord(),
		duplicateCode(),
		finalPunctuation(),
		lintConfig(),
		messageWhitespace(),
		metadataKey(),
		missingRemediation(),
		missingStatus(),
		missingTranslation(),
		nonErrorStatus(),
		placeholderMismatch(),
		problemType(),
		reasonClash(),
		repeatedCode(),
		retryAfter(),
		retryableCategory(),
		sameMessage(),
		statusCategory(),
		titlePlaceholder(),
		unfilledPlaceholder(),
	}
}

func lintConfig() Rule {
	return Rule{
		ID: "lint-config", Severity: Error, Default: true,
		Summary: "the domain's lint settings name an unknown rule or severity",
		Rationale: `A typo in domain.lint silently turns a setting into nothing: the rule
the author meant to disable keeps failing, or the one they meant to tune runs
as before. Every rule ID in disable and rules must name a rule, and every
severity must be info, warning or error.`,
		Example: `domain:
  lint:
    disable: [same-mesage]       # lint-config: no such rule`,
		check: func(p *pass) {
			lc := p.cat.Domain.Lint
			if lc == nil {
				return
			}
			for _, id := range lc.Disable {
				if _, ok := Lookup(id); !ok {
					p.reportDomain("domain.lint.disable names the unknown rule %q", id)
				}
			}
			ids := make([]string, 0, len(lc.Rules))
			for id := range lc.Rules {
				ids = append(ids, id)
			}
			slices.Sort(ids)
			for _, id := range ids {
				if _, ok := Lookup(id); !ok {
					p.reportDomain("domain.lint.rules names the unknown rule %q", id)
					continue
				}
				if s := lc.Rules[id].Severity; s != "" {
					if _, err := ParseSeverity(s); err != nil {
						p.reportDomain("domain.lint.rules.%s: %v", id, err)
					}
				}
			}
		},
	}
}
