package layout

import (
	"container/heap"
	"sort"
)

// Channel tracks. The router draws every flow through the gap on a column boundary and the
// lane on a row boundary, so flows that use one channel would run on the same line and a
// reader could not tell them apart. spreadChannels gives every segment of a channel its own
// track, trackSpacing px from its neighbour, widens the channel by the tracks it needs and
// moves the shapes beyond it along. Tracks are ordered so that a segment's turns meet as few
// other segments as a sort can arrange, and never run back along a neighbour's turn where a
// sort can avoid it. Sorting each channel keeps the pass O(m log m) for m segments.

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

// order ranks a segment within its channel: segments turning to the low side at both ends
// first (nested ones inside out), then those that turn low at their hi end, those that turn
// low at their lo end, and last those turning high at both ends (nested ones outside in).
// Within each group this order crosses no two segments that can avoid crossing, and keeps a
// segment's low turn at some coordinate on a lower track than another segment's high turn
// there, so the two turns do not overlap.
func (s channelSeg) order() (group, key int) {
	switch {
	case s.loTurn < 0 && s.hiTurn < 0:
		return 0, s.hi - s.lo
	case s.hiTurn < 0:
		return 1, s.hi
	case s.loTurn < 0:
		return 2, -s.lo
	default:
		return 3, s.lo - s.hi
	}
}

// channels collects the segments of each channel of one direction: index is the channel a
// coordinate lies on, or -1.
type channels struct {
	segs   [][]channelSeg
	tracks [][]int // per channel, per segment (in segs order), its track
	extra  []int   // per channel, the px it grows by
}

func newChannels(n int) *channels {
	return &channels{segs: make([][]channelSeg, n), tracks: make([][]int, n), extra: make([]int, n)}
}

// assign numbers the tracks of every channel: by order, except that a segment turning to the
// low side at some coordinate goes on a lower track than every segment turning to the high
// side there, since their turns would run along one line otherwise. Where these rules
// contradict each other (a cycle), the first segment by order that is left goes next.
func (c *channels) assign() {
	for ch, segs := range c.segs {
		order := make([]int, len(segs))
		for i := range order {
			order[i] = i
		}
		sort.Slice(order, func(a, b int) bool { return segs[order[a]].before(segs[order[b]]) })
		c.tracks[ch] = trackOrder(segs, order)
		c.extra[ch] = max(0, len(segs)-1) * trackSpacing
	}
}

// before is the order of two segments of one channel; no two segments tie.
func (s channelSeg) before(o channelSeg) bool {
	gs, ks := s.order()
	goo, ko := o.order()
	switch {
	case gs != goo:
		return gs < goo
	case ks != ko:
		return ks < ko
	case s.route != o.route:
		return s.route < o.route
	}
	return s.end < o.end
}

// trackOrder is a topological sort of the turn constraints (see assign) that takes the ready
// segment first in order, through one junction per turn coordinate so the constraints stay
// linear in number. O(k log k) for k segments.
func trackOrder(segs []channelSeg, order []int) []int {
	rank := make([]int, len(segs))
	for r, i := range order {
		rank[i] = r
	}
	junction := map[[2]int]int{} // turn coordinate and track -> index of its junction
	var lows, highs [][]int      // per junction, the segments turning low and high there
	indeg := make([]int, len(segs))
	ends := func(s channelSeg) [2][3]int {
		return [2][3]int{{s.lo, s.loTrack, s.loTurn}, {s.hi, s.hiTrack, s.hiTurn}}
	}
	for i, s := range segs {
		for _, t := range ends(s) {
			key := [2]int{t[0], t[1]}
			j, ok := junction[key]
			if !ok {
				j = len(lows)
				junction[key] = j
				lows, highs = append(lows, nil), append(highs, nil)
			}
			if t[2] < 0 {
				lows[j] = append(lows[j], i)
			} else {
				highs[j] = append(highs[j], i)
			}
		}
	}
	waiting := make([]int, len(lows)) // per junction, its low segments not yet placed
	for j := range lows {
		waiting[j] = len(lows[j])
		for _, u := range highs[j] {
			if waiting[j] > 0 {
				indeg[u]++
			}
		}
	}
	ready := &rankHeap{}
	for i := range segs {
		if indeg[i] == 0 {
			heap.Push(ready, rank[i])
		}
	}
	tracks, placed := make([]int, len(segs)), make([]bool, len(segs))
	next, forced := 0, 0 // next track; the first rank that may still be unplaced
	// violations reports whether placing segment i now would leave turns overlapping that
	// sliding stubs can clear (dry run), or slides those stubs.
	violations := func(i int, dry bool) bool {
		for e, t := range ends(segs[i]) {
			if j := junction[[2]int{t[0], t[1]}]; t[2] >= 0 && waiting[j] > 0 &&
				!clearTurn(segs, i, e == 0, lows[j], placed, dry) {
				return false
			}
		}
		return true
	}
	for next < len(segs) {
		if ready.Len() == 0 {
			// A cycle: place a segment whose overlapping turns can be cleared by sliding
			// stubs (the first by order among a few), else the first left by order.
			for placed[order[forced]] {
				forced++
			}
			pick := forced
			for r, tried := forced, 0; r < len(order) && tried < cycleCandidates; r++ {
				if placed[order[r]] {
					continue
				}
				tried++
				if violations(order[r], true) {
					pick = r
					break
				}
			}
			segs[order[pick]].stuck = !violations(order[pick], false)
			heap.Push(ready, pick)
		}
		i := order[heap.Pop(ready).(int)]
		if placed[i] {
			continue
		}
		placed[i], tracks[i] = true, next
		next++
		for _, t := range ends(segs[i]) {
			if t[2] >= 0 {
				continue
			}
			j := junction[[2]int{t[0], t[1]}]
			if waiting[j]--; waiting[j] > 0 {
				continue
			}
			for _, u := range highs[j] {
				if indeg[u]--; indeg[u] == 0 && !placed[u] {
					heap.Push(ready, rank[u])
				}
			}
		}
	}
	return tracks
}

// cycleCandidates is how many segments a cycle in the turn constraints tries before it
// gives up on clearing every overlap: a constant, so assigning tracks stays O(k log k).
const cycleCandidates = 16

// clearTurn keeps segment i's high turn at its lo (or hi) end off the low turns of the
// unplaced segments lows turning at the same coordinate, which will sit on higher tracks: it
// slides i's stub if it can, else theirs, and reports whether that cleared every overlap.
// When dry it only reports.
func clearTurn(segs []channelSeg, i int, atLo bool, lows []int, placed []bool, dry bool) bool {
	if slide(&segs[i], atLo, dry) {
		return true
	}
	coord := segs[i].hi
	if atLo {
		coord = segs[i].lo
	}
	cleared := true
	for _, u := range lows {
		if !placed[u] && !slide(&segs[u], segs[u].lo == coord, dry) {
			cleared = false
		}
	}
	return cleared
}

// slide marks the stub at s's lo or hi end to move (unless dry), and reports whether it may.
func slide(s *channelSeg, atLo, dry bool) bool {
	if atLo && s.loCanSlide {
		s.loSlid = s.loSlid || !dry
		return true
	}
	if !atLo && s.hiCanSlide {
		s.hiSlid = s.hiSlid || !dry
		return true
	}
	return false
}

// rankHeap is a min-heap of ranks.
type rankHeap struct{ sort.IntSlice }

func (h *rankHeap) Push(x any) { h.IntSlice = append(h.IntSlice, x.(int)) }
func (h *rankHeap) Pop() any {
	n := len(h.IntSlice) - 1
	x := h.IntSlice[n]
	h.IntSlice = h.IntSlice[:n]
	return x
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
	gapAt       map[int]int     // gap x -> gap index
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
	gapAt := make(map[int]int, len(g.colX))
	for c, x := range g.colX {
		gapAt[x] = c
	}
	laneAt := func(y int) int {
		if y < outerMargin || (y-outerMargin)%cellHeight != 0 || (y-outerMargin)/cellHeight > rows {
			return -1
		}
		return (y - outerMargin) / cellHeight
	}
	gaps, lanes := newChannels(len(g.colX)), newChannels(rows+1)
	getX := func(p pt) int { return p.x }
	getY := func(p pt) int { return p.y }
	for ri, pts := range routes {
		for i := 1; i < len(pts); i++ {
			p, q := pts[i-1], pts[i]
			lo, hi := i-1, i // the indexes of the low and high ends
			switch {
			case p.x == q.x:
				c, ok := gapAt[p.x]
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
			s.loTrack = -gapSeg[[2]int{s.route, max(s.loAt, 2*s.loAt-s.hiAt)}]
			s.hiTrack = -gapSeg[[2]int{s.route, max(s.hiAt, 2*s.hiAt-s.loAt)}]
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
			lo, hi := s.loAt, s.hiAt
			s.loTrack = laneTrack[[2]int{s.route, max(lo, lo+(lo-hi))}]
			s.hiTrack = laneTrack[[2]int{s.route, max(hi, hi+(hi-lo))}]
		}
	}
	gaps.assign()
	return &channelPlan{gaps: gaps, lanes: lanes, gapAt: gapAt, laneAt: laneAt}
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
	gaps, lanes, gapAt, laneAt := plan.gaps, plan.lanes, plan.gapAt, plan.laneAt
	gapShift, colShift := gaps.shifts()
	laneShift, rowShift := lanes.shifts()
	oldColX := g.colX
	// colOf is the column whose cell holds x (strictly between two gaps).
	colOf := func(x int) int {
		return max(0, sort.SearchInts(oldColX, x)-1)
	}
	rowOf := func(y int) int { return max(0, (y-outerMargin)/cellHeight) }
	moveX := func(x int) int {
		if c, ok := gapAt[x]; ok {
			return x + gapShift[c]
		}
		return x + colShift[min(colOf(x), len(colShift)-1)]
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
	g.colX = make([]int, len(oldColX))
	for c, x := range oldColX {
		g.colX[c] = x + colShift[c]
	}
}
