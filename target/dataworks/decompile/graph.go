package decompile

import (
	"slices"
	"strings"

	lang "github.com/wfc-dev/wfc/decompile"
	dw "github.com/wfc-dev/wfc/target/dataworks"
)

// A FlowSpec workflow is a graph of nodes that depend on outputs ("points"): a run node has
// one, a CONTROLLER_BRANCH node one per branch, a CONTROLLER_JOIN node one. The reader
// recovers the language's structure from it the way the compiler (target/dataworks,
// deps.go) builds it:
//   - a node depending on exactly one point follows it (a sequence, a case, a default);
//   - several nodes depending on exactly the same points are the branches of a parallel;
//   - a node depending on several points is where a parallel's branches end (their union);
//   - a join node is where paths of a switch meet: each of its groups ("b1 or (b2 and b3)")
//     is one path arriving, and the step after it is the step they meet at.

type kind int

const (
	kindRun kind = iota + 1
	kindBranch
	kindJoin
)

// gnode is one node of the workflow as the reader sees it.
type gnode struct {
	n       *dw.Node
	idx     int // position in the document
	kind    kind
	arrival []string   // the points it depends on, sorted
	ways    []string   // its points out: a run node's output, a branch node's branches
	groups  [][]string // a join node's paths, each a sorted set of points
	step    *lang.Step
	// defaultWay: a branch node's last way is its switch's default.
	defaultWay bool
	placed     bool
	dests      []dest // by way
}

// destKind says where control goes from a point.
type destKind int

const (
	destEnd       destKind = iota + 1 // nothing follows: the workflow or the list ends
	destStep                          // a step
	destFork                          // a parallel's branches
	destBranchEnd                     // the end of the branch of a parallel (its join)
)

type dest struct {
	kind  destKind
	node  *gnode   // destStep
	fork  []*gnode // destFork: the branches' first nodes
	at    []string // destFork: the points they depend on
	label string   // destBranchEnd: the set of points that closes it
}

// point says which node and way gives an output.
type point struct {
	g   *gnode
	way int // -1: a branch node's own output, which no case is
}

type graph struct {
	nodes    []*gnode
	points   map[string]point
	byNodeID map[string]*gnode
	// byArrival are the nodes but joins by the points they depend on, joinOf the join
	// each path (a group of points) goes into; keys are the points joined by spaces.
	byArrival map[string][]*gnode
	joinOf    map[string]*gnode
}

// canonical is the point p stands for: a run or join node's first output whatever output of
// it p names (DataWorks adds a default output, named by the node's id, beside wfc's
// WORKFLOW.STEP, and a dependency may name either), a branch's own point otherwise.
func (gr *graph) canonical(p string) string {
	if pt, ok := gr.points[p]; ok && pt.g.kind != kindBranch && len(pt.g.ways) > 0 {
		return pt.g.ways[0]
	}
	return p
}

// index fills byArrival and joinOf, once the arrivals and groups are read.
func (gr *graph) index() {
	gr.byArrival, gr.joinOf = map[string][]*gnode{}, map[string]*gnode{}
	for _, g := range gr.nodes {
		if g.kind != kindJoin {
			key := strings.Join(g.arrival, " ")
			gr.byArrival[key] = append(gr.byArrival[key], g)
		}
		for _, grp := range g.groups {
			if key := strings.Join(grp, " "); gr.joinOf[key] == nil {
				gr.joinOf[key] = g
			}
		}
	}
}

// target is where control arriving at the points set goes (see the package comment).
func (gr *graph) target(set []string) dest { return gr.targetFrom(set, 0) }

// targetFrom is target after depth join nodes: a join that names its own output goes
// nowhere rather than round in circles.
func (gr *graph) targetFrom(set []string, depth int) dest {
	if depth > len(gr.nodes) {
		return dest{kind: destEnd}
	}
	exact := gr.byArrival[strings.Join(set, " ")]
	switch {
	case len(exact) == 1:
		return dest{kind: destStep, node: exact[0]}
	case len(exact) > 1:
		return dest{kind: destFork, fork: exact, at: set}
	}
	if len(set) == 0 {
		return dest{kind: destEnd}
	}
	if j := gr.joinOf[strings.Join(set, " ")]; j != nil {
		return gr.targetFrom(j.ways, depth+1)
	}
	for _, g := range gr.nodes {
		sets := [][]string{g.arrival}
		if g.kind == kindJoin {
			sets = g.groups
		}
		for _, s := range sets {
			if len(s) > len(set) && subset(set, s) {
				return dest{kind: destBranchEnd, label: strings.Join(s, " ")}
			}
		}
	}
	return dest{kind: destEnd}
}

func subset(small, big []string) bool {
	for _, s := range small {
		if _, found := slices.BinarySearch(big, s); !found {
			return false
		}
	}
	return true
}

// union is the sorted set of every point of sets.
func union(sets ...[]string) []string {
	var out []string
	for _, s := range sets {
		out = append(out, s...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// cycle is a node on a cycle of the dependencies, or nil when there is none.
func (gr *graph) cycle() *gnode {
	indeg := map[*gnode]int{}
	next := map[*gnode][]*gnode{}
	for _, g := range gr.nodes {
		for _, p := range g.arrival {
			if from, ok := gr.points[p]; ok {
				indeg[g]++
				next[from.g] = append(next[from.g], g)
			}
		}
	}
	var queue []*gnode
	for _, g := range gr.nodes {
		if indeg[g] == 0 {
			queue = append(queue, g)
		}
	}
	seen := 0
	for len(queue) > 0 {
		g := queue[0]
		queue = queue[1:]
		seen++
		for _, h := range next[g] {
			if indeg[h]--; indeg[h] == 0 {
				queue = append(queue, h)
			}
		}
	}
	if seen == len(gr.nodes) {
		return nil
	}
	for _, g := range gr.nodes {
		if indeg[g] > 0 {
			return g
		}
	}
	return nil
}
