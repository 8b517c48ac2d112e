// Package lint checks workflows and BPMN diagrams. A rule is a small value (Rule) in a file of
// its own; rules are registered in one explicit list (registry.go); Run applies the enabled
// rules to one Input and returns positioned diagnostics.
package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

// Scope says what a rule looks at.
type Scope int

const (
	// ScopeBPMN rules look at the BPMN model (Input.Defs), so they work on any diagram: a
	// .bpmn file, an exported taskflow, or a workflow compiled from YAML.
	ScopeBPMN Scope = iota + 1
	// ScopeWorkflow rules look at the YAML workflow (Input.Workflow) and only run on YAML input.
	ScopeWorkflow
)

// Rule is one check.
type Rule struct {
	ID          string        // stable kebab-case id; also the name used in config and suppressions
	Severity    diag.Severity // default severity
	Recommended bool          // enabled by `extends: recommended` (every rule is enabled by `all`)
	Scope       Scope
	Summary     string // one line, lower-case, no period: what the rule wants
	Doc         string // one paragraph: why, and what to do instead (docs/rules.md is generated from it)
	// Sensitive rules report lines that hold a secret: their diagnostics are marked so that
	// formatters quote no source (see diag.Diagnostic.Sensitive).
	Sensitive bool
	// Subsumes, on a workflow rule, names the BPMN rules that repeat it on the compiled
	// diagram: their diagnostics on a step this rule reported are dropped (subsume.go), so
	// one mistake gives one diagnostic. docs/rules.md lists the pairs.
	Subsumes []string
	// Target, when set, is the one target whose platform the rule is about (its name, such
	// as "secmaster"): it runs only on a workflow compiled for that target (Input.Target).
	Target string
	Check  func(p *Pass)
}

// Pass is what a rule's Check receives: the input and a way to report.
type Pass struct {
	Input *Input
	rule  *Rule
	sev   diag.Severity
	out   *diag.List
	keep  *keeper // when set, reports go here instead of out (see Run)
}

// Rule returns the rule being run.
func (p *Pass) Rule() *Rule { return p.rule }

// Report records a diagnostic at a source range. The message is formatted by diag.Sprintf,
// so a long value quoted with %q is cut.
func (p *Pass) Report(r diag.Range, format string, args ...any) {
	if r.File == "" {
		r.File = p.Input.File
	}
	if p.keep != nil && p.keep.dropsAt(r) {
		p.keep.count()
		return
	}
	p.add(diag.Diagnostic{
		Severity: p.sev, Rule: p.rule.ID, Message: diag.Sprintf(format, args...), Range: r,
		Sensitive: p.rule.Sensitive,
	})
}

func (p *Pass) add(d diag.Diagnostic) {
	if p.keep != nil {
		p.keep.add(d)
		return
	}
	*p.out = append(*p.out, d)
}

// ReportElement records a diagnostic about a BPMN element. Its position is the YAML range the
// element was compiled from when there is one, else the element's place in the BPMN XML.
func (p *Pass) ReportElement(el *bpmn.Element, format string, args ...any) {
	r := ElementRange(p.Input.File, el)
	if p.keep != nil && p.keep.dropsAt(r) {
		p.keep.count()
		return
	}
	d := diag.Diagnostic{
		Severity: p.sev, Rule: p.rule.ID, Message: diag.Sprintf(format, args...), Range: r,
		Sensitive: p.rule.Sensitive,
	}
	if el != nil {
		d.Element = el.ID
	}
	p.add(d)
}

// ElementRange is where a BPMN element came from: the YAML range the compiler stored in
// Origin, or the line and column of its XML start tag, or just the file.
func ElementRange(file string, el *bpmn.Element) diag.Range {
	if el == nil {
		return diag.Range{File: file}
	}
	if r := el.Origin; r.Start.IsValid() {
		if r.File == "" {
			r.File = file
		}
		return r
	}
	if el.Node != nil && el.Node.Line > 0 {
		return diag.Range{File: file, Start: diag.Pos{Line: el.Node.Line, Column: el.Node.Col}}
	}
	return diag.Range{File: file}
}
