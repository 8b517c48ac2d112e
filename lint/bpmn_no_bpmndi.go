package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleNoBpmndi = &Rule{
	ID:          "no-bpmndi",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "every element that is drawn has a shape or edge in the diagram",
	Doc: "BPMN keeps what a process means apart from how it is drawn (BPMNDI). An element with no " +
		"shape or edge runs but is invisible in every modeler, so nobody reviewing the diagram sees " +
		"it. Draw every flow element, pool, lane, message flow and artifact (wfc's compiler lays " +
		"out the diagram for you; for hand-made files, open and save them in a modeler). Data " +
		"objects are exempt: only their references are drawn. Mirrors bpmnlint's no-bpmndi rule.",
	Check: func(p *Pass) {
		defs := p.Input.Defs
		if defs == nil || defs.Element == nil {
			return
		}
		drawn, danglingDI := drawnElementIDs(defs)
		var need []*bpmn.Element
		for _, root := range defs.Element.Children {
			need = appendElementsNeedingDI(need, root)
		}
		for _, el := range need {
			if el.Type == "DataObject" {
				continue
			}
			// bpmnlint looks ids up in a list that holds undefined for DI elements whose
			// bpmnElement does not resolve, so an element without an id then counts as drawn.
			if drawn[el.ID] || (el.ID == "" && danglingDI) {
				continue
			}
			p.ReportElement(el, "element is missing bpmndi (it has no shape or edge, so no modeler shows it); add it to the diagram")
		}
	},
}

// drawnElementIDs returns the ids of the elements the shapes and edges of every diagram
// plane draw, and whether some shape or edge names no element.
func drawnElementIDs(defs *bpmn.Definitions) (map[string]bool, bool) {
	drawn := map[string]bool{}
	dangling := false
	for _, d := range defs.Diagrams {
		if d == nil || d.Plane == nil {
			continue
		}
		for _, s := range d.Plane.Shapes {
			if s.Element == nil {
				dangling = true
			} else {
				drawn[s.Element.ID] = true
			}
		}
		for _, e := range d.Plane.Edges {
			if e.Element == nil {
				dangling = true
			} else {
				drawn[e.Element.ID] = true
			}
		}
	}
	return drawn, dangling
}

// appendElementsNeedingDI is bpmnlint's getAllBpmnElements for one root element: its flow
// elements (and, for containers that have flow elements, theirs, recursively), participants,
// artifacts, the lanes of its first lane set (or child lane set, for a lane) and their
// nested lanes, and message flows.
func appendElementsNeedingDI(out []*bpmn.Element, root *bpmn.Element) []*bpmn.Element {
	flowElements := flowElementsOf(root)
	out = append(out, flowElements...)
	for _, fe := range flowElements {
		if len(flowElementsOf(fe)) > 0 {
			out = appendElementsNeedingDI(out, fe)
		}
	}
	out = append(out, root.ChildrenOf("Participant")...)
	out = append(out, root.ChildrenOf("Artifact")...)
	if laneSet := firstLaneSet(root); laneSet != nil {
		lanes := laneSet.ChildrenOf("Lane")
		out = append(out, lanes...)
		for _, lane := range lanes {
			if firstLaneSet(lane) != nil {
				out = appendElementsNeedingDI(out, lane)
			}
		}
	}
	return append(out, root.ChildrenOf("MessageFlow")...)
}

// firstLaneSet is a container's first laneSet or a lane's childLaneSet.
func firstLaneSet(el *bpmn.Element) *bpmn.Element {
	for _, c := range el.Children {
		if c.Type == "LaneSet" {
			return c
		}
	}
	return nil
}
