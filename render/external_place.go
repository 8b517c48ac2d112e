package render

import "sort"

// The layout ranks a node by its longest path from a source, so an external node (which
// nothing in the document runs before) always lands in the first column, however far right
// what waits for it sits, and its dependency crosses the whole drawing. placeExternals moves
// it next to what waits for it instead.

// edgeEnds are the diagram nodes (indices in Diagram.Nodes) an edge joins; -1 for a start or
// end event, which the graph does not have.
type edgeEnds struct{ from, to int }

// rowPitch is the distance between the middles of neighbouring rows (px) where no node shows
// it (beyond the first or the last row): bpmn/layout's cellHeight, the least it leaves.
const rowPitch = 140.0

// externalClearance is how far a moved external node's box stays from any other shape or
// line (px): less than the 25 px the layout leaves between a shape and its channels, so
// that a free cell is not refused for a flow in the channel beside it.
const externalClearance = 10.0

// placeExternals moves each external node that waits for nothing and is not already next to
// what waits for it into the column just before its first consumer (the leftmost; the first
// in document order among equals), in the row nearest the consumer's (above first on a tie)
// where its box, grown by externalClearance, covers no shape and no line: the externals
// feeding one node stack beside it. Its dependencies are rerouted (see dependencyRoutes).
// Externals are moved in document order. A cell found taken is never tried again in that
// column, so the pass stays near linear in the size of the drawing.
func placeExternals(d *Diagram, ends []edgeEnds) {
	consumer, moving := externalConsumers(d, ends)
	if len(moving) == 0 {
		return
	}
	cols := centres(d, func(b Rect) float64 { return b.X + b.W/2 })
	rows := centres(d, func(b Rect) float64 { return b.Y + b.H/2 })
	out := make([][]int, len(d.Nodes)) // node → the edges out of it, in document order
	for k, e := range ends {
		if e.from >= 0 && e.to >= 0 {
			out[e.from] = append(out[e.from], k)
		}
	}
	obs := newRouteObstacles(d, ends, out, moving)
	free := freeCells{taken: map[[2]int]bool{}, skip: [2]map[[2]int]int{{}, {}}}
	for _, i := range moving {
		e, t := &d.Nodes[i], d.Nodes[consumer[i]].Box
		col := sort.SearchFloat64s(cols, t.X+t.W/2) - 1 // the column just before the consumer's
		if col < 0 || e.Box.X+e.Box.W/2 >= cols[col] {
			obs.addNode(i) // already there (or, for want of a column, left where it is)
			obs.addEdgesFrom(i)
			continue
		}
		home := sort.SearchFloat64s(rows, t.Y+t.H/2)
		for {
			row := free.nearest(col, home)
			free.take(col, row)
			cy := rowY(rows, row)
			box := Rect{cols[col] - e.Box.W/2, cy - e.Box.H/2, e.Box.W, e.Box.H}
			if !obs.covers(grow(box, externalClearance)) {
				e.Box = box
				break
			}
		}
		obs.addNode(i)
		for _, k := range out[i] {
			routes, fallback := dependencyRoutes(e.Box, d.Nodes[ends[k].to].Box, rows, cols[col+1])
			d.Edges[k].Points, d.Edges[k].Label = obs.firstClear(routes, fallback, i, ends[k].to), nil
		}
		obs.addEdgesFrom(i)
	}
}

// externalConsumers finds, for each external node that waits for nothing and is waited for,
// the node it is placed by: the leftmost that waits for it, the first edge's among equals.
// moving lists those external nodes in document order.
func externalConsumers(d *Diagram, ends []edgeEnds) (consumer []int, moving []int) {
	consumer = make([]int, len(d.Nodes))
	waits := make([]bool, len(d.Nodes))
	for i := range consumer {
		consumer[i] = -1
	}
	for _, e := range ends {
		if e.to >= 0 && e.from >= 0 {
			waits[e.to] = true
		}
	}
	for _, e := range ends {
		if e.from < 0 || e.to < 0 || !d.Nodes[e.from].External || waits[e.from] {
			continue
		}
		if c := consumer[e.from]; c < 0 || midX(d.Nodes[e.to].Box) < midX(d.Nodes[c].Box) {
			consumer[e.from] = e.to
		}
	}
	for i, c := range consumer {
		if c >= 0 {
			moving = append(moving, i)
		}
	}
	return consumer, moving
}

func midX(b Rect) float64 { return b.X + b.W/2 }
func midY(b Rect) float64 { return b.Y + b.H/2 }

// centres are the distinct values of at over the nodes' boxes, ascending: the middles of the
// layout's columns or rows (every node sits centred in its cell).
func centres(d *Diagram, at func(Rect) float64) []float64 {
	out := make([]float64, 0, len(d.Nodes))
	for _, n := range d.Nodes {
		out = append(out, at(n.Box))
	}
	sort.Float64s(out)
	k := 0
	for i, v := range out {
		if i == 0 || v != out[k-1] {
			out[k] = v
			k++
		}
	}
	return out[:k]
}

// rowY is the middle of row r of rows, which may lie beyond the first or the last.
func rowY(rows []float64, r int) float64 {
	switch {
	case r < 0:
		return rows[0] + float64(r)*rowPitch
	case r >= len(rows):
		return rows[len(rows)-1] + float64(r-len(rows)+1)*rowPitch
	}
	return rows[r]
}

func grow(r Rect, by float64) Rect { return Rect{r.X - by, r.Y - by, r.W + 2*by, r.H + 2*by} }

// freeCells are the cells (column, row) tried and found taken, with, per direction (up,
// down), a row further on from a taken one to look at next (every cell in between is taken):
// path compression, so that looking past a run of taken cells costs it once.
type freeCells struct {
	taken map[[2]int]bool
	skip  [2]map[[2]int]int
}

func (f *freeCells) take(col, row int) { f.taken[[2]int{col, row}] = true }

// nearest is the untaken row of col nearest row, the one above on a tie.
func (f *freeCells) nearest(col, row int) int {
	up, down := f.find(col, row, 0), f.find(col, row, 1)
	if row-up <= down-row {
		return up
	}
	return down
}

// find is the first untaken row of col from row on, going up (dir 0) or down (dir 1).
func (f *freeCells) find(col, row, dir int) int {
	step := 2*dir - 1
	r := row
	var passed []int
	for f.taken[[2]int{col, r}] {
		passed = append(passed, r)
		if next, ok := f.skip[dir][[2]int{col, r}]; ok {
			r = next
		} else {
			r += step
		}
	}
	for _, p := range passed {
		f.skip[dir][[2]int{col, p}] = r
	}
	return r
}

// dependencyRoutes are the routes tried, best first, for a dependency from the external box
// e to the box t of a node that waits for it: straight into t's side when level with it;
// level to above (below) t's middle and down (up) into its top (bottom); and through the gap
// after e (midway to nextCol, the middle of the column after e's) and the lane beside t's row
// into its top (bottom), on e's side of t, then on the other. The gap and lane routes cross
// no shape, the layout keeping channels free: fallback is the index of the one on e's side.
func dependencyRoutes(e, t Rect, rows []float64, nextCol float64) (routes [][]Point, fallback int) {
	start := Point{e.X + e.W, midY(e)}
	tx, ty := midX(t), midY(t)
	top, bottom := Point{tx, t.Y}, Point{tx, t.Y + t.H}
	if start.Y == ty {
		routes = append(routes, []Point{start, {t.X, ty}})
	} else {
		entry := top
		if start.Y > ty {
			entry = bottom
		}
		routes = append(routes, []Point{start, {tx, start.Y}, entry})
	}
	gap := (midX(e) + nextCol) / 2
	row := sort.SearchFloat64s(rows, ty)
	lane := func(side int) []Point {
		y, entry := (ty+rowY(rows, row+side))/2, top
		if side > 0 {
			entry = bottom
		}
		return []Point{start, {gap, start.Y}, {gap, y}, {tx, y}, entry}
	}
	near := -1
	if start.Y > ty {
		near = 1
	}
	fallback = len(routes)
	return append(routes, lane(near), lane(-near)), fallback
}

// routeObstacles index what a moved external node and its routes must keep off: the nodes
// and the lines of edges, but for the external nodes still to move and their edges, which
// are added as they are placed.
type routeObstacles struct {
	d     *Diagram
	out   [][]int // node → the edges out of it
	index *grid
	items []obstacle // by grid index
	// endsAt counts the edges (dependencies aside) that end at a point.
	endsAt map[Point]int
}

// obstacle is a node (node ≥ 0) or a segment a-b of edge edge.
type obstacle struct {
	node, edge int
	a, b       Point
}

func newRouteObstacles(d *Diagram, ends []edgeEnds, out [][]int, moving []int) *routeObstacles {
	o := &routeObstacles{d: d, out: out, index: newGrid(), endsAt: map[Point]int{}}
	later := make([]bool, len(d.Nodes))
	for _, i := range moving {
		later[i] = true
	}
	for i := range d.Nodes {
		if !later[i] {
			o.addNode(i)
		}
	}
	for k, e := range ends {
		if e.from < 0 || !later[e.from] {
			o.addEdge(k)
		}
	}
	return o
}

func (o *routeObstacles) addNode(i int) {
	o.index.add(o.d.Nodes[i].Box)
	o.items = append(o.items, obstacle{node: i, edge: -1})
}

func (o *routeObstacles) addEdge(k int) {
	ps := o.d.Edges[k].Points
	for j := 1; j < len(ps); j++ {
		o.index.add(segmentBox(ps[j-1], ps[j]))
		o.items = append(o.items, obstacle{node: -1, edge: k, a: ps[j-1], b: ps[j]})
	}
	if o.d.Edges[k].Kind != EdgeDependency {
		o.endsAt[ps[len(ps)-1]]++
	}
}

func (o *routeObstacles) addEdgesFrom(i int) {
	for _, k := range o.out[i] {
		o.addEdge(k)
	}
}

// covers reports whether r overlaps a node or a line.
func (o *routeObstacles) covers(r Rect) bool {
	return o.index.any(r, func(i int) bool {
		if it := o.items[i]; it.node >= 0 {
			return overlaps(r, o.d.Nodes[it.node].Box)
		}
		return segmentHits(r, o.items[i].a, o.items[i].b)
	})
}

// firstClear is the first of routes from node from to node to that crosses no other node and
// no line but a dependency's, and ends where no edge but a dependency does (dependencies on
// external nodes may join, as the flows into one node do); routes[fallback] when none is.
func (o *routeObstacles) firstClear(routes [][]Point, fallback, from, to int) []Point {
	for _, route := range routes {
		if o.endsAt[route[len(route)-1]] == 0 && o.clear(route, from, to) {
			return route
		}
	}
	return routes[fallback]
}

func (o *routeObstacles) clear(route []Point, from, to int) bool {
	for j := 1; j < len(route); j++ {
		a, b := route[j-1], route[j]
		hit := o.index.any(segmentBox(a, b), func(i int) bool {
			it := o.items[i]
			switch {
			case it.node == from || it.node == to:
				return false
			case it.node >= 0:
				return segmentHits(o.d.Nodes[it.node].Box, a, b)
			case o.d.Edges[it.edge].Kind == EdgeDependency:
				return false
			}
			return segmentHits(segmentBox(it.a, it.b), a, b)
		})
		if hit {
			return false
		}
	}
	return true
}
