package secmaster

import (
	"regexp"
	"strings"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/jsonobj"
	"github.com/wfc-dev/wfc/workflow"
)

// A step's platform.secmaster block (workflow.Platform) is written back verbatim: its
// attributes onto the step's main element and its taskconfig members into the element's
// node_info or usertask_info entry, each replacing what wfc writes under the same name or
// added after it. wfc decompile fills the block from a workflow drawn in the console, so
// the workflow compiles back to what the console wrote even where the inferred mapping
// (secmaster_mapping.go) is wrong or incomplete.

// attrNamePattern is an XML attribute name with an optional prefix.
var attrNamePattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*(:[A-Za-z_][A-Za-z0-9_.-]*)?$`)

// structuralAttrs are the attributes the compiler decides from the workflow's structure,
// which a platform block may not set.
var structuralAttrs = map[string]bool{"id": true, "name": true, "default": true,
	"attachedToRef": true, "sourceRef": true, "targetRef": true, StepIDAttr: true}

func secmasterBlock(s *workflow.Step) *workflow.PlatformBlock {
	if s == nil || s.Platform == nil {
		return nil
	}
	return s.Platform.SecMaster
}

// withPlatformAttrs is attrs with node n's platform attributes applied, when n is a step's
// main element.
func withPlatformAttrs(attrs []bpmn.Attr, n *node) []bpmn.Attr {
	block := secmasterBlock(n.step)
	if block == nil || !isMainNode(n) {
		return attrs
	}
	for _, e := range block.Attributes {
		attrs = setAttr(attrs, e.Key.Value, e.Value.Text())
	}
	return attrs
}

func setAttr(attrs []bpmn.Attr, name, value string) []bpmn.Attr {
	for i := range attrs {
		if attrs[i].Name == name {
			attrs[i].Value = value
			return attrs
		}
	}
	return append(attrs, bpmn.Attr{Name: name, Value: value})
}

// withPlatformConfig is the taskconfig entry of step s with its platform members applied:
// entry itself when it has none. An entry that does not marshal is returned as it is, for
// Taskconfig.marshal to report.
func withPlatformConfig(entry any, s *workflow.Step) any {
	block := secmasterBlock(s)
	if block == nil || len(block.Taskconfig) == 0 {
		return entry
	}
	raw, err := marshal(entry)
	if err != nil {
		return entry
	}
	members, err := OrderedMembers(raw)
	if err != nil {
		return entry
	}
	obj := make(jsonobj.Object, 0, len(members)+len(block.Taskconfig))
	for _, m := range members {
		obj = append(obj, jsonobj.Member{Key: m.Key, Value: m.Value})
	}
	for _, e := range block.Taskconfig {
		obj = setMember(obj, e.Key.Value, e.Value.JSON())
	}
	return obj
}

func setMember(obj jsonobj.Object, key string, v any) jsonobj.Object {
	for i := range obj {
		if obj[i].Key == key {
			obj[i].Value = v
			return obj
		}
	}
	return append(obj, jsonobj.Member{Key: key, Value: v})
}

// platformErrors reports platform blocks the compiler cannot write back: an attribute in a
// namespace the document does not declare or one the structure decides, and taskconfig
// members on a step whose element has no taskconfig entry.
func platformErrors(w *workflow.Workflow) diag.List {
	declared := map[string]bool{"": true}
	for _, ns := range secmasterNamespaces {
		declared[strings.TrimPrefix(ns.Name, "xmlns:")] = true
	}
	var out diag.List
	for _, s := range w.AllSteps() {
		if s.Platform != nil && s.Platform.DataWorks != nil {
			out = append(out, diag.Errorf(s.Platform.DataWorks.Range, diag.RuleCompile, "step %q has a platform.dataworks block, which target secmaster does not read (it is what a DataWorks node carries); remove it", s.ID.Value))
		}
		block := secmasterBlock(s)
		if block == nil {
			continue
		}
		for _, e := range block.Attributes {
			name := e.Key.Value
			prefix, _, found := strings.Cut(name, ":")
			switch {
			case !attrNamePattern.MatchString(name):
				out = append(out, diag.Errorf(e.Key.Range, diag.RuleCompile, "%q is not an XML attribute name", name))
			case structuralAttrs[name] || strings.HasPrefix(name, "xmlns"):
				out = append(out, diag.Errorf(e.Key.Range, diag.RuleCompile, "platform.secmaster cannot set %s: wfc writes it from the workflow's structure", name))
			case found && !declared[prefix]:
				out = append(out, diag.Errorf(e.Key.Range, diag.RuleCompile, "attribute %s is in namespace %q, which SecMaster's taskflows do not declare; use soar:, flowable: or no prefix", name, prefix))
			}
		}
		if len(block.Taskconfig) > 0 && s.Body != nil && !hasTaskconfigEntry(s) {
			out = append(out, diag.Errorf(block.Range, diag.RuleCompile,
				"a %s step has no taskconfig entry to add members to; only action, approval and workflow steps do", s.Body.Key()))
		}
	}
	return out
}

// hasTaskconfigEntry reports whether step s compiles to an element with a taskconfig entry.
func hasTaskconfigEntry(s *workflow.Step) bool {
	switch s.Body.(type) {
	case *workflow.Action, *workflow.Approval, *workflow.Call:
		return true
	case *workflow.Switch, *workflow.Parallel, *workflow.Wait:
		return false // gateways and timer events have no entry
	case *workflow.Run:
		return false // DataWorks's: Check reports it as no kind SecMaster runs
	}
	return false
}
