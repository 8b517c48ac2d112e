package render

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/bpmn/layout"
	"github.com/wfc-dev/wfc/target"
)

// FromGraph builds the diagram of a platform's DAG (target.Graph, e.g. a DataWorks
// workflow), laid out by the same engine as a BPMN process: the graph is written as the
// process it stands for (a task per task node, an exclusive gateway per decision, an
// inclusive one per merge, a start event before the nodes nothing runs before and an end
// event after those nothing runs after, which give the layout its left-to-right spine, and
// a task per external node, which starts its own flows) and that process is laid out; an
// external node the layout leaves far from what waits for it is then moved beside it
// (placeExternals). The
// diagram's nodes and edges carry the graph's ids, so marks are given by node id; the start
// and end events have none, and an edge's id is "FROM->TO" (with "#2", "#3" … for a second
// edge between the same nodes). A task shows its Type as a tag, an edge its Label (a
// decision's case), an external node the tag "external" on a dashed box and its edges
// dashed. Edges naming an unknown node are skipped.
func FromGraph(g *target.Graph) (*Diagram, error) {
	if g == nil {
		return nil, errors.New("render: there is no graph to draw")
	}
	p, err := graphProcess(g)
	if err != nil {
		return nil, err
	}
	plane, err := layout.LayoutProcess(p.process)
	if err != nil {
		return nil, err
	}
	d := &Diagram{Title: g.Name}
	drawnAs := make([]int, len(g.Nodes)) // graph node → index in d.Nodes
	for _, s := range plane.Shapes {
		addShape(d, s)
		n := &d.Nodes[len(d.Nodes)-1]
		if i, ok := p.nodeOf[s.Element]; ok {
			drawnAs[i] = len(d.Nodes) - 1
			n.ID, n.Tag = g.Nodes[i].ID, g.Nodes[i].Type
			if n.Shape != ShapeTask {
				n.Tag = ""
			}
			if n.External = g.Nodes[i].Kind == target.GraphExternal; n.External {
				n.Tag = externalTag
			}
		} else {
			n.ID = ""
		}
	}
	ends := make([]edgeEnds, 0, len(plane.Edges))
	for _, e := range plane.Edges {
		out := edgeOf(e)
		out.ID = p.edgeID[e.Element]
		if p.fromExternal[e.Element] {
			out.Kind = EdgeDependency
		}
		d.Edges = append(d.Edges, out)
		link, ok := p.linkOf[e.Element]
		if !ok {
			ends = append(ends, edgeEnds{-1, -1})
			continue
		}
		ends = append(ends, edgeEnds{drawnAs[link[0]], drawnAs[link[1]]})
	}
	placeExternals(d, ends)
	separateParallel(d)
	enterApart(d)
	return d, nil
}

// externalTag is the tag of an external node, in place of a node type it does not have.
const externalTag = "external"

// graphBPMN is the BPMN process a graph is laid out as, with the way back from its elements
// to the graph's nodes (by index) and edge ids.
type graphBPMN struct {
	process *bpmn.Element
	nodeOf  map[*bpmn.Element]int
	edgeID  map[*bpmn.Element]string
	// fromExternal holds the flows out of external nodes.
	fromExternal map[*bpmn.Element]bool
	// linkOf is the graph nodes (by index) a flow for one of the graph's edges joins.
	linkOf map[*bpmn.Element][2]int
}

// graphElementTypes are the BPMN types a graph node is laid out (and drawn) as.
var graphElementTypes = map[target.GraphNodeKind]string{
	target.GraphTask:     "Task",
	target.GraphDecision: "ExclusiveGateway",
	target.GraphMerge:    "InclusiveGateway",
	target.GraphExternal: "Task",
}

// graphProcess writes g as a BPMN process: the start event (when a node needs one), the
// nodes, the end event, then
// the flows out of the start event, the graph's edges and the flows into the end event, so
// that declaration order (which breaks the layout's ties) is the graph's. Element ids are
// generated (n1…, f1…), since a platform's node ids need not be valid BPMN ids.
func graphProcess(g *target.Graph) (*graphBPMN, error) {
	index, err := graphIndex(g)
	if err != nil {
		return nil, err
	}
	b := &graphBuilder{defs: bpmn.NewDefinitions("Graph", "", nil),
		graphBPMN: graphBPMN{nodeOf: map[*bpmn.Element]int{}, edgeID: map[*bpmn.Element]string{}, fromExternal: map[*bpmn.Element]bool{},
			linkOf: map[*bpmn.Element][2]int{}}}
	if b.process, err = b.defs.AddProcess("Graph_Process", g.Name); err != nil {
		return nil, err
	}
	if len(g.Nodes) == 0 {
		return &b.graphBPMN, nil
	}
	type link struct {
		from, to  int
		label, id string
	}
	var links []link
	hasIn, hasOut := make([]bool, len(g.Nodes)), make([]bool, len(g.Nodes))
	seen := map[string]int{}
	for _, e := range g.Edges {
		from, okFrom := index[e.From]
		to, okTo := index[e.To]
		if !okFrom || !okTo {
			continue
		}
		id := e.From + "->" + e.To
		if seen[id]++; seen[id] > 1 {
			id += "#" + strconv.Itoa(seen[id])
		}
		links = append(links, link{from, to, e.Label, id})
		hasOut[from], hasIn[to] = true, true
	}
	entries := entryNodes(g, hasIn)
	var start *bpmn.Element
	if len(entries) > 0 {
		start = b.add("StartEvent", "start", "")
	}
	els := make([]*bpmn.Element, len(g.Nodes))
	for i, n := range g.Nodes {
		els[i] = b.add(graphElementTypes[n.Kind], "n"+strconv.Itoa(i+1), n.Name)
		b.nodeOf[els[i]] = i
	}
	end := b.add("EndEvent", "end", "")
	for _, i := range entries {
		b.connect(start, els[i], "", "")
	}
	for _, l := range links {
		f := b.connect(els[l.from], els[l.to], l.label, l.id)
		if f == nil {
			continue
		}
		b.linkOf[f] = [2]int{l.from, l.to}
		if g.Nodes[l.from].Kind == target.GraphExternal {
			b.fromExternal[f] = true
		}
	}
	for i := range els {
		if !hasOut[i] {
			b.connect(els[i], end, "", "")
		}
	}
	return &b.graphBPMN, b.err
}

// entryNodes are the nodes the start event leads to: those nothing runs before, external
// nodes aside (the workflow does not run them). A node that waits for an external one only
// (the project's root) is not among them, the external node being what runs before it, so a
// workflow whose first nodes all wait for the root has no start event, as DataWorks draws it.
// When every node runs after another (a cycle), it is the first node.
func entryNodes(g *target.Graph, hasIn []bool) []int {
	var entries []int
	external := false
	for i, n := range g.Nodes {
		external = external || n.Kind == target.GraphExternal
		if !hasIn[i] && n.Kind != target.GraphExternal {
			entries = append(entries, i)
		}
	}
	if len(entries) == 0 && !external {
		entries = []int{0}
	}
	return entries
}

// graphIndex maps g's node ids to their indices, and refuses a graph render cannot draw.
func graphIndex(g *target.Graph) (map[string]int, error) {
	index := make(map[string]int, len(g.Nodes))
	for i, n := range g.Nodes {
		if _, dup := index[n.ID]; dup {
			return nil, fmt.Errorf("render: two nodes of the graph have the id %q", n.ID)
		}
		if _, ok := graphElementTypes[n.Kind]; !ok {
			return nil, fmt.Errorf("render: node %q has a kind (%d) render does not know", n.ID, n.Kind)
		}
		index[n.ID] = i
	}
	return index, nil
}

// graphBuilder adds elements to the process, keeping the first error (the ids are its own,
// so there is none unless the builder changes its rules).
type graphBuilder struct {
	graphBPMN
	defs  *bpmn.Definitions
	flows int
	err   error
}

func (b *graphBuilder) add(typ, id, name string) *bpmn.Element {
	el, err := b.defs.AddNode(b.process, typ, id, name)
	if b.err == nil {
		b.err = err
	}
	return el
}

// connect adds a flow named name (none when empty); id is the edge id the diagram shows.
func (b *graphBuilder) connect(from, to *bpmn.Element, name, id string) *bpmn.Element {
	if b.err != nil {
		return nil
	}
	b.flows++
	var attrs []bpmn.Attr
	if name != "" {
		attrs = append(attrs, bpmn.Attr{Name: "name", Value: name})
	}
	f, err := b.defs.Connect("f"+strconv.Itoa(b.flows), from, to, attrs...)
	if err != nil {
		b.err = err
		return nil
	}
	b.edgeID[f] = id
	return f
}
