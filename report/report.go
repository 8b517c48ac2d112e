// Package report renders diagnostics for people and for CI: an actionlint-style text form with
// source snippets, JSON, SARIF 2.1.0 for GitHub code scanning, and GitHub Actions workflow
// commands. Every format is deterministic: the same diagnostics give the same bytes.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/wfc-dev/wfc/diag"
)

// Format names an output format.
type Format string

const (
	Text   Format = "text"   // file:line:col: message [rule] with a source snippet
	JSON   Format = "json"   // an array of flat objects
	SARIF  Format = "sarif"  // SARIF 2.1.0, one run
	GitHub Format = "github" // ::error file=...:: workflow commands
)

// Formats lists every format in the order help text shows them.
var Formats = []Format{Text, JSON, SARIF, GitHub}

// ParseFormat reads a --format value.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if strings.EqualFold(s, string(f)) {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown format %q; use text, json, sarif or github", s)
}

// SourceReader returns the bytes of a file named in a diagnostic, or false when they are not
// available; the text format then prints no snippet.
type SourceReader func(file string) ([]byte, bool)

// RuleInfo describes a rule for SARIF's rule table.
type RuleInfo struct {
	ID       string
	Severity diag.Severity // the rule's default severity; zero leaves it out
	Summary  string        // one line, e.g. "a task with several incoming flows joins implicitly"
	Doc      string        // longer explanation, plain text or Markdown
	HelpURI  string
}

// Options tune the output. The zero value gives plain text without snippets or summary.
type Options struct {
	Color       bool         // text: ANSI colours
	Sources     SourceReader // text: where snippets come from; nil means no snippets
	OneLine     bool         // text: one line per diagnostic, no snippet or detail
	Summary     bool         // text: end with "2 errors, 1 warning" when there are diagnostics
	Rules       []RuleInfo   // sarif: the rule table
	ToolVersion string       // sarif: tool.driver.version; empty leaves it out
	// BaseDir makes absolute file names relative for SARIF, whose uris GitHub resolves
	// against the repository root. Empty keeps file names as given.
	BaseDir string
	// ToolErrors (sarif) are what kept the run from checking everything, one message each
	// (e.g. "cannot read x.yaml: permission denied"); SARIF lists them as notifications.
	ToolErrors []string
}

// Write renders diags in format to w. It sorts a copy of diags first (diag.Less), so callers
// may pass diagnostics in any order.
func Write(w io.Writer, format Format, diags diag.List, opts Options) error {
	sorted := make(diag.List, len(diags))
	copy(sorted, diags)
	sorted.Sort()
	switch format {
	case Text:
		return writeText(w, sorted, opts)
	case JSON:
		return writeJSON(w, sorted)
	case SARIF:
		return writeSARIF(w, sorted, opts)
	case GitHub:
		return writeGitHub(w, sorted)
	}
	return fmt.Errorf("unknown format %q; use text, json, sarif or github", format)
}

// severityName maps a severity to its output word. An invalid (zero) severity is reported as an
// error: a diagnostic someone forgot to classify must fail CI rather than pass silently.
func severityName(s diag.Severity) string {
	switch s {
	case diag.Warning:
		return "warning"
	case diag.Info:
		return "info"
	}
	return "error"
}
