package render

import "math"

// grid is a uniform bucket index over rectangles, so that placing a label or finding a task's
// boundary events looks only at what is near instead of at the whole diagram. Candidates it
// returns share a cell with the query; callers test them exactly.
type grid struct {
	cells map[[2]int][]int // cell → indices of the rectangles touching it; only looked up
	big   []int            // rectangles spanning more than maxCells cells, tested on every query
	n     int
	seen  []int // per rectangle, the query that last returned it (to return it once)
	query int
}

const (
	cellSize = 200.0 // px; about two task boxes
	maxCells = 256   // a rectangle (or query) covering more cells is handled without the grid
)

func newGrid() *grid { return &grid{cells: map[[2]int][]int{}} }

// cellRange is the cells r covers, or ok false when it covers too many (or is not finite).
func cellRange(r Rect) (x0, y0, x1, y1 int, ok bool) {
	fx0, fy0 := math.Floor(r.X/cellSize), math.Floor(r.Y/cellSize)
	fx1, fy1 := math.Floor((r.X+r.W)/cellSize), math.Floor((r.Y+r.H)/cellSize)
	count := (fx1 - fx0 + 1) * (fy1 - fy0 + 1)
	if math.IsNaN(count) || math.IsInf(count, 0) || count > maxCells || count < 1 {
		return 0, 0, 0, 0, false
	}
	return int(fx0), int(fy0), int(fx1), int(fy1), true
}

// add indexes r and returns its index (0, 1, 2, ... in the order added).
func (g *grid) add(r Rect) int {
	i := g.n
	g.n++
	g.seen = append(g.seen, -1)
	x0, y0, x1, y1, ok := cellRange(r)
	if !ok {
		g.big = append(g.big, i)
		return i
	}
	for x := x0; x <= x1; x++ {
		for y := y0; y <= y1; y++ {
			g.cells[[2]int{x, y}] = append(g.cells[[2]int{x, y}], i)
		}
	}
	return i
}

// any calls hit with the index of each rectangle that may touch r, each once, until hit
// returns true; it reports whether one did.
func (g *grid) any(r Rect, hit func(i int) bool) bool {
	g.query++
	try := func(i int) bool {
		if g.seen[i] == g.query {
			return false
		}
		g.seen[i] = g.query
		return hit(i)
	}
	for _, i := range g.big {
		if try(i) {
			return true
		}
	}
	x0, y0, x1, y1, ok := cellRange(r)
	if !ok {
		for i := 0; i < g.n; i++ {
			if try(i) {
				return true
			}
		}
		return false
	}
	for x := x0; x <= x1; x++ {
		for y := y0; y <= y1; y++ {
			for _, i := range g.cells[[2]int{x, y}] {
				if try(i) {
					return true
				}
			}
		}
	}
	return false
}
