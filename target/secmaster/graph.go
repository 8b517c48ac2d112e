package secmaster

import (
	"fmt"
	"strconv"
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
	key    string // the role key its id is hashed from (see idAllocator)
	typ    string // bpmn-moddle type: "ServiceTask", "ExclusiveGateway", ...
	name   string
	step   *workflow.Step // the step it was compiled from; nil for the start and end events
	origin diag.Range
	host   *node // a boundary event's task

	// parallelJoin marks the converging gateway of a parallel step: its incoming flows are
	// grouped per branch rather than merged (joins.go).
	parallelJoin bool

	in          []*edge // incoming flows, filled by joins.go
	inCount     int     // how many flows reach the node, counted before in is filled
	joinsBefore []*node // joining gateways joins.go put in front of this node
	el          *bpmn.Element
}

// edge is one sequence flow.
type edge struct {
	key       string
	from, to  *node
	name      string
	cond      string // condition expression; "" for an unconditional flow
	isDefault bool   // the default flow of its (exclusive gateway) source
	origin    diag.Range
	// branch is, for a flow into a parallel join, the index of the branch it ends; -1 when
	// the flow is not inside a parallel branch.
	branch int
}

type graph struct {
	start, end *node
	steps      []*node // step nodes in declaration order
	edges      []*edge
}

// graphBuilder compiles the step lists into a graph. It runs only on a workflow check has
// accepted, so every target of the program is a step in the same list, a join, or the end.
// Where control goes comes from the program; the builder only decides which BPMN nodes
// stand for it.
type graphBuilder struct {
	g      *graph
	prog   *workflow.Program
	nodeOf map[*workflow.Step]*node // the step's main node: task, event, or forking gateway
	joinOf map[*workflow.Step]*node // a parallel step's converging gateway
	errOf  map[*workflow.Step]*node // an action's error boundary event
	err    error                    // the first step or target the builder cannot compile

	// outcomeOf is an approval's outcome gateway, when it has an on_reject (on_reject.go).
	outcomeOf map[*workflow.Step]*node
}

func buildGraph(p *workflow.Program) (*graph, error) {
	w := p.Workflow
	b := &graphBuilder{
		g:      &graph{},
		prog:   p,
		nodeOf: map[*workflow.Step]*node{},
		joinOf: map[*workflow.Step]*node{},
		errOf:  map[*workflow.Step]*node{},

		outcomeOf: map[*workflow.Step]*node{},
	}
	b.g.start = &node{key: "@start", typ: "StartEvent", name: startName, origin: w.Range}
	b.g.end = &node{key: "@end", typ: "EndEvent", name: endName, origin: w.Range}
	b.nodes(w.Steps)
	if b.err != nil {
		return nil, b.err
	}
	b.addEdge("@start/next", b.g.start, b.node(p.Start), p.Start.Range, -1)
	b.connect(w.Steps, -1)
	if b.err != nil {
		return nil, b.err
	}
	return b.g, nil
}

func (b *graphBuilder) add(n *node) *node {
	b.g.steps = append(b.g.steps, n)
	return n
}

// nodes creates the nodes of a step list, depth first, in declaration order.
func (b *graphBuilder) nodes(steps []*workflow.Step) {
	for _, s := range steps {
		id := s.ID.Value
		mk := func(typ string) *node {
			return b.add(&node{key: id, typ: typ, name: s.LabelOrID(), step: s, origin: s.Range})
		}
		switch body := s.Body.(type) {
		case *workflow.Action:
			b.nodeOf[s] = b.withErrorBoundary(s, mk("ServiceTask"))
		case *workflow.Approval:
			b.nodeOf[s] = b.withOutcomeGateway(s, mk("UserTask"))
		case *workflow.Call:
			b.nodeOf[s] = b.withErrorBoundary(s, mk("CallActivity"))
		case *workflow.Wait:
			b.nodeOf[s] = mk("IntermediateCatchEvent")
		case *workflow.Switch:
			b.nodeOf[s] = mk("ExclusiveGateway")
		case *workflow.Parallel:
			if len(body.Branches) == 1 {
				b.nodes(body.Branches[0].Steps) // one branch is just a sequence: see entry
				continue
			}
			b.nodeOf[s] = mk("ParallelGateway")
			for _, br := range body.Branches {
				b.nodes(br.Steps)
			}
			b.joinOf[s] = b.add(&node{key: id + "/parallel-join", typ: "ParallelGateway", step: s,
				origin: s.Range, parallelJoin: true})
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
	return b.nodeOf[s]
}

// node is the BPMN node a target of the program leads to.
func (b *graphBuilder) node(t workflow.Target) *node {
	switch t.Kind {
	case workflow.TargetStep:
		return b.entry(t.Step)
	case workflow.TargetJoin:
		if join := b.joinOf[t.Step]; join != nil {
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

func (b *graphBuilder) addEdge(key string, from, to *node, origin diag.Range, branch int) *edge {
	e := &edge{key: key, from: from, to: to, origin: origin, branch: branch}
	b.g.edges = append(b.g.edges, e)
	return e
}

// connect adds the flows leaving each step of a list; branch is the index of the parallel
// branch the list is (-1 at the top level).
func (b *graphBuilder) connect(steps []*workflow.Step, branch int) {
	for _, s := range steps {
		id := s.ID.Value
		n := b.nodeOf[s]
		succ := b.prog.Of(s)
		switch body := s.Body.(type) {
		case *workflow.Approval:
			b.connectApproval(s, n, branch)
		case *workflow.Action, *workflow.Call, *workflow.Wait:
			b.addEdge(id+"/next", n, b.node(succ.Next), succ.Next.Range, branch)
			if ev := b.errOf[s]; ev != nil {
				b.addEdge(id+"/error/next", ev, b.node(succ.OnError), succ.OnError.Range, branch)
			}
		case *workflow.Switch:
			for ci, c := range body.Cases {
				e := b.addEdge(id+"/case/"+strconv.Itoa(ci), n, b.node(succ.Cases[ci]), c.Range, branch)
				e.name, e.cond = caseLabel(c), strings.TrimSpace(c.When.Value)
			}
			e := b.addEdge(id+"/default", n, b.node(succ.Default), succ.Default.Range, branch)
			e.name, e.isDefault = defaultFlowName, true
		case *workflow.Parallel:
			if len(body.Branches) == 1 {
				b.connect(body.Branches[0].Steps, branch)
				continue
			}
			join := b.joinOf[s]
			for bi, br := range body.Branches {
				key := id + "/branch/" + strconv.Itoa(bi)
				if len(br.Steps) == 0 {
					b.addEdge(key, n, join, br.Range, bi)
					continue
				}
				b.addEdge(key, n, b.node(succ.Branches[bi]), br.Range, branch)
				b.connect(br.Steps, bi)
			}
			b.addEdge(id+"/parallel-join/next", join, b.node(succ.Next), succ.Next.Range, branch)
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
