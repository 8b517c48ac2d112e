package decompile

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/wfc-dev/wfc/bpmn"
	lang "github.com/wfc-dev/wfc/decompile"
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
func (r *reader) params(s, what string) []*lang.Param {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var list []apiParam
	if err := json.Unmarshal([]byte(s), &list); err != nil {
		r.fail(nil, "the %s parameters are not the JSON list SecMaster stores: %v", what, err)
		return nil
	}
	out := make([]*lang.Param, 0, len(list))
	for _, p := range list {
		q := &lang.Param{Name: p.Name, Type: strings.ToLower(p.Type), Required: p.Required, Description: p.Description}
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

// defaultNode is a default_value as the JSON of its YAML value: a string input's text as a
// string, any other type's JSON text as the value it spells (or as a string when it is not
// JSON).
func defaultNode(typ, text string) json.RawMessage {
	if typ != "" && typ != "string" && json.Valid([]byte(text)) && lang.CheckValue(json.RawMessage(text)) == nil {
		return json.RawMessage(text)
	}
	b, _ := json.Marshal(text) // a string always marshals
	return b
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
			n.role, n.step = roleStep, &lang.Step{Kind: lang.KindSwitch}
		}
	case "ParallelGateway":
		switch {
		case len(n.out) > 1:
			n.role, n.step = roleStep, &lang.Step{Kind: lang.KindParallel}
		default:
			// A join, even with one flow in (its other branches loop); one that joins no
			// parallel step's branches is made transparent once they are known (structure).
			n.role = roleParallelJoin
		}
	case "ServiceTask":
		n.role, n.step = roleStep, &lang.Step{Kind: lang.KindAction}
	case "UserTask":
		n.role, n.step = roleStep, &lang.Step{Kind: lang.KindApproval}
	case "CallActivity":
		n.role, n.step = roleStep, &lang.Step{Kind: lang.KindWorkflow}
	case "IntermediateCatchEvent":
		n.role, n.step = roleStep, &lang.Step{Kind: lang.KindWait}
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
		id := r.carriedID(n.el)
		if id == "" {
			id = r.outcomeStepID(n)
		}
		if lang.ValidStepID(id) && !r.ids[id] {
			n.step.ID = r.ids.Take(id)
		}
	}
	for _, n := range steps {
		if n.step.ID == "" && lang.ValidStepID(n.el.Name) && !r.ids[n.el.Name] {
			n.step.ID = r.ids.Take(n.el.Name)
		}
	}
	for _, n := range steps {
		if n.step.ID != "" {
			continue
		}
		want := lang.StepIDFrom(n.el.Name)
		if want == "" {
			_, suffix, _ := strings.Cut(n.el.ID, "_")
			want = lang.StepIDFrom(n.step.Kind + "_" + suffix)
		}
		n.step.ID = r.ids.Take(want)
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
