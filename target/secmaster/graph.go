package secmaster

import (
	"fmt"
	"slices"
	"strings"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// The graph is the workflow's control flow as BPMN nodes and sequence flows, before it
// becomes a bpmn.Definitions: small enough to rewrite (joins.go inserts joining gateways)
// and ordered the way the BPMN is written.

// Names of the elements that have no step of their own (see the package doc).
const (
	startName       = "Start"
	endName         = "End"
	errorEventName  = "On error"
	defaultFlowName = "otherwise"
)

// node is one BPMN flow node.
type node struct {
	key    roleKey // the role key its id is hashed from (see idAllocator)
	typ    string  // bpmn-moddle type: "ServiceTask", "ExclusiveGateway", ...
	name   string
	step   *workflow.Step // the step it was compiled from; nil for the start and end events
	origin *diag.Range    // into the workflow or its program, which outlive the graph
	host   *node          // a boundary event's task
	// errorEvent is, on a task, its error boundary event (on_error.go); nil when it has none.
	errorEvent *node

	// main marks the node a step is drawn as (not its join, boundary event or converging
	// gateway), the one that carries the step's description.
	main bool
	// parallelJoin marks the converging gateway of a parallel step: its incoming flows are
	// grouped per branch rather than merged (joins.go).
	parallelJoin bool

	// in is the flows reaching a step's node or the end, filled and used by insertJoins
	// (joins.go); a joining gateway's are not kept.
	in          []*edge
	inCount     int     // how many flows reach the node, counted before in is filled
	joinsBefore []*node // joining gateways joins.go put in front of this node
	el          *bpmn.Element
}

// edge is one sequence flow.
type edge struct {
	key       roleKey
	from, to  *node
	name      string
	cond      string // condition expression; "" for an unconditional flow
	isDefault bool   // the default flow of its (exclusive gateway) source
	origin    *diag.Range
	// branch is, for a flow into a parallel join, the index of the branch it ends; -1 when
	// the flow is not inside a parallel branch.
	branch int
}

type graph struct {
	start, end *node
	steps      []*node // step nodes in declaration order
	edges      []*edge

	// Nodes and edges are cut from arrays (see newNode): one allocation per array rather
	// than one per node or flow, ~3,000 per 1,000 steps (issue 8, item 20).
	nodeStore []node
	edgeStore []edge
}

// reserve makes room for n more nodes and m more edges in the graph's arrays.
func (g *graph) reserve(n, m int) {
	if cap(g.nodeStore)-len(g.nodeStore) < n {
		g.nodeStore = make([]node, 0, n)
	}
	if cap(g.edgeStore)-len(g.edgeStore) < m {
		g.edgeStore = make([]edge, 0, m)
	}
	g.edges = slices.Grow(g.edges, m)
}

// newNode returns a zeroed node from the graph's arrays. A full array, which a count made
// beforehand keeps from happening, is left to the nodes that point into it and a new one
// started.
func (g *graph) newNode() *node {
	if len(g.nodeStore) == cap(g.nodeStore) {
		g.reserve(16, 0)
	}
	g.nodeStore = g.nodeStore[:len(g.nodeStore)+1]
	return &g.nodeStore[len(g.nodeStore)-1]
}

// newEdge is newNode for edges; it also appends the edge to g.edges.
func (g *graph) newEdge() *edge {
	if len(g.edgeStore) == cap(g.edgeStore) {
		g.reserve(0, 16)
	}
	g.edgeStore = g.edgeStore[:len(g.edgeStore)+1]
	e := &g.edgeStore[len(g.edgeStore)-1]
	g.edges = append(g.edges, e)
	return e
}

// graphSize is how many nodes and edges buildGraph makes for p, joins left out: the count
// nodes and connect make, taken first so that the graph is cut from arrays of the right
// size. A wrong count costs only another array.
func graphSize(p *workflow.Program) (nodes, edges int) {
	nodes, edges = 2, 1 // the start and end events, and the start's flow
	for _, s := range p.Steps {
		succ := p.Of(s)
		switch body := s.Body.(type) {
		case *workflow.Action, *workflow.Call:
			nodes, edges = nodes+1, edges+1
			if succ.OnError.Resolved() { // withErrorBoundary
				nodes, edges = nodes+1, edges+1
			}
		case *workflow.Approval:
			nodes, edges = nodes+1, edges+1
			if succ.OnReject.Resolved() { // withOutcomeGateway
				nodes, edges = nodes+1, edges+2
			}
		case *workflow.Wait:
			nodes, edges = nodes+1, edges+1
		case *workflow.Switch:
			nodes, edges = nodes+1, edges+len(body.Cases)+1
		case *workflow.Parallel:
			if len(body.Branches) > 1 { // the fork and the join
				nodes, edges = nodes+2, edges+len(body.Branches)+1
			}
		case *workflow.Run, nil:
			// no node: nodes fails the build (check reports a run step first)
		}
	}
	return nodes, edges
}

// stepNodes are the nodes compiled for one step.
type stepNodes struct {
	main    *node // the task, event or forking gateway
	join    *node // a parallel step's converging gateway
	err     *node // an action's or call's error boundary event
	outcome *node // an approval's outcome gateway, when it has an on_reject (on_reject.go)
}

// graphBuilder compiles the step lists into a graph. It runs only on a workflow check has
// accepted, so every target of the program is a step in the same list, a join, or the end.
// Where control goes comes from the program; the builder only decides which BPMN nodes
// stand for it.
type graphBuilder struct {
	g    *graph
	prog *workflow.Program
	// records holds each step's nodes at the step's position in the program: an index
	// where a map from step to record cost a hash on every look-up (issue 8, item 20).
	records []stepNodes
	err     error // the first step or target the builder cannot compile
}

func buildGraph(p *workflow.Program) (*graph, error) {
	w := p.Workflow
	nodes, edges := graphSize(p)
	b := &graphBuilder{
		g:       &graph{steps: make([]*node, 0, nodes-2)},
		prog:    p,
		records: make([]stepNodes, len(p.Steps)),
	}
	b.g.reserve(nodes, edges)
	b.g.start = b.newNode(keyOf("@start"), "StartEvent", startName, nil, &w.Range)
	b.g.end = b.newNode(keyOf("@end"), "EndEvent", endName, nil, &w.Range)
	b.nodes(w.Steps)
	if b.err != nil {
		return nil, b.err
	}
	b.addEdge(keyOf("@start/next"), b.g.start, b.node(p.Start), &p.Start.Range, -1)
	b.connect(w.Steps, -1)
	if b.err != nil {
		return nil, b.err
	}
	return b.g, nil
}

// newNode returns a node with the given fields, set one by one: the node is in an array,
// and copying a whole struct into it while the GC marks costs a write barrier per pointer.
func (b *graphBuilder) newNode(key roleKey, typ, name string, step *workflow.Step, origin *diag.Range) *node {
	n := b.g.newNode()
	n.key, n.typ, n.name, n.step, n.origin = key, typ, name, step, origin
	return n
}

// add is a new node of step s, appended to the graph's step nodes.
func (b *graphBuilder) add(key roleKey, typ, name string, s *workflow.Step, origin *diag.Range) *node {
	n := b.newNode(key, typ, name, s, origin)
	b.g.steps = append(b.g.steps, n)
	return n
}

// nodesOf is the record of step s's nodes; a step the builder has not seen has none.
func (b *graphBuilder) nodesOf(s *workflow.Step) *stepNodes {
	if i := b.prog.Position(s); i >= 0 {
		return &b.records[i]
	}
	return &stepNodes{}
}

// nodes creates the nodes of a step list, depth first, in declaration order.
func (b *graphBuilder) nodes(steps []*workflow.Step) {
	for _, s := range steps {
		id := s.ID.Value
		r := b.nodesOf(s)
		mk := func(typ string) *node {
			n := b.add(keyOf(id), typ, s.LabelOrID(), s, &s.Range)
			n.main = true
			return n
		}
		switch body := s.Body.(type) {
		case *workflow.Action:
			r.main = b.withErrorBoundary(s, r, mk("ServiceTask"))
		case *workflow.Approval:
			r.main = b.withOutcomeGateway(s, r, mk("UserTask"))
		case *workflow.Call:
			r.main = b.withErrorBoundary(s, r, mk("CallActivity"))
		case *workflow.Wait:
			r.main = mk("IntermediateCatchEvent")
		case *workflow.Switch:
			r.main = mk("ExclusiveGateway")
		case *workflow.Parallel:
			if len(body.Branches) == 1 {
				b.nodes(body.Branches[0].Steps) // one branch is just a sequence: see entry
				continue
			}
			r.main = mk("ParallelGateway")
			for _, br := range body.Branches {
				b.nodes(br.Steps)
			}
			r.join = b.add(keyOf(id).with("/parallel-join"), "ParallelGateway", "", s, &s.Range)
			r.join.parallelJoin = true
		default:
			b.fail(fmt.Errorf("step %q: the compiler has no BPMN for step kind %s", id, s.KindKey()))
		}
	}
}

func (b *graphBuilder) fail(err error) {
	if b.err == nil {
		b.err = err
	}
}

// entry is the node control enters step s through.
func (b *graphBuilder) entry(s *workflow.Step) *node {
	if p, ok := s.Body.(*workflow.Parallel); ok && len(p.Branches) == 1 {
		return b.entry(p.Branches[0].Steps[0])
	}
	return b.nodesOf(s).main
}

// node is the BPMN node a target of the program leads to.
func (b *graphBuilder) node(t workflow.Target) *node {
	switch t.Kind {
	case workflow.TargetStep:
		return b.entry(t.Step)
	case workflow.TargetJoin:
		if join := b.nodesOf(t.Step).join; join != nil {
			return join
		}
		// A parallel with one branch has no gateways (see entry): its branch goes straight
		// on to what follows the parallel.
		return b.node(b.prog.Of(t.Step).Next)
	case workflow.TargetEnd:
		return b.g.end
	}
	b.fail(fmt.Errorf("a target at line %d names no step", t.Range.Start.Line))
	return b.g.end
}

func (b *graphBuilder) addEdge(key roleKey, from, to *node, origin *diag.Range, branch int) *edge {
	e := b.g.newEdge()
	e.key, e.from, e.to, e.origin, e.branch = key, from, to, origin, branch
	return e
}

// connect adds the flows leaving each step of a list; branch is the index of the parallel
// branch the list is (-1 at the top level).
func (b *graphBuilder) connect(steps []*workflow.Step, branch int) {
	for _, s := range steps {
		id := keyOf(s.ID.Value)
		r := b.nodesOf(s)
		n := r.main
		succ := b.prog.Of(s)
		switch body := s.Body.(type) {
		case *workflow.Approval:
			b.connectApproval(s, r, branch)
		case *workflow.Action, *workflow.Call, *workflow.Wait:
			b.addEdge(id.with("/next"), n, b.node(succ.Next), &succ.Next.Range, branch)
			if ev := r.err; ev != nil {
				b.addEdge(id.with("/error/next"), ev, b.node(succ.OnError), &succ.OnError.Range, branch)
			}
		case *workflow.Switch:
			for ci, c := range body.Cases {
				e := b.addEdge(id.with("/case/").withInt(ci), n, b.node(succ.Cases[ci]), &c.Range, branch)
				e.name, e.cond = caseLabel(c), strings.TrimSpace(c.When.Value)
			}
			e := b.addEdge(id.with("/default"), n, b.node(succ.Default), &succ.Default.Range, branch)
			e.name, e.isDefault = defaultFlowName, true
		case *workflow.Parallel:
			if len(body.Branches) == 1 {
				b.connect(body.Branches[0].Steps, branch)
				continue
			}
			join := r.join
			for bi, br := range body.Branches {
				key := id.with("/branch/").withInt(bi)
				if len(br.Steps) == 0 {
					b.addEdge(key, n, join, &br.Range, bi)
					continue
				}
				b.addEdge(key, n, b.node(succ.Branches[bi]), &br.Range, branch)
				b.connect(br.Steps, bi)
			}
			b.addEdge(id.with("/parallel-join/next"), join, b.node(succ.Next), &succ.Next.Range, branch)
		case *workflow.Run, nil:
			// no node: nodes has failed the build (check reports a run step first)
		}
	}
}

// caseLabel is a case's flow label: its name, or its expression as written. '&', '<' and
// '>' are fine in a label: the XML writer escapes them, and SecMaster's canvas (xml-js and
// bpmn-moddle) reads them back exactly; the entity-like-text lint rule warns about the one
// spelling that does not survive the canvas, an '&' that looks like an entity.
func caseLabel(c *workflow.Case) string {
	if c.Name.IsSet() {
		return c.Name.Value
	}
	return strings.TrimSpace(c.When.Value)
}
