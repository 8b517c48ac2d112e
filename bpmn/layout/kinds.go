package layout

import (
	"strings"

	"github.com/wfc-dev/wfc/bpmn"
)

// kind is the layout's own coarse classification of a flow node. It is decided from the
// moddle type name alone so this package does not depend on bpmn's type hierarchy.
type kind uint8

const (
	kindNone kind = iota // not a flow node: flows, data objects, annotations, lanes, ...
	kindActivity
	kindGateway
	kindEvent
	kindBoundary // a boundary event attached to a host in the same scope
)

// containerTypes are activities that hold their own flow elements; the layout draws them
// collapsed and gives their content a diagram of its own (bpmn-js "drill-down").
var containerTypes = map[string]bool{
	"SubProcess":      true,
	"Transaction":     true,
	"AdHocSubProcess": true,
}

// activityTypes are the BPMN activities that are not tasks by name.
var activityTypes = map[string]bool{
	"SubProcess":      true,
	"Transaction":     true,
	"AdHocSubProcess": true,
	"CallActivity":    true,
}

// classify says what kind of flow node el is, or kindNone when it is no flow node at all.
// Boundary events are reported as kindBoundary only by the caller, which knows whether the
// host is in the same scope.
func classify(el *bpmn.Element) kind {
	t := el.Type
	switch {
	case strings.Contains(t, ":"):
		// An element of another namespace (flowable:field, ...) is never a flow node.
		return kindNone
	case t == "SequenceFlow":
		return kindNone
	case strings.HasSuffix(t, "EventDefinition"):
		return kindNone
	case strings.HasSuffix(t, "Gateway"):
		return kindGateway
	case strings.HasSuffix(t, "Event"):
		return kindEvent
	case t == "Task" || strings.HasSuffix(t, "Task") || activityTypes[t]:
		return kindActivity
	case len(el.Incoming) > 0 || len(el.Outgoing) > 0:
		// An unknown type that takes part in sequence flow is drawn as an activity rather
		// than dropped, so every flow keeps both of its ends.
		return kindActivity
	}
	return kindNone
}

// size is the bpmn-js default shape size (lib/util/ElementSizeUtil.js; the same values are
// in bpmn-auto-layout's lib/di/DiUtil.js), in pixels.
func size(k kind) (w, h int) {
	switch k {
	case kindGateway:
		return gatewaySize, gatewaySize
	case kindEvent, kindBoundary:
		return eventSize, eventSize
	}
	return activityWidth, activityHeight
}
