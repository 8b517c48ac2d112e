package report

import (
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/wfc-dev/wfc/diag"
)

const (
	sarifSchema    = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion   = "2.1.0"
	toolName       = "wfc"
	toolInfoURI    = "https://github.com/wfc-dev/wfc"
	srcRootBaseID  = "%SRCROOT%"
	elementLogical = "element" // SARIF logicalLocation kind for an XML element
)

// The SARIF subset wfc writes. Field order is the output order; omitempty drops what GitHub
// would reject as empty.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool sarifTool `json:"tool"`
	// ColumnKind says columns count Unicode code points, as diag.Pos does; SARIF's default
	// is UTF-16 code units.
	ColumnKind  string            `json:"columnKind"`
	Results     []sarifResult     `json:"results"`
	Invocations []sarifInvocation `json:"invocations"`
}

// sarifInvocation says whether the run completed; a path that could not be read is a
// toolExecutionNotification, so code scanning shows that the run did not see everything.
type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string    `json:"level"`
	Message sarifText `json:"message"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	Name                 string       `json:"name"`
	ShortDescription     sarifText    `json:"shortDescription"`
	FullDescription      sarifText    `json:"fullDescription"`
	Help                 sarifHelp    `json:"help"`
	DefaultConfiguration *sarifConfig `json:"defaultConfiguration,omitempty"`
	HelpURI              string       `json:"helpUri,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId,omitempty"`
	RuleIndex *int            `json:"ruleIndex,omitempty"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifLogical struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

func writeSARIF(w io.Writer, diags diag.List, opts Options) error {
	rules, index := sarifRules(opts.Rules, diags)
	results := make([]sarifResult, 0, len(diags))
	for _, d := range diags {
		r := sarifResult{
			RuleID:    d.Rule,
			Level:     sarifLevel(d.Severity),
			Message:   sarifText{Text: d.Message},
			Locations: []sarifLocation{},
		}
		if i, ok := index[d.Rule]; ok {
			r.RuleIndex = &i
		}
		loc := sarifLocation{}
		if d.Range.File != "" {
			uri, base := artifactURI(d.Range.File, opts.BaseDir)
			loc.PhysicalLocation = &sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: uri, URIBaseID: base},
				Region:           sarifRegionOf(d.Range),
			}
			if loc.PhysicalLocation.Region == nil {
				// Code scanning places a result only with a region: a finding about the whole
				// file (a taskflow JSON has no lines of its own) goes on its first line.
				loc.PhysicalLocation.Region = &sarifRegion{StartLine: 1}
			}
		}
		if d.Element != "" {
			loc.LogicalLocations = []sarifLogical{{FullyQualifiedName: d.Element, Kind: elementLogical}}
		}
		if loc.PhysicalLocation != nil || loc.LogicalLocations != nil {
			r.Locations = append(r.Locations, loc)
		}
		results = append(results, r)
	}
	log := sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool:        sarifTool{Driver: sarifDriver{Name: toolName, Version: opts.ToolVersion, InformationURI: toolInfoURI, Rules: rules}},
			ColumnKind:  "unicodeCodePoints",
			Results:     results,
			Invocations: []sarifInvocation{sarifInvocationOf(opts.ToolErrors)},
		}},
	}
	return encodeIndented(w, log)
}

// sarifInvocationOf records the errors that kept the tool from checking everything (a path
// it could not read); with any, the execution did not succeed.
func sarifInvocationOf(toolErrors []string) sarifInvocation {
	inv := sarifInvocation{ExecutionSuccessful: len(toolErrors) == 0}
	for _, msg := range toolErrors {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{Level: "error", Message: sarifText{Text: msg}})
	}
	return inv
}

// sarifRules builds the rule table: the given rules in their order, then any rule a
// diagnostic names that the table lacks (e.g. "schema"), sorted by id, with a placeholder
// description because GitHub rejects empty ones. index maps a rule id to its position.
func sarifRules(infos []RuleInfo, diags diag.List) ([]sarifRule, map[string]int) {
	rules := make([]sarifRule, 0, len(infos))
	index := make(map[string]int, len(infos))
	add := func(info RuleInfo) {
		if info.ID == "" {
			return
		}
		if _, dup := index[info.ID]; dup {
			return
		}
		index[info.ID] = len(rules)
		rules = append(rules, sarifRuleOf(info))
	}
	for _, info := range infos {
		add(info)
	}
	var missing []string
	seen := map[string]bool{}
	for _, d := range diags {
		if _, ok := index[d.Rule]; !ok && d.Rule != "" && !seen[d.Rule] {
			seen[d.Rule] = true
			missing = append(missing, d.Rule)
		}
	}
	sort.Strings(missing)
	for _, id := range missing {
		add(RuleInfo{ID: id})
	}
	return rules, index
}

func sarifRuleOf(info RuleInfo) sarifRule {
	short := info.Summary
	if short == "" {
		short = "wfc check " + info.ID
	}
	full := info.Doc
	if full == "" {
		full = short
	}
	markdown := full
	if info.HelpURI != "" {
		markdown += "\n\n[Documentation](" + info.HelpURI + ")"
	}
	r := sarifRule{
		ID:               info.ID,
		Name:             info.ID,
		ShortDescription: sarifText{Text: short},
		FullDescription:  sarifText{Text: full},
		Help:             sarifHelp{Text: full, Markdown: markdown},
		HelpURI:          info.HelpURI,
	}
	if info.Severity != 0 {
		r.DefaultConfiguration = &sarifConfig{Level: sarifLevel(info.Severity)}
	}
	return r
}

func sarifLevel(s diag.Severity) string {
	switch s {
	case diag.Warning:
		return "warning"
	case diag.Info:
		return "note"
	}
	return "error"
}

// sarifRegionOf returns nil without a line: GitHub rejects a region whose startLine is < 1.
func sarifRegionOf(r diag.Range) *sarifRegion {
	if !r.Start.IsValid() {
		return nil
	}
	reg := &sarifRegion{StartLine: r.Start.Line, StartColumn: max(r.Start.Column, 0)}
	if r.End.IsValid() && !r.End.Before(r.Start) {
		reg.EndLine = r.End.Line
		if r.End.Column >= 1 {
			reg.EndColumn = r.End.Column
		}
	}
	return reg
}

// artifactURI turns a file name into a SARIF uri. Relative names become relative uris with
// forward slashes against %SRCROOT% (the repository root for GitHub); absolute names are
// first made relative to baseDir, and stay file:// uris when they lie outside it.
func artifactURI(file, baseDir string) (uri, baseID string) {
	p := filepath.Clean(file)
	if filepath.IsAbs(p) && baseDir != "" {
		if base, err := filepath.Abs(baseDir); err == nil {
			if rel, err := filepath.Rel(base, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				p = rel
			}
		}
	}
	slashed := filepath.ToSlash(p)
	if filepath.IsAbs(p) || filepath.VolumeName(p) != "" {
		if !strings.HasPrefix(slashed, "/") {
			slashed = "/" + slashed // a Windows drive path: file:///C:/...
		}
		return (&url.URL{Scheme: "file", Path: slashed}).String(), ""
	}
	segs := strings.Split(slashed, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	// A colon in the first segment would read as a URI scheme ("c:x.yaml").
	segs[0] = strings.ReplaceAll(segs[0], ":", "%3A")
	return strings.Join(segs, "/"), srcRootBaseID
}
