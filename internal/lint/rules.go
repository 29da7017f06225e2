package lint

// Rules returns every rule, in the one explicit list, sorted by ID.
func Rules() []Rule {
	return []Rule{
		codeRange(),
		codeSyntax(),
		codeTypo(),
		conflictingStatus(),
		doubledWord(),
		duplicateCode(),
		finalPunctuation(),
		messageWhitespace(),
		missingRemediation(),
		missingStatus(),
		missingTranslation(),
		nonErrorStatus(),
		placeholderMismatch(),
		repeatedCode(),
		retryableCategory(),
		sameMessage(),
		statusCategory(),
		unfilledPlaceholder(),
	}
}
