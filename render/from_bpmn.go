package render

import (
	"errors"
	"math"
	"strings"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/bpmn/layout"
)

// FromBPMN builds the diagram of a BPMN model from its DI. Processes without a diagram are
// first laid out with layout.Apply, which adds their DI to defs, exactly as `wfc convert
// --layout` does. The diagram drawn is the first one whose plane shows a process or a
// collaboration of defs (sub-process drill-down planes are not drawn); shapes and edges with
// no element, or no geometry that can be drawn (NaN, infinite, negative sizes), are skipped.
func FromBPMN(defs *bpmn.Definitions) (*Diagram, error) {
	if defs == nil || defs.Element == nil {
		return nil, errors.New("render: there is no BPMN document to draw")
	}
	if err := layout.Apply(defs); err != nil {
		return nil, err
	}
	d := &Diagram{}
	plane := mainPlane(defs)
	if plane == nil {
		return d, nil
	}
	if plane.Element != nil {
		d.Title = plane.Element.Name
	}
	for _, s := range plane.Shapes {
		if s == nil || s.Element == nil || s.Bounds == nil || !drawable(s.Bounds) {
			continue
		}
		addShape(d, s)
	}
	for _, e := range plane.Edges {
		if e == nil || e.Element == nil || len(e.Waypoints) < 2 || !finitePoints(e.Waypoints) {
			continue
		}
		d.Edges = append(d.Edges, edgeOf(e))
	}
	separateParallel(d)
	return d, nil
}

// mainPlane is the first plane drawing a root element (a process or collaboration), or the
// first plane at all when none does.
func mainPlane(defs *bpmn.Definitions) *bpmn.Plane {
	var first *bpmn.Plane
	for _, dg := range defs.Diagrams {
		if dg == nil || dg.Plane == nil {
			continue
		}
		if first == nil {
			first = dg.Plane
		}
		if el := dg.Plane.Element; el != nil && el.Parent == defs.Element {
			return dg.Plane
		}
	}
	return first
}

// drawable reports whether b is a rectangle that can be drawn: finite, not negative in size.
func drawable(b *bpmn.Bounds) bool {
	return finite(b.X, b.Y, b.Width, b.Height) && b.Width >= 0 && b.Height >= 0
}

func finitePoints(ps []bpmn.Point) bool {
	for _, p := range ps {
		if !finite(p.X, p.Y) {
			return false
		}
	}
	return true
}

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

func rectOf(b *bpmn.Bounds) Rect { return Rect{b.X, b.Y, b.Width, b.Height} }

func labelOf(l *bpmn.Label) *Rect {
	if l == nil || l.Bounds == nil || !drawable(l.Bounds) || l.Bounds.Width == 0 || l.Bounds.Height == 0 {
		return nil
	}
	r := rectOf(l.Bounds)
	return &r
}

// addShape adds the shape s draws to d: a container or a node.
func addShape(d *Diagram, s *bpmn.Shape) {
	el, box := s.Element, rectOf(s.Bounds)
	vertical := s.IsHorizontal != nil && !*s.IsHorizontal
	switch {
	case el.Type == "Participant":
		d.Containers = append(d.Containers, Container{ID: el.ID, Name: el.Name, Kind: ContainerPool, Box: box, Vertical: vertical})
		return
	case el.Type == "Lane":
		d.Containers = append(d.Containers, Container{ID: el.ID, Name: el.Name, Kind: ContainerLane, Box: box, Vertical: vertical})
		return
	case el.Type == "Group":
		d.Containers = append(d.Containers, Container{ID: el.ID, Name: groupName(el), Kind: ContainerGroup, Box: box})
		return
	case el.Is("SubProcess") && s.IsExpanded != nil && *s.IsExpanded:
		d.Containers = append(d.Containers, Container{ID: el.ID, Name: el.Name, Kind: ContainerSubProcess, Box: box})
		return
	}
	n := Node{ID: el.ID, Name: el.Name, Box: box, Label: labelOf(s.Label)}
	switch {
	case el.Is("Gateway"):
		n.Shape, n.Gateway = ShapeGateway, gatewayKind(el.Type)
	case el.Is("Event"):
		n.Shape = ShapeEvent
		n.Event, n.Marker = eventKind(el.Type), eventMarker(el)
		n.Throwing = el.Is("ThrowEvent")
		n.NonBlocking = isAttr(el, "cancelActivity", "false") || isAttr(el, "isInterrupting", "false")
	case el.Type == "DataObjectReference" || el.Type == "DataStoreReference" || el.Type == "DataObject" ||
		el.Type == "DataInput" || el.Type == "DataOutput":
		n.Shape = ShapeData
	case el.Type == "TextAnnotation":
		n.Shape, n.Name = ShapeAnnotation, annotationText(el)
	default:
		n.Shape, n.Task = ShapeTask, taskKind(el)
	}
	d.Nodes = append(d.Nodes, n)
}

func isAttr(el *bpmn.Element, name, want string) bool {
	v, ok := el.Attr(name)
	return ok && v == want
}

func gatewayKind(typ string) GatewayKind {
	switch typ {
	case "ParallelGateway":
		return GatewayParallel
	case "InclusiveGateway":
		return GatewayInclusive
	case "EventBasedGateway":
		return GatewayEventBased
	case "ComplexGateway":
		return GatewayComplex
	}
	return GatewayExclusive
}

func eventKind(typ string) EventKind {
	switch typ {
	case "StartEvent":
		return EventStart
	case "EndEvent":
		return EventEnd
	case "BoundaryEvent":
		return EventBoundary
	}
	return EventIntermediate
}

// eventMarkers maps event definition types to markers.
var eventMarkers = []struct {
	typ    string
	marker EventMarker
}{
	{"TimerEventDefinition", MarkerTimer},
	{"ErrorEventDefinition", MarkerError},
	{"MessageEventDefinition", MarkerMessage},
	{"SignalEventDefinition", MarkerSignal},
	{"TerminateEventDefinition", MarkerTerminate},
	{"EscalationEventDefinition", MarkerEscalation},
	{"ConditionalEventDefinition", MarkerConditional},
	{"LinkEventDefinition", MarkerLink},
	{"CompensateEventDefinition", MarkerCompensate},
	{"CancelEventDefinition", MarkerCancel},
}

// eventMarker is the marker of the event's first event definition.
func eventMarker(el *bpmn.Element) EventMarker {
	for _, c := range el.Children {
		for _, m := range eventMarkers {
			if c.Type == m.typ {
				return m.marker
			}
		}
	}
	return MarkerNone
}

func taskKind(el *bpmn.Element) TaskKind {
	switch el.Type {
	case "ServiceTask":
		return TaskService
	case "UserTask":
		return TaskUser
	case "ScriptTask":
		return TaskScript
	case "SendTask":
		return TaskSend
	case "ReceiveTask":
		return TaskReceive
	case "ManualTask":
		return TaskManual
	case "BusinessRuleTask":
		return TaskBusinessRule
	case "CallActivity":
		return TaskCall
	}
	if el.Is("SubProcess") {
		return TaskSubProcess
	}
	return TaskPlain
}

// annotationText is the <text> of a text annotation.
func annotationText(el *bpmn.Element) string {
	for _, c := range el.Children {
		if c.Tag == "text" || c.Type == "Text" {
			return strings.TrimSpace(c.Body)
		}
	}
	return strings.TrimSpace(el.Body)
}

// groupName is the value of the category value a group shows.
func groupName(el *bpmn.Element) string {
	for _, v := range el.Refs["categoryValueRef"] {
		if val, ok := v.Attr("value"); ok {
			return val
		}
	}
	return el.Name
}

// edgeOf converts a DI edge; conditional and default markers follow bpmn-js: a default flow
// gets a slash, a conditional flow out of an activity (not a gateway) a diamond.
func edgeOf(e *bpmn.Edge) Edge {
	el := e.Element
	out := Edge{ID: el.ID, Name: el.Name, Label: labelOf(e.Label)}
	for _, p := range e.Waypoints {
		out.Points = append(out.Points, Point{p.X, p.Y})
	}
	switch {
	case el.Type == "MessageFlow":
		out.Kind = EdgeMessage
	case el.Type != "SequenceFlow":
		out.Kind = EdgeAssociation
	}
	if src := el.SourceRef; out.Kind == EdgeSequence && src != nil {
		out.Default = src.Default == el
		out.Conditional = hasCondition(el) && !src.Is("Gateway") && src.Is("Activity")
	}
	return out
}

func hasCondition(flow *bpmn.Element) bool {
	for _, c := range flow.Children {
		if c.Tag == "conditionExpression" {
			return true
		}
	}
	return false
}
