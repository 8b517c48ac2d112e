package deploy

import (
	"encoding/json"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// dependsOnField is the pseudo-field that holds a node's upstream nodes: FlowSpec keeps them in
// the workflow's dependencies list, keyed by node id; a plan shows them on the node.
const dependsOnField = "depends on"

// view is a document reduced to what a person changes: no ids, references to a node's id
// replaced by the node's name, dependencies moved onto their node, nodes keyed by name.
type view struct {
	workflow obj
	nodes    map[string]obj
}

// referenceKeys are the members whose string value may be the id of a node or of the workflow
// (an output's data, a dependency's nodeId and output): ids differ between the compiled and the
// deployed document, the names they stand for do not.
var referenceKeys = map[string]bool{"nodeId": true, "output": true, "data": true}

// serverOwned are members the service adds or derives (commandTypeId is the numeric code of
// script.runtime.command; isDefault marks the default output); a deployed-only one is not a
// change, whatever its value.
var serverOwned = map[string]bool{"owner": true, "metadata": true, "createTime": true, "modifyTime": true, "uuid": true, "commandTypeId": true, "isDefault": true}

// serverDefaults are the values the service fills in for members a spec leaves out, as the
// server-side example of the 2024-05-18 API shows them (sdk-import-example.json in the project's
// DataWorks reference material): a deployed-only member holding its default is not a change.
var serverDefaults = map[string]string{
	"startTime":       `"1970-01-01 00:00:00"`,
	"endTime":         `"9999-01-01 00:00:00"`,
	"delaySeconds":    `0`,
	"timeout":         `0`,
	"recurrence":      `"Normal"`,
	"instanceMode":    `"T+1"`,
	"rerunMode":       `"Allowed"`,
	"rerunTimes":      `3`,
	"rerunInterval":   `180000`,
	"failureStrategy": `"Break"`,
}

// viewOf builds d's view.
func viewOf(d *document) view {
	refs := map[string]string{}
	if id := idOf(d.wf); id != "" {
		refs[id] = "workflow " + d.name()
	}
	for _, n := range d.nodes {
		if id := idOf(n); id != "" {
			refs[id] = n["name"].(string)
		}
	}
	v := view{workflow: canon(without(d.wf, "id", "nodes", "dependencies"), refs).(obj), nodes: map[string]obj{}}
	dropDefaultOutput(v.workflow, refs[idOf(d.wf)])
	v.workflow["kind"] = d.kind()
	if spec, ok := d.root["spec"].(obj); ok {
		for k, val := range without(spec, "id", "workflows") {
			v.workflow["spec."+k] = canon(val, refs)
		}
	}
	for _, n := range d.nodes {
		name := n["name"].(string)
		v.nodes[name] = canon(without(n, "id"), refs).(obj)
		dropDefaultOutput(v.nodes[name], refs[idOf(n)])
	}
	labels := upstreamLabels(d, refs)
	addDependencies(v, d.wf["dependencies"], labels)
	for _, n := range v.nodes {
		foldInputDependencies(n, labels)
	}
	return v
}

// upstreamLabels are refs and, for each node, its own outputs (all but a branch's), which name
// the node for its dependents: a dependency on WORKFLOW.extract is shown, and compared, as one
// on the node named extract. The outputs themselves are compared as written, since they carry
// the step id.
func upstreamLabels(d *document, refs map[string]string) map[string]string {
	labels := maps.Clone(refs)
	for _, n := range d.nodes {
		branchOutputs := map[string]bool{}
		branch, _ := n["branch"].(obj)
		cases, _ := branch["branches"].([]any)
		for _, c := range cases {
			b, _ := c.(obj)
			out, _ := b["output"].(obj)
			if data, ok := out["data"].(string); ok {
				branchOutputs[data] = true
			}
		}
		for _, data := range outputData(n) {
			if _, taken := labels[data]; !taken && !branchOutputs[data] {
				labels[data] = n["name"].(string)
			}
		}
	}
	return labels
}

// outputData are the data of an object's outputs.nodeOutputs.
func outputData(o obj) []string {
	outs, _ := o["outputs"].(obj)
	list, _ := outs["nodeOutputs"].([]any)
	var out []string
	for _, item := range list {
		entry, _ := item.(obj)
		if data, ok := entry["data"].(string); ok && data != "" {
			out = append(out, data)
		}
	}
	return out
}

// foldInputDependencies moves a node's inputs.nodeOutputs (the outputs it consumes) onto its
// "depends on" list: the service mirrors each dependency into the downstream node's inputs
// (the stored specs in testdata/server, the project root dw_scheduler_pre_root included), and
// an older form of FlowSpec states dependencies there alone, so either way they compare as the
// same dependency. An upstream already listed (with any type) is not listed again; entries
// without a data string stay in inputs. labels name an upstream output's node.
func foldInputDependencies(node obj, labels map[string]string) {
	inputs, _ := node["inputs"].(obj)
	list, _ := inputs["nodeOutputs"].([]any)
	if list == nil {
		return
	}
	deps, _ := node[dependsOnField].([]any)
	var kept []any
	for _, item := range list {
		entry, _ := item.(obj)
		data, isString := entry["data"].(string)
		if !isString || data == "" {
			kept = append(kept, item)
			continue
		}
		up := data
		if strings.HasPrefix(up, "{") && strings.HasSuffix(up, "}") {
			up = up[1 : len(up)-1] // a reference, by the name it stands for
		} else if name, ok := labels[up]; ok {
			up = name
		}
		if !slices.ContainsFunc(deps, func(d any) bool { return d == up || strings.HasPrefix(d.(string), up+" (") }) {
			deps = append(deps, up)
		}
	}
	inputs["nodeOutputs"] = kept
	if len(kept) == 0 {
		delete(inputs, "nodeOutputs")
	}
	if len(deps) > 0 {
		sort.Slice(deps, func(i, j int) bool { return deps[i].(string) < deps[j].(string) })
		node[dependsOnField] = deps
	}
}

// dropDefaultOutput removes from a canonical object's outputs the output named by its own id,
// which the service gives every workflow and node (sdk-import-example.json; its refTableName,
// isDefault and id vary from one server version to another), and the outputs member when
// nothing else is left. self is the object's reference label.
func dropDefaultOutput(o obj, self string) {
	outs, _ := o["outputs"].(obj)
	list, _ := outs["nodeOutputs"].([]any)
	if self == "" || list == nil {
		return
	}
	var kept []any
	for _, item := range list {
		if out, _ := item.(obj); out == nil || out["data"] != "{"+self+"}" {
			kept = append(kept, item)
		}
	}
	outs["nodeOutputs"] = kept
	if len(kept) == 0 {
		delete(outs, "nodeOutputs")
	}
	if len(outs) == 0 {
		delete(o, "outputs")
	}
}

// addDependencies puts each dependencies entry on its downstream node as a sorted list of
// upstream names ("extract", or "extract (CrossCycleDependsOnSelf)" for a type other than
// Normal). An entry for no known node stays on the workflow.
func addDependencies(v view, raw any, refs map[string]string) {
	list, _ := raw.([]any)
	for _, item := range list {
		dep, ok := item.(obj)
		if !ok {
			continue
		}
		down := resolve(dep["nodeId"], refs)
		var ups []string
		ons, _ := dep["depends"].([]any)
		for _, on := range ons {
			if o, ok := on.(obj); ok {
				ups = append(ups, upstreamLabel(o, refs))
			}
		}
		if len(ups) == 0 {
			continue
		}
		target, field := v.nodes[down], dependsOnField
		if target == nil {
			target, field = v.workflow, "dependencies of "+down
		}
		prev, _ := target[field].([]any)
		for _, u := range ups {
			prev = append(prev, u)
		}
		sort.Slice(prev, func(i, j int) bool { return prev[i].(string) < prev[j].(string) })
		target[field] = prev
	}
}

func upstreamLabel(o obj, refs map[string]string) string {
	up := o["output"]
	if s, _ := up.(string); s == "" {
		up = o["nodeId"]
	}
	label := resolve(up, refs)
	if typ, _ := o["type"].(string); typ != "" && typ != "Normal" {
		label += " (" + typ + ")"
	}
	return label
}

// resolve is the name an id stands for, or the value itself.
func resolve(v any, refs map[string]string) string {
	s, _ := v.(string)
	if name, ok := refs[s]; ok {
		return name
	}
	return s
}

// canon copies a decoded JSON value for comparison: ids dropped, references replaced by the
// name they stand for in braces, numbers in one spelling, script content without trailing
// blanks or carriage returns.
func canon(v any, refs map[string]string) any {
	switch v := v.(type) {
	case obj:
		out := obj{}
		for k, val := range v {
			switch s, isString := val.(string); {
			case k == "id":
			case isString && referenceKeys[k] && refs[s] != "":
				out[k] = "{" + refs[s] + "}"
			case isString && k == "content":
				out[k] = normaliseContent(s)
			default:
				out[k] = canon(val, refs)
			}
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, val := range v {
			out[i] = canon(val, refs)
		}
		return out
	case json.Number:
		return canonNumber(v)
	}
	return v
}

// normaliseContent ignores what editors and the service change without meaning to: CRLF line
// ends and trailing blank space.
func normaliseContent(s string) string {
	return strings.TrimRight(strings.ReplaceAll(s, "\r\n", "\n"), " \t\r\n")
}

func canonNumber(n json.Number) json.Number {
	if i, err := strconv.ParseInt(n.String(), 10, 64); err == nil {
		return json.Number(strconv.FormatInt(i, 10))
	}
	if f, err := strconv.ParseFloat(n.String(), 64); err == nil {
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
	}
	return n
}

func without(o obj, keys ...string) obj {
	out := obj{}
	for k, v := range o {
		if !slices.Contains(keys, k) {
			out[k] = v
		}
	}
	return out
}
