// Package render draws a laid-out workflow diagram as a self-contained SVG.
//
// The renderer is target-neutral: it draws a Diagram (boxes, diamonds, circles, containers and
// routed edges with coordinates already decided), and FromBPMN builds one from a BPMN model's
// diagram interchange (DI), laying out processes that have none the way `wfc convert --layout`
// does. FromGraph builds one from a platform's DAG (target.Graph: a DataWorks workflow), laid
// out by the same engine. Options.Marks colours elements by id (added, removed, changed) so a
// diff can be drawn on the same picture.
//
// The output is deterministic: elements are drawn in document order, maps are only looked up,
// and every number is written with one decimal at most. It holds no script, no external
// reference (links, fonts, images) and its colours follow prefers-color-scheme, with halos
// behind free-standing text so it also reads on a background of the other theme.
package render

// Rect is a rectangle in diagram units (pixels); X, Y is its top-left corner.
type Rect struct{ X, Y, W, H float64 }

// Point is a position in diagram units.
type Point struct{ X, Y float64 }

// Diagram is what the renderer draws, in layers: containers, then edges, then nodes, then the
// free-standing labels. Each slice is in document order.
type Diagram struct {
	Title      string // the drawing's accessible title (a process name); may be empty
	Containers []Container
	Edges      []Edge
	Nodes      []Node
}

// Shape is the outline a node is drawn with.
type Shape int

const (
	ShapeTask       Shape = iota // a rounded box with the name inside
	ShapeGateway                 // a diamond with a marker
	ShapeEvent                   // a circle with a marker
	ShapeData                    // a data object or store: a folded page
	ShapeAnnotation              // a text annotation: an open bracket with the text
)

// TaskKind picks the small icon drawn in a task box's corner.
type TaskKind int

const (
	TaskPlain TaskKind = iota
	TaskService
	TaskUser
	TaskScript
	TaskSend
	TaskReceive
	TaskManual
	TaskBusinessRule
	TaskCall       // a call activity: drawn with a thick border
	TaskSubProcess // a collapsed sub-process: drawn with a [+] marker
)

// GatewayKind picks the marker inside a gateway diamond.
type GatewayKind int

const (
	GatewayExclusive GatewayKind = iota
	GatewayParallel
	GatewayInclusive
	GatewayEventBased
	GatewayComplex
)

// EventKind decides a circle's border: start thin, end thick, the others double.
type EventKind int

const (
	EventStart EventKind = iota
	EventIntermediate
	EventBoundary
	EventEnd
)

// EventMarker is the symbol inside an event circle.
type EventMarker int

const (
	MarkerNone EventMarker = iota
	MarkerTimer
	MarkerError
	MarkerMessage
	MarkerSignal
	MarkerTerminate
	MarkerEscalation
	MarkerConditional
	MarkerLink
	MarkerCompensate
	MarkerCancel
)

// Node is one shape drawn with its name.
type Node struct {
	ID, Name string
	Shape    Shape
	Box      Rect
	// Label is where a name drawn outside the shape goes (events, gateways, data); nil puts it
	// under the shape. Task names are always drawn inside the box.
	Label *Rect
	// Tag is a short kind label drawn at the top of a task box in place of an icon, for node
	// kinds with no BPMN icon (e.g. a DataWorks node type); empty for none.
	Tag         string
	Task        TaskKind
	Gateway     GatewayKind
	Event       EventKind
	Marker      EventMarker
	Throwing    bool // a throwing event: its marker is filled
	NonBlocking bool // a non-interrupting boundary or start event: dashed border
	// External is a task outside the drawn workflow that one of its nodes waits for (a
	// DataWorks project's root node): dashed border, no fill.
	External bool
}

// EdgeKind is the line style of an edge.
type EdgeKind int

const (
	EdgeSequence    EdgeKind = iota // solid, filled arrowhead
	EdgeMessage                     // dashed, open circle at the start, open arrowhead
	EdgeAssociation                 // dotted, no arrowhead
	EdgeDependency                  // dashed, filled arrowhead: from an external node
)

// Edge is a routed connection.
type Edge struct {
	ID, Name    string
	Kind        EdgeKind
	Points      []Point // at least two
	Label       *Rect   // where the name goes; nil puts it by the middle of the route
	Default     bool    // the default flow of its source: a slash near the start
	Conditional bool    // a conditional flow out of an activity: a diamond at the start
}

// ContainerKind is what a container is.
type ContainerKind int

const (
	ContainerPool ContainerKind = iota
	ContainerLane
	ContainerSubProcess // an expanded sub-process
	ContainerGroup
)

// Container is a region drawn behind the nodes: pools and lanes have their name in a band
// along the left side, expanded sub-processes at the top left.
type Container struct {
	ID, Name string
	Kind     ContainerKind
	Box      Rect
	Vertical bool // a pool or lane drawn top-down: its name band runs along the top
}

// Mark is how a diff colours an element.
type Mark int

const (
	Unmarked Mark = iota
	Added         // green
	Removed       // red, dashed
	Changed       // amber
)

func (m Mark) class() string {
	switch m {
	case Added:
		return " mark-added"
	case Removed:
		return " mark-removed"
	case Changed:
		return " mark-changed"
	}
	return ""
}

// Options tune a rendering.
type Options struct {
	// Marks colours the elements with these ids; it is only looked up, so its order does not
	// matter. Ids not in the diagram are ignored.
	Marks map[string]Mark
}
