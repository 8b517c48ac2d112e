package layout

import "sort"

// Channel tracks. The router draws every flow through the gap on a column boundary and the
// lane on a row boundary, so flows that use one channel would run on the same line and a
// reader could not tell them apart. planChannels gives every segment of a channel its own
// track, trackSpacing px from its neighbour (tracks.go orders them); moveAll widens each
// channel by the tracks it needs, moves the shapes beyond it along and puts every segment on
// its track. Sorting each channel keeps the pass O(m log m) for m segments.

// trackSpacing is the distance in px between neighbouring tracks of one channel.
const trackSpacing = 10

// channelSeg is one segment of a route that runs along a channel.
type channelSeg struct {
	route, end int // the route, and the index of the segment's second point in it
	lo, hi     int // the segment's extent along the channel, px
	// loTurn and hiTurn say where the route goes at the segment's lo and hi ends: -1 toward
	// the smaller cross coordinate (left of a gap, above a lane), +1 toward the larger.
	loTurn, hiTurn int
	// loTrack and hiTrack are the tracks of the segments that the route turns onto at the lo
	// and hi ends when those run along channels of the other direction (else 0; negative
	// for a gap segment, whose track is not known yet but is its own): turns at one
	// coordinate onto different tracks do not meet.
	loTrack, hiTrack int
	// loAt and hiAt are the indexes of the lo and hi end points in the route.
	loAt, hiAt int
	// loCanSlide and hiCanSlide say whether the turn at that end is the route's stub on an
	// activity's side, which may move along that side; loSlid and hiSlid that it must.
	loCanSlide, hiCanSlide bool
	loSlid, hiSlid         bool
	// stuck says that the segment sits on a track where one of its turns still runs along
	// another segment's turn: a crossing no order or slide could clear.
	stuck bool
}

// slideBy is how far in px a stub on an activity's side moves to clear a crossing flow's turn:
// one track, well inside the 80 px of a task's side.
const slideBy = trackSpacing

// channels collects the segments of each channel of one direction (every gap or every lane).
type channels struct {
	segs   [][]channelSeg
	tracks [][]int // per channel, per segment (in segs order), its track
	extra  []int   // per channel, the px it grows by
}

func newChannels(n int) *channels {
	return &channels{segs: make([][]channelSeg, n), tracks: make([][]int, n), extra: make([]int, n)}
}

// assign numbers the tracks of every channel (see tracks.go) and sizes the channel.
func (c *channels) assign() {
	for ch, segs := range c.segs {
		if len(segs) <= 1 {
			c.tracks[ch] = make([]int, len(segs)) // most channels: nothing to order
			continue
		}
		order := make([]int, len(segs))
		for i := range order {
			order[i] = i
		}
		sort.Slice(order, func(a, b int) bool { return segs[order[a]].before(segs[order[b]]) })
		c.tracks[ch] = trackOrder(segs, order)
		c.extra[ch] = max(0, len(segs)-1) * trackSpacing
	}
}

// shifts returns, per channel, how far its first track moves and, per cell after it, how far
// the cell moves: the growth of every channel before.
func (c *channels) shifts() (channel, cell []int) {
	channel, cell = make([]int, len(c.extra)), make([]int, len(c.extra))
	sum := 0
	for i, e := range c.extra {
		channel[i] = sum
		sum += e
		cell[i] = sum
	}
	return channel, cell
}

// turn is where the route goes from point i, away from the segment that has its other end at
// point j: -1 toward the smaller coordinate on the axis cross picks, +1 toward the larger.
func turn(pts []pt, i, j int, cross func(pt) int) int {
	if k := i + (i - j); k >= 0 && k < len(pts) && cross(pts[k]) > cross(pts[i]) {
		return 1
	}
	return -1
}

// newSeg describes segment end of route ri, whose lo and hi end points are pts[lo] and
// pts[hi]; along gives a point's coordinate along the channel, cross the other one.
func (g *graph) newSeg(ri, end int, pts []pt, lo, hi int, along, cross func(pt) int) channelSeg {
	return channelSeg{
		route: ri, end: end,
		lo: along(pts[lo]), hi: along(pts[hi]),
		loTurn: turn(pts, lo, hi, cross), hiTurn: turn(pts, hi, lo, cross),
		loAt: lo, hiAt: hi,
		loCanSlide: g.stubOnActivity(ri, pts, lo, hi),
		hiCanSlide: g.stubOnActivity(ri, pts, hi, lo),
	}
}

// stubOnActivity reports whether route ri turns at point i (away from point j) onto its first
// or last segment, and that segment ends on an activity, whose side is long enough for the
// stub to slide along it.
func (g *graph) stubOnActivity(ri int, pts []pt, i, j int) bool {
	e := &g.edges[ri]
	switch i + (i - j) {
	case 0:
		return !e.boundary && g.nodes[e.from].kind == kindActivity
	case len(pts) - 1:
		return e.intoVia == nil && g.nodes[e.to].kind == kindActivity
	}
	return false
}

// channelPlan is the tracks of every gap and lane, ready to be applied.
type channelPlan struct {
	gaps, lanes *channels
	laneAt      func(y int) int // lane y -> lane index, or -1
}

// stuckRoutes lists, in order, the routes with a gap segment whose turn still runs along
// another's (see channelSeg.stuck).
func (p *channelPlan) stuckRoutes() []int {
	var out []int
	seen := map[int]bool{}
	for _, segs := range p.gaps.segs {
		for _, s := range segs {
			if s.stuck && !seen[s.route] {
				seen[s.route] = true
				out = append(out, s.route)
			}
		}
	}
	sort.Ints(out)
	return out
}

// planChannels gives every segment that runs along a gap or a lane a track of its own.
func (g *graph) planChannels(routes [][]pt) *channelPlan {
	rows := 0
	for i := range g.nodes {
		rows = max(rows, g.nodes[i].row+1)
	}
	laneAt := func(y int) int {
		if y < outerMargin || (y-outerMargin)%cellHeight != 0 || (y-outerMargin)/cellHeight > rows {
			return -1
		}
		return (y - outerMargin) / cellHeight
	}
	gaps, lanes := g.collectSegments(routes, laneAt, rows)
	linkTurns(gaps, lanes)
	return &channelPlan{gaps: gaps, lanes: lanes, laneAt: laneAt}
}

// gapAt finds x in g.colX (ascending): the index of the gap at x and true, or, for an x
// between gaps, the index of the first gap after it and false. It is asked for every point
// of every route, so it looks up x's cellWidth-wide stretch in g.gapBefore, which leaves at
// most one gap to step over (columns are at least cellWidth wide), instead of a search.
func (g *graph) gapAt(x int) (int, bool) {
	if x < g.colX[0] {
		return 0, false
	}
	k := (x - g.colX[0]) / cellWidth
	c := int(g.gapBefore[min(k, len(g.gapBefore)-1)])
	for c+1 < len(g.colX) && g.colX[c+1] <= x {
		c++
	}
	if g.colX[c] == x {
		return c, true
	}
	return c + 1, false
}

// indexGaps fills g.gapBefore: per cellWidth-wide stretch from the first gap, the last gap at
// or before the stretch's start. O(columns + width / cellWidth), and the width is O(nodes).
func (g *graph) indexGaps() {
	last := g.colX[len(g.colX)-1]
	g.gapBefore = make([]int32, (last-g.colX[0])/cellWidth+1)
	c := 0
	for k := range g.gapBefore {
		x := g.colX[0] + k*cellWidth
		for c+1 < len(g.colX) && g.colX[c+1] <= x {
			c++
		}
		g.gapBefore[k] = int32(c)
	}
}

// collectSegments sorts the segments of the routes into the gaps and lanes they run along.
func (g *graph) collectSegments(routes [][]pt, laneAt func(int) int, rows int) (gaps, lanes *channels) {
	gaps, lanes = newChannels(len(g.colX)), newChannels(rows+1)
	getX := func(p pt) int { return p.x }
	getY := func(p pt) int { return p.y }
	for ri, pts := range routes {
		for i := 1; i < len(pts); i++ {
			p, q := pts[i-1], pts[i]
			lo, hi := i-1, i // the indexes of the low and high ends
			switch {
			case p.x == q.x:
				c, ok := g.gapAt(p.x)
				if !ok {
					continue
				}
				if q.y < p.y {
					lo, hi = i, i-1
				}
				gaps.segs[c] = append(gaps.segs[c], g.newSeg(ri, i, pts, lo, hi, getY, getX))
			case p.y == q.y:
				l := laneAt(p.y)
				if l < 0 {
					continue
				}
				if q.x < p.x {
					lo, hi = i, i-1
				}
				lanes.segs[l] = append(lanes.segs[l], g.newSeg(ri, i, pts, lo, hi, getX, getY))
			}
		}
	}
	return gaps, lanes
}

// linkTurns assigns the tracks of lanes, then of gaps, telling each segment which track the
// route turns onto at its ends (see channelSeg.loTrack).
func linkTurns(gaps, lanes *channels) {
	// A lane segment's turn onto a gap segment continues on that segment's own gap track,
	// which no other turn uses: give it a junction of its own (a negative track) so it
	// constrains nothing.
	gapSeg := map[[2]int]int{} // route and segment end -> 1 + a number unique to the gap segment
	for _, segs := range gaps.segs {
		for _, s := range segs {
			gapSeg[[2]int{s.route, s.end}] = 1 + len(gapSeg)
		}
	}
	for _, segs := range lanes.segs {
		for k := range segs {
			s := &segs[k]
			s.loTrack, s.hiTrack = -gapSeg[s.turnOnto(true)], -gapSeg[s.turnOnto(false)]
		}
	}
	lanes.assign()
	// Gap segments turn onto lanes: tell them the lane tracks before ordering the gaps.
	laneTrack := map[[2]int]int{} // route and segment end -> lane track
	for l, segs := range lanes.segs {
		for k, s := range segs {
			laneTrack[[2]int{s.route, s.end}] = lanes.tracks[l][k]
		}
	}
	for _, segs := range gaps.segs {
		for k := range segs {
			s := &segs[k]
			s.loTrack, s.hiTrack = laneTrack[s.turnOnto(true)], laneTrack[s.turnOnto(false)]
		}
	}
	gaps.assign()
}

// turnOnto names the segment the route turns onto at s's lo (or hi) end: route and the index
// of that segment's second point.
func (s channelSeg) turnOnto(atLo bool) [2]int {
	at, away := s.hiAt, s.loAt
	if atLo {
		at, away = s.loAt, s.hiAt
	}
	return [2]int{s.route, max(at, 2*at-away)}
}

// slideStubs moves the stubs marked to slide slideBy px along the channel, toward the
// segment's other end; along picks the coordinate along the channel.
func (s channelSeg) slideStubs(pts []pt, along func(*pt) *int) {
	move := func(at, away, d int) {
		*along(&pts[at]) += d
		*along(&pts[at+(at-away)]) += d
	}
	if s.loSlid {
		move(s.loAt, s.hiAt, slideBy)
	}
	if s.hiSlid {
		move(s.hiAt, s.loAt, -slideBy)
	}
}

// moveAll shifts shapes and route points by the growth of the channels before them, then puts
// every channel segment on its track.
func (g *graph) moveAll(routes [][]pt, plan *channelPlan) {
	gaps, lanes, laneAt := plan.gaps, plan.lanes, plan.laneAt
	gapShift, colShift := gaps.shifts()
	laneShift, rowShift := lanes.shifts()
	// g.colX stays as routing saw it: it names the gaps of the routes' coordinates.
	rowOf := func(y int) int { return max(0, (y-outerMargin)/cellHeight) }
	moveX := func(x int) int {
		c, onGap := g.gapAt(x)
		if onGap {
			return x + gapShift[c]
		}
		// x is in the cell of column c-1, strictly between two gaps.
		return x + colShift[min(max(0, c-1), len(colShift)-1)]
	}
	moveY := func(y int) int {
		if l := laneAt(y); l >= 0 {
			return y + laneShift[l]
		}
		return y + rowShift[min(rowOf(y), len(rowShift)-1)]
	}
	for i := range g.nodes {
		n := &g.nodes[i]
		dx, dy := colShift[n.rank], rowShift[n.row]
		n.box.x += dx
		n.box.y += dy
		for _, b := range n.boundary {
			bb := g.boxes[b]
			bb.x += dx
			bb.y += dy
			g.boxes[b] = bb
		}
	}
	for _, pts := range routes {
		for i := range pts {
			pts[i] = pt{moveX(pts[i].x), moveY(pts[i].y)}
		}
	}
	for c, segs := range gaps.segs {
		for k, s := range segs {
			d := gaps.tracks[c][k] * trackSpacing
			routes[s.route][s.end-1].x += d
			routes[s.route][s.end].x += d
			s.slideStubs(routes[s.route], func(p *pt) *int { return &p.y })
		}
	}
	for l, segs := range lanes.segs {
		for k, s := range segs {
			d := lanes.tracks[l][k] * trackSpacing
			routes[s.route][s.end-1].y += d
			routes[s.route][s.end].y += d
			s.slideStubs(routes[s.route], func(p *pt) *int { return &p.x })
		}
	}
}
