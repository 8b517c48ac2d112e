package layout

import "sort"

// Column runs. Some templates run a flow vertically through the empty cells of a column: out
// of a gateway's corner (v:h), into one (h:v), or down from a boundary event. Flows run down
// from the shape above an empty stretch and up from the shape below it, so two such runs
// would overlap if they passed each other; runs records how far each shape's runs reach so a
// template that would pass another run is not used.

// columnRuns holds, per column, its nodes by row and, per node, the rows its runs reach.
type columnRuns struct {
	colNodes [][]int  // per column, the nodes holding a shape, by ascending row
	reach    [][2]int // per node: the highest row its upward runs reach, the lowest its downward runs
}

func newColumnRuns(g *graph, colNodes [][]int) *columnRuns {
	c := &columnRuns{colNodes: colNodes, reach: make([][2]int, len(g.nodes))}
	for i := range g.nodes {
		c.reach[i] = [2]int{g.nodes[i].row, g.nodes[i].row}
	}
	return c
}

// neighbour is the node next above (up) or below node n in its column, or -1.
func (c *columnRuns) neighbour(g *graph, n int, up bool) int {
	col := c.colNodes[g.nodes[n].rank]
	i := sort.Search(len(col), func(i int) bool { return g.nodes[col[i]].row >= g.nodes[n].row })
	if up {
		i--
	} else {
		i++
	}
	if i < 0 || i >= len(col) {
		return -1
	}
	return col[i]
}

// free reports whether a run from node n to row to passes no run of the node it runs toward;
// runs that meet at one row's mid-line both turn into the same shape there, which is allowed.
func (c *columnRuns) free(g *graph, n, to int) bool {
	if to > g.nodes[n].row {
		below := c.neighbour(g, n, false)
		return below < 0 || c.reach[below][0] >= to
	}
	above := c.neighbour(g, n, true)
	return above < 0 || c.reach[above][1] <= to
}

// add records a run from node n to row to.
func (c *columnRuns) add(g *graph, n, to int) {
	c.reach[n][0] = min(c.reach[n][0], to)
	c.reach[n][1] = max(c.reach[n][1], to)
}
