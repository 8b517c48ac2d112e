package dataworks

import (
	"encoding/json"
	"fmt"
	"sort"

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
func mergePatch(target json.RawMessage, patch any) (json.RawMessage, error) {
	obj, isObject := patch.(jsonobj.Object)
	if !isObject {
		return encode(patch, "")
	}
	members := map[string]json.RawMessage{}
	if len(target) > 0 && target[0] == '{' {
		if err := json.Unmarshal(target, &members); err != nil {
			return nil, err
		}
	}
	for _, m := range obj {
		if m.Value == nil {
			delete(members, m.Key)
			continue
		}
		v, err := mergePatch(members[m.Key], m.Value)
		if err != nil {
			return nil, err
		}
		members[m.Key] = v
	}
	keys := make([]string, 0, len(members))
	for k := range members {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make(jsonobj.Object, 0, len(keys))
	for _, k := range keys {
		out = append(out, jsonobj.Member{Key: k, Value: members[k]})
	}
	return encode(out, "")
}
