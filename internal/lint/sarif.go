package lint

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"
)

// SARIF 2.1.0 (OASIS) log, only the parts errcat fills in.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string           `json:"id"`
	Name                 string           `json:"name"`
	ShortDescription     sarifText        `json:"shortDescription"`
	FullDescription      sarifText        `json:"fullDescription"`
	Help                 sarifText        `json:"help"`
	DefaultConfiguration sarifRuleDefault `json:"defaultConfiguration"`
}

type sarifRuleDefault struct {
	Enabled bool   `json:"enabled"`
	Level   string `json:"level"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
	// PartialFingerprints lets code-scanning tools follow a finding
	// across commits even when lines move.
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

// sarifLevel maps a severity to a SARIF result level.
func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "note"
}

// WriteSARIF writes findings as a SARIF 2.1.0 log, so code-scanning tools
// show them inline. rules describes every rule a finding may name (Rules()
// plus any extra ones the caller reports, such as breaking changes);
// version is errcat's version.
func WriteSARIF(w io.Writer, findings []Finding, rules []Rule, version string) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "errcat",
			InformationURI: "https://github.com/errcat/errcat",
			Version:        version,
			Rules:          []sarifRule{},
		}},
		Results: []sarifResult{},
	}
	index := map[string]int{}
	for _, r := range rules {
		index[r.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID:               r.ID,
			Name:             ruleName(r.ID),
			ShortDescription: sarifText{Text: r.Summary},
			FullDescription:  sarifText{Text: oneParagraph(r.Rationale)},
			Help: sarifText{
				Text:     oneParagraph(r.Rationale) + "\n\nExample:\n" + r.Example,
				Markdown: oneParagraph(r.Rationale) + "\n\nExample:\n\n```yaml\n" + r.Example + "\n```",
			},
			DefaultConfiguration: sarifRuleDefault{Enabled: r.Default, Level: sarifLevel(r.Severity)},
		})
	}
	for _, f := range findings {
		i, ok := index[f.Rule]
		if !ok {
			i = len(run.Tool.Driver.Rules)
			index[f.Rule] = i
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
				ID: f.Rule, Name: ruleName(f.Rule),
				ShortDescription:     sarifText{Text: f.Rule},
				FullDescription:      sarifText{Text: f.Rule},
				Help:                 sarifText{Text: f.Rule},
				DefaultConfiguration: sarifRuleDefault{Enabled: true, Level: sarifLevel(f.Severity)},
			})
		}
		res := sarifResult{
			RuleID:              f.Rule,
			RuleIndex:           i,
			Level:               sarifLevel(f.Severity),
			Message:             sarifText{Text: f.Message},
			PartialFingerprints: map[string]string{"errcat/v1": f.Domain + "/" + f.Code + "/" + f.Rule},
		}
		if f.File != "" {
			loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: fileURI(f.File)}}}
			if f.Line > 0 {
				loc.PhysicalLocation.Region = &sarifRegion{StartLine: f.Line, StartColumn: max(f.Col, 1)}
			}
			res.Locations = []sarifLocation{loc}
		}
		run.Results = append(run.Results, res)
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

// fileURI turns a file path into a relative URI reference.
func fileURI(name string) string {
	u := url.URL{Path: filepath.ToSlash(name)}
	return u.String()
}

// ruleName turns a rule ID into the PascalCase name SARIF viewers show.
func ruleName(id string) string {
	var b strings.Builder
	for part := range strings.SplitSeq(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

func oneParagraph(s string) string { return strings.Join(strings.Fields(s), " ") }
