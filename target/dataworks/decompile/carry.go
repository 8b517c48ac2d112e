package decompile

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"

	lang "github.com/wfc-dev/wfc/decompile"
	"github.com/wfc-dev/wfc/internal/jsonobj"
	"github.com/wfc-dev/wfc/target"
	dw "github.com/wfc-dev/wfc/target/dataworks"
)

// carryDifferences compiles the workflow as read so far and, for every step whose compiled
// node says something else than the input's (a member wfc does not model, a value DataWorks
// spells otherwise), puts the difference in the step's platform.dataworks block, as the
// merge patch that turns the compiled node into the input's. Compiling the YAML then writes
// back what DataWorks holds. What differs that no step carries (a workflow member, a branch
// condition wfc writes otherwise) is reported.
func (r *reader) carryDifferences(w *lang.Workflow) {
	if r.diags.HasErrors() {
		return // the YAML may not compile; what is lost is reported already
	}
	doc, err := r.compile(w)
	if err != nil {
		r.fail(nil, "the decompiled workflow does not compile, so what the input holds there cannot be carried: %v", err)
		return
	}
	compiled := map[string]*dw.Node{}
	wf := &doc.Spec.Workflows[0]
	for i := range wf.Nodes {
		compiled[wf.Nodes[i].ID] = &wf.Nodes[i]
	}
	for _, g := range r.gr.nodes {
		if g.kind == kindJoin {
			r.reportJoinDifferences(g, compiled)
		}
		if g.step == nil || compiled[g.step.ID] == nil {
			continue
		}
		c := compiled[g.step.ID]
		if g.kind == kindBranch && !sameConditions(g.n, c) {
			r.fail(g, "%s: its branch conditions are not what wfc writes for a switch: DataWorks takes every branch whose condition holds, wfc the first, so it writes each condition \"and not\" the earlier ones, and adds a default branch; --force writes the switch, which then compiles that way (the same runs as long as at most one condition holds at a time)", describe(g.n))
		}
		orig, _ := marshal(g.n)
		got, _ := marshal(c)
		if patch := diff(orig, got, structural); len(patch) > 0 {
			g.step.Platform = &lang.Platform{Target: dw.Name, Members: patch}
		}
	}
	r.reportWorkflowDifferences(wf)
}

// reportJoinDifferences warns about what a join node holds beyond what wfc writes for it
// (DataWorks' owner, ids and defaults): a join has no step, so no block carries it.
func (r *reader) reportJoinDifferences(g *gnode, compiled map[string]*dw.Node) {
	var c *dw.Node
	for _, dep := range r.gr.nodes {
		if dep.step != nil && slices.Equal(dep.arrival, g.ways) {
			c = compiled[dep.step.ID+".join"]
		}
	}
	if c == nil {
		return
	}
	orig, _ := marshal(g.n)
	got, _ := marshal(c)
	var names []string
	for _, m := range diff(orig, got, structural) {
		names = append(names, memberPaths(m, "")...)
	}
	if len(names) > 0 {
		r.warn(g, "not carried: join %s's %s, which no step holds (a join is where paths meet; DataWorks fills these in when it deploys)", describe(g.n), strings.Join(names, ", "))
	}
}

// structural are the node members the dependencies refer to, which the compiler decides.
var structural = map[string]bool{"id": true, "name": true, "outputs": true, "branch": true, "join": true}

// compile compiles w as `wfc compile` would, its scripts inline.
func (r *reader) compile(w *lang.Workflow) (*dw.Document, error) {
	body, err := lang.Format(w)
	if err != nil {
		return nil, err
	}
	u := target.BuildFor(dw.Name, "decompiled.yaml", body, target.Options{})
	if u.Artifact == nil {
		return nil, u.Diags
	}
	return u.Artifact.(*dw.Artifact).Doc, nil
}

func sameConditions(orig, compiled *dw.Node) bool {
	if orig.Branch == nil || compiled.Branch == nil || len(orig.Branch.Branches) != len(compiled.Branch.Branches) {
		return false
	}
	for i, b := range orig.Branch.Branches {
		if b.When != compiled.Branch.Branches[i].When {
			return false
		}
	}
	return true
}

// reportWorkflowDifferences warns about each member of the workflow (not its nodes and
// dependencies, which the steps carry) that compiling the YAML does not reproduce: the
// language has no place for it (an id DataWorks gave, a strategy's instanceMode, owner).
func (r *reader) reportWorkflowDifferences(compiled *dw.Workflow) {
	strip := func(wf dw.Workflow) []byte {
		wf.Nodes, wf.Dependencies = nil, nil
		b, _ := marshal(wf)
		return b
	}
	patch := diff(strip(*r.wf), strip(*compiled), nil)
	var names []string
	for _, m := range patch {
		names = append(names, memberPaths(m, "")...)
	}
	if len(names) > 0 {
		r.warn(nil, "not carried: the workflow's %s, which the language has no key for (DataWorks sets them when it deploys)", strings.Join(names, ", "))
	}
}

// memberPaths lists the members a patch sets, as dotted paths.
func memberPaths(m lang.Member, prefix string) []string {
	path := prefix + m.Key
	inner, err := members(m.Value)
	if err != nil || len(inner) == 0 {
		return []string{path}
	}
	var out []string
	for _, i := range inner {
		out = append(out, memberPaths(i, path+".")...)
	}
	return out
}

// diff is the merge patch that turns the JSON object got into orig: orig's members that got
// lacks or has otherwise (objects compared member by member), and null for got's members
// that orig lacks; skip names top-level members left out.
func diff(orig, got json.RawMessage, skip map[string]bool) []lang.Member {
	om, err := members(orig)
	if err != nil {
		return nil
	}
	gm, err := members(got)
	if err != nil {
		return nil
	}
	byKey := map[string]json.RawMessage{}
	for _, m := range gm {
		byKey[m.Key] = m.Value
	}
	var out []lang.Member
	for _, m := range om {
		if skip[m.Key] {
			continue
		}
		g, ok := byKey[m.Key]
		delete(byKey, m.Key)
		switch {
		case ok && equalJSON(m.Value, g):
		case ok && isObject(m.Value) && isObject(g):
			out = append(out, lang.Member{Key: m.Key, Value: object(diff(m.Value, g, nil))})
		default:
			out = append(out, m)
		}
	}
	for _, m := range gm {
		if _, left := byKey[m.Key]; left && !skip[m.Key] {
			out = append(out, lang.Member{Key: m.Key, Value: json.RawMessage("null")})
		}
	}
	return out
}

// members are a JSON object's members in document order.
func members(raw json.RawMessage) ([]lang.Member, error) {
	var out []lang.Member
	err := jsonobj.RawMembers(raw, func(k string, v json.RawMessage) {
		out = append(out, lang.Member{Key: k, Value: v})
	})
	return out, err
}

func isObject(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) > 0 && t[0] == '{'
}

// object writes members as a JSON object.
func object(ms []lang.Member) json.RawMessage {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range ms {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := marshal(m.Key)
		b.Write(k)
		b.WriteByte(':')
		b.Write(m.Value)
	}
	b.WriteByte('}')
	return b.Bytes()
}

func equalJSON(a, b json.RawMessage) bool {
	var x, y any
	if decodeNumbers(a, &x) != nil || decodeNumbers(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

func decodeNumbers(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return dec.Decode(v)
}

// marshal is v as compact JSON, <, > and & as written.
func marshal(v any) (json.RawMessage, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
