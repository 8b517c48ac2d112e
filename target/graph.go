package target

// Graph is the DAG a compiled workflow runs, for a platform that runs no BPMN (DataWorks):
// what `wfc render` draws, with the layout engine BPMN diagrams are laid out with. It says
// what the nodes and edges are, not where they go. Nodes and Edges are in document order,
// which decides every tie of the layout, so the same artifact gives the same drawing.
type Graph struct {
	Name  string // the workflow's name, the drawing's title
	Nodes []GraphNode
	Edges []GraphEdge
}

// GraphNodeKind is what a node of a Graph does with control.
type GraphNodeKind int

const (
	GraphTask     GraphNodeKind = iota // runs something: a box
	GraphDecision                      // activates one of its out-edges (a switch): a diamond
	GraphMerge                         // runs once whichever of its in-edges ran (a join): a diamond
	// GraphExternal is a node outside the graph's workflow that one of its nodes waits for
	// (a DataWorks project's root node, another workflow's node): not run by this graph, drawn
	// apart (dashed) with its out-edges, so that the dependency shows. It has no in-edges.
	GraphExternal
)

// GraphNode is one node. ID is unique in the graph.
type GraphNode struct {
	ID, Name string
	Kind     GraphNodeKind
	// Type is the platform's node type ("ODPS_SQL", "DIDE_SHELL"), drawn as a tag on a task.
	Type string
	// Step is the id of the workflow step the node was compiled from, so that a diff of two
	// programs can colour it; empty for a node wfc added (a join) or one read from a platform.
	Step string
}

// GraphEdge says that To runs after From (node ids). Label names the case of a decision the
// edge leaves by ("high", "default"); empty for none.
type GraphEdge struct {
	From, To, Label string
}

// Grapher is an Artifact whose platform runs a plain DAG rather than BPMN: render draws it.
type Grapher interface {
	Graph() *Graph
}

// GraphOf is a's graph, or nil when it has none.
func GraphOf(a Artifact) *Graph {
	if g, ok := a.(Grapher); ok {
		return g.Graph()
	}
	return nil
}
