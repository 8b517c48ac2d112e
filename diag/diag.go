// Package diag defines the diagnostic every phase of wfc reports: parse, schema validation,
// compilation, lint and publish errors all share this one shape, so formatters (package report)
// can render any of them the same way.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says how bad a diagnostic is. The zero value is invalid so that a forgotten
// severity is caught by tests rather than rendered as an error by accident.
type Severity int

const (
	Error Severity = iota + 1
	Warning
	Info
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "info"
	}
	return "invalid"
}

// ParseSeverity reads "error", "warn"/"warning" or "info"; ok is false for anything else.
func ParseSeverity(s string) (Severity, bool) {
	switch strings.ToLower(s) {
	case "error":
		return Error, true
	case "warn", "warning":
		return Warning, true
	case "info":
		return Info, true
	}
	return 0, false
}

// Pos is a position in a source file. Line and Column are 1-based; Column counts characters
// (runes) as yaml.v3 and encoding/xml report them. The zero Pos means "no position known".
type Pos struct {
	Line   int
	Column int
}

// IsValid reports whether p names a real place in a file.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Before orders positions by line, then column.
func (p Pos) Before(q Pos) bool {
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Column < q.Column
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Column) }

// Range is a span of a source file. End is exclusive; a zero End means only Start is known.
type Range struct {
	File  string
	Start Pos
	End   Pos
}

// Stable rule ids for diagnostics that do not come from a lint rule.
const (
	RuleSyntax  = "syntax"  // the file is not valid YAML / XML / JSON
	RuleSchema  = "schema"  // the workflow does not match the JSON Schema
	RuleCompile = "compile" // the compiler cannot get past this (unknown step, duplicate id, ...)
	RuleIO      = "io"      // the file could not be read
)

// Diagnostic is one problem found in one file.
type Diagnostic struct {
	Severity Severity
	Rule     string // stable kebab-case id: a lint rule id or one of the Rule* constants
	Message  string // lower-case, no trailing period: what is wrong and what to do
	Detail   string // optional longer explanation, full sentences
	Range    Range
	Element  string // BPMN element id, set when the input (or the thing reported on) is BPMN
	// More is set only on the "… and N more" summary List.Cap leaves: the N diagnostics of
	// Rule it stands for. Sort puts a summary after the diagnostics at its position.
	More int
	// Sensitive says the reported source holds a secret (lint rule secret-in-with): formats
	// that quote source lines leave them out.
	Sensitive bool
}

// Error renders the diagnostic as "file:line:col: message [rule]", the one-line form that
// editors, problem matchers and people all read.
func (d Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.Range.File)
	if d.Range.Start.IsValid() {
		fmt.Fprintf(&b, ":%d:%d", d.Range.Start.Line, d.Range.Start.Column)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(d.Message)
	if d.Element != "" && !d.Range.Start.IsValid() {
		fmt.Fprintf(&b, " (element %s)", Shorten(d.Element))
	}
	if d.Rule != "" {
		fmt.Fprintf(&b, " [%s]", d.Rule)
	}
	return b.String()
}

// List is a set of diagnostics. It implements error so a phase can return it directly.
type List []Diagnostic

func (l List) Error() string {
	parts := make([]string, len(l))
	for i, d := range l {
		parts[i] = d.Error()
	}
	return strings.Join(parts, "\n")
}

// HasErrors reports whether any diagnostic has severity Error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Sort orders diagnostics by file, position, rule, element and message, so output is the
// same on every run whatever order the phases or goroutines produced them in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool { return Less(l[i], l[j]) })
}

// Less is the order Sort uses. A summary left by Cap comes after the diagnostics at its
// position, so it reads as the last line of what it summarises.
func Less(a, b Diagnostic) bool {
	if a.Range.File != b.Range.File {
		return a.Range.File < b.Range.File
	}
	if a.Range.Start != b.Range.Start {
		return a.Range.Start.Before(b.Range.Start)
	}
	if (a.More > 0) != (b.More > 0) {
		return b.More > 0
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	if a.Element != b.Element {
		return a.Element < b.Element
	}
	return a.Message < b.Message
}

// Errorf builds an error diagnostic at a range; the message is formatted by Sprintf, so a
// long value quoted with %q is cut.
func Errorf(r Range, rule, format string, args ...any) Diagnostic {
	return Diagnostic{Severity: Error, Rule: rule, Message: Sprintf(format, args...), Range: r}
}

// Warningf builds a warning diagnostic at a range, like Errorf.
func Warningf(r Range, rule, format string, args ...any) Diagnostic {
	return Diagnostic{Severity: Warning, Rule: rule, Message: Sprintf(format, args...), Range: r}
}
