// Package layout gives BPMN processes that have no diagram a readable left-to-right one.
//
// It is a layered layout in the manner of bpmn-auto-layout v2 (docs/LAYOUT.md): cycles are
// broken by depth-first search, columns are longest-path ranks, rows are semantic bands around
// a spine that runs from the start event to an end event, and flows are routed orthogonally
// around shapes. Shapes have the bpmn-js default sizes and sit centred in grid cells, so
// shapes of one row share a mid-line, as in SecMaster's own exports (event y = task y + 22).
// Every tie is broken by declaration order, so the same model gives the same bytes, and the
// whole pass is O((n+m) log n) for n nodes and m flows.
//
// Sub-processes are drawn collapsed (100x80); their content gets a diagram of its own whose
// plane points at the sub-process, as bpmn-js does for collapsed sub-processes ("drill down").
// Pools and lanes (collaborations) are not laid out.
package layout

import (
	"errors"
	"fmt"

	"github.com/wfc-dev/wfc/bpmn"
)

// Apply adds a diagram to every process of defs that has none, and a diagram to every
// sub-process with content inside such a process. The first diagram of a document without
// any is BPMNDiagram_1 / BPMNPlane_1 (the bpmn-js template SecMaster uses); later ones are
// BPMNDiagram_<id> / BPMNPlane_<id>. Shapes and edges are <element id>_di, and the elements'
// Shape and Edge fields are set.
//
// Existing DI is never changed: a process that a plane already draws, or any of whose
// elements already has a shape or edge, is skipped as a whole (partial layouts are not
// completed). A collaboration without a diagram is an error, since pools are not laid out.
func Apply(defs *bpmn.Definitions) error {
	if defs == nil || defs.Element == nil {
		return errors.New("layout: there is no BPMN document to lay out; read or build the definitions first")
	}
	for _, root := range defs.Element.Children {
		if root.Type != "Process" && root.Type != "Collaboration" {
			continue
		}
		if drawnByPlane(defs, root) || hasDI(root) {
			continue
		}
		if root.Type == "Collaboration" {
			return fmt.Errorf("layout: collaboration %q has no diagram, and wfc cannot lay out pools and lanes; draw it in a BPMN modeler, or remove the collaboration", root.ID)
		}
		if root.ID == "" {
			return idError(root, defs.Element)
		}
		queue := []*bpmn.Element{root}
		for len(queue) > 0 {
			scope := queue[0]
			queue = queue[1:]
			g, err := layoutScope(scope)
			if err != nil {
				return err
			}
			diagramID, planeID := "BPMNDiagram_"+scope.ID, "BPMNPlane_"+scope.ID
			if len(defs.Diagrams) == 0 {
				diagramID, planeID = "BPMNDiagram_1", "BPMNPlane_1"
			}
			plane := g.emit(planeID)
			defs.Diagrams = append(defs.Diagrams, &bpmn.Diagram{ID: diagramID, Plane: plane})
			queue = append(queue, g.children...)
		}
	}
	return nil
}

// LayoutProcess lays out the flow nodes and sequence flows directly inside scope (a process or
// a sub-process) and returns the plane drawing them, with id BPMNPlane_<scope id>; it sets the
// elements' Shape and Edge fields but adds nothing to any Definitions. Sub-processes inside are
// drawn collapsed, and their content is left alone (Apply draws it in diagrams of its own).
func LayoutProcess(scope *bpmn.Element) (*bpmn.Plane, error) {
	if scope == nil {
		return nil, errors.New("layout: no process given to lay out")
	}
	if scope.ID == "" {
		return nil, fmt.Errorf("layout: the %s to lay out has no id, so no plane can point at it; give it an id", scope.Type)
	}
	g, err := layoutScope(scope)
	if err != nil {
		return nil, err
	}
	return g.emit("BPMNPlane_" + scope.ID), nil
}

// layoutScope runs the pipeline: graph, cycles, ranks, rows, shapes. Routing happens in emit.
func layoutScope(scope *bpmn.Element) (*graph, error) {
	g, err := buildGraph(scope)
	if err != nil {
		return nil, err
	}
	g.breakCycles()
	topo := g.rankNodes()
	g.assignRows(topo)
	g.placeShapes()
	return g, nil
}

// drawnByPlane reports whether some diagram's plane already draws el.
func drawnByPlane(defs *bpmn.Definitions, el *bpmn.Element) bool {
	for _, d := range defs.Diagrams {
		if d != nil && d.Plane != nil && (d.Plane.Element == el || (el.ID != "" && d.Plane.BPMNElement == el.ID)) {
			return true
		}
	}
	return false
}

// hasDI reports whether el or anything inside it already has a shape or an edge. It looks at
// each child where it finds it and stacks only those with children of their own: most
// elements of a process (flows, tasks) are leaves, and stacking them all cost an array as
// long as the process.
func hasDI(el *bpmn.Element) bool {
	if el.Shape != nil || el.Edge != nil {
		return true
	}
	stack := []*bpmn.Element{el}
	for len(stack) > 0 {
		e := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, ch := range e.Children {
			if ch.Shape != nil || ch.Edge != nil {
				return true
			}
			if len(ch.Children) > 0 {
				stack = append(stack, ch)
			}
		}
	}
	return false
}
