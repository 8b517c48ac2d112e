package workflow

import (
	"slices"

	"github.com/wfc-dev/wfc/diag"
)

// Flow is the control-flow graph of a workflow's steps, for the linter's graph checks
// (reachability, loops, "has this step run yet"). Nodes are a start, an end, one node per step
// and one join node per parallel step; the parallel step's own node is its fork.
//
// Targets that name no step are skipped: the compiler reports them, and the graph checks then
// see a step with fewer ways out rather than a crash.
//
// Everything here is linear in the size of the workflow, except Dominators, which is the
// Cooper–Harvey–Kennedy iteration: linear per pass, and a handful of passes on real workflows.
type Flow struct {
	Workflow *Workflow
	Nodes    []*Node
	Edges    []Edge // every edge, grouped by source node in node order
	out, in  [][]Edge
	byStep   map[*Step]int
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
)

func (k EdgeKind) String() string {
	return [...]string{"sequence", "next", "case", "default", "on_error", "fork", "branch-end"}[k]
}

// Edge is one transition.
type Edge struct {
	From, To int
	Kind     EdgeKind
	Index    int        // the case (EdgeCase) or branch (EdgeFork, EdgeBranchEnd); -1 otherwise
	Range    diag.Range // the YAML that creates the edge: the next/default/on_error value, the case, the branch, or the step for fall-through
}

// BuildFlow builds the flow of w. It never fails: a malformed workflow gives a graph with
// fewer edges.
func BuildFlow(w *Workflow) *Flow {
	steps := w.AllSteps()
	f := &Flow{Workflow: w, byStep: make(map[*Step]int, len(steps)), joins: make(map[*Step]int)}
	// One backing array for the nodes and one for the edges: a large workflow then costs a
	// few allocations, not several per step.
	nodes := make([]Node, 0, 2+2*len(steps))
	addNode := func(kind NodeKind, s *Step) int {
		nodes = append(nodes, Node{Index: len(nodes), Kind: kind, Step: s})
		return len(nodes) - 1
	}
	addNode(NodeStart, nil)
	addNode(NodeEnd, nil)
	ids := make(map[string]*Step, len(steps))
	for _, s := range steps {
		f.byStep[s] = addNode(NodeStep, s)
		if s.ID.IsSet() && ids[s.ID.Value] == nil { // a duplicate id is the compiler's to report; the first wins
			ids[s.ID.Value] = s
		}
	}
	for _, s := range steps {
		if s.Kind == KindParallel {
			f.joins[s] = addNode(NodeJoin, s)
		}
	}
	f.Nodes = make([]*Node, len(nodes))
	for i := range nodes {
		f.Nodes[i] = &nodes[i]
	}
	f.Edges = make([]Edge, 0, len(nodes))
	target := func(id String) int {
		if id.Value == "end" {
			return EndNode
		}
		if s := ids[id.Value]; s != nil {
			return f.byStep[s]
		}
		return -1
	}
	add := func(from, to int, kind EdgeKind, index int, r diag.Range) {
		if to >= 0 {
			f.Edges = append(f.Edges, Edge{From: from, To: to, Kind: kind, Index: index, Range: r})
		}
	}
	if len(w.Steps) > 0 {
		add(StartNode, f.byStep[w.Steps[0]], EdgeSequence, -1, w.Steps[0].Range)
	} else {
		add(StartNode, EndNode, EdgeSequence, -1, w.Range)
	}
	for _, s := range steps {
		n := f.byStep[s]
		switch s.Kind {
		case KindSwitch:
			for i, c := range s.Cases {
				if c.Next.IsSet() {
					add(n, target(c.Next), EdgeCase, i, c.Next.Range)
				}
			}
			if s.Default.IsSet() {
				add(n, target(s.Default), EdgeDefault, -1, s.Default.Range)
			} else { // as the compiler does: with no default, the flow goes on as after any step
				to, kind, index := f.fallThrough(s)
				add(n, to, kind, index, s.Range)
			}
			continue
		case KindParallel:
			join := f.joins[s]
			if len(s.Branches) == 0 {
				add(n, join, EdgeFork, -1, s.KindRange)
			}
			for _, b := range s.Branches {
				if len(b.Steps) > 0 {
					add(n, f.byStep[b.Steps[0]], EdgeFork, b.Index, b.Range)
				} else {
					add(n, join, EdgeFork, b.Index, b.Range)
				}
			}
			n = join // what follows a parallel follows its join
		case KindAction, KindWorkflow:
			if on := s.OnError.Value; s.OnError.IsSet() && on != "fail" && on != "continue" {
				add(n, target(s.OnError), EdgeOnError, -1, s.OnError.Range)
			}
		}
		if s.Next.IsSet() {
			add(n, target(s.Next), EdgeNext, -1, s.Next.Range)
			continue
		}
		to, kind, index := f.fallThrough(s)
		add(n, to, kind, index, s.Range)
	}
	f.out = groupEdges(f.Edges, len(f.Nodes), func(e Edge) int { return e.From })
	f.in = groupEdges(f.Edges, len(f.Nodes), func(e Edge) int { return e.To })
	return f
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

// fallThrough is where control goes after s when s says nothing: the next step in its list,
// else its branch's join, else the end.
func (f *Flow) fallThrough(s *Step) (to int, kind EdgeKind, branch int) {
	list := f.Workflow.Steps
	if s.Parent != nil {
		list = s.Parent.Steps
	}
	if s.Index+1 < len(list) && list[s.Index] == s {
		return f.byStep[list[s.Index+1]], EdgeSequence, -1
	}
	if s.Parent != nil && s.Parent.Owner != nil {
		if join, ok := f.joins[s.Parent.Owner]; ok {
			return join, EdgeBranchEnd, s.Parent.Index
		}
	}
	return EndNode, EdgeSequence, -1
}

// NodeOf is the node of a step, or -1 when the step is not in the workflow.
func (f *Flow) NodeOf(s *Step) int {
	if n, ok := f.byStep[s]; ok {
		return n
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

// Dominance.
//
// "Has step Y run on every path to X?" is dominance, with one twist: after a parallel step's
// join, the steps of every branch have run, but no branch dominates the join in the real
// graph. The dominator tree is therefore built on a sequential view of the flow in which a
// parallel's branches run one after another, in order: the fork enters branch 0, the end of
// branch i enters branch i+1, and the end of the last branch enters the join. In that view a
// step on every path through its branch dominates the join and everything after it, which is
// what "definitely ran" means. The view also makes branch 0's steps dominate branch 1's, which
// is false when they really run side by side, so MustHaveRun answers "no" for two steps in
// different branches of one parallel. Reachability and loops use the real graph.

// domTree is the dominator tree of the sequential view, with DFS entry/exit times for
// constant-time ancestor queries.
type domTree struct {
	idom     []int // immediate dominator; -1 when unreachable; idom[start] == start
	tin, out []int
}

// sequentialSuccessors is the sequential view's adjacency (see the comment above).
func (f *Flow) sequentialSuccessors() [][]int {
	// entry(p, i) is where control goes when branch i of parallel p is entered in the view:
	// its first step, or (an empty branch) the next branch's entry, or the join.
	entry := func(p *Step, i int) int {
		for ; i < len(p.Branches); i++ {
			if b := p.Branches[i]; len(b.Steps) > 0 {
				return f.byStep[b.Steps[0]]
			}
		}
		return f.joins[p]
	}
	succ := make([][]int, len(f.Nodes))
	for _, e := range f.Edges {
		to := e.To
		switch e.Kind {
		case EdgeFork:
			if e.Index > 0 {
				continue // only the first fork edge, into the chain of branches, is kept
			}
			if e.Index == 0 {
				to = entry(f.Nodes[e.From].Step, 0)
			}
		case EdgeBranchEnd:
			to = entry(f.Nodes[e.To].Step, e.Index+1)
		}
		succ[e.From] = append(succ[e.From], to)
	}
	return succ
}

// Dominators computes (once) the dominator tree of the sequential view with the
// Cooper–Harvey–Kennedy algorithm ("A Simple, Fast Dominance Algorithm", 2001): iterate
// idom(b) = intersect of its processed predecessors over reverse postorder until stable.
func (f *Flow) dominators() *domTree {
	if f.dom != nil {
		return f.dom
	}
	n := len(f.Nodes)
	succ := f.sequentialSuccessors()
	preds := make([][]int, n)
	for v, ws := range succ {
		for _, w := range ws {
			preds[w] = append(preds[w], v)
		}
	}
	// Postorder from the start, iteratively.
	post := make([]int, n) // postorder number; -1: unreachable
	for i := range post {
		post[i] = -1
	}
	visited := make([]bool, n)
	var order []int // nodes in postorder
	type frame struct{ node, edge int }
	call := []frame{{StartNode, 0}}
	visited[StartNode] = true
	for len(call) > 0 {
		top := &call[len(call)-1]
		if top.edge < len(succ[top.node]) {
			w := succ[top.node][top.edge]
			top.edge++
			if !visited[w] {
				visited[w] = true
				call = append(call, frame{w, 0})
			}
			continue
		}
		post[top.node] = len(order)
		order = append(order, top.node)
		call = call[:len(call)-1]
	}
	idom := make([]int, n)
	for i := range idom {
		idom[i] = -1
	}
	idom[StartNode] = StartNode
	intersect := func(a, b int) int {
		for a != b {
			for post[a] < post[b] {
				a = idom[a]
			}
			for post[b] < post[a] {
				b = idom[b]
			}
		}
		return a
	}
	for changed := true; changed; {
		changed = false
		for i := len(order) - 1; i >= 0; i-- { // reverse postorder
			v := order[i]
			if v == StartNode {
				continue
			}
			best := -1
			for _, p := range preds[v] {
				if idom[p] == -1 {
					continue // unreachable or not processed yet
				}
				if best == -1 {
					best = p
				} else {
					best = intersect(p, best)
				}
			}
			if best != idom[v] {
				idom[v], changed = best, true
			}
		}
	}
	// Entry and exit times on the tree: a dominates b iff tin[a] <= tin[b] && out[b] <= out[a].
	children := make([][]int, n)
	for v := range n {
		if v != StartNode && idom[v] >= 0 {
			children[idom[v]] = append(children[idom[v]], v)
		}
	}
	t := &domTree{idom: idom, tin: make([]int, n), out: make([]int, n)}
	clock := 0
	walk := []frame{{StartNode, 0}}
	t.tin[StartNode] = clock
	for len(walk) > 0 {
		top := &walk[len(walk)-1]
		if top.edge < len(children[top.node]) {
			c := children[top.node][top.edge]
			top.edge++
			clock++
			t.tin[c] = clock
			walk = append(walk, frame{c, 0})
			continue
		}
		clock++
		t.out[top.node] = clock
		walk = walk[:len(walk)-1]
	}
	f.dom = t
	return t
}

// IDom is the immediate dominator of node n in the sequential view (see above), n itself for
// the start, or -1 when n is unreachable.
func (f *Flow) IDom(n int) int { return f.dominators().idom[n] }

// Dominates reports whether every path from the start to b in the sequential view passes
// through a (a node dominates itself). False when either is unreachable.
func (f *Flow) Dominates(a, b int) bool {
	t := f.dominators()
	if t.idom[a] == -1 || t.idom[b] == -1 {
		return false
	}
	return t.tin[a] <= t.tin[b] && t.out[b] <= t.out[a]
}

// MustHaveRun reports whether step y has finished on every path that reaches node at (a
// step's node before it runs, or EndNode for the workflow's outputs): y strictly dominates at
// in the sequential view, and the two are not in different branches of one parallel.
// A step that failed and was handled by on_error counts as having run.
func (f *Flow) MustHaveRun(y *Step, at int) bool {
	yn := f.NodeOf(y)
	if yn < 0 || yn == at || !f.Dominates(yn, at) {
		return false
	}
	if x := f.Nodes[at].Step; x != nil && f.Nodes[at].Kind == NodeStep {
		return !InSiblingBranches(y, x)
	}
	return true
}

// InSiblingBranches reports whether a and b sit in different branches of one parallel step,
// so they may run in either order or at the same time.
func InSiblingBranches(a, b *Step) bool {
	branchOf := make(map[*Step]int) // parallel step → a's branch index in it
	for br := a.Parent; br != nil && br.Owner != nil; br = br.Owner.Parent {
		branchOf[br.Owner] = br.Index
	}
	for br := b.Parent; br != nil && br.Owner != nil; br = br.Owner.Parent {
		if i, ok := branchOf[br.Owner]; ok {
			return i != br.Index
		}
	}
	return false
}
