package dataworks

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/jsonobj"
	"github.com/wfc-dev/wfc/workflow"
)

// A step's platform.dataworks block (workflow.Platform) holds members of its FlowSpec node
// that the language does not model (owner, metadata, a node's own trigger, script.id …) or
// that DataWorks spells otherwise than wfc would (timeout: 0). wfc decompile fills it from a
// definition read back from DataWorks; the compiler merges it into the node it writes, as a
// JSON merge patch (RFC 7386): an object member by member, null removing a member, anything
// else replacing it. So a deployed workflow compiles back to what DataWorks holds.

// structuralMembers are the node members the compiler decides from the workflow's
// structure (the dependencies name the node's id and outputs), which a block may not set.
var structuralMembers = map[string]bool{"id": true, "name": true, "outputs": true, "branch": true, "join": true}

// platformErrors reports the members of platform.dataworks blocks that may not be set.
func platformErrors(s *workflow.Step) diag.List {
	if s.Platform == nil || s.Platform.DataWorks == nil {
		return nil
	}
	var out diag.List
	for _, e := range s.Platform.DataWorks.Members {
		if structuralMembers[e.Key.Value] {
			out = append(out, diag.Errorf(e.Key.Range, diag.RuleCompile,
				"platform.dataworks cannot set %s: wfc writes it from the workflow's structure", e.Key.Value))
		}
	}
	return out
}

// withPlatform is node n with step s's platform.dataworks members merged in; n itself when
// the step has none.
func withPlatform(n Node, s *workflow.Step) (Node, error) {
	if s.Platform == nil || s.Platform.DataWorks == nil || len(s.Platform.DataWorks.Members) == 0 {
		return n, nil
	}
	patch := make(jsonobj.Object, 0, len(s.Platform.DataWorks.Members))
	for _, e := range s.Platform.DataWorks.Members {
		patch = append(patch, jsonobj.Member{Key: e.Key.Value, Value: e.Value.JSON()})
	}
	raw, err := encode(n, "")
	if err != nil {
		return n, err
	}
	merged, err := mergePatch(raw, patch)
	if err != nil {
		return n, fmt.Errorf("step %q: platform.dataworks: %v", s.ID.Value, err)
	}
	var out Node
	if err := json.Unmarshal(merged, &out); err != nil {
		return n, fmt.Errorf("step %q: platform.dataworks does not give a FlowSpec node: %v", s.ID.Value, decodeError(err))
	}
	return out, nil
}

// mergePatch applies a JSON merge patch (a value as workflow.Value.JSON gives it) to target.
// Members keep their places; added ones follow in the patch's order, so a member carried
// verbatim is written as it was read.
func mergePatch(target json.RawMessage, patch any) (json.RawMessage, error) {
	obj, isObject := patch.(jsonobj.Object)
	if !isObject {
		return encode(patch, "")
	}
	members, err := orderedMembers(target)
	if err != nil {
		return nil, err
	}
	for _, m := range obj {
		i := slices.IndexFunc(members, func(x jsonobj.Member) bool { return x.Key == m.Key })
		if m.Value == nil {
			if i >= 0 {
				members = slices.Delete(members, i, i+1)
			}
			continue
		}
		var old json.RawMessage
		if i >= 0 {
			old = members[i].Value.(json.RawMessage)
		}
		v, err := mergePatch(old, m.Value)
		if err != nil {
			return nil, err
		}
		if i >= 0 {
			members[i].Value = v
		} else {
			members = append(members, jsonobj.Member{Key: m.Key, Value: v})
		}
	}
	return encode(jsonobj.Object(members), "")
}

// orderedMembers are the members of a JSON object in document order, each value raw; none
// when target is not an object.
func orderedMembers(target json.RawMessage) ([]jsonobj.Member, error) {
	if len(target) == 0 || target[0] != '{' {
		return nil, nil
	}
	var out []jsonobj.Member
	err := jsonobj.RawMembers(target, func(k string, v json.RawMessage) {
		out = append(out, jsonobj.Member{Key: k, Value: v})
	})
	return out, err
}
