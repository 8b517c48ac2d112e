package render

import (
	"math"
	"strconv"
	"strings"
)

// parallelSpacings are the distances tried between the routes of edges that share one route
// (px), widest first: the widest leaves room for a one-line label between two routes
// (labelGap + one line at labelFont), the narrowest still reads as two lines.
var parallelSpacings = []float64{20, 14, 10, 6}

// separateParallel gives each of the edges drawn on exactly the same route (the cases of a
// switch that go to the same step, whose flows the layout routes alike) a route of its own,
// beside the shared one at the widest of parallelSpacings that fits both end shapes, so that
// every flow and its label are seen, as bpmn-js draws a second flow between the same two
// shapes apart from the first. The routes fan out symmetrically about the shared one, the
// first edge of the document leftmost of the direction of travel (on top of a run to the
// right, as a switch's first case is), and end on the outlines of the shapes they join. Their
// DI labels, placed for the shared route, give way to labels on the outer side of each route
// (left of travel for the left half of the bundle, right for the right half), so that two
// labels never sit between the same two lines. A bundle whose routes cannot be separated (a
// segment shorter than the spread, a shape too small for it) is left as it is.
func separateParallel(d *Diagram) {
	for _, bundle := range parallelBundles(d.Edges) {
		route := d.Edges[bundle[0]].Points
		from, to := nodeAt(d.Nodes, route[0]), nodeAt(d.Nodes, route[len(route)-1])
		for _, spacing := range parallelSpacings {
			routes := make([][]Point, len(bundle))
			ok := true
			for k := range bundle {
				offset := (float64(len(bundle)-1)/2 - float64(k)) * spacing
				if routes[k] = offsetRoute(route, offset, from, to); routes[k] == nil {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			for k, i := range bundle {
				e := &d.Edges[i]
				e.Points, e.Label = routes[k], nil
				if e.Name != "" {
					// Outward: left of travel for the left half, right for the right half.
					side := math.Copysign(1, float64(len(bundle)-1)/2-float64(k))
					r := routeLabelRect(*e, side)
					e.Label = &r
				}
			}
			break
		}
	}
}

// parallelBundles are the groups of two or more edges with the same waypoints, each in
// document order, the groups ordered by their first edge.
func parallelBundles(edges []Edge) [][]int {
	byRoute := map[string]int{}
	var bundles [][]int
	for i, e := range edges {
		key := routeKey(e.Points)
		if b, ok := byRoute[key]; ok {
			bundles[b] = append(bundles[b], i)
			continue
		}
		byRoute[key] = len(bundles)
		bundles = append(bundles, []int{i})
	}
	out := bundles[:0]
	for _, b := range bundles {
		if len(b) > 1 {
			out = append(out, b)
		}
	}
	return out
}

func routeKey(ps []Point) string {
	var sb strings.Builder
	for _, p := range ps {
		sb.WriteString(strconv.FormatFloat(p.X, 'g', -1, 64) + "," + strconv.FormatFloat(p.Y, 'g', -1, 64) + ";")
	}
	return sb.String()
}

// nodeAt is the smallest node whose box, grown by endTolerance, holds p: the shape an edge
// starts or ends at (a boundary event rather than the task it sits on); nil for none.
func nodeAt(nodes []Node, p Point) *Node {
	var best *Node
	for i := range nodes {
		b := nodes[i].Box
		if p.X < b.X-endTolerance || p.X > b.X+b.W+endTolerance || p.Y < b.Y-endTolerance || p.Y > b.Y+b.H+endTolerance {
			continue
		}
		if best == nil || b.W*b.H < best.Box.W*best.Box.H {
			best = &nodes[i]
		}
	}
	return best
}

// endTolerance is how far from a shape's box an edge's end may be and still be on it (px).
const endTolerance = 2.0

// offsetRoute is route moved offset px to the left of its direction of travel, each segment
// kept parallel to its own, its ends moved along their segments onto the outlines of from and
// to (when known); nil when that cannot be done without turning a segment back on itself or
// missing an end shape.
func offsetRoute(route []Point, offset float64, from, to *Node) []Point {
	route = withoutRepeats(route)
	if len(route) < 2 {
		return nil
	}
	n := len(route) - 1
	dirs, normals := make([]Point, n), make([]Point, n)
	for i := 0; i < n; i++ {
		dirs[i] = unit(route[i], route[i+1])
		normals[i] = Point{dirs[i].Y * offset, -dirs[i].X * offset}
	}
	out := make([]Point, len(route))
	out[0] = add(route[0], normals[0])
	out[n] = add(route[n], normals[n-1])
	for i := 1; i < n; i++ {
		out[i] = corner(add(route[i], normals[i-1]), dirs[i-1], add(route[i], normals[i]), dirs[i])
	}
	if from != nil {
		_, exit, ok := clipLine(from, out[0], dirs[0])
		if !ok {
			return nil
		}
		out[0] = along(out[0], dirs[0], exit)
	}
	if to != nil {
		entry, _, ok := clipLine(to, out[n], dirs[n-1])
		if !ok {
			return nil
		}
		out[n] = along(out[n], dirs[n-1], entry)
	}
	for i := 0; i < n; i++ {
		if dot(sub(out[i+1], out[i]), dirs[i]) <= 0 {
			return nil
		}
	}
	return out
}

func withoutRepeats(route []Point) []Point {
	out := make([]Point, 0, len(route))
	for _, p := range route {
		if len(out) == 0 || out[len(out)-1] != p {
			out = append(out, p)
		}
	}
	return out
}

// corner is where the line through a along da meets the line through b along db; b when
// they are parallel (a straight run: the point just moves sideways).
func corner(a, da, b, db Point) Point {
	den := da.X*db.Y - da.Y*db.X
	if math.Abs(den) < 1e-9 {
		return b
	}
	t := ((b.X-a.X)*db.Y - (b.Y-a.Y)*db.X) / den
	return along(a, da, t)
}

// clipLine is the part of the line through p along the unit vector dir that lies inside
// n's outline (a diamond for a gateway, an ellipse for an event, else its box), as the
// distances from p where it enters and leaves; ok is false when the line misses it.
func clipLine(n *Node, p, dir Point) (enter, exit float64, ok bool) {
	b := n.Box
	cx, cy, hw, hh := b.X+b.W/2, b.Y+b.H/2, b.W/2, b.H/2
	if hw <= 0 || hh <= 0 {
		return 0, 0, false
	}
	// In units of the half sizes the outline is the unit diamond, circle or square.
	px, py, dx, dy := (p.X-cx)/hw, (p.Y-cy)/hh, dir.X/hw, dir.Y/hh
	switch n.Shape {
	case ShapeEvent:
		return clipCircle(px, py, dx, dy)
	case ShapeGateway:
		return clipHalfPlanes(px, py, dx, dy, [][2]float64{{1, 1}, {1, -1}, {-1, 1}, {-1, -1}})
	}
	return clipHalfPlanes(px, py, dx, dy, [][2]float64{{1, 0}, {-1, 0}, {0, 1}, {0, -1}})
}

// clipHalfPlanes clips the line p + t·d to the convex region where a·x + b·y ≤ 1 for every
// (a, b) in planes (Cyrus-Beck).
func clipHalfPlanes(px, py, dx, dy float64, planes [][2]float64) (float64, float64, bool) {
	lo, hi := math.Inf(-1), math.Inf(1)
	for _, pl := range planes {
		num, den := 1-(pl[0]*px+pl[1]*py), pl[0]*dx+pl[1]*dy
		switch {
		case den == 0:
			if num < 0 {
				return 0, 0, false
			}
		case den > 0:
			hi = math.Min(hi, num/den)
		default:
			lo = math.Max(lo, num/den)
		}
	}
	return lo, hi, lo <= hi
}

// clipCircle clips the line p + t·d to the unit circle.
func clipCircle(px, py, dx, dy float64) (float64, float64, bool) {
	a, b, c := dx*dx+dy*dy, 2*(px*dx+py*dy), px*px+py*py-1
	disc := b*b - 4*a*c
	if a == 0 || disc < 0 {
		return 0, 0, false
	}
	root := math.Sqrt(disc)
	return (-b - root) / (2 * a), (-b + root) / (2 * a), true
}

func unit(a, b Point) Point {
	l := math.Hypot(b.X-a.X, b.Y-a.Y)
	return Point{(b.X - a.X) / l, (b.Y - a.Y) / l}
}

func add(a, b Point) Point                { return Point{a.X + b.X, a.Y + b.Y} }
func sub(a, b Point) Point                { return Point{a.X - b.X, a.Y - b.Y} }
func dot(a, b Point) float64              { return a.X*b.X + a.Y*b.Y }
func along(p, dir Point, t float64) Point { return Point{p.X + dir.X*t, p.Y + dir.Y*t} }
