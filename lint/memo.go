package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/workflow"
)

// Several workflow rules need the same derived facts: the control-flow graph and every
// expression reference. They are computed once per Input on first use; rules for one input
// run one after another, so no locking is needed.

// siteRef is one reference found in one expression-bearing string.
type siteRef struct {
	site workflow.Site
	ref  workflow.Ref
}

type memo struct {
	elements []*bpmn.Element // walkModel's order, for Pass.walk
	flow     *workflow.Flow
	refs     []siteRef
	done     struct{ refs, elements bool }
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

// Flow returns the workflow's control-flow graph, built once per input.
func (p *Pass) Flow() *workflow.Flow {
	m := &p.Input.memo
	if m.flow == nil {
		m.flow = workflow.BuildFlow(p.Input.Workflow)
	}
	return m.flow
}

// forEachRef calls f for every reference in every expression of the workflow, in file order.
func (p *Pass) forEachRef(f func(workflow.Site, workflow.Ref)) {
	m := &p.Input.memo
	if !m.done.refs {
		for _, site := range p.Input.Workflow.Sites() {
			for _, e := range workflow.Expressions(site.String) {
				for _, r := range e.Refs {
					m.refs = append(m.refs, siteRef{site, r})
				}
			}
		}
		m.done.refs = true
	}
	for _, sr := range m.refs {
		f(sr.site, sr.ref)
	}
}
