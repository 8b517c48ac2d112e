package decompile

import (
	"slices"
	"strings"

	lang "github.com/wfc-dev/wfc/decompile"
	dw "github.com/wfc-dev/wfc/target/dataworks"
)

// A step list, top level or a parallel's branch, is built from the walk over the graph; its
// steps are then put in the order their nodes have in the document, which is the order the
// compiler writes them in (a step's declaration order), so that a compiled workflow
// decompiles to its own order and compiles back to the same bytes.

// item is one step of a list: a node's step or a parallel.
type item struct {
	g   *gnode // nil for a parallel
	par *parallel
}

type container struct {
	items []item
	top   bool
	exits [][]string // the points at which paths leave a branch (to its parallel's join)
}

type parallel struct {
	step     *lang.Step
	branches []*container
	cont     dest
	exits    []string
}

// walker places each node's step in a list.
type walker struct {
	r     *reader
	forks map[string]*parallel // by the points the branches depend on
}

// place puts the step d leads to in c, with everything that follows it.
func (w *walker) place(d dest, c *container) {
	switch d.kind {
	case destStep:
		g := d.node
		if g.placed {
			return
		}
		g.placed = true
		c.items = append(c.items, item{g: g})
		g.dests = make([]dest, len(g.ways))
		for way, p := range g.ways {
			g.dests[way] = w.r.gr.target([]string{p})
			w.follow(g.dests[way], c, []string{p})
		}
	case destFork:
		key := strings.Join(d.at, " ")
		if w.forks[key] != nil {
			return
		}
		p := &parallel{step: &lang.Step{Kind: lang.KindParallel}}
		w.forks[key] = p
		c.items = append(c.items, item{par: p})
		for _, f := range d.fork {
			if f.placed {
				w.r.fail(f, "%s starts a branch of a parallel but is reached before it; wfc cannot say that", describe(f.n))
				continue
			}
			b := &container{}
			p.branches = append(p.branches, b)
			w.place(dest{kind: destStep, node: f}, b)
			for _, e := range b.exits {
				p.exits = union(p.exits, e)
			}
		}
		p.cont = w.r.gr.target(p.exits)
		w.follow(p.cont, c, p.exits)
	case destEnd, destBranchEnd:
	}
}

// follow goes on from points pts to d: a step or parallel is placed in c; a path that
// leaves c is noted as c's exit.
func (w *walker) follow(d dest, c *container, pts []string) {
	switch d.kind {
	case destStep, destFork:
		w.place(d, c)
	case destBranchEnd, destEnd:
		if !c.top {
			c.exits = append(c.exits, pts)
		}
	}
}

// nodeSpacing is the room between two nodes' positions for the parallels that open before
// a node (one position each, nested ones further back).
const nodeSpacing = 64

// order sorts every list but its first step (where the list starts) by the document
// position of its steps' nodes (a parallel just before its first branch's first node) and
// returns the first position in c.
func order(c *container) int {
	if len(c.items) == 0 {
		return 0
	}
	first := -1
	keys := make([]int, len(c.items))
	for i, it := range c.items {
		if it.g != nil {
			keys[i] = it.g.idx * nodeSpacing
		} else {
			keys[i] = orderBranches(it.par) - 1
		}
		if first < 0 || keys[i] < first {
			first = keys[i]
		}
	}
	// The list's entry, placed first, stays first: a list runs from its first step.
	sortBy(c.items[1:], keys[1:])
	return first
}

// orderBranches sorts a parallel's branches by their first positions and returns the first.
func orderBranches(p *parallel) int {
	keys := make([]int, len(p.branches))
	for i, b := range p.branches {
		keys[i] = order(b)
	}
	sortBy(p.branches, keys)
	if len(keys) == 0 {
		return 0
	}
	return slices.Min(keys)
}

func sortBy[T any](list []T, keys []int) {
	idx := make([]int, len(list))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return keys[a] - keys[b] })
	sorted := make([]T, len(list))
	for i, j := range idx {
		sorted[i] = list[j]
	}
	copy(list, sorted)
}

// structure walks the graph from the nodes that depend on nothing and returns the top-level
// step list; a node it cannot place is reported.
func (r *reader) structure() []*lang.Step {
	w := &walker{r: r, forks: map[string]*parallel{}}
	r.walker = w
	top := &container{top: true}
	w.place(r.gr.target(nil), top)
	for _, g := range r.gr.nodes {
		if g.kind != kindJoin && !g.placed && g.step != nil {
			r.fail(g, "%s could not be placed in a step list: its dependencies are not a sequence, parallel or switch wfc can say", describe(g.n))
		}
	}
	order(top)
	r.nameParallels(top)
	return r.emit(top)
}

// nameParallels gives each parallel an id: the step id a join node before it was named
// after (a parallel where a switch's paths meet, compiled as ID.join), else "parallel".
func (r *reader) nameParallels(c *container) {
	for _, it := range c.items {
		if it.par == nil {
			continue
		}
		want := "parallel"
		for _, g := range r.gr.nodes {
			if step := r.joinStep(g.n); g.kind == kindJoin && step != "" && len(it.par.branches) > 0 {
				if b := it.par.branches[0]; len(b.items) > 0 && b.items[0].g != nil && slices.Equal(b.items[0].g.arrival, g.ways) {
					want = step
				}
			}
		}
		if !lang.ValidStepID(want) || r.ids[want] {
			want = "parallel"
		}
		it.par.step.ID = r.ids.Take(want)
		for _, b := range it.par.branches {
			r.nameParallels(b)
		}
	}
}

// joinStep is the step a join node was compiled before: STEP of its id STEP.join, or of its
// output WORKFLOW.STEP.join once DataWorks gave it an id of its own; "" when neither says.
func (r *reader) joinStep(n *dw.Node) string {
	names := []string{n.ID}
	if n.Outputs != nil {
		for _, o := range n.Outputs.NodeOutputs {
			names = append(names, r.localOutput(o.Data))
		}
	}
	for _, name := range names {
		if step, ok := strings.CutSuffix(name, ".join"); ok {
			return step
		}
	}
	return ""
}

// emit writes the steps of c, each with the next it needs: none when control goes to the
// step below, or off the end of the list.
func (r *reader) emit(c *container) []*lang.Step {
	var out []*lang.Step
	for i, it := range c.items {
		below := ""
		if i+1 < len(c.items) {
			below = itemID(c.items[i+1])
		}
		last := i+1 == len(c.items)
		if it.par != nil {
			s := it.par.step
			for _, b := range it.par.branches {
				s.Branches = append(s.Branches, r.emit(b))
			}
			s.Next = r.next(nil, it.par.cont, below, last, c)
			out = append(out, s)
			continue
		}
		g := it.g
		s := g.step
		switch s.Kind {
		case lang.KindSwitch:
			for k, cs := range s.Cases {
				if k < len(g.dests) {
					cs.Next = r.caseTarget(g, g.dests[k])
				}
			}
			if g.defaultWay && len(g.dests) > len(s.Cases) {
				d := g.dests[len(g.dests)-1]
				if !(last && d.kind == destBranchEnd) && !(last && c.top && d.kind == destEnd) {
					s.Default = r.caseTarget(g, d)
				}
			} else if !g.defaultWay {
				// DataWorks runs nothing after a branch node none of whose conditions holds;
				// a switch without default would go on to the step below.
				s.Default = "end"
			}
		default:
			if len(g.dests) > 0 {
				s.Next = r.next(g, g.dests[0], below, last, c)
			}
		}
		out = append(out, s)
	}
	return out
}

// next is the next of a step going to d, "" when it needs none.
func (r *reader) next(g *gnode, d dest, below string, last bool, c *container) string {
	switch d.kind {
	case destStep, destFork:
		if id := r.destID(d); id != below {
			return id
		}
		return ""
	case destEnd:
		if last {
			return ""
		}
		if !c.top && g != nil {
			r.fail(g, "%s ends the workflow from inside a parallel branch before the branch's last step; wfc cannot say that", describe(g.n))
		}
		return "end"
	case destBranchEnd:
		if !last && g != nil {
			r.fail(g, "%s goes to the end of its parallel branch but is not the branch's last node; wfc cannot say that", describe(g.n))
		}
	}
	return ""
}

// caseTarget is what a case or default names for d.
func (r *reader) caseTarget(g *gnode, d dest) string {
	switch d.kind {
	case destStep, destFork:
		return r.destID(d)
	case destBranchEnd:
		r.fail(g, "%s: a branch goes to the end of its parallel branch, which a case cannot name", describe(g.n))
	}
	return "end"
}

func (r *reader) destID(d dest) string {
	if d.kind == destStep {
		return d.node.step.ID
	}
	return r.forkOf(d).step.ID
}

func (r *reader) forkOf(d dest) *parallel { return r.walker.forks[strings.Join(d.at, " ")] }

func itemID(it item) string {
	if it.g != nil {
		return it.g.step.ID
	}
	return it.par.step.ID
}
