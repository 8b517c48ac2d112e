package decompile

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"

	"github.com/wfc-dev/wfc/bpmn"
	lang "github.com/wfc-dev/wfc/decompile"
	smtarget "github.com/wfc-dev/wfc/target/secmaster"
)

// actionPattern is the schema's pattern for plugin/action.
var actionPattern = regexp.MustCompile(`^[^/\s]+/[^/\s]+$`)

// readSteps fills every step's body from its element and taskconfig entry, and ties error
// boundary events and approval outcome gateways to their steps.
func (r *reader) readSteps() {
	for _, n := range r.order {
		if n.role == roleBoundary {
			r.readBoundary(n)
		}
	}
	for _, n := range r.steps() {
		s, el := n.step, n.el
		s.Description = documentation(el)
		switch s.Kind {
		case lang.KindAction:
			r.readAction(n)
		case lang.KindApproval:
			r.readApproval(n)
		case lang.KindWorkflow:
			r.readCall(n)
		case lang.KindWait:
			r.readWait(n)
		default:
			r.platform(n, smtarget.Extra{Attrs: otherAttrs(el)})
		}
	}
}

// documentation is the text of el's first documentation child.
func documentation(el *bpmn.Element) string {
	for _, c := range el.Children {
		if c.Type == "Documentation" {
			return c.Body
		}
	}
	return ""
}

// otherAttrs are the attributes of a gateway or event that wfc does not write itself.
func otherAttrs(el *bpmn.Element) []bpmn.Attr {
	var out []bpmn.Attr
	for _, a := range el.Attrs {
		switch a.Name {
		case "id", "name", "default", smtarget.StepIDAttr, "attachedToRef", "cancelActivity":
		default:
			out = append(out, a)
		}
	}
	return out
}

func (r *reader) readBoundary(n *rnode) {
	el := n.el
	host := r.nodes[el.AttachedToRef]
	isError := false
	for _, c := range el.Children {
		isError = isError || c.Type == "ErrorEventDefinition"
	}
	switch {
	case !isError:
		r.fail(el, "%s cannot be carried: wfc reads only error boundary events (on_error)", describe(el))
	case host == nil || host.step == nil || (host.step.Kind != lang.KindAction && host.step.Kind != lang.KindWorkflow):
		r.fail(el, "error boundary event %s is not on a service task or call activity; wfc has on_error only on actions and workflow calls", el.ID)
	case host.errorEvent != nil:
		r.fail(el, "%s has a second error boundary event (%s); wfc has one on_error per step", describe(host.el), el.ID)
	case len(n.out) != 1:
		r.fail(el, "error boundary event %s has %d outgoing flows; on_error goes to one step", el.ID, len(n.out))
	case attrValue(el, "cancelActivity") == "false":
		r.fail(el, "non-interrupting error boundary event %s cannot be carried: on_error leaves the step", el.ID)
	default:
		host.errorEvent = n
		if el.Name != smtarget.ErrorEventName && el.Name != "" {
			r.warnf(el, "the name %q of error boundary event %s is not kept: wfc names it %q", el.Name, el.ID, smtarget.ErrorEventName)
		}
	}
}

func attrValue(el *bpmn.Element, name string) string {
	for _, a := range el.Attrs {
		if a.Name == name {
			return a.Value
		}
	}
	return ""
}

func (r *reader) readAction(n *rnode) {
	s := n.step
	a, err := smtarget.ReadAction(n.el, r.tc.NodeInfo[n.el.ID])
	if err != nil {
		r.fail(n.el, "%s: %v", describe(n.el), err)
	}
	s.Action, s.Connection, s.Timeout = a.Action, a.Connection, a.Timeout
	if !actionPattern.MatchString(s.Action) {
		r.fail(n.el, "%s: no plugin and action wfc can read (soar:plugin and soar:action, or node_info plugin and action, give %q); see platform.secmaster for what it carries", describe(n.el), s.Action)
	}
	s.With = r.object(n.el, a.With, "input")
	if a.RetryTimes != 0 || a.RetryInterval != smtarget.DefaultRetryInterval {
		s.Retry = &lang.Retry{Times: a.RetryTimes, Interval: intervalOrDefault(a.RetryInterval)}
	}
	if a.OnError == "continue" {
		s.OnError = "continue"
	}
	r.platform(n, a.Extra)
}

func (r *reader) readApproval(n *rnode) {
	a, err := smtarget.ReadApproval(n.el, r.tc.UsertaskInfo[n.el.ID])
	if err != nil {
		r.fail(n.el, "%s: %v", describe(n.el), err)
	}
	n.step.Approval = &lang.Approval{Approvers: a.Approvers, Timeout: a.Timeout, OnTimeout: a.OnTimeout,
		Form: r.object(n.el, a.Form, "form")}
	switch a.OnTimeout {
	case "", "interrupt", "pass", "reject":
	default:
		r.fail(n.el, "approval %s: soar:due_handle %q is none of interrupt, pass, reject", describe(n.el), a.OnTimeout)
	}
	// Saved in the console without approvers or a due date: the language cannot say so, and
	// lint asks a hand-written approval for both, so the element's attributes are carried
	// verbatim in the platform block, which the schema accepts in their place.
	if len(a.Approvers) == 0 {
		a.Extra.Attrs = append(a.Extra.Attrs, bpmn.Attr{Name: smtarget.AttrHandlers, Value: attrValue(n.el, smtarget.AttrHandlers)})
	}
	if a.Timeout == 0 {
		a.Extra.Attrs = append(a.Extra.Attrs, bpmn.Attr{Name: smtarget.AttrDueDate, Value: attrValue(n.el, smtarget.AttrDueDate)})
	}
	r.platform(n, a.Extra)
}

func (r *reader) readCall(n *rnode) {
	c, err := smtarget.ReadCall(n.el, r.tc.NodeInfo[n.el.ID])
	if err != nil {
		r.fail(n.el, "%s: %v", describe(n.el), err)
	}
	n.step.Workflow = c.Workflow
	if c.Workflow == "" {
		r.fail(n.el, "call activity %s names no workflow (calledElement)", describe(n.el))
	}
	n.step.With = r.object(n.el, c.With, "input")
	r.platform(n, c.Extra)
}

func (r *reader) readWait(n *rnode) {
	var timer *bpmn.Element
	for _, c := range n.el.Children {
		if c.Is("EventDefinition") {
			if c.Type != "TimerEventDefinition" || timer != nil {
				r.fail(n.el, "%s cannot be carried: wfc waits only on a timer", describe(n.el))
				return
			}
			timer = c
		}
	}
	if timer == nil {
		r.fail(n.el, "%s has no timer; wfc's wait is a timer event", describe(n.el))
		return
	}
	for _, c := range timer.Children {
		if c.Tag == "timeDuration" {
			seconds, ok := smtarget.ParseISODuration(strings.TrimSpace(c.Body))
			if !ok {
				r.fail(n.el, "timer %s: %q is not an ISO 8601 duration such as PT15M", n.el.ID, c.Body)
			}
			n.step.Wait = seconds
			r.platform(n, smtarget.Extra{Attrs: otherAttrs(n.el)})
			return
		}
	}
	r.fail(n.el, "timer %s is not a duration (timeDuration); wfc's wait cannot carry a date or a cycle", n.el.ID)
}

// object is a with or form object as written; nil when absent, and reported when it is
// not a JSON object the YAML can hold.
func (r *reader) object(el *bpmn.Element, raw json.RawMessage, what string) json.RawMessage {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || string(trimmed) == "null" {
		return nil
	}
	if trimmed[0] != '{' {
		r.fail(el, "%s: its %s is not a JSON object", describe(el), what)
		return nil
	}
	if err := lang.CheckValue(trimmed); err != nil {
		r.fail(el, "%s: its %s: %v", describe(el), what, err)
		return nil
	}
	return trimmed
}

// platform keeps what an element carries that wfc does not model, for the step's
// platform.secmaster block (built by platformOf once carry.go has added what the mapping
// reads but would write differently).
func (r *reader) platform(n *rnode, extra smtarget.Extra) {
	n.extra = extra
}

// platformOf is the platform block of a node's extra, nil when it has none.
func (r *reader) platformOf(n *rnode) *lang.Platform {
	extra := n.extra
	if len(extra.Attrs) == 0 && len(extra.Config) == 0 {
		return nil
	}
	p := &lang.Platform{Target: smtarget.Name}
	for _, a := range extra.Attrs {
		p.Attributes = append(p.Attributes, lang.Attr{Name: a.Name, Value: a.Value})
	}
	for _, m := range extra.Config {
		if err := lang.CheckValue(m.Value); err != nil {
			r.fail(n.el, "%s: taskconfig member %q: %v", describe(n.el), m.Key, err)
			continue
		}
		p.Taskconfig = append(p.Taskconfig, lang.Member{Key: m.Key, Value: m.Value})
	}
	return p
}
