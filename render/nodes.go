package render

import (
	"fmt"
	"math"
	"strings"
)

// node draws one node's shape, marker and (for tasks and annotations) its name.
func (w *writer) node(n Node) {
	b := n.Box
	switch n.Shape {
	case ShapeGateway:
		w.open("node gateway", n.ID, n.Name)
		cx, cy := b.X+b.W/2, b.Y+b.H/2
		w.printf(`<path class="shape" d="M%s,%sL%s,%sL%s,%sL%s,%sz"/>`,
			num(cx), num(b.Y), num(b.X+b.W), num(cy), num(cx), num(b.Y+b.H), num(b.X), num(cy))
		w.gatewayMarker(n.Gateway, cx, cy, b.W/50)
	case ShapeEvent:
		w.event(n)
	case ShapeData:
		w.open("node data", n.ID, n.Name)
		fold := math.Min(10, b.W/3)
		w.printf(`<path class="shape" d="M%s,%sL%s,%sL%s,%sL%s,%sL%s,%sz"/>`,
			num(b.X), num(b.Y), num(b.X+b.W-fold), num(b.Y), num(b.X+b.W), num(b.Y+fold), num(b.X+b.W), num(b.Y+b.H), num(b.X), num(b.Y+b.H))
	case ShapeAnnotation:
		w.open("node annotation", n.ID, n.Name)
		w.printf(`<path class="ring" d="M%s,%sL%s,%sL%s,%sL%s,%s"/>`,
			num(b.X+10), num(b.Y), num(b.X), num(b.Y), num(b.X), num(b.Y+b.H), num(b.X+10), num(b.Y+b.H))
		w.block("name", n.Name, Rect{b.X + 4, b.Y + 2, b.W - 6, b.H - 4}, labelFont)
	default:
		w.task(n)
	}
	w.close()
}

// task draws a rounded box, its kind icon or tag in the top-left corner and the name inside;
// an external node's box is dashed and not filled (the stylesheet's .external).
func (w *writer) task(n Node) {
	b := n.Box
	class, group := "shape", "node task"
	if n.Task == TaskCall {
		class = "shape call"
	}
	if n.External {
		group = "node task external"
	}
	w.open(group, n.ID, n.Name)
	w.printf(`<rect class="%s" x="%s" y="%s" width="%s" height="%s" rx="10"/>`, class, num(b.X), num(b.Y), num(b.W), num(b.H))
	top, bottom := b.Y+taskPadding, b.Y+b.H-taskPadding
	textTop := top
	switch {
	case n.Tag != "":
		w.tag(n.Tag, b)
		top, textTop = b.Y+iconRow-4, b.Y+iconRow-4
	case w.taskIcon(n.Task, b.X+6, b.Y+6):
		textTop = b.Y + iconRow
	}
	if n.Task == TaskSubProcess {
		cx, y := b.X+b.W/2, b.Y+b.H-16
		w.printf(`<rect class="icon" x="%s" y="%s" width="12" height="12"/><path class="icon" d="M%s,%sv8M%s,%sh8"/>`,
			num(cx-6), num(y), num(cx), num(y+2), num(cx-4), num(y+6))
		bottom = y - 2
	}
	bottom = math.Min(bottom, w.boundaryTop(b))
	w.taskName(n.Name, Rect{b.X + taskPadding, top, b.W - 2*taskPadding, bottom - top}, textTop)
}

// Tag metrics: the stylesheet's size of a task's tag, the smallest a long tag shrinks to
// (px), and the estimated advance of one of its characters as a fraction of the font size
// (tags are node types in capitals and underscores, wider than average text).
const (
	tagFont    = 9.0
	tagMinFont = 7.0
	tagAdvance = 0.66
	tagInset   = 7.0 // from the box's left and right sides, px
)

// tag writes a kind tag in the top-left corner of task box b. A tag too long for the box at
// tagFont is drawn at the size that fits, down to tagMinFont, and beyond that squeezed to the
// box's width (textLength), so that a long node type (CONTROLLER_TRAVERSE_START) stays inside
// its box whole.
func (w *writer) tag(tag string, b Rect) {
	x, y := num(b.X+tagInset), num(b.Y+13)
	room, cols := b.W-2*tagInset, float64(columns(tag))
	if cols*tagFont*tagAdvance <= room {
		w.printf(`<text class="tag" x="%s" y="%s">%s</text>`, x, y, xmlText(tag))
		return
	}
	font := math.Max(tagMinFont, math.Floor(room/(cols*tagAdvance)*2)/2) // in half pixels
	squeeze := ""
	if cols*font*tagAdvance > room {
		squeeze = fmt.Sprintf(` textLength="%s" lengthAdjust="spacingAndGlyphs"`, num(room))
	}
	w.printf(`<text class="tag" x="%s" y="%s" style="font-size:%spx"%s>%s</text>`, x, y, num(font), squeeze, xmlText(tag))
}

// boundaryTop is the highest top of the boundary events sitting on the lower half of box b
// (less 1 px), so that the name stays clear of them; +Inf when there are none.
func (w *writer) boundaryTop(b Rect) float64 {
	top := math.Inf(1)
	w.boundaries.any(b, func(i int) bool {
		if m := w.boundaryBoxes[i]; overlaps(m, b) && m.Y+m.H/2 > b.Y+b.H/2 {
			top = math.Min(top, m.Y-1)
		}
		return false
	})
	return top
}

// indexBoundaries puts the diagram's boundary events in a grid for boundaryTop.
func (w *writer) indexBoundaries() {
	w.boundaries = newGrid()
	for _, m := range w.diagram.Nodes {
		if m.Shape == ShapeEvent && m.Event == EventBoundary {
			w.boundaries.add(m.Box)
			w.boundaryBoxes = append(w.boundaryBoxes, m.Box)
		}
	}
}

// taskFonts are the sizes a task name may shrink to, in pixels, largest first.
var taskFonts = []float64{taskFont, 11, 10}

// iconClearance is how far from the box's side a first line beside the icon must stay (px).
const iconClearance = iconRow + 2 - taskPadding

// taskName fits name into the box's text area r: at the largest of taskFonts that shows it
// whole, first below the icon row (textTop), then over all of r with a first line short
// enough to clear the icon; at the smallest size what does not fit ends in "…".
func (w *writer) taskName(name string, r Rect, textTop float64) {
	if strings.TrimSpace(name) == "" {
		return
	}
	var lines []string
	var area Rect
	var font float64
	for _, font = range taskFonts {
		line, col := font*lineHeight, font*columnWidth
		cols := int(r.W / col)
		area = Rect{r.X, textTop, r.W, r.Y + r.H - textTop}
		var cut bool
		if lines, cut = wrapCut(name, cols, cols, int(area.H/line)); !cut {
			break
		}
		if textTop > r.Y {
			area = r
			first := int((r.W - 2*iconClearance) / col)
			if lines, cut = wrapCut(name, first, cols, int(area.H/line)); !cut {
				break
			}
		}
	}
	w.lines("name", lines, area, font)
}

// taskIcon draws the 14x14 icon of a task kind with its top-left corner at x, y, and reports
// whether there was one.
func (w *writer) taskIcon(k TaskKind, x, y float64) bool {
	switch k {
	case TaskService:
		w.printf(`<circle class="gear" cx="%s" cy="%s" r="5.5"/><circle class="icon" cx="%s" cy="%s" r="2"/>`,
			num(x+7), num(y+7), num(x+7), num(y+7))
	case TaskUser:
		w.printf(`<circle class="icon" cx="%s" cy="%s" r="3.2"/><path class="icon" d="M%s,%sc0-4 2.5-6 6-6s6,2 6,6z"/>`,
			num(x+7), num(y+3.5), num(x+1), num(y+14))
	case TaskScript:
		w.printf(`<path class="icon" d="M%s,%sh9v14h-9zM%s,%sh5M%s,%sh5M%s,%sh5"/>`,
			num(x+2.5), num(y), num(x+4.5), num(y+4), num(x+4.5), num(y+7), num(x+4.5), num(y+10))
	case TaskSend, TaskReceive:
		w.envelope(x, y+2, 14, 10, k == TaskSend)
	case TaskBusinessRule:
		w.printf(`<path class="icon" d="M%s,%sh14v11h-14zM%s,%sh14M%s,%sh14M%s,%sv7"/>`,
			num(x), num(y+1), num(x), num(y+4.5), num(x), num(y+8), num(x+4.5), num(y+4.5))
	case TaskManual:
		w.printf(`<text class="tag" x="%s" y="%s">manual</text>`, num(x+1), num(y+7))
	default:
		return false
	}
	return true
}

// envelope draws a w by h envelope at x, y; a filled one is a throwing (sending) message.
func (w *writer) envelope(x, y, ew, eh float64, filled bool) {
	body, flap := "icon", "icon"
	if filled {
		body, flap = "icon solid", "icon cut"
	}
	w.printf(`<rect class="%s" x="%s" y="%s" width="%s" height="%s"/><path class="%s" d="M%s,%sL%s,%sL%s,%s"/>`,
		body, num(x), num(y), num(ew), num(eh), flap, num(x), num(y), num(x+ew/2), num(y+eh*0.55), num(x+ew), num(y))
}

// gatewayMarker draws the marker of a gateway centred on cx, cy; s scales from the 50 px
// default size.
func (w *writer) gatewayMarker(k GatewayKind, cx, cy, s float64) {
	d := 8 * s
	switch k {
	case GatewayExclusive:
		w.printf(`<path class="icon bold" d="M%s,%sL%s,%sM%s,%sL%s,%s"/>`,
			num(cx-d*0.8), num(cy-d*0.8), num(cx+d*0.8), num(cy+d*0.8), num(cx+d*0.8), num(cy-d*0.8), num(cx-d*0.8), num(cy+d*0.8))
	case GatewayParallel:
		w.printf(`<path class="icon bold" d="M%s,%sV%sM%s,%sH%s"/>`,
			num(cx), num(cy-d*1.2), num(cy+d*1.2), num(cx-d*1.2), num(cy), num(cx+d*1.2))
	case GatewayInclusive:
		w.printf(`<circle class="icon" style="stroke-width:2.5" cx="%s" cy="%s" r="%s"/>`, num(cx), num(cy), num(d*1.3))
	case GatewayEventBased:
		w.printf(`<circle class="icon" cx="%s" cy="%s" r="%s"/><circle class="icon" cx="%s" cy="%s" r="%s"/>`,
			num(cx), num(cy), num(d*1.6), num(cx), num(cy), num(d*1.3))
		w.printf(`<path class="icon" d="%s"/>`, polygon(cx, cy, d*0.9, 5))
	case GatewayComplex:
		w.printf(`<path class="icon bold" d="M%s,%sV%sM%s,%sH%sM%s,%sL%s,%sM%s,%sL%s,%s"/>`,
			num(cx), num(cy-d*1.2), num(cy+d*1.2), num(cx-d*1.2), num(cy), num(cx+d*1.2),
			num(cx-d*0.85), num(cy-d*0.85), num(cx+d*0.85), num(cy+d*0.85), num(cx+d*0.85), num(cy-d*0.85), num(cx-d*0.85), num(cy+d*0.85))
	}
}

// polygon is the path of a regular polygon with n corners, radius r, one corner on top.
func polygon(cx, cy, r float64, n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		cmd := "L"
		if i == 0 {
			cmd = "M"
		}
		sb.WriteString(cmd + num(cx+r*math.Cos(a)) + "," + num(cy+r*math.Sin(a)))
	}
	sb.WriteString("z")
	return sb.String()
}

// event draws an event circle: start thin, end thick, intermediate and boundary double, dashed
// when non-interrupting, with its marker.
func (w *writer) event(n Node) {
	b := n.Box
	cx, cy, r := b.X+b.W/2, b.Y+b.H/2, math.Min(b.W, b.H)/2
	class := map[EventKind]string{EventStart: "node event start", EventEnd: "node event end",
		EventIntermediate: "node event intermediate", EventBoundary: "node event boundary"}[n.Event]
	w.open(class, n.ID, n.Name)
	dash := ""
	if n.NonBlocking {
		dash = " dashed"
	}
	w.printf(`<circle class="shape%s" cx="%s" cy="%s" r="%s"/>`, dash, num(cx), num(cy), num(r))
	if n.Event == EventIntermediate || n.Event == EventBoundary {
		w.printf(`<circle class="ring%s" cx="%s" cy="%s" r="%s"/>`, dash, num(cx), num(cy), num(r-3))
	}
	w.eventMarker(n.Marker, cx, cy, r/18, n.Throwing)
}

// eventMarker draws an event definition's symbol centred on cx, cy; s scales from the 36 px
// default size. Throwing markers are filled.
func (w *writer) eventMarker(m EventMarker, cx, cy, s float64, filled bool) {
	fill := "icon"
	if filled {
		fill = "icon solid"
	}
	p := func(dx, dy float64) string { return num(cx+dx*s) + "," + num(cy+dy*s) }
	switch m {
	case MarkerTimer:
		w.printf(`<circle class="icon hole" cx="%s" cy="%s" r="%s"/>`, num(cx), num(cy), num(10*s))
		w.printf(`<path class="icon" d="M%sL%sL%sM%sL%sM%sL%sM%sL%sM%sL%s"/>`,
			p(0, -7), p(0, 0), p(5, 2), p(0, -10), p(0, -8.5), p(10, 0), p(8.5, 0), p(0, 10), p(0, 8.5), p(-10, 0), p(-8.5, 0))
	case MarkerMessage:
		w.envelope(cx-8*s, cy-5.5*s, 16*s, 11*s, filled)
	case MarkerError:
		w.printf(`<path class="%s" d="M%sL%sL%sL%sL%sL%sz"/>`, fill, p(-8, 8), p(-3, -7), p(1, 1), p(7, -8), p(3, 7), p(-1, -1))
	case MarkerSignal:
		w.printf(`<path class="%s" d="M%sL%sL%sz"/>`, fill, p(0, -9), p(8, 6), p(-8, 6))
	case MarkerTerminate:
		w.printf(`<circle class="icon solid" cx="%s" cy="%s" r="%s"/>`, num(cx), num(cy), num(10*s))
	case MarkerEscalation:
		w.printf(`<path class="%s" d="M%sL%sL%sL%sz"/>`, fill, p(0, -9), p(7, 8), p(0, 2), p(-7, 8))
	case MarkerConditional:
		w.printf(`<path class="icon" d="M%sL%sL%sL%szM%sL%sM%sL%sM%sL%s"/>`,
			p(-7, -9), p(7, -9), p(7, 9), p(-7, 9), p(-4, -4), p(4, -4), p(-4, 0), p(4, 0), p(-4, 4), p(4, 4))
	case MarkerLink:
		w.printf(`<path class="%s" d="M%sL%sL%sL%sL%sL%sL%sz"/>`, fill, p(-8, -3), p(1, -3), p(1, -8), p(9, 0), p(1, 8), p(1, 3), p(-8, 3))
	case MarkerCompensate:
		w.printf(`<path class="%s" d="M%sL%sL%szM%sL%sL%sz"/>`, fill, p(-9, 0), p(0, -6), p(0, 6), p(0, 0), p(9, -6), p(9, 6))
	case MarkerCancel:
		w.printf(`<path class="icon bold" d="M%sL%sM%sL%s"/>`, p(-6, -6), p(6, 6), p(6, -6), p(-6, 6))
	}
}

// subProcessNameWidth is the widest an expanded sub-process's name is drawn, in pixels.
const subProcessNameWidth = 160.0

// container draws a pool, lane, expanded sub-process or group with its name.
func (w *writer) container(c Container) {
	b := c.Box
	switch c.Kind {
	case ContainerPool, ContainerLane:
		kind := map[ContainerKind]string{ContainerPool: "pool", ContainerLane: "lane"}[c.Kind]
		class := "box-" + kind
		w.open("container "+kind, c.ID, c.Name)
		w.printf(`<rect class="%s" x="%s" y="%s" width="%s" height="%s"/>`, class, num(b.X), num(b.Y), num(b.W), num(b.H))
		if c.Vertical {
			w.printf(`<path class="%s" d="M%s,%sH%s"/>`, class, num(b.X), num(b.Y+bandWidth), num(b.X+b.W))
			w.block("name", c.Name, Rect{b.X + 4, b.Y, b.W - 8, bandWidth}, taskFont)
			break
		}
		w.printf(`<path class="%s" d="M%s,%sV%s"/>`, class, num(b.X+bandWidth), num(b.Y), num(b.Y+b.H))
		// The name reads bottom to top in the band: draw it in a band-high, box-long
		// rectangle and turn that a quarter round about the band's centre.
		cx, cy := b.X+bandWidth/2, b.Y+b.H/2
		w.printf(`<g transform="rotate(-90 %s %s)">`, num(cx), num(cy))
		w.block("name", c.Name, Rect{cx - b.H/2 + 4, cy - bandWidth/2, b.H - 8, bandWidth}, taskFont)
		w.buf.WriteString("</g>")
	case ContainerSubProcess:
		w.open("container subprocess", c.ID, c.Name)
		w.printf(`<rect class="box-subprocess" x="%s" y="%s" width="%s" height="%s" rx="10"/>`, num(b.X), num(b.Y), num(b.W), num(b.H))
		// The name goes in the top-left corner, as modelers draw it, away from the boundary
		// events that often sit in the middle of the top border.
		w.block("name", c.Name, Rect{b.X + 8, b.Y + 4, math.Min(b.W-16, subProcessNameWidth), 2 * taskFont * lineHeight}, taskFont)
	default:
		w.open("container group", c.ID, c.Name)
		w.printf(`<rect class="box-group" x="%s" y="%s" width="%s" height="%s" rx="10"/>`, num(b.X), num(b.Y), num(b.W), num(b.H))
		w.block("label", c.Name, Rect{b.X + 8, b.Y + 4, b.W - 16, labelFont * lineHeight}, labelFont)
	}
	w.close()
}

// maxLabelLines is how many lines a label outside a shape may take before it is cut.
const maxLabelLines = 4

// nodeLabelRect is where a node's outside label goes: its DI label bounds, or centred under
// the shape, made tall enough for the wrapped name.
func nodeLabelRect(n Node) Rect {
	r := Rect{n.Box.X + n.Box.W/2 - labelWidth/2, n.Box.Y + n.Box.H + 7, labelWidth, 0}
	if n.Label != nil {
		r = *n.Label
	}
	return fitLabel(r, n.Name)
}

// fitLabel grows r downward until it holds name wrapped to its width (maxLabelLines at most).
func fitLabel(r Rect, name string) Rect {
	lines := wrap(name, int(r.W/(labelFont*columnWidth)), maxLabelLines)
	r.H = math.Max(r.H, float64(len(lines))*labelFont*lineHeight)
	return r
}
