package decompile

import (
	"bytes"
	"encoding/json"
	"reflect"

	"github.com/wfc-dev/wfc/bpmn"
	lang "github.com/wfc-dev/wfc/decompile"
	"github.com/wfc-dev/wfc/internal/jsonobj"
	smtarget "github.com/wfc-dev/wfc/target/secmaster"
)

// carryDifferences compiles the workflow as read so far and, for every step whose compiled
// element or taskconfig entry says something else than the input does (a value the console
// spells otherwise, an attribute and an entry member that disagree), adds the input's
// attribute or member to the step's platform block. Compiling the YAML then writes back
// what the input holds, whatever the inferred mapping makes of it.
func (r *reader) carryDifferences(w *lang.Workflow) {
	if r.diags.HasErrors() {
		return // the YAML may not compile; what is lost is reported already
	}
	for _, n := range r.steps() {
		n.step.Platform = r.platformOf(n)
	}
	body, err := lang.Format(w)
	if err != nil {
		return
	}
	res, diags := smtarget.CompileFile("decompiled.yaml", body, smtarget.Options{})
	if res == nil || diags.HasErrors() {
		return
	}
	compiled := compiledByStep(res.Defs)
	entries := map[string]any{}
	for _, obj := range []jsonobj.Object{res.Taskconfig.NodeInfo, res.Taskconfig.UsertaskInfo} {
		for _, m := range obj {
			entries[m.Key] = m.Value
		}
	}
	for _, n := range r.steps() {
		el := compiled[n.step.ID]
		if el == nil {
			continue
		}
		n.extra.Attrs = carryAttrs(n.el, el, n.extra.Attrs)
		if orig, ok := r.entry(n.el.ID); ok {
			n.extra.Config = carryMembers(orig, entries[el.ID], n.extra.Config)
		}
	}
}

// compiledByStep finds each step's main element in a compiled model: by its wfc:step
// attribute, else by its label, which is then the step id.
func compiledByStep(defs *bpmn.Definitions) map[string]*bpmn.Element {
	out := map[string]*bpmn.Element{}
	for _, proc := range defs.Element.Children {
		for _, el := range proc.Children {
			if !el.Is("FlowNode") {
				continue
			}
			if id := attrValue(el, smtarget.StepIDAttr); id != "" {
				out[id] = el
			} else if _, taken := out[el.Name]; !taken && lang.ValidStepID(el.Name) {
				out[el.Name] = el
			}
		}
	}
	return out
}

func (r *reader) entry(id string) (json.RawMessage, bool) {
	if raw, ok := r.tc.NodeInfo[id]; ok {
		return raw, true
	}
	raw, ok := r.tc.UsertaskInfo[id]
	return raw, ok
}

// carryAttrs adds to extra every attribute of orig that compiled lacks or has otherwise.
func carryAttrs(orig, compiled *bpmn.Element, extra []bpmn.Attr) []bpmn.Attr {
	for _, a := range otherAttrs(orig) {
		if v, ok := attrOf(compiled, a.Name); ok && v == a.Value {
			continue
		}
		extra = setByKey(extra, a, attrName)
	}
	return extra
}

func attrOf(el *bpmn.Element, name string) (string, bool) {
	for _, a := range el.Attrs {
		if a.Name == name {
			return a.Value, true
		}
	}
	return "", false
}

// setByKey replaces the item of list with item's key, or appends item.
func setByKey[T any](list []T, item T, key func(T) string) []T {
	for i := range list {
		if key(list[i]) == key(item) {
			list[i] = item
			return list
		}
	}
	return append(list, item)
}

func attrName(a bpmn.Attr) string           { return a.Name }
func memberKey(m smtarget.RawMember) string { return m.Key }

// carryMembers adds to extra every member of the input's entry that the compiled entry
// lacks or has otherwise; on_error_node holds an element id, which compiling renames.
func carryMembers(orig json.RawMessage, compiled any, extra []smtarget.RawMember) []smtarget.RawMember {
	members, err := smtarget.OrderedMembers(orig)
	if err != nil {
		return extra
	}
	got := map[string]any{}
	if b, err := marshalNoEscape(compiled); err == nil {
		_ = decodeNumbers(b, &got)
	}
	for _, m := range members {
		if m.Key == "on_error_node" {
			continue
		}
		var want any
		if decodeNumbers(m.Value, &want) != nil {
			continue
		}
		if g, ok := got[m.Key]; ok && reflect.DeepEqual(g, want) {
			continue
		}
		extra = setByKey(extra, m, memberKey)
	}
	return extra
}

func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return b.Bytes(), err
}

func decodeNumbers(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return dec.Decode(v)
}
