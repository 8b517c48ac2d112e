package layout

import (
	"math"
	"slices"
	"sort"
)

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
// All channels share one array of segments and one of tracks, instead of two slices each: a
// large workflow has thousands of gaps, most with no segment at all.
type channels struct {
	segs   []channelSeg // channel after channel, each in the order the routes gave them
	start  []int32      // the segments of channel ch are segs[start[ch]:start[ch+1]]
	tracks []int        // per segment, its track
	extra  []int        // per channel, the px it grows by
}

// newChannels makes n channels, each with room for the number of segments count gives it.
func newChannels(count []int32) *channels {
	c := &channels{start: make([]int32, len(count)+1), extra: make([]int, len(count))}
	for ch, k := range count {
		c.start[ch+1] = c.start[ch] + k
	}
	total := c.start[len(count)]
	c.segs, c.tracks = make([]channelSeg, total), make([]int, total)
	return c
}

// of is channel ch's segments.
func (c *channels) of(ch int) []channelSeg { return c.segs[c.start[ch]:c.start[ch+1]] }

// assign numbers the tracks of every channel (see tracks.go) and sizes the channel.
func (c *channels) assign() {
	var order []int // one array for every channel's sort
	for ch := range c.extra {
		segs := c.of(ch)
		if len(segs) <= 1 {
			continue // most channels: nothing to order, and track 0
		}
		order = order[:0]
		for i := range segs {
			order = append(order, i)
		}
		// No two segments tie (before), so any sort gives this order; SortFunc does not
		// allocate a swapper per channel as sort.Slice does.
		slices.SortFunc(order, func(a, b int) int {
			switch {
			case a == b:
				return 0
			case segs[a].before(segs[b]):
				return -1
			}
			return 1
		})
		trackOrder(segs, order, c.tracks[c.start[ch]:c.start[ch+1]])
		c.extra[ch] = max(0, len(segs)-1) * trackSpacing
	}
}

// shifts returns, per channel, how far its first track moves and, per cell after it, how far
// the cell moves: the growth of every channel before.
// Both are views of one array of running sums: a cell moves as far as the next channel.
func (c *channels) shifts() (channel, cell []int) {
	sums := make([]int, len(c.extra)+1)
	for i, e := range c.extra {
		sums[i+1] = sums[i] + e
	}
	return sums[:len(c.extra)], sums[1:]
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
		return !e.intoBoundary && g.nodes[e.to].kind == kindActivity
	}
	return false
}

// channelPlan is the tracks of every gap and lane, ready to be applied.
type channelPlan struct {
	gaps, lanes *channels
	rows        int // rows of the grid: its lanes are 0..rows
}

// laneAt is the index of the lane at y, or -1 when y is on none (the grid has rows rows). A
// function, not a closure, so the question asked of every route point is a direct call.
func laneAt(y, rows int) int {
	if y < outerMargin || (y-outerMargin)%cellHeight != 0 || (y-outerMargin)/cellHeight > rows {
		return -1
	}
	return (y - outerMargin) / cellHeight
}

// stuckRoutes lists, in order, the routes with a gap segment whose turn still runs along
// another's (see channelSeg.stuck).
func (p *channelPlan) stuckRoutes() []int {
	var out []int
	seen := map[int]bool{}
	for _, s := range p.gaps.segs {
		if s.stuck && !seen[s.route] {
			seen[s.route] = true
			out = append(out, s.route)
		}
	}
	sort.Ints(out)
	return out
}

// planChannels gives every segment that runs along a gap or a lane a track of its own.
func (g *graph) planChannels(routes *routeSet) *channelPlan {
	rows := 0
	for i := range g.nodes {
		rows = max(rows, g.nodes[i].row+1)
	}
	gaps, lanes, at := g.collectSegments(routes, rows)
	linkTurns(gaps, lanes, at)
	return &channelPlan{gaps: gaps, lanes: lanes, rows: rows}
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

// collectSegments sorts the segments of the routes into the gaps and lanes they run along, and
// indexes them by route and point (segmentIndex).
func (g *graph) collectSegments(routes *routeSet, rows int) (gaps, lanes *channels, at segmentIndex) {
	at = segmentIndex{routes: routes, seg: make([]int32, len(routes.pts))}
	gapCount, laneCount := make([]int32, len(g.colX)), make([]int32, rows+1)
	g.eachChannelSeg(routes, rows, func(_, _ int, gap bool, ch int) {
		if gap {
			gapCount[ch]++
		} else {
			laneCount[ch]++
		}
	})
	gaps, lanes = newChannels(gapCount), newChannels(laneCount)
	// The counts become each channel's next free slot.
	copy(gapCount, gaps.start)
	copy(laneCount, lanes.start)
	getX := func(p pt) int { return p.x }
	getY := func(p pt) int { return p.y }
	g.eachChannelSeg(routes, rows, func(ri, i int, gap bool, ch int) {
		pts := routes.of(ri)
		p, q := pts[i-1], pts[i]
		lo, hi := i-1, i // the indexes of the low and high ends
		if gap {
			if q.y < p.y {
				lo, hi = i, i-1
			}
			k := gapCount[ch]
			gaps.segs[k] = g.newSeg(ri, i, pts, lo, hi, getY, getX)
			at.set(ri, i, 1+k)
			gapCount[ch]++
			return
		}
		if q.x < p.x {
			lo, hi = i, i-1
		}
		k := laneCount[ch]
		lanes.segs[k] = g.newSeg(ri, i, pts, lo, hi, getX, getY)
		at.set(ri, i, -1-k)
		laneCount[ch]++
	})
	return gaps, lanes, at
}

// eachChannelSeg calls f, route by route and point by point, for every segment (the one ending
// at point i of route ri) that runs along a gap or a lane, with its channel.
func (g *graph) eachChannelSeg(routes *routeSet, rows int, f func(ri, i int, gap bool, ch int)) {
	for ri := range routes.span {
		pts := routes.of(ri)
		for i := 1; i < len(pts); i++ {
			p, q := pts[i-1], pts[i]
			switch {
			case p.x == q.x:
				if c, ok := g.gapAt(p.x); ok {
					f(ri, i, true, c)
				}
			case p.y == q.y:
				if l := laneAt(p.y, rows); l >= 0 {
					f(ri, i, false, l)
				}
			}
		}
	}
}

// segmentIndex finds a channel segment by its route and the index of its second point: per
// route point, 1 + the segment's index in the gaps' array, or -1 - its index in the lanes',
// or 0. Arrays of every point's entry, instead of maps of the channel segments only: a map
// entry costs several times a point's 4 bytes.
type segmentIndex struct {
	routes *routeSet
	seg    []int32 // per point of routes.pts
}

func (at segmentIndex) set(route, end int, v int32) { at.seg[int(at.routes.span[route][0])+end] = v }

// find is the entry of the segment ending at point end of route, or 0 when end is past the
// route's last point.
func (at segmentIndex) find(route, end int) int32 {
	if s := at.routes.span[route]; int(s[0])+end < int(s[1]) {
		return at.seg[int(s[0])+end]
	}
	return 0
}

// gap is the gap segment ending at point end of route (end may be past the route's last
// point), as 1 + its index in the gaps' array, or 0.
func (at segmentIndex) gap(route, end int) int {
	if v := at.find(route, end); v > 0 {
		return int(v)
	}
	return 0
}

// lane is the index in the lanes' array of the lane segment ending at point end of route, or -1.
func (at segmentIndex) lane(route, end int) int {
	if v := at.find(route, end); v < 0 {
		return int(-1 - v)
	}
	return -1
}

// linkTurns assigns the tracks of lanes, then of gaps, telling each segment which track the
// route turns onto at its ends (see channelSeg.loTrack).
func linkTurns(gaps, lanes *channels, at segmentIndex) {
	// A lane segment's turn onto a gap segment continues on that segment's own gap track,
	// which no other turn uses: give it a junction of its own (a negative track, minus 1 +
	// the gap segment's index) so it constrains nothing.
	for k := range lanes.segs {
		s := &lanes.segs[k]
		s.loTrack, s.hiTrack = -at.gap(s.turnOnto(true)), -at.gap(s.turnOnto(false))
	}
	lanes.assign()
	// Gap segments turn onto lanes: tell them the lane tracks before ordering the gaps.
	laneTrack := func(route, end int) int {
		if k := at.lane(route, end); k >= 0 {
			return lanes.tracks[k]
		}
		return 0
	}
	for k := range gaps.segs {
		s := &gaps.segs[k]
		s.loTrack, s.hiTrack = laneTrack(s.turnOnto(true)), laneTrack(s.turnOnto(false))
	}
	gaps.assign()
}

// turnOnto names the segment the route turns onto at s's lo (or hi) end: route and the index
// of that segment's second point.
func (s channelSeg) turnOnto(atLo bool) (route, end int) {
	at, away := s.hiAt, s.loAt
	if atLo {
		at, away = s.loAt, s.hiAt
	}
	return s.route, max(at, 2*at-away)
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
func (g *graph) moveAll(routes *routeSet, plan *channelPlan) {
	gaps, lanes := plan.gaps, plan.lanes
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
		if l := laneAt(y, plan.rows); l >= 0 {
			return y + laneShift[l]
		}
		return y + rowShift[min(rowOf(y), len(rowShift)-1)]
	}
	for i := range g.nodes {
		n := &g.nodes[i]
		dx, dy := colShift[n.rank], rowShift[n.row]
		n.box.x += dx
		n.box.y += dy
		if n.boundaries == 0 {
			continue
		}
		for _, ci := range g.attached.of(i) {
			b := g.scope.Children[ci]
			bb := g.boxes[b]
			bb.x += dx
			bb.y += dy
			g.boxes[b] = bb
		}
	}
	// Consecutive points of an orthogonal route share an x or a y, so the last answer of
	// each move is often the next one's: about half the look-ups are saved.
	fromX, fromY := math.MinInt, math.MinInt // nothing moved yet: no route point is there
	var toX, toY int
	for i, p := range routes.pts {
		if p.x != fromX {
			fromX, toX = p.x, moveX(p.x)
		}
		if p.y != fromY {
			fromY, toY = p.y, moveY(p.y)
		}
		routes.pts[i] = pt{toX, toY}
	}
	for k, s := range gaps.segs {
		d := gaps.tracks[k] * trackSpacing
		pts := routes.of(s.route)
		pts[s.end-1].x += d
		pts[s.end].x += d
		s.slideStubs(pts, func(p *pt) *int { return &p.y })
	}
	for k, s := range lanes.segs {
		d := lanes.tracks[k] * trackSpacing
		pts := routes.of(s.route)
		pts[s.end-1].y += d
		pts[s.end].y += d
		s.slideStubs(pts, func(p *pt) *int { return &p.x })
	}
}
