package layout

// Grid geometry. Every node sits centred in a cell of a column/row grid, so shapes in the same
// row share a mid-line and their flows are straight. Between the cells run free channels: a
// vertical "gap" on every column boundary and a horizontal "lane" on every row boundary. No
// shape reaches into a channel (the widest shape leaves 25 px to the gap, the tallest 30 px to
// the lane, a boundary event 12 px), so any route that leaves its source into a channel, moves
// only along channels and enters its target from a channel crosses no shape.

const (
	// cellWidth is the column pitch in px: bpmn-auto-layout v1 DEFAULT_CELL_WIDTH
	// (lib/utils/layoutUtil.js). A 100 px task leaves a 50 px gap for arrows.
	cellWidth = 150
	// cellHeight is the row pitch in px: bpmn-auto-layout v1 DEFAULT_CELL_HEIGHT. An 80 px
	// task leaves 60 px, enough for an event label (7 px gap + 14 px per line) and a lane.
	cellHeight = 140
	// outerMargin is the distance in px from the diagram origin to the first cell:
	// bpmn-auto-layout v2 OUTER_MARGIN (lib/layout/Constants.js).
	outerMargin = 80

	// Default shape sizes in px (bpmn-js lib/util/ElementSizeUtil.js).
	activityWidth  = 100
	activityHeight = 80
	gatewaySize    = 50
	eventSize      = 36

	// External labels (bpmn-js lib/util/LabelUtil.js, bpmn-auto-layout v2 Constants.js):
	// 90 px wide, 14 px per line, 7 px under the shape; flow labels 15 px off their segment.
	labelWidth      = 90
	labelLineHeight = 14
	labelGap        = 7
	flowLabelIndent = 15
	// boundaryPitch is the distance in px between the centres of neighbouring boundary events:
	// an event and bpmn-auto-layout v2 BOUNDARY_EVENT_SPACING (8).
	boundaryPitch = eventSize + 8
	// gapClearance is the least distance in px from a shape to its column's gaps (what a
	// 100 px task leaves in a 150 px column).
	gapClearance = (cellWidth - activityWidth) / 2

	// labelCharsPerLine estimates how many characters of 11 px text fit in labelWidth.
	labelCharsPerLine = 15
)

type pt struct{ x, y int }

// box is a shape's bounds in px; x, y is the top-left corner.
type box struct{ x, y, w, h int }

func (b box) right() int    { return b.x + b.w }
func (b box) bottom() int   { return b.y + b.h }
func (b box) midX() int     { return b.x + b.w/2 }
func (b box) midY() int     { return b.y + b.h/2 }
func (b box) leftMid() pt   { return pt{b.x, b.midY()} }
func (b box) rightMid() pt  { return pt{b.right(), b.midY()} }
func (b box) topMid() pt    { return pt{b.midX(), b.y} }
func (b box) bottomMid() pt { return pt{b.midX(), b.bottom()} }

// cellLeft is the x of column c's left boundary, which is also its left gap channel; c may be
// one past the last column.
func (g *graph) cellLeft(c int) int { return g.colX[c] }

// rowTop is the y of row r's top boundary, which is also the lane channel above it.
func rowTop(r int) int { return outerMargin + r*cellHeight }

// placeShapes shifts rows so the top row is 0, sizes the columns and gives every node and
// boundary event its box.
func (g *graph) placeShapes() {
	top, columns := 0, 1
	for i := range g.nodes {
		top = min(top, g.nodes[i].row)
		columns = max(columns, g.nodes[i].rank+1)
	}
	// A column is cellWidth wide unless a host's boundary events need more room.
	width := make([]int, columns)
	for i := range g.nodes {
		n := &g.nodes[i]
		if k := int(n.boundaries); k > 0 {
			// Widen the host so every event's centre stays on its bottom edge.
			n.box.w = max(n.box.w, (k-1)*boundaryPitch)
		}
		span := max(n.box.w, int(n.boundaries)*boundaryPitch-(boundaryPitch-eventSize))
		width[n.rank] = max(width[n.rank], cellWidth, span+2*gapClearance)
	}
	g.colX = make([]int, columns+1)
	g.colX[0] = outerMargin
	for c, w := range width {
		g.colX[c+1] = g.colX[c] + w
	}
	g.indexGaps()
	for i := range g.nodes {
		n := &g.nodes[i]
		n.row -= top
		n.box.x = g.colX[n.rank] + (width[n.rank]-n.box.w)/2
		n.box.y = rowTop(n.row) + (cellHeight-n.box.h)/2
		// Boundary events sit centred on the host's bottom edge, boundaryPitch apart and
		// centred as a group (bpmn-auto-layout v1 lib/Layouter.js spreads them the same way,
		// at host.w/(n+1), which lets two events on a 100 px task overlap).
		if n.boundaries == 0 {
			continue
		}
		for j, ci := range g.attached.of(i) {
			centre := n.box.midX() + (2*j-(int(n.boundaries)-1))*boundaryPitch/2
			g.boxes[g.scope.Children[ci]] = box{x: centre - eventSize/2, y: n.box.bottom() - eventSize/2, w: eventSize, h: eventSize}
		}
	}
}
