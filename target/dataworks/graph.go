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
// the node's inputs (the server writes both). An output no node of the workflow produces is
// looked for in the document's other workflows, and when none produces it either (the
// project's root node dw_scheduler_pre_root, another workflow's node) it gets an external
// node (target.GraphExternal) of its own, named after it (its refTableName, else the output),
// after the workflows' nodes. Every workflow of the document is drawn; nodes without an id
// take their name as one, and a repeated id gets "#2", "#3" … so that every node is drawn.
// Steps are not known (a compiled artifact's Graph knows them).
func DocumentGraph(doc *Document) *target.Graph {
	g := &target.Graph{}
	if doc == nil {
		return g
	}
	g.Name = doc.Spec.Name
	b := &docGraph{g: g, ids: map[string]int{}, anywhere: map[string]target.GraphEdge{}, external: map[string]string{}}
	producers := make([]map[string]target.GraphEdge, len(doc.Spec.Workflows))
	firsts := make([]int, len(doc.Spec.Workflows))
	for wi := range doc.Spec.Workflows {
		w := &doc.Spec.Workflows[wi]
		if g.Name == "" {
			g.Name = w.Name
		}
		firsts[wi] = len(g.Nodes)
		producers[wi] = b.addNodes(w)
	}
	for wi := range doc.Spec.Workflows {
		b.addEdges(&doc.Spec.Workflows[wi], firsts[wi], producers[wi])
	}
	return g
}

// docGraph builds a document's graph: ids counts the node ids used so far, anywhere is what
// produces each output in any workflow (the first producer), external the id of the external
// node drawn for an output nothing in the document produces.
type docGraph struct {
	g        *target.Graph
	ids      map[string]int
	anywhere map[string]target.GraphEdge
	external map[string]string
}

// addNodes adds w's nodes to the graph, and returns what produces each output in w: a node's
// outputs and its id (the older form of depends names the upstream node itself), then a
// branch's cases, which label the edges leaving by them.
func (b *docGraph) addNodes(w *Workflow) map[string]target.GraphEdge {
	producers := map[string]target.GraphEdge{}
	for i := range w.Nodes {
		n := &w.Nodes[i]
		gn := graphNode(n, b.ids)
		b.g.Nodes = append(b.g.Nodes, gn)
		if n.ID != "" {
			producers[n.ID] = target.GraphEdge{From: gn.ID}
		}
		if n.Outputs != nil {
			for _, o := range n.Outputs.NodeOutputs {
				producers[o.Data] = target.GraphEdge{From: gn.ID}
			}
		}
		if n.Branch != nil {
			for _, c := range n.Branch.Branches {
				if c.Output != nil {
					producers[c.Output.Data] = target.GraphEdge{From: gn.ID, Label: caseLabel(c)}
				}
			}
		}
	}
	for output, e := range producers {
		if _, ok := b.anywhere[output]; !ok {
			b.anywhere[output] = e
		}
	}
	return producers
}

// addEdges adds the edges into w's nodes (the first at index first of the graph's nodes):
// one per upstream output, from its producer in w, else in the document, else from the
// external node drawn for it.
func (b *docGraph) addEdges(w *Workflow, first int, producers map[string]target.GraphEdge) {
	depends := map[string][]Depend{}
	for _, d := range w.Dependencies {
		depends[d.NodeID] = append(depends[d.NodeID], d.Depends...)
	}
	for i := range w.Nodes {
		n, to := &w.Nodes[i], b.g.Nodes[first+i].ID
		seen := map[target.GraphEdge]bool{}
		add := func(output, name string) {
			if output == "" {
				return
			}
			e, ok := producers[output]
			if !ok {
				e = b.producer(output, name)
			}
			if e.To = to; !seen[e] {
				seen[e] = true
				b.g.Edges = append(b.g.Edges, e)
			}
		}
		for _, d := range depends[n.ID] {
			if d.Output != "" {
				add(d.Output, d.RefTableName)
			} else {
				add(d.NodeID, d.RefTableName)
			}
		}
		if n.Inputs != nil {
			for _, o := range n.Inputs.NodeOutputs {
				add(o.Data, o.RefTableName)
			}
		}
	}
}

// producer is the edge from what produces output outside its workflow: a node of another
// workflow of the document, else the external node for output (named name, else output),
// added the first time it is asked for.
func (b *docGraph) producer(output, name string) target.GraphEdge {
	if e, ok := b.anywhere[output]; ok {
		return e
	}
	if id, ok := b.external[output]; ok {
		return target.GraphEdge{From: id}
	}
	ext := graphNode(&Node{ID: output, Name: name}, b.ids)
	ext.Kind = target.GraphExternal
	b.g.Nodes = append(b.g.Nodes, ext)
	b.external[output] = ext.ID
	return target.GraphEdge{From: ext.ID}
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
// with a dot in its id (step ids have none), and an external upstream no step.
func (a *Artifact) Graph() *target.Graph {
	g := DocumentGraph(a.Doc)
	for i := range g.Nodes {
		if id := g.Nodes[i].ID; !strings.Contains(id, ".") && g.Nodes[i].Kind != target.GraphExternal {
			g.Nodes[i].Step = id
		}
	}
	return g
}
