package deploy

import (
	"encoding/json"
	"fmt"
	"sort"
)

// Change is one field that differs, in FlowSpec terms: Field is the path inside the workflow or
// the node ("script.content", "trigger.cron", "depends on"); Old is the deployed value and New
// the compiled one, as JSON, each omitted when the field is absent on that side.
type Change struct {
	Field string          `json:"field"`
	Old   json.RawMessage `json:"old,omitempty"`
	New   json.RawMessage `json:"new,omitempty"`
}

// NodeChange is one node added, removed or changed, by name.
type NodeChange struct {
	Node   string   `json:"node"`
	Change string   `json:"change"` // added, removed, changed
	Fields []Change `json:"fields,omitempty"`
}

// Node change kinds.
const (
	NodeAdded   = "added"
	NodeRemoved = "removed"
	NodeChanged = "changed"
)

// compare returns the workflow-level changes and the node changes (sorted by node name) that
// turn deployed into local.
func compare(local, deployed view) ([]Change, []NodeChange) {
	var wf []Change
	diffValue("", local.workflow, deployed.workflow, &wf)
	var nodes []NodeChange
	for _, name := range unionKeys(local.nodes, deployed.nodes) {
		l, inLocal := local.nodes[name]
		d, deployedToo := deployed.nodes[name]
		switch {
		case !deployedToo:
			nodes = append(nodes, NodeChange{Node: name, Change: NodeAdded})
		case !inLocal:
			nodes = append(nodes, NodeChange{Node: name, Change: NodeRemoved})
		default:
			var fields []Change
			diffValue("", l, d, &fields)
			if len(fields) > 0 {
				nodes = append(nodes, NodeChange{Node: name, Change: NodeChanged, Fields: fields})
			}
		}
	}
	return wf, nodes
}

// diffValue appends the differences between the local and deployed values at path. Objects are
// compared member by member and arrays of equal length element by element, so a change is
// reported at the deepest path that holds it. A member present on one side only is a change
// unless it is deployed-only and a server-owned member or a server default. An empty value
// (null, "", {}, []) counts as absent.
func diffValue(path string, local, deployed any, out *[]Change) {
	lo, lok := local.(obj)
	do, dok := deployed.(obj)
	if lok && dok {
		for _, k := range unionKeys(lo, do) {
			lv, inLocal := lo[k]
			dv, inDeployed := do[k]
			inLocal, inDeployed = inLocal && !isEmpty(lv), inDeployed && !isEmpty(dv)
			switch {
			case !inLocal && !inDeployed:
			case !inLocal && serverAdded(k, dv):
			case !inLocal:
				*out = append(*out, Change{Field: join(path, k), Old: encode(dv)})
			case !inDeployed:
				*out = append(*out, Change{Field: join(path, k), New: encode(lv)})
			default:
				diffValue(join(path, k), lv, dv, out)
			}
		}
		return
	}
	la, laok := local.([]any)
	da, daok := deployed.([]any)
	if laok && daok && len(la) == len(da) {
		for i := range la {
			diffValue(fmt.Sprintf("%s[%d]", path, i), la[i], da[i], out)
		}
		return
	}
	if l, d := encode(local), encode(deployed); string(l) != string(d) {
		*out = append(*out, Change{Field: path, Old: d, New: l})
	}
}

// isEmpty reports whether v says nothing: null, "", [], or an object whose members are all
// empty ({"nodeOutputs": []}).
func isEmpty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return v == ""
	case []any:
		return len(v) == 0
	case obj:
		for _, m := range v {
			if !isEmpty(m) {
				return false
			}
		}
		return true
	}
	return false
}

// serverAdded reports whether a deployed-only member key: v is the service's doing: a
// server-owned member, a server default, or an object holding nothing else (a strategy of
// defaults only).
func serverAdded(key string, v any) bool {
	if serverOwned[key] || isServerDefault(key, v) || isEmpty(v) {
		return true
	}
	o, ok := v.(obj)
	if !ok {
		return false
	}
	for k, m := range o {
		if !serverAdded(k, m) {
			return false
		}
	}
	return true
}

func isServerDefault(key string, v any) bool {
	def, ok := serverDefaults[key]
	return ok && string(encode(v)) == def
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func unionKeys[V any](a, b map[string]V) []string {
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, dup := a[k]; !dup {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}
