package layout

import (
	"github.com/wfc-dev/wfc/bpmn"
)

// router draws every flow as orthogonal waypoints. It first tries the templates bpmn-js uses
// (BpmnLayouter.js: straight h:h; v:h out of a splitting gateway; h:v into a joining gateway;
// a Z through the gap between neighbouring columns), each only when no shape lies in its way,
// and otherwise falls back to a route through the free channels (see geometry.go), which
// never crosses a shape. Flows that close a loop run below every shape of the columns they
// span. All occupancy questions are binary searches, so routing is O(m log n).
type router struct {
	g       *graph
	deepest *skyline // the lowest row per column, made by the first loop (see lowest)
	// corners says, per node, whether flows leave (portOut) or enter (portIn) by its top
	// (index 0) and bottom (1) corners: flows out of and into one corner would run on one line.
	corners [][2]portUse
	colRuns *lineRuns // per column, its shapes and the runs through its empty cells
	rowRuns *lineRuns // per row, its shapes and the runs through its empty cells
	scratch []pt      // the route being drawn (path, join), maxRoutePoints long
	// ownCorner says that the flow being routed is its source's default flow: a corner it
	// leaves by is its alone, so the default slash near the source marks no other flow.
	ownCorner bool
}

// portUse is what a node's top or bottom corner is used for so far.
type portUse uint8

const (
	portFree portUse = iota
	portOut
	portIn
	portOwn // one default flow leaves by it
)

const (
	cornerTop    = 0
	cornerBottom = 1
)

// claim reserves the top or bottom corner of node n for flows leaving (out) or entering it,
// and reports whether the corner was free or already used the same way.
func (r *router) claim(n *node, corner int, out bool) bool {
	if !r.canClaim(n, corner, out) {
		return false
	}
	use := portIn
	switch {
	case out && r.ownCorner:
		use = portOwn
	case out:
		use = portOut
	}
	r.corners[n.id][corner] = use
	return true
}

// canClaim reports whether claim would succeed, without claiming.
func (r *router) canClaim(n *node, corner int, out bool) bool {
	use := r.corners[n.id][corner]
	switch {
	case use == portFree:
		return true
	case use == portOwn || out && r.ownCorner:
		return false
	}
	return (use == portOut) == out
}

// isDefault reports whether e is its source's default flow.
func (g *graph) isDefault(e *edge) bool { return e.flow == g.nodes[e.from].el.Default }

func newRouter(g *graph) *router {
	rows, cols := 0, 0
	for i := range g.nodes {
		rows = max(rows, g.nodes[i].row+1)
		cols = max(cols, g.nodes[i].rank+1)
	}
	r := &router{
		g:       g,
		corners: make([][2]portUse, len(g.nodes)),
		scratch: make([]pt, 0, maxRoutePoints),
	}
	ranks, rowsOf := make([]int32, len(g.nodes)), make([]int32, len(g.nodes))
	for i := range g.nodes {
		ranks[i], rowsOf[i] = int32(g.nodes[i].rank), int32(g.nodes[i].row)
	}
	// Bucket by column, then by row, then by column again, so every line comes out sorted
	// without a sort.
	_, byCol := bucket(cols, ranks, nil)
	rowLines := newGridLines(rows, rowsOf, ranks, byCol)
	colLines := newGridLines(cols, ranks, rowsOf, rowLines.at)
	r.colRuns = newLineRuns(colLines, ranks)
	r.rowRuns = newLineRuns(rowLines, rowsOf)
	return r
}

// runs reports whether a flow can run through its column from node cn to row toRow and
// through its row from node rn to column toCol without passing another run, and if so
// records both runs.
func (r *router) runs(cn *node, toRow int, rn *node, toCol int) bool {
	c, w := int(cn.id), int(rn.id)
	if !r.colRuns.free(c, toRow) || !r.rowRuns.free(w, toCol) {
		return false
	}
	r.colRuns.add(c, toRow)
	r.rowRuns.add(w, toCol)
	return true
}

// rowFree reports whether row holds no shape in columns c1..c2 (none when c1 > c2), colFree
// whether col holds none in rows r1..r2 (in either order).
func (r *router) rowFree(row, c1, c2 int) bool { return c1 > c2 || r.rowRuns.noneIn(row, c1, c2) }
func (r *router) colFree(col, r1, r2 int) bool { return r.colRuns.noneIn(col, r1, r2) }

// cornerFacing is the corner of a node in row from that faces row to.
func cornerFacing(from, to int) int {
	if to < from {
		return cornerTop
	}
	return cornerBottom
}

// toward is one step from a toward b.
func toward(a, b int) int {
	if b > a {
		return a + 1
	}
	return a - 1
}

// route returns the waypoints of edge e, first on the source's border, last on the target's,
// in the router's scratch buffer (see routeSet.set).
func (r *router) route(e *edge) []pt { return normalize(r.draw(e)) }

// draw returns the waypoints of edge e, with repeated and collinear points, in the router's
// scratch buffer or in slices of their own.
func (r *router) draw(e *edge) []pt {
	g := r.g
	s, t := &g.nodes[e.from], &g.nodes[e.to]
	switch {
	case e.boundary:
		return r.fromBoundary(e, s, t)
	case e.back || e.intoBoundary:
		return r.loop(e, s, t)
	}
	if e.enterVertically && s.row != t.row {
		if pts, ok := r.fromAbove(s, t); ok {
			return pts
		}
	}
	if pts := r.template(s, t); pts != nil {
		return pts
	}
	// Channel fallback: out to the gap right of the source, along the lane next to the
	// target's row on the source's side, into the gap left of the target.
	lane := rowTop(s.row + 1)
	switch {
	case t.row > s.row:
		lane = rowTop(t.row)
	case t.row < s.row:
		lane = rowTop(t.row + 1)
	}
	exit, exitOnLane := r.exitRight(s), false
	if p, ok := r.cornerToLane(s, lane, true); ok {
		exit, exitOnLane = []pt{p, {p.x, lane}}, true
	}
	entry, entryOnLane := r.enterLeft(t), false
	if p, ok := r.cornerToLane(t, lane, false); ok {
		entry, entryOnLane = []pt{{p.x, lane}, p}, true
	}
	return join(r.scratch, exit, exitOnLane, entry, entryOnLane, lane, r.g.cellLeft(s.rank+1))
}

// fromAbove routes a forward flow out of s's right into t's top (or bottom) from the lane
// beside t on s's side, when that point of t takes no flow out.
func (r *router) fromAbove(s, t *node) ([]pt, bool) {
	lane, entry, corner := rowTop(t.row), t.box.topMid(), cornerTop
	if s.row > t.row {
		lane, entry, corner = rowTop(t.row+1), t.box.bottomMid(), cornerBottom
	}
	if t.boundaries > 0 && corner == cornerBottom || !r.claim(t, corner, false) {
		return nil, false
	}
	exit := r.exitRight(s)
	return join(r.scratch, exit, false, []pt{{entry.x, lane}, entry}, true, lane, r.g.cellLeft(s.rank+1)), true
}

// cornerToLane is the top or bottom corner of gateway n when lane runs along the top or bottom
// of n's own row: a gateway then leaves or takes the flow vertically (as bpmn-js routes
// gateway flows) through the empty part of its own cell, instead of sharing its left or right
// corner with the flows of its row.
func (r *router) cornerToLane(n *node, lane int, out bool) (pt, bool) {
	if n.kind != kindGateway || n.boundaries > 0 {
		return pt{}, false
	}
	switch {
	case lane == rowTop(n.row+1) && r.claim(n, cornerBottom, out):
		return n.box.bottomMid(), true
	case lane == rowTop(n.row) && r.claim(n, cornerTop, out):
		return n.box.topMid(), true
	}
	return pt{}, false
}

// template tries the bpmn-js connection shapes for a forward flow, or returns nil.
func (r *router) template(s, t *node) []pt {
	sb, tb := s.box, t.box
	sc, sr, tc, tr := s.rank, s.row, t.rank, t.row
	if sr == tr {
		if r.rowFree(sr, sc+1, tc-1) {
			return r.path(sb.rightMid(), tb.leftMid())
		}
		return nil
	}
	if s.kind == kindGateway && r.colFree(sc, toward(sr, tr), tr) && r.rowFree(tr, sc+1, tc-1) &&
		r.canClaim(s, cornerFacing(sr, tr), true) && r.runs(s, tr, t, sc) {
		r.claim(s, cornerFacing(sr, tr), true)
		// v:h: leave the split through its top or bottom corner.
		exit := sb.bottomMid()
		if tr < sr {
			exit = sb.topMid()
		}
		return r.path(exit, pt{sb.midX(), tb.midY()}, tb.leftMid())
	}
	if t.kind == kindGateway && r.rowFree(sr, sc+1, tc) && r.colFree(tc, toward(tr, sr), sr) &&
		r.canClaim(t, cornerFacing(tr, sr), false) && r.runs(t, sr, s, tc) {
		r.claim(t, cornerFacing(tr, sr), false)
		// h:v: enter the join through its bottom or top corner.
		entry := tb.bottomMid()
		if sr < tr {
			entry = tb.topMid()
		}
		return r.path(sb.rightMid(), pt{tb.midX(), sb.midY()}, entry)
	}
	if tc == sc+1 {
		// A Z through the gap between the two columns. Further apart, a Z would run along a
		// row's mid-line past empty cells, where another flow's Z may run too; the channel
		// fallback keeps such runs on lanes, which give every flow a track of its own.
		x := r.g.cellLeft(tc)
		return r.path(sb.rightMid(), pt{x, sb.midY()}, pt{x, tb.midY()}, tb.leftMid())
	}
	return nil
}

// fromBoundary routes a flow leaving a boundary event: down out of the event, then right into
// the target (the exception path hangs below its host).
func (r *router) fromBoundary(e *edge, host, t *node) []pt {
	b := r.g.boxes[e.via()]
	tb := t.box
	if !e.intoBoundary && !e.back && t.row > host.row && r.colFree(host.rank, host.row+1, t.row) &&
		r.rowFree(t.row, host.rank+1, t.rank-1) && r.runs(host, t.row, t, host.rank) {
		return r.path(b.bottomMid(), pt{b.midX(), tb.midY()}, tb.leftMid())
	}
	lane := rowTop(host.row + 1)
	exit := []pt{b.bottomMid(), {b.midX(), lane}}
	if e.intoBoundary {
		return join(r.scratch, exit, true, r.enterBoundary(e.intoVia(), t), true, lane, r.g.cellLeft(host.rank+1))
	}
	return join(r.scratch, exit, true, r.enterLeft(t), false, lane, r.g.cellLeft(host.rank+1))
}

// loop routes a flow back to an earlier (or the same) column: along the lane under the lowest
// shape of the columns it spans, leaving through the source's bottom and entering through the
// target's bottom when nothing is below them in their columns.
func (r *router) loop(e *edge, s, t *node) []pt {
	lo, hi := min(s.rank, t.rank), max(s.rank, t.rank)
	lane := rowTop(r.lowest(lo, hi) + 1)
	var exit, entry []pt
	exitOnLane, entryOnLane := false, false
	if e.from != e.to && s.boundaries == 0 && r.colDepth(s.rank) == s.row && r.claim(s, cornerBottom, true) {
		exit, exitOnLane = []pt{s.box.bottomMid(), {s.box.midX(), lane}}, true
	} else {
		exit = r.exitRight(s)
	}
	switch {
	case e.intoBoundary:
		entry, entryOnLane = r.enterBoundary(e.intoVia(), t), true
	case t.boundaries == 0 && r.colDepth(t.rank) == t.row && r.claim(t, cornerBottom, false):
		entry, entryOnLane = []pt{{t.box.midX(), lane}, t.box.bottomMid()}, true
	default:
		entry = r.enterLeft(t)
	}
	return join(r.scratch, exit, exitOnLane, entry, entryOnLane, lane, r.g.cellLeft(s.rank+1))
}

// colDepth is the lowest row holding a shape in column c, or 0 when none does (ranks are
// longest paths, so every column holds one).
func (r *router) colDepth(c int) int {
	ns := r.colRuns.nodes(c)
	if len(ns) == 0 {
		return 0
	}
	return int(r.colRuns.pos[ns[len(ns)-1]])
}

// lowest is the lowest row holding a shape in columns lo..hi. Only loops ask, and many
// workflows have none, so the skyline is made on the first question.
func (r *router) lowest(lo, hi int) int {
	if r.deepest == nil {
		cols := len(r.colRuns.start) - 1
		r.deepest = newSkyline(cols, skyBelow)
		for c := range cols {
			if len(r.colRuns.nodes(c)) > 0 {
				r.deepest.raise(c, r.colDepth(c))
			}
		}
	}
	return r.deepest.query(lo, hi)
}

// exitRight leaves s at its right mid-point into the gap right of its column.
func (r *router) exitRight(s *node) []pt {
	return []pt{s.box.rightMid(), {r.g.cellLeft(s.rank + 1), s.box.midY()}}
}

// enterLeft comes down or up the gap left of t's column and enters t at its left mid-point.
func (r *router) enterLeft(t *node) []pt {
	return []pt{{r.g.cellLeft(t.rank), t.box.midY()}, t.box.leftMid()}
}

// enterBoundary reaches a boundary event (only an invalid model sends flow into one) from the
// lane under its host.
func (r *router) enterBoundary(b *bpmn.Element, host *node) []pt {
	bb := r.g.boxes[b]
	return []pt{{bb.midX(), rowTop(host.row + 1)}, bb.bottomMid()}
}

// join connects an exit (ending on a channel point, in a gap or on a lane) to an entry
// (starting on one) through the channels, in dst's array: lane is the lane to use between two
// gaps, gap the gap to use between two different lanes.
func join(dst, exit []pt, exitOnLane bool, entry []pt, entryOnLane bool, lane, gap int) []pt {
	p, q := exit[len(exit)-1], entry[0]
	pts := append(dst[:0], exit...)
	switch {
	case !exitOnLane && !entryOnLane:
		if p.x != q.x {
			pts = append(pts, pt{p.x, lane}, pt{q.x, lane})
		}
	case !exitOnLane && entryOnLane:
		pts = append(pts, pt{p.x, q.y})
	case exitOnLane && !entryOnLane:
		pts = append(pts, pt{q.x, p.y})
	default:
		if p.y != q.y {
			pts = append(pts, pt{gap, p.y}, pt{gap, q.y})
		}
	}
	return append(pts, entry...)
}

// normalize drops repeated points and points in the middle of a straight run, in place: it
// writes each point at or before where it read it.
func normalize(pts []pt) []pt {
	out := pts[:0]
	for _, p := range pts {
		if n := len(out); n > 0 && out[n-1] == p {
			continue
		}
		if n := len(out); n >= 2 {
			a, b := out[n-2], out[n-1]
			if (a.x == b.x && b.x == p.x) || (a.y == b.y && b.y == p.y) {
				out[n-1] = p
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// maxRoutePoints is the most points draw gives a route (an exit and an entry of two points
// each, joined through two more), with room to spare: the scratch buffer never grows.
const maxRoutePoints = 16

// path puts the points of a route in the router's scratch buffer, where the route stays until
// routeSet.set copies it: a route of its own per flow was half of the layout's allocations.
func (r *router) path(pts ...pt) []pt { return append(r.scratch[:0], pts...) }

// routeSet holds the routes of every flow in one array, each found by its start and end
// offsets: a slice per flow cost 24 bytes of header each, and chunks of points half empty.
type routeSet struct {
	pts  []pt       // the routes, in the order they were set
	span [][2]int32 // per flow, where its route starts and ends in pts
}

// routePointsEstimate is about the mean number of points per route, with margin: most flows
// are straight (2 points) or one Z (4). pts grows past it, by copying, when it is short.
const routePointsEstimate = 3

func newRouteSet(flows int) *routeSet {
	return &routeSet{pts: make([]pt, 0, routePointsEstimate*flows), span: make([][2]int32, flows)}
}

// set copies pts in as flow i's route; flows may come in any order.
func (rs *routeSet) set(i int, pts []pt) {
	rs.span[i] = [2]int32{int32(len(rs.pts)), int32(len(rs.pts) + len(pts))}
	rs.pts = append(rs.pts, pts...)
}

// of is flow i's route, with no room to grow into its neighbour.
func (rs *routeSet) of(i int) []pt {
	s := rs.span[i]
	return rs.pts[s[0]:s[1]:s[1]]
}
