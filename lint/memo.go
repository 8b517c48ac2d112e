package lint

import (
	"strings"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
	"github.com/wfc-dev/wfc/workflow/expr"
)

// Several workflow rules need the same derived facts: the resolved program (step ids, where
// control goes, the flow graph) and every evaluated string parsed as expressions. They are
// computed once per Input on first use; rules for one input run one after another, so no
// locking is needed.

// parsedSite is one string wfc evaluates, parsed once with package expr: the syntax errors
// and warnings in it (offsets into the value) and its expressions.
type parsedSite struct {
	site  workflow.Site
	tmpl  *expr.Template
	diags []expr.Diagnostic
	exprs []workflow.Expression
}

type memo struct {
	elements []*bpmn.Element // walkModel's order, for Pass.walk
	program  *workflow.Program
	sites    []parsedSite     // only the strings with something to parse: a $ or a #{
	siteAt   map[diag.Pos]int // where each of sites starts → its index
	done     struct{ sites, elements bool }
}

// walk calls visit on every semantic element of the input's BPMN model in walkModel's order
// (bpmnlint's traversal). The order is computed once per input and shared by every rule.
func (p *Pass) walk(visit func(el *bpmn.Element)) {
	m := &p.Input.memo
	if !m.done.elements {
		walkModel(p.Input.Defs, func(el *bpmn.Element) { m.elements = append(m.elements, el) })
		m.done.elements = true
	}
	for _, el := range m.elements {
		visit(el)
	}
}

// Program returns the workflow's resolved program, built once per input. Its diagnostics are
// not the rules' to report: the compiler reports them, and the driver runs the rules only on
// a workflow that compiles. A reference that names no step is simply no edge to the rules.
func (p *Pass) Program() *workflow.Program {
	m := &p.Input.memo
	if m.program == nil {
		m.program = p.Input.Program
	}
	if m.program == nil {
		m.program, _ = workflow.Resolve(p.Input.Workflow)
	}
	return m.program
}

// Flow returns the program's control-flow graph, built once per input.
func (p *Pass) Flow() *workflow.Flow { return p.Program().Flow() }

// parsedSites returns the strings wfc evaluates (workflow.Sites) that hold a $ or a #{,
// parsed once per input, in file order.
func (p *Pass) parsedSites() []parsedSite {
	m := &p.Input.memo
	if !m.done.sites {
		for _, site := range p.Input.Workflow.Sites() {
			v := site.Value
			if !strings.Contains(v, "$") && !workflow.HasExpression(v) {
				continue
			}
			t, diags := expr.ParseTemplate(v)
			m.sites = append(m.sites, parsedSite{site: site, tmpl: t, diags: diags, exprs: workflow.ExpressionsOf(site.String, t, diags)})
		}
		m.siteAt = make(map[diag.Pos]int, len(m.sites))
		for i, ps := range m.sites {
			m.siteAt[ps.site.Range.Start] = i
		}
		m.done.sites = true
	}
	return m.sites
}

// parsed is the parsed form of s, one of the strings wfc evaluates; nil when it holds
// neither $ nor #{.
func (p *Pass) parsed(s workflow.String) *parsedSite {
	sites := p.parsedSites()
	if i, ok := p.Input.memo.siteAt[s.Range.Start]; ok {
		return &sites[i]
	}
	return nil
}

// hasSyntaxError reports whether a parsed value has an error of its own (expression-syntax
// reports it).
func (ps *parsedSite) hasSyntaxError() bool {
	for _, d := range ps.diags {
		if d.Severity == diag.Error {
			return true
		}
	}
	return false
}

// refScope says which references forEachRef brings.
type refScope bool

const (
	// parsedOnly: references in expressions that parse. A broken expression gets one
	// diagnostic, from expression-syntax, and no rule judges what it seems to refer to.
	parsedOnly refScope = false
	// evenBroken: references in broken expressions too, for rules that count uses.
	evenBroken refScope = true
)

// forEachRef calls f for every reference in every expression of the workflow, in file order.
func (p *Pass) forEachRef(scope refScope, f func(workflow.Site, workflow.Ref)) {
	for _, ps := range p.parsedSites() {
		for _, e := range ps.exprs {
			if e.Err != nil && scope == parsedOnly {
				continue
			}
			for _, r := range e.Refs {
				f(ps.site, r)
			}
		}
	}
}
