package layout

import "sort"

// Runs through empty cells. Some templates run a flow through the empty cells of a column:
// out of a gateway's corner (v:h), into one (h:v), down from a boundary event; and then along
// the empty cells of a row into the target (v:h, boundary) or out of the source (h:v). Along
// an empty stretch of a column or row, flows run away from the shape at one end or toward the
// shape at the other, so two such runs overlap when they pass each other. lineRuns records
// how far each shape's runs reach along one kind of line, so a template that would pass
// another run is not used. Every question is a binary search.

// lineRuns holds, per line (a column or a row), its nodes in order along it and, per node, how
// far its runs reach along the line toward lower and higher positions.
type lineRuns struct {
	lines [][]int  // per line, the nodes on it by ascending position
	pos   []int    // per node, its position along its line (row in a column, column in a row)
	line  []int    // per node, its line
	reach [][2]int // per node, the lowest and highest position its runs reach
}

func newLineRuns(lines [][]int, line, pos []int) *lineRuns {
	l := &lineRuns{lines: lines, pos: pos, line: line, reach: make([][2]int, len(pos))}
	for n, p := range pos {
		l.reach[n] = [2]int{p, p}
	}
	return l
}

// neighbour is the node next before (lower) or after node n on its line, or -1.
func (l *lineRuns) neighbour(n int, lower bool) int {
	ns := l.lines[l.line[n]]
	i := sort.Search(len(ns), func(i int) bool { return l.pos[ns[i]] >= l.pos[n] })
	if lower {
		i--
	} else {
		i++
	}
	if i < 0 || i >= len(ns) {
		return -1
	}
	return ns[i]
}

// free reports whether a run from node n to position to passes no run of the node it runs
// toward. Runs that meet at one point are allowed: they turn away from each other there.
func (l *lineRuns) free(n, to int) bool {
	if to > l.pos[n] {
		next := l.neighbour(n, false)
		return next < 0 || l.reach[next][0] >= to
	}
	prev := l.neighbour(n, true)
	return prev < 0 || l.reach[prev][1] <= to
}

// add records a run from node n to position to.
func (l *lineRuns) add(n, to int) {
	l.reach[n][0] = min(l.reach[n][0], to)
	l.reach[n][1] = max(l.reach[n][1], to)
}
