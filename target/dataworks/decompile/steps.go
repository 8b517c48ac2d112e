package decompile

import (
	"encoding/json"
	"strings"

	lang "github.com/wfc-dev/wfc/decompile"
	dw "github.com/wfc-dev/wfc/target/dataworks"
)

// loopCommands are the node types of DataWorks' loops, which the language has no step for.
var loopCommands = map[string]string{
	"CONTROLLER_CYCLE": "do-while", "CONTROLLER_CYCLE_START": "do-while", "CONTROLLER_CYCLE_END": "do-while",
	"CONTROLLER_TRAVERSE": "for-each", "CONTROLLER_TRAVERSE_START": "for-each", "CONTROLLER_TRAVERSE_END": "for-each",
}

// readStep makes a node's step: its id and name and, for a run node, its run fields.
// A join node has no step: it is where paths meet.
func (r *reader) readStep(g *gnode) {
	if g.kind == kindJoin {
		return
	}
	n := g.n
	s := &lang.Step{ID: r.stepID(n), Description: n.Description, Element: n.ID}
	if n.Name != s.ID {
		s.Name = n.Name
	}
	g.step = s
	if g.kind == kindBranch {
		s.Kind = lang.KindSwitch
		return
	}
	cmd := command(n)
	if loop, ok := loopCommands[cmd]; ok || n.Extra["do-while"] != nil || n.Extra["foreach"] != nil || n.Extra["for-each"] != nil {
		if loop == "" {
			loop = "loop"
		}
		r.fail(g, "%s is a %s (%s), which wfc has no step for; its body cannot be carried", describe(n), loop, cmd)
	}
	if cmd == "" {
		r.fail(g, "%s has no script.runtime.command, the node type a run step needs", describe(n))
	} else if _, known := dw.LookupNodeType(cmd); !known {
		r.warn(g, "%s has node type %s, which wfc does not know; it is kept as written", describe(n), cmd)
	}
	run := &lang.Run{Command: cmd}
	if n.Script != nil {
		run.Code = n.Script.Content
		s.With = parameters(n.Script.Parameters)
	}
	if n.Datasource != nil {
		run.Datasource = n.Datasource.Name
	}
	if n.RuntimeResource != nil {
		run.ResourceGroup = n.RuntimeResource.ResourceGroup
	}
	s.Kind, s.Run = lang.KindRun, run
	if n.Timeout != nil && *n.Timeout > 0 {
		s.Timeout = int64(*n.Timeout)
	}
	s.Retry = nodeRetry(n.RerunTimes, n.RerunInterval)
	if n.Strategy != nil {
		switch n.Strategy.FailureStrategy {
		case dw.FailureContinue:
			s.OnError = "continue"
		case dw.FailureBreak:
			s.OnError = "fail"
		}
	}
}

// stepID is the step id of a node: its own id when it is one (a node wfc compiled keeps
// its step's id); else the id its outputs are named after (WORKFLOW.ID, which DataWorks keeps
// when it gives the node an id of its own); else one made from its name, else from its node
// type.
func (r *reader) stepID(n *dw.Node) string {
	want := n.ID
	for _, candidate := range []func(*dw.Node) string{r.outputStepID, r.branchStepID} {
		if !lang.ValidStepID(want) || r.ids[want] {
			want = candidate(n)
		}
	}
	if !lang.ValidStepID(want) || r.ids[want] {
		want = n.Name
	}
	if !lang.ValidStepID(want) {
		want = lang.StepIDFrom(n.Name)
	}
	if want == "" {
		want = lang.StepIDFrom(strings.ToLower(command(n)))
	}
	if want == "" {
		want = "node"
	}
	return r.ids.Take(want)
}

// localOutput is the local part of an output wfc named in this workflow (WORKFLOW.LOCAL),
// else the output as it is: an older wfc named outputs LOCAL alone.
func (r *reader) localOutput(data string) string {
	if local, ok := dw.LocalOutput(r.wf.Name, data); ok {
		return local
	}
	return data
}

// outputStepID is the step id a node's own output is named after (WORKFLOW.ID, as wfc
// compile writes it), "" when no output of the node is named so. A branch's outputs
// (WORKFLOW.ID.case1) are not its own: their local part has a dot.
func (r *reader) outputStepID(n *dw.Node) string {
	if n.Outputs == nil {
		return ""
	}
	for _, o := range n.Outputs.NodeOutputs {
		if local, ok := dw.LocalOutput(r.wf.Name, o.Data); ok && lang.ValidStepID(local) {
			return local
		}
	}
	return ""
}

// branchStepID is the step id a branch node's outputs are named after (ID.case1 …
// ID.default, after the workflow's name, as wfc compile writes them), which DataWorks keeps
// when it gives the node an id of its own; "" when they are named otherwise.
func (r *reader) branchStepID(n *dw.Node) string {
	if n.Branch == nil || len(n.Branch.Branches) == 0 {
		return ""
	}
	var id string
	for _, b := range n.Branch.Branches {
		if b.Output == nil {
			return ""
		}
		prefix, suffix, ok := strings.Cut(r.localOutput(b.Output.Data), ".")
		if !ok || (id != "" && prefix != id) || !(suffix == "default" || strings.HasPrefix(suffix, "case")) {
			return ""
		}
		id = prefix
	}
	return id
}

// parameters are a node's script parameters as with: name → value, nil when there are none
// or when a name repeats or a value is empty, which with cannot say (the platform block
// carries them as written then).
func parameters(vars []dw.Variable) json.RawMessage {
	if len(vars) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteByte('{')
	seen := map[string]bool{}
	for i, v := range vars {
		if seen[v.Name] || v.Value == "" {
			return nil
		}
		seen[v.Name] = true
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(jsonString(v.Name) + ":" + jsonString(v.Value))
	}
	b.WriteByte('}')
	return json.RawMessage(b.String())
}

// textDefault is a parameter's value as an input's default: a JSON string, nil when empty.
func textDefault(v string) json.RawMessage {
	if v == "" {
		return nil
	}
	return json.RawMessage(jsonString(v))
}

// jsonString is s as a JSON string, <, > and & as written.
func jsonString(s string) string {
	b, _ := marshal(s)
	return string(b)
}
