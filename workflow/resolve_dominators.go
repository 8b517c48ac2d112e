package workflow

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
		par, _ := p.Body.(*Parallel) // fork and branch-end edges are a parallel's
		for ; par != nil && i < len(par.Branches); i++ {
			if b := par.Branches[i]; len(b.Steps) > 0 {
				return f.NodeOf(b.Steps[0])
			}
		}
		return f.JoinOf(p)
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
