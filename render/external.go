package render

import "math"

// enterApart reroutes each dependency on an external node that the layout ends where another
// edge ends (typically the start event's flow into a workflow's first node, which the
// dependency would join for its last segment, so that the reader could not tell the dashed
// line from the solid one where the arrow is): it runs level from where it leaves the external
// node to under (or over) the middle of the node that waits, then straight up (or down) into
// that node's bottom (or top). The new route is taken only when it crosses no other shape and
// no other edge and ends where no other edge does; otherwise the layout's route stays. Edges
// are tried in document order, again while one moves, since a moved route may clear the way
// for an earlier one.
func enterApart(d *Diagram) {
	ends := map[Point]int{}
	for _, e := range d.Edges {
		ends[e.Points[len(e.Points)-1]]++
	}
	// A reroute moves a route out of the way of others: try again until none moves (each
	// edge moves once at most, so this ends).
	for moved := true; moved; {
		moved = false
		for i := range d.Edges {
			e := &d.Edges[i]
			if e.Kind != EdgeDependency || ends[e.Points[len(e.Points)-1]] < 2 {
				continue
			}
			route := sideEntry(d, e.Points)
			if route == nil || !clearRoute(d, i, route) {
				continue
			}
			ends[e.Points[len(e.Points)-1]]--
			ends[route[2]]++
			e.Points, e.Label, moved = route, nil, true
		}
	}
}

// minRun is the shortest level run a side entry may have (px), so that its arrow does not
// start inside the node it leaves.
const minRun = 10.0

// sideEntry is the route from route's start level to under or over the middle of the shape
// route ends at, then into its bottom or top; nil when there is no such shape, it is not to
// the right of the start, or the start is level with its middle.
func sideEntry(d *Diagram, route []Point) []Point {
	to := nodeAt(d.Nodes, route[len(route)-1])
	if to == nil {
		return nil
	}
	start, b := route[0], to.Box
	cx, cy := b.X+b.W/2, b.Y+b.H/2
	if cx-start.X < minRun || start.Y == cy {
		return nil
	}
	entry := Point{cx, b.Y + b.H}
	if start.Y < cy {
		entry.Y = b.Y
	}
	if math.Abs(start.Y-entry.Y) < minRun || (start.Y > b.Y && start.Y < b.Y+b.H) {
		return nil
	}
	return []Point{start, {cx, start.Y}, entry}
}

// clearRoute reports whether route, edge skip's new route, keeps off every shape but the two
// it joins, off every other edge (but those from the same point), and ends where no other
// edge does.
func clearRoute(d *Diagram, skip int, route []Point) bool {
	from, to := nodeAt(d.Nodes, route[0]), nodeAt(d.Nodes, route[len(route)-1])
	for i := range d.Nodes {
		n := &d.Nodes[i]
		if n == from || n == to {
			continue
		}
		for j := 1; j < len(route); j++ {
			if segmentHits(n.Box, route[j-1], route[j]) {
				return false
			}
		}
	}
	end := route[len(route)-1]
	for i, e := range d.Edges {
		if i == skip {
			continue
		}
		if e.Points[len(e.Points)-1] == end {
			return false
		}
		if e.Points[0] == route[0] {
			continue // another dependency on the same external node: they may share a run
		}
		for k := 1; k < len(e.Points); k++ {
			line := segmentBox(e.Points[k-1], e.Points[k])
			for j := 1; j < len(route); j++ {
				if segmentHits(line, route[j-1], route[j]) {
					return false
				}
			}
		}
	}
	return true
}

// segmentBox is the bounding box of the segment a-b: the segment itself when it is level or
// upright, as every routed segment is.
func segmentBox(a, b Point) Rect {
	return Rect{math.Min(a.X, b.X), math.Min(a.Y, b.Y), math.Abs(b.X - a.X), math.Abs(b.Y - a.Y)}
}
