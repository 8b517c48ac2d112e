package layout

// Runs through empty cells. Some templates run a flow through the empty cells of a column:
// out of a gateway's corner (v:h), into one (h:v), down from a boundary event; and then along
// the empty cells of a row into the target (v:h, boundary) or out of the source (h:v). Along
// an empty stretch of a column or row, flows run away from the shape at one end or toward the
// shape at the other, so two such runs overlap when they pass each other. lineRuns records
// how far each shape's runs reach along one kind of line, so a template that would pass
// another run is not used. Every question is a binary search or a look-up.

// gridLines lists, per line of the grid (every row, or every column), the nodes on it by
// ascending position along it. All lines share two arrays (int32: half the bytes of int, and
// a layout has far fewer than 2^31 nodes) instead of a slice each: a large workflow has
// thousands of rows and columns.
type gridLines struct {
	start []int32 // the nodes of line l are at[start[l]:start[l+1]]
	at    []int32 // node indexes, line after line
	slot  []int32 // per node, its index in at
	pos   []int32 // per node, its position along its line (row in a column, column in a row)
}

// lists holds items (int32 indexes) filed under lines, every line's items in one array. It is
// filled by a counting sort, O(items + lines), which keeps the order items are put in: count
// every item's line, open, put every item, close.
type lists struct {
	start []int32 // line l's items are at[start[l]:start[l+1]]
	at    []int32
}

func newLists(lines, items int) lists {
	return lists{start: make([]int32, lines+1), at: make([]int32, items)}
}

func (ls lists) count(l int32) { ls.start[l+1]++ }

func (ls lists) open() {
	for l := 1; l < len(ls.start); l++ {
		ls.start[l] += ls.start[l-1]
	}
}

// put files item under line l, after the items put there before. start[l] serves as the
// line's cursor, so it ends at the next line's start; close shifts it back.
func (ls lists) put(l, item int32) {
	ls.at[ls.start[l]] = item
	ls.start[l]++
}

func (ls lists) close() {
	copy(ls.start[1:], ls.start[:len(ls.start)-1])
	ls.start[0] = 0
}

func (ls lists) of(l int) []int32 { return ls.at[ls.start[l]:ls.start[l+1]] }

// bucket lists the nodes of order (all nodes 0..len(lineOf)-1 when order is nil) line by
// line, keeping their order within a line.
func bucket(lines int, lineOf, order []int32) (start, at []int32) {
	ls := newLists(lines, len(lineOf))
	for _, l := range lineOf {
		ls.count(l)
	}
	ls.open()
	if order == nil {
		for n, l := range lineOf {
			ls.put(l, int32(n))
		}
	} else {
		for _, n := range order {
			ls.put(lineOf[n], n)
		}
	}
	ls.close()
	return ls.start, ls.at
}

// newGridLines lists the nodes of order, which must be sorted by pos, on their lines.
func newGridLines(lines int, lineOf, pos, order []int32) gridLines {
	gl := gridLines{pos: pos, slot: make([]int32, len(lineOf))}
	gl.start, gl.at = bucket(lines, lineOf, order)
	for k, n := range gl.at {
		gl.slot[n] = int32(k)
	}
	return gl
}

// nodes is line l's nodes by ascending position.
func (gl *gridLines) nodes(l int) []int32 { return gl.at[gl.start[l]:gl.start[l+1]] }

// noneIn reports whether line l holds no node at a position in lo..hi (in either order).
func (gl *gridLines) noneIn(l, lo, hi int) bool {
	if lo > hi {
		lo, hi = hi, lo
	}
	ns := gl.nodes(l)
	// First index with position >= lo.
	i, j := 0, len(ns)
	for i < j {
		h := int(uint(i+j) >> 1)
		if int(gl.pos[ns[h]]) < lo {
			i = h + 1
		} else {
			j = h
		}
	}
	return i == len(ns) || int(gl.pos[ns[i]]) > hi
}

// lineRuns holds, per node, how far its runs reach along its line toward lower and higher
// positions.
type lineRuns struct {
	gridLines
	line  []int32    // per node, its line
	reach [][2]int32 // per node, the lowest and highest position its runs reach
}

func newLineRuns(gl gridLines, line []int32) *lineRuns {
	l := &lineRuns{gridLines: gl, line: line, reach: make([][2]int32, len(line))}
	for n, p := range gl.pos {
		l.reach[n] = [2]int32{p, p}
	}
	return l
}

// neighbour is the node next before (lower) or after node n on its line, or -1.
func (l *lineRuns) neighbour(n int, lower bool) int {
	i := l.slot[n] + 1
	if lower {
		i = l.slot[n] - 1
	}
	if ln := l.line[n]; i < l.start[ln] || i >= l.start[ln+1] {
		return -1
	}
	return int(l.at[i])
}

// free reports whether a run from node n to position to passes no run of the node it runs
// toward. Runs that meet at one point are allowed: they turn away from each other there.
func (l *lineRuns) free(n, to int) bool {
	if to > int(l.pos[n]) {
		next := l.neighbour(n, false)
		return next < 0 || int(l.reach[next][0]) >= to
	}
	prev := l.neighbour(n, true)
	return prev < 0 || int(l.reach[prev][1]) <= to
}

// add records a run from node n to position to.
func (l *lineRuns) add(n, to int) {
	l.reach[n][0] = min(l.reach[n][0], int32(to))
	l.reach[n][1] = max(l.reach[n][1], int32(to))
}
