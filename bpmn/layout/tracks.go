package layout

import (
	"cmp"
	"container/heap"
	"slices"
	"sort"
)

// Track order within one channel. Segments are first sorted (order, before); then a
// topological sort keeps each low turn on a lower track than every high turn at the same
// coordinate (their stubs would run along each other otherwise), taking the ready segment
// first in sorted order. Constraints go through one junction per turn coordinate, so they
// stay linear in number, and the whole is O(k log k) for k segments.

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

// junctions are the turn coordinates of one channel, with the segments turning low and high
// at each. They come from sorting the channel's turns by coordinate and track, low turns
// before high ones, each by segment: a junction is a run of that array. A map of the coordinates and a slice per junction cost a few allocations
// per junction.
type junctions struct {
	turns []int32    // the segments turning, junction after junction
	start []int32    // junction j's turns are turns[start[j]:start[j+1]] ...
	mid   []int32    // ... its high turns from mid[j] on
	of    [][2]int32 // per segment, the junctions at its lo and hi ends
}

// ends lists a segment's two turns: coordinate, track turned onto, direction.
func ends(s channelSeg) [2][3]int {
	return [2][3]int{{s.lo, s.loTrack, s.loTurn}, {s.hi, s.hiTrack, s.hiTurn}}
}

// turnKey is a turn as newJunctions sorts them.
type turnKey struct {
	coord, track int
	high         bool  // turns high (lows first)
	t            int32 // end t%2 of segment t/2
}

func newJunctions(segs []channelSeg) *junctions {
	keys := make([]turnKey, 0, 2*len(segs))
	for i, s := range segs {
		for e, t := range ends(s) {
			keys = append(keys, turnKey{coord: t[0], track: t[1], high: t[2] >= 0, t: int32(2*i + e)})
		}
	}
	slices.SortFunc(keys, func(a, b turnKey) int {
		switch {
		case a.coord != b.coord:
			return cmp.Compare(a.coord, b.coord)
		case a.track != b.track:
			return cmp.Compare(a.track, b.track)
		case a.high != b.high:
			if b.high {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.t, b.t)
	})
	js := &junctions{turns: make([]int32, len(keys)), of: make([][2]int32, len(segs))}
	for k, key := range keys {
		if k == 0 || key.coord != keys[k-1].coord || key.track != keys[k-1].track {
			js.start = append(js.start, int32(k))
			js.mid = append(js.mid, int32(k))
		}
		j := len(js.start) - 1
		if !key.high {
			js.mid[j] = int32(k) + 1
		}
		js.of[key.t/2][key.t%2] = int32(j)
		js.turns[k] = key.t / 2
	}
	js.start = append(js.start, int32(len(keys)))
	return js
}

func (js *junctions) count() int          { return len(js.mid) }
func (js *junctions) lows(j int) []int32  { return js.turns[js.start[j]:js.mid[j]] }
func (js *junctions) highs(j int) []int32 { return js.turns[js.mid[j]:js.start[j+1]] }

// trackSorter is the state of the topological sort of one channel.
type trackSorter struct {
	segs    []channelSeg
	order   []int // segments in sorted order
	rank    []int // per segment, its place in order
	js      *junctions
	waiting []int // per junction, its low segments not yet placed
	indeg   []int // per segment, the junctions it still waits for
	placed  []bool
	ready   rankHeap // ranks of the segments that wait for nothing
	forced  int      // the first rank that may still be unplaced
}

// trackOrder sets the track of every segment in tracks; order is the segments in sorted order.
func trackOrder(segs []channelSeg, order []int, tracks []int) {
	ts := &trackSorter{
		segs: segs, order: order, rank: make([]int, len(segs)), js: newJunctions(segs),
		indeg: make([]int, len(segs)), placed: make([]bool, len(segs)),
	}
	for r, i := range order {
		ts.rank[i] = r
	}
	ts.waiting = make([]int, ts.js.count())
	for j := range ts.waiting {
		ts.waiting[j] = len(ts.js.lows(j))
		if ts.waiting[j] > 0 {
			for _, u := range ts.js.highs(j) {
				ts.indeg[u]++
			}
		}
	}
	for i := range segs {
		if ts.indeg[i] == 0 {
			heap.Push(&ts.ready, ts.rank[i])
		}
	}
	for next := 0; next < len(segs); {
		if ts.ready.Len() == 0 {
			ts.breakCycle()
		}
		i := order[heap.Pop(&ts.ready).(int)]
		if ts.placed[i] {
			continue
		}
		tracks[i] = next
		next++
		ts.place(i)
	}
}

// place marks segment i placed and releases the high turns that waited only for it.
func (ts *trackSorter) place(i int) {
	ts.placed[i] = true
	for e, t := range ends(ts.segs[i]) {
		if t[2] >= 0 {
			continue
		}
		j := ts.js.of[i][e]
		if ts.waiting[j]--; ts.waiting[j] > 0 {
			continue
		}
		for _, u := range ts.js.highs(int(j)) {
			if ts.indeg[u]--; ts.indeg[u] == 0 && !ts.placed[u] {
				heap.Push(&ts.ready, ts.rank[u])
			}
		}
	}
}

// cycleCandidates is how many segments a cycle in the turn constraints tries before it
// gives up on clearing every overlap: a constant, so assigning tracks stays O(k log k).
const cycleCandidates = 16

// breakCycle makes one segment ready when every unplaced one waits: the first by order among
// a few whose overlapping turns sliding stubs can clear, else the first left by order, which
// is marked stuck.
func (ts *trackSorter) breakCycle() {
	for ts.placed[ts.order[ts.forced]] {
		ts.forced++
	}
	pick := ts.forced
	for r, tried := ts.forced, 0; r < len(ts.order) && tried < cycleCandidates; r++ {
		if ts.placed[ts.order[r]] {
			continue
		}
		tried++
		if ts.clear(ts.order[r], true) {
			pick = r
			break
		}
	}
	ts.segs[ts.order[pick]].stuck = !ts.clear(ts.order[pick], false)
	heap.Push(&ts.ready, pick)
}

// clear slides the stubs that placing segment i now would leave running along each other
// (only reports when dry), and reports whether that clears them all.
func (ts *trackSorter) clear(i int, dry bool) bool {
	for e, t := range ends(ts.segs[i]) {
		if j := ts.js.of[i][e]; t[2] >= 0 && ts.waiting[j] > 0 &&
			!clearTurn(ts.segs, i, e == 0, ts.js.lows(int(j)), ts.placed, dry) {
			return false
		}
	}
	return true
}

// clearTurn keeps segment i's high turn at its lo (or hi) end off the low turns of the
// unplaced segments lows turning at the same coordinate, which will sit on higher tracks: it
// slides i's stub if it can, else theirs, and reports whether that cleared every overlap.
// When dry it only reports.
func clearTurn(segs []channelSeg, i int, atLo bool, lows []int32, placed []bool, dry bool) bool {
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
			if dry {
				return false
			}
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
