package decompile

import (
	"encoding/json"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/bpmn"
	smtarget "github.com/wfc-dev/wfc/target/secmaster"
)

// paramName is the schema's pattern for a parameter name.
var paramName = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)

// apiParam is one parameter of the create-version input and output strings.
type apiParam struct {
	Name         string `json:"name"`
	Description  string `json:"description"`
	Type         string `json:"type"`
	DefaultValue string `json:"default_value"`
	Required     bool   `json:"required"`
}

// params reads an input or output string: a JSON array of parameters, or "".
func (r *reader) params(s, what string) []*Param {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var list []apiParam
	if err := json.Unmarshal([]byte(s), &list); err != nil {
		r.fail(nil, "the %s parameters are not the JSON list SecMaster stores: %v", what, err)
		return nil
	}
	out := make([]*Param, 0, len(list))
	for _, p := range list {
		q := &Param{Name: p.Name, Type: strings.ToLower(p.Type), Required: p.Required, Description: p.Description}
		if !paramName.MatchString(p.Name) {
			r.fail(nil, "%s parameter %q: wfc's parameter names are letters, digits and _, not starting with a digit", what, p.Name)
		}
		switch q.Type {
		case "string", "number", "boolean", "object", "array":
		default:
			r.fail(nil, "%s parameter %q has type %q, none of String, Number, Boolean, Object, Array", what, p.Name, p.Type)
		}
		if what == "input" && p.DefaultValue != "" {
			q.Default = defaultNode(q.Type, p.DefaultValue)
		}
		out = append(out, q)
	}
	return out
}

// defaultNode is a default_value as YAML: a string input's text as a string, any other
// type's JSON text as the value it spells (or as a string when it is not JSON).
func defaultNode(typ, text string) *yaml.Node {
	if typ != "" && typ != "string" {
		if n, err := jsonToYAML(json.RawMessage(text)); err == nil {
			return n
		}
	}
	return str(text)
}

// classify finds every flow node of proc and what it is.
func (r *reader) classify(proc *bpmn.Element) {
	for _, c := range proc.Children {
		switch {
		case c.Is("FlowNode"):
			n := &rnode{el: c, order: len(r.order)}
			r.nodes[c] = n
			r.order = append(r.order, n)
		case c.Type == "SequenceFlow", c.Type == "Documentation":
		default:
			r.fail(c, "%s cannot be carried: a wfc workflow has steps and flows only", describe(c))
		}
	}
	for _, c := range proc.Children {
		if c.Type != "SequenceFlow" {
			continue
		}
		from, to := r.nodes[c.SourceRef], r.nodes[c.TargetRef]
		if from == nil || to == nil {
			r.fail(c, "sequence flow %s does not connect two flow nodes of the process", c.ID)
			continue
		}
		from.out = append(from.out, c)
		to.in++
	}
	for _, n := range r.order {
		r.classifyNode(n)
	}
	if r.start == nil {
		r.fail(proc, "the process has no start event; a wfc workflow starts at its first step")
	}
}

func (r *reader) classifyNode(n *rnode) {
	el := n.el
	if el.Is("Gateway") && len(n.out) == 0 {
		r.fail(el, "%s has no outgoing flow; a wfc workflow's gateways lead somewhere", describe(el))
		return
	}
	switch el.Type {
	case "StartEvent":
		if r.start != nil {
			r.fail(el, "a second start event (%s) cannot be carried: a wfc workflow has one start", describe(el))
			return
		}
		r.noEventDefinitions(el)
		n.role, r.start = roleStart, n
		if len(n.out) != 1 {
			r.fail(el, "the start event has %d outgoing flows; a wfc workflow starts at one step", len(n.out))
		}
	case "EndEvent":
		r.noEventDefinitions(el)
		n.role = roleEnd
	case "ExclusiveGateway":
		switch {
		case len(n.out) == 1:
			n.role = roleJoin
			if el.Name != "" {
				r.warnf(el, "the name %q of joining gateway %s is not kept: wfc draws joins unnamed", el.Name, el.ID)
			}
		default:
			n.role, n.step = roleStep, &Step{Kind: KindSwitch}
		}
	case "ParallelGateway":
		switch {
		case len(n.out) > 1:
			n.role, n.step = roleStep, &Step{Kind: KindParallel}
		default:
			// A join, even with one flow in (its other branches loop); one that joins no
			// parallel step's branches is made transparent once they are known (structure).
			n.role = roleParallelJoin
		}
	case "ServiceTask":
		n.role, n.step = roleStep, &Step{Kind: KindAction}
	case "UserTask":
		n.role, n.step = roleStep, &Step{Kind: KindApproval}
	case "CallActivity":
		n.role, n.step = roleStep, &Step{Kind: KindWorkflow}
	case "IntermediateCatchEvent":
		n.role, n.step = roleStep, &Step{Kind: KindWait}
	case "BoundaryEvent":
		n.role = roleBoundary
	case "InclusiveGateway":
		r.fail(el, "%s cannot be carried: wfc has exclusive choices (switch) and parallel branches, not a choice of several; redraw it as one of those", describe(el))
	default:
		r.fail(el, "%s cannot be carried: wfc has no step for a BPMN %s", describe(el), el.Type)
	}
}

func (r *reader) incoming(n *rnode) int { return n.in }

// noEventDefinitions reports a start or end event that is more than a plain one.
func (r *reader) noEventDefinitions(el *bpmn.Element) {
	for _, c := range el.Children {
		if c.Is("EventDefinition") {
			r.fail(el, "%s has a %s, which cannot be carried: a wfc workflow's start and end are plain events", describe(el), c.Type)
		}
	}
}

// assignIDs gives every step its id: the compiled step id carrier, else its label when that
// is a valid id, else one made from its label or its element id, unique in the workflow.
func (r *reader) assignIDs() {
	steps := r.steps()
	for _, n := range steps {
		if id := r.carriedID(n.el); validStepID(id) && !r.ids[id] {
			n.step.ID = r.ids.take(id)
		}
	}
	for _, n := range steps {
		if n.step.ID == "" && validStepID(n.el.Name) && !r.ids[n.el.Name] {
			n.step.ID = r.ids.take(n.el.Name)
		}
	}
	for _, n := range steps {
		if n.step.ID != "" {
			continue
		}
		want := slug(n.el.Name, '_')
		if want == "" {
			_, suffix, _ := strings.Cut(n.el.ID, "_")
			want = slug(n.step.Kind+"_"+suffix, '_')
		}
		n.step.ID = r.ids.take(want)
	}
	for _, n := range steps {
		n.step.Element = n.el.ID
		if n.el.Name != n.step.ID {
			n.step.Name = n.el.Name
		}
	}
}

// carriedID is the value of el's wfc:step attribute, under whatever prefix the document
// binds to wfc's namespace.
func (r *reader) carriedID(el *bpmn.Element) string {
	prefix := "wfc"
	for _, a := range r.defs.Element.Attrs {
		if a.Value == smtarget.NamespaceURI && strings.HasPrefix(a.Name, "xmlns:") {
			prefix = strings.TrimPrefix(a.Name, "xmlns:")
		}
	}
	_, local, _ := strings.Cut(smtarget.StepIDAttr, ":")
	for _, a := range el.Attrs {
		if a.Name == prefix+":"+local {
			return a.Value
		}
	}
	return ""
}

func (r *reader) steps() []*rnode {
	var out []*rnode
	for _, n := range r.order {
		if n.role == roleStep {
			out = append(out, n)
		}
	}
	return out
}
