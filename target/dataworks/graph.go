package dataworks

import (
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/target"
)

// DocumentGraph is the DAG a FlowSpec document runs, for `wfc render`: a node per workflow
// node (a CONTROLLER_BRANCH a decision whose out-edges are labelled with its cases, a
// CONTROLLER_JOIN a merge, the others tasks tagged with their node type) and an edge from the
// node that produces each output a node depends on, read from the workflow's dependencies and
// the node's inputs (the server writes both). An upstream outside the document (the project's
// root node, another workflow's node) has no node to start from and is left out. Every
// workflow of the document is drawn; nodes without an id take their name as one, and a
// repeated id gets "#2", "#3" … so that every node is drawn. Steps are not known (a compiled
// artifact's Graph knows them).
func DocumentGraph(doc *Document) *target.Graph {
	g := &target.Graph{}
	if doc == nil {
		return g
	}
	g.Name = doc.Spec.Name
	ids := map[string]int{}
	for wi := range doc.Spec.Workflows {
		w := &doc.Spec.Workflows[wi]
		if g.Name == "" {
			g.Name = w.Name
		}
		addWorkflowGraph(g, w, ids)
	}
	return g
}

// addWorkflowGraph adds w's nodes and dependencies to g; ids counts the node ids used so far.
func addWorkflowGraph(g *target.Graph, w *Workflow, ids map[string]int) {
	first := len(g.Nodes)
	for i := range w.Nodes {
		g.Nodes = append(g.Nodes, graphNode(&w.Nodes[i], ids))
	}
	// What produces each output: a node's outputs and its id (the older form of depends names
	// the upstream node itself), then a branch's cases, which label the edges leaving by them.
	producers := map[string]target.GraphEdge{}
	for i := range w.Nodes {
		n, id := &w.Nodes[i], g.Nodes[first+i].ID
		if n.ID != "" {
			producers[n.ID] = target.GraphEdge{From: id}
		}
		if n.Outputs != nil {
			for _, o := range n.Outputs.NodeOutputs {
				producers[o.Data] = target.GraphEdge{From: id}
			}
		}
		if n.Branch != nil {
			for _, c := range n.Branch.Branches {
				if c.Output != nil {
					producers[c.Output.Data] = target.GraphEdge{From: id, Label: caseLabel(c)}
				}
			}
		}
	}
	depends := map[string][]Depend{}
	for _, d := range w.Dependencies {
		depends[d.NodeID] = append(depends[d.NodeID], d.Depends...)
	}
	for i := range w.Nodes {
		n, to := &w.Nodes[i], g.Nodes[first+i].ID
		seen := map[target.GraphEdge]bool{}
		add := func(output string) {
			e, ok := producers[output]
			if e.To = to; ok && !seen[e] {
				seen[e] = true
				g.Edges = append(g.Edges, e)
			}
		}
		for _, d := range depends[n.ID] {
			if d.Output != "" {
				add(d.Output)
			} else {
				add(d.NodeID)
			}
		}
		if n.Inputs != nil {
			for _, o := range n.Inputs.NodeOutputs {
				add(o.Data)
			}
		}
	}
}

// graphNode is n as a graph node with an id not used before.
func graphNode(n *Node, ids map[string]int) target.GraphNode {
	id := n.ID
	if id == "" {
		id = n.Name
	}
	if ids[id]++; ids[id] > 1 {
		id += "#" + strconv.Itoa(ids[id])
	}
	out := target.GraphNode{ID: id, Name: n.Name, Kind: target.GraphTask}
	if out.Name == "" {
		out.Name = n.ID
	}
	if n.Script != nil && n.Script.Runtime != nil {
		out.Type = n.Script.Runtime.Command
	}
	switch {
	case n.Branch != nil || out.Type == "CONTROLLER_BRANCH":
		out.Kind = target.GraphDecision
	case n.Join != nil || out.Type == "CONTROLLER_JOIN":
		out.Kind = target.GraphMerge
	}
	return out
}

// caseLabel is what the edge leaving by a branch case shows: its description (wfc writes the
// case's name there, or its condition as written in the workflow), else its condition.
func caseLabel(c BranchCase) string {
	if c.Desc != "" {
		return c.Desc
	}
	return c.When
}

// Graph is the DAG of the compiled document (target.Grapher), each node naming the step it was
// compiled from: a run or switch step's node has the step's id, and a join node, the only one
// with a dot in its id (step ids have none), no step.
func (a *Artifact) Graph() *target.Graph {
	g := DocumentGraph(a.Doc)
	for i := range g.Nodes {
		if id := g.Nodes[i].ID; !strings.Contains(id, ".") {
			g.Nodes[i].Step = id
		}
	}
	return g
}
