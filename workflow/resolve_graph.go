package workflow

import (
	"slices"

	"github.com/wfc-dev/wfc/diag"
)

// Flow is the control-flow graph of a resolved program, for the graph checks (reachability,
// loops, "has this step run yet"). Nodes are a start, an end, one node per step and one join
// node per parallel step; the parallel step's own node is its fork. It is a view of the
// Program's targets and adds no semantics of its own.
//
// Targets that name no step give no edge: Resolve reports them, and the graph checks then
// see a step with fewer ways out rather than a crash.
//
// Everything here is linear in the size of the workflow, except Dominators, which is the
// Cooper–Harvey–Kennedy iteration: linear per pass, and a handful of passes on real workflows.
type Flow struct {
	Program  *Program
	Workflow *Workflow
	Nodes    []*Node
	Edges    []Edge // every edge, grouped by source node in node order
	out, in  [][]Edge
	joins    map[*Step]int // parallel step → its join node

	dom *domTree // built on first use
}

// Node indices of the start and end nodes.
const (
	StartNode = 0
	EndNode   = 1
)

// NodeKind says what a node stands for.
type NodeKind int

const (
	NodeStart NodeKind = iota // where execution begins; it flows to the first top-level step
	NodeEnd                   // the workflow's end event
	NodeStep                  // a step (for a parallel step: where its branches fork)
	NodeJoin                  // where a parallel step's branches join; Step is the parallel step
)

// Node is one node of the flow.
type Node struct {
	Index int
	Kind  NodeKind
	Step  *Step // NodeStep: the step; NodeJoin: the parallel step it joins; nil otherwise
}

// EdgeKind says what in the YAML creates an edge.
type EdgeKind int

const (
	EdgeSequence  EdgeKind = iota // fall-through to the next step in the list or the end (also a switch with no default)
	EdgeNext                      // next: STEP
	EdgeCase                      // a switch case's next; Index is the case
	EdgeDefault                   // a switch's default
	EdgeOnError                   // on_error: STEP, taken when the action fails
	EdgeFork                      // a parallel step into one branch; Index is the branch
	EdgeBranchEnd                 // a branch's last step into the join; Index is the branch
	EdgeOnReject                  // an approval's on_reject: STEP, taken when it is rejected
)

func (k EdgeKind) String() string {
	return [...]string{"sequence", "next", "case", "default", "on_error", "fork", "branch-end", "on_reject"}[k]
}

// Edge is one transition.
type Edge struct {
	From, To int
	Kind     EdgeKind
	Index    int        // the case (EdgeCase) or branch (EdgeFork, EdgeBranchEnd); -1 otherwise
	Range    diag.Range // the YAML that creates the edge: the next/default/on_error/on_reject value, the case, the branch, or the step for fall-through
}

// firstStepNode is the node of Program.Steps[0]; step i has node firstStepNode+i.
const firstStepNode = 2

// newFlow builds the flow graph of p.
func newFlow(p *Program) *Flow {
	steps := p.Steps
	f := &Flow{Program: p, Workflow: p.Workflow, joins: make(map[*Step]int)}
	// One backing array for the nodes and one for the edges: a large workflow then costs a
	// few allocations, not several per step.
	nodes := make([]Node, 0, firstStepNode+2*len(steps))
	addNode := func(kind NodeKind, s *Step) int {
		nodes = append(nodes, Node{Index: len(nodes), Kind: kind, Step: s})
		return len(nodes) - 1
	}
	addNode(NodeStart, nil)
	addNode(NodeEnd, nil)
	for _, s := range steps {
		addNode(NodeStep, s)
	}
	for _, s := range steps {
		if _, ok := s.Body.(*Parallel); ok {
			f.joins[s] = addNode(NodeJoin, s)
		}
	}
	f.Nodes = make([]*Node, len(nodes))
	for i := range nodes {
		f.Nodes[i] = &nodes[i]
	}
	f.Edges = make([]Edge, 0, len(nodes))
	f.addTarget(StartNode, nil, p.Start, EdgeSequence, -1)
	for i, s := range steps {
		f.addStepEdges(firstStepNode+i, s, p.Of(s))
	}
	f.out = groupEdges(f.Edges, len(f.Nodes), func(e Edge) int { return e.From })
	f.in = groupEdges(f.Edges, len(f.Nodes), func(e Edge) int { return e.To })
	return f
}

// addStepEdges adds the edges leaving step s (node n), in the order the YAML writes them:
// those of its kind (resolve_body.go), then its next.
func (f *Flow) addStepEdges(n int, s *Step, succ *Successors) {
	if s.Body != nil {
		n = s.Body.edges(f, n, s, succ)
	}
	if n >= 0 {
		f.addTarget(n, s, succ.Next, EdgeNext, -1)
	}
}

// addTarget adds the edge from node n to t, where s is the step the edge leaves (nil for
// the start). A written target has the edge kind given; a fall-through is a sequence edge,
// or a branch-end edge when it ends a parallel branch.
func (f *Flow) addTarget(n int, s *Step, t Target, kind EdgeKind, index int) {
	to := f.nodeOfTarget(t)
	if to < 0 {
		return
	}
	if t.Implicit && kind != EdgeFork {
		kind, index = EdgeSequence, -1
		if t.Kind == TargetJoin {
			kind, index = EdgeBranchEnd, s.Parent.Index
		}
	}
	f.addEdge(n, to, kind, index, t.Range)
}

func (f *Flow) addEdge(from, to int, kind EdgeKind, index int, r diag.Range) {
	f.Edges = append(f.Edges, Edge{From: from, To: to, Kind: kind, Index: index, Range: r})
}

// nodeOfTarget is the node a target leads to, or -1 for none.
func (f *Flow) nodeOfTarget(t Target) int {
	switch t.Kind {
	case TargetEnd:
		return EndNode
	case TargetStep:
		return f.NodeOf(t.Step)
	case TargetJoin:
		return f.JoinOf(t.Step)
	}
	return -1
}

// groupEdges lists the edges by node (by(e) is the node an edge belongs to), keeping their
// order, all in one backing array.
func groupEdges(edges []Edge, nodes int, by func(Edge) int) [][]Edge {
	start := make([]int, nodes+1)
	for _, e := range edges {
		start[by(e)+1]++
	}
	for i := 1; i <= nodes; i++ {
		start[i] += start[i-1]
	}
	backing := make([]Edge, len(edges))
	fill := slices.Clone(start[:nodes])
	for _, e := range edges {
		n := by(e)
		backing[fill[n]] = e
		fill[n]++
	}
	out := make([][]Edge, nodes)
	for n := range nodes {
		out[n] = backing[start[n]:start[n+1]:start[n+1]]
	}
	return out
}

// NodeOf is the node of a step, or -1 when the step is not in the workflow.
func (f *Flow) NodeOf(s *Step) int {
	if i := f.Program.position(s); i >= 0 {
		return firstStepNode + i
	}
	return -1
}

// JoinOf is the join node of a parallel step, or -1.
func (f *Flow) JoinOf(s *Step) int {
	if n, ok := f.joins[s]; ok {
		return n
	}
	return -1
}

// Out is the edges leaving node n, in the order the YAML writes them.
func (f *Flow) Out(n int) []Edge { return f.out[n] }

// In is the edges entering node n.
func (f *Flow) In(n int) []Edge { return f.in[n] }

// Successors are the nodes an edge from n leads to (a node twice when two edges lead there).
func (f *Flow) Successors(n int) []int {
	out := make([]int, len(f.out[n]))
	for i, e := range f.out[n] {
		out[i] = e.To
	}
	return out
}

// Predecessors are the nodes with an edge into n.
func (f *Flow) Predecessors(n int) []int {
	out := make([]int, len(f.in[n]))
	for i, e := range f.in[n] {
		out[i] = e.From
	}
	return out
}

// Reachable marks the nodes some path from the start reaches.
func (f *Flow) Reachable() []bool {
	return f.search(StartNode, f.out, func(e Edge) int { return e.To })
}

// ReachesEnd marks the nodes from which some path reaches the end.
func (f *Flow) ReachesEnd() []bool {
	return f.search(EndNode, f.in, func(e Edge) int { return e.From })
}

func (f *Flow) search(from int, adj [][]Edge, next func(Edge) int) []bool {
	seen := make([]bool, len(f.Nodes))
	seen[from] = true
	stack := []int{from}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, e := range adj[n] {
			if m := next(e); !seen[m] {
				seen[m] = true
				stack = append(stack, m)
			}
		}
	}
	return seen
}

// SCCs returns the strongly connected components (Tarjan's algorithm, iterative so a long
// workflow cannot overflow the stack). Each component lists its nodes in increasing order;
// components come in reverse topological order: a component comes before every component that
// has an edge into it.
func (f *Flow) SCCs() [][]int {
	n := len(f.Nodes)
	index := make([]int, n) // discovery order + 1; 0: not yet visited
	low := make([]int, n)
	onStack := make([]bool, n)
	var stack []int
	var out [][]int
	type frame struct{ node, edge int }
	counter := 0
	for root := range n {
		if index[root] != 0 {
			continue
		}
		call := []frame{{root, 0}}
		counter++
		index[root], low[root] = counter, counter
		stack, onStack[root] = append(stack, root), true
		for len(call) > 0 {
			top := &call[len(call)-1]
			v := top.node
			if top.edge < len(f.out[v]) {
				w := f.out[v][top.edge].To
				top.edge++
				if index[w] == 0 {
					counter++
					index[w], low[w] = counter, counter
					stack, onStack[w] = append(stack, w), true
					call = append(call, frame{w, 0})
				} else if onStack[w] {
					low[v] = min(low[v], index[w])
				}
				continue
			}
			call = call[:len(call)-1]
			if len(call) > 0 {
				parent := call[len(call)-1].node
				low[parent] = min(low[parent], low[v])
			}
			if low[v] == index[v] {
				var comp []int
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					comp = append(comp, w)
					if w == v {
						break
					}
				}
				slices.Sort(comp)
				out = append(out, comp)
			}
		}
	}
	return out
}

// IsCycle reports whether a component from SCCs is a loop: more than one node, or one node
// with an edge to itself.
func (f *Flow) IsCycle(comp []int) bool {
	if len(comp) > 1 {
		return true
	}
	for _, e := range f.out[comp[0]] {
		if e.To == comp[0] {
			return true
		}
	}
	return false
}
