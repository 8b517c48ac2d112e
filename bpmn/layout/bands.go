package layout

import "math"

// Row assignment ("bands", after bpmn-auto-layout v2's docs/LAYOUT.md):
//
//   - The spine is the path from the first start event that keeps choosing the successor that
//     reaches an end event, then the default flow, then the first flow in declaration order.
//     It is row 0.
//   - Every other node joins a chain: from a node already placed, a chain starts at one of its
//     unplaced successors and keeps following the same preference until it meets placed nodes
//     (typically a join). A whole chain sits in one row, so its flows are straight.
//   - A chain leaving row 0 goes below, then above, then further below, ... in the order of its
//     parent's flows; a chain leaving a row below (above) the spine goes further below (above);
//     chains from boundary events always go below (exception paths under the happy path).
//   - The row is the first one, in that direction, that is clear of every shape in the columns
//     the chain spans, from just after its parent to just before the node it rejoins (a
//     skyline per column kept in two segment trees). Shapes therefore never share a cell.
//
// Each node is placed once and each flow looked at a constant number of times; the segment
// trees cost O(log columns) per chain and per node, so the pass is O((n+m) log n).

func (g *graph) assignRows(topo []int) {
	columns := 1
	for i := range g.nodes {
		columns = max(columns, g.nodes[i].rank+1)
	}
	below := newSkyline(columns, skyBelow)
	above := newSkyline(columns, skyAbove)
	queue := make([]int32, 0, len(g.nodes))
	next := 0 // topo index below which every node is placed

	place := func(chain []int, row int) {
		for _, n := range chain {
			g.nodes[n].row = row
			below.raise(g.nodes[n].rank, row)
			above.raise(g.nodes[n].rank, row)
			queue = append(queue, int32(n))
		}
	}
	// span is the column range a chain must find clear: from just after its parent (or its
	// own first column) to just before the rightmost node its last member flows into.
	span := func(parent int, chain []int) (lo, hi int) {
		lo = g.nodes[chain[0]].rank
		if parent >= 0 {
			lo = g.nodes[parent].rank + 1
		}
		last := chain[len(chain)-1]
		hi = g.nodes[last].rank
		for _, ei := range g.out.of(last) {
			if e := g.edges[ei]; !e.back {
				hi = max(hi, g.nodes[e.to].rank-1)
			}
		}
		return lo, hi
	}

	root := g.spineStart(topo)
	if root < 0 {
		return
	}
	// The chain being placed: place copies it, so one array, as long as the longest chain can
	// be, serves them all.
	chain := g.chain(root, make([]int, 0, len(g.nodes)))
	place(chain, 0)

	branchesFrom := make([]int32, len(g.nodes)) // chains started from each row-0 node so far
	for head := 0; ; head++ {
		if head == len(queue) {
			// Everything reachable is placed; start again from the first unplaced node in
			// topological order (a second start event, an orphan), below all else.
			// next only moves forward, so all these searches together cost O(n).
			for next < len(topo) && g.nodes[topo[next]].placed {
				next++
			}
			if next == len(topo) {
				return
			}
			chain = g.chain(topo[next], chain)
			lo, hi := span(-1, chain)
			row := 0
			if deepest := below.query(lo, hi); deepest != math.MinInt {
				row = deepest + 1
			}
			place(chain, row)
		}
		u := int(queue[head])
		p := g.nodes[u].row
		for _, ei := range g.out.of(u) {
			e := g.edges[ei]
			if e.back || g.nodes[e.to].placed {
				continue
			}
			goBelow := p > 0 || e.boundary
			if p == 0 && !e.boundary {
				goBelow = branchesFrom[u]%2 == 0
				branchesFrom[u]++
			}
			chain = g.chain(int(e.to), chain)
			lo, hi := span(u, chain)
			var row int
			if goBelow {
				row = p + 1
				if deepest := below.query(lo, hi); deepest != math.MinInt {
					row = max(row, deepest+1)
				}
			} else {
				row = p - 1
				if highest := above.query(lo, hi); highest != math.MaxInt {
					row = min(row, highest-1)
				}
			}
			place(chain, row)
		}
	}
}

// spineStart is the first start event in declaration order that has no forward incoming flow,
// else the first node in topological order.
func (g *graph) spineStart(topo []int) int {
	for i := range g.nodes {
		if g.nodes[i].el.Type == "StartEvent" && !g.hasForwardIn(i) {
			return i
		}
	}
	if len(topo) > 0 {
		return topo[0]
	}
	return -1
}

func (g *graph) hasForwardIn(n int) bool {
	for _, ei := range g.in.of(n) {
		if !g.edges[ei].back {
			return true
		}
	}
	return false
}

// chain marks first and its preferred unplaced successors, one after another, as placed and
// returns them, in buf's array. Ranks strictly increase along it, so it fits in one row.
func (g *graph) chain(first int, buf []int) []int {
	chain := append(buf[:0], first)
	g.nodes[first].placed = true
	for u := first; ; {
		next := g.preferred(u)
		if next < 0 {
			return chain
		}
		g.nodes[next].placed = true
		chain = append(chain, next)
		u = next
	}
}

// preferred is the unplaced forward successor of u to continue a row with: one that reaches an
// end event, then the target of u's default flow, then the first in declaration order. Flows
// from boundary events never continue a row. -1 when there is none.
func (g *graph) preferred(u int) int {
	best, bestScore := -1, -1
	def := g.nodes[u].el.Default
	for _, ei := range g.out.of(u) {
		e := g.edges[ei]
		if e.back || e.boundary || g.nodes[e.to].placed {
			continue
		}
		score := 0
		if g.nodes[e.to].reachesEnd {
			score += 2
		}
		if def != nil && e.flow == def {
			score++
		}
		if score > bestScore {
			best, bestScore = int(e.to), score
		}
	}
	return best
}

// skyline keeps, per column, the extreme row used so far (the lowest for "below", the highest
// for "above") in a segment tree: raise and query are O(log columns). Both kinds are max trees:
// "above" stores rows negated. Rows are int32, half the bytes of int (a layout has far fewer
// than 2^31 rows), and raise stops climbing at the first ancestor that already holds the row
// or beyond, which is usually the leaf's parent.
type skyline struct {
	size  int   // the number of columns; leaf c is tree[size+c]
	sign  int32 // +1 keeps the largest row per column (below), -1 the smallest (above)
	empty int   // what query returns when no column in range holds a shape
	tree  []int32
}

// noRow marks a segment of the tree with no shape in it; it is below every stored row.
const noRow = math.MinInt32

// Skyline kinds: skyBelow keeps the largest row per column, skyAbove the smallest.
const (
	skyBelow int32 = 1
	skyAbove int32 = -1
)

// newSkyline makes a skyline of columns columns. The tree is bottom-up, with no rounding to a
// power of two: raise and query only ever combine a node with its parent or sibling, and
// max does not care in which order.
func newSkyline(columns int, sign int32) *skyline {
	size := max(columns, 1)
	empty := math.MinInt
	if sign < 0 {
		empty = math.MaxInt
	}
	s := &skyline{size: size, sign: sign, empty: empty, tree: make([]int32, 2*size)}
	for i := range s.tree {
		s.tree[i] = noRow
	}
	return s
}

// raise records a shape in row at column col. Values only grow, so an ancestor already at
// least v has every ancestor above it at least v too.
func (s *skyline) raise(col, row int) {
	v := s.sign * int32(row)
	for i := col + s.size; i >= 1 && s.tree[i] < v; i /= 2 {
		s.tree[i] = v
	}
}

// query is the extreme row over columns lo..hi inclusive, or empty when none holds a shape.
func (s *skyline) query(lo, hi int) int {
	if lo > hi {
		return s.empty
	}
	res := int32(noRow)
	l, r := lo+s.size, hi+s.size+1
	for l < r {
		if l&1 == 1 {
			res = max(res, s.tree[l])
			l++
		}
		if r&1 == 1 {
			r--
			res = max(res, s.tree[r])
		}
		l /= 2
		r /= 2
	}
	if res == noRow {
		return s.empty
	}
	return int(s.sign * res)
}
