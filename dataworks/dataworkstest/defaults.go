package dataworkstest

import "encoding/json"

// Members the service fills in on import when a spec leaves them out, as the server-side
// example of the 2024-05-18 API shows a stored workflow (sdk-import-example.json in the
// project's DataWorks reference material): an owner, scheduling defaults on each node, the
// start and end of each trigger, an empty inputs, a default output named by the object's own
// id, and an id for each script. A client comparing what it sent with what is stored must not
// take these for changes.
var (
	nodeDefaults = obj{
		"recurrence": "Normal", "instanceMode": "T+1", "rerunMode": "Allowed",
		"rerunTimes": json.Number("3"), "rerunInterval": json.Number("180000"), "timeout": json.Number("0"),
	}
	triggerDefaults = obj{"startTime": "1970-01-01 00:00:00", "endTime": "9999-01-01 00:00:00", "delaySeconds": json.Number("0")}
)

// fillServerDefaults adds those members to a stored workflow whose ids are assigned, mirrors
// each dependency into its node's inputs (as the stored specs of the dataworks-spec migration
// tests show), and drops the node members Options.DroppedNodeFields names.
func (e *Emulator) fillServerDefaults(wf obj) {
	defer mirrorDependencies(wf)
	fillObject(wf, e)
	for _, n := range wf["nodes"].([]any) {
		node := n.(obj)
		for _, k := range e.opts.DroppedNodeFields {
			delete(node, k)
		}
		fillObject(node, e)
		for k, v := range nodeDefaults {
			setIfAbsent(node, k, v)
		}
		if script, ok := node["script"].(obj); ok {
			if id, _ := script["id"].(string); !idPattern.MatchString(id) {
				script["id"] = e.newID()
			}
		}
	}
}

// fillObject adds what a workflow and a node share: owner, inputs, the default output and the
// trigger's bounds.
func fillObject(o obj, e *Emulator) {
	setIfAbsent(o, "owner", owner)
	setIfAbsent(o, "inputs", obj{})
	addDefaultOutput(o)
	if trig, ok := o["trigger"].(obj); ok {
		for k, v := range triggerDefaults {
			setIfAbsent(trig, k, v)
		}
		if id, _ := trig["id"].(string); !idPattern.MatchString(id) {
			trig["id"] = e.newID()
		}
	}
}

// addDefaultOutput gives o the output named by its own id, unless it has it: the service
// generates one for every node and keeps the outputs a spec declares besides (DataWorks'
// scheduling docs: it "automatically generates two outputs for each node", and "a node can
// have multiple output names"; the stored specs name the generated one by the node's id,
// isDefault true).
func addDefaultOutput(o obj) {
	outs, _ := o["outputs"].(obj)
	if outs == nil {
		outs = obj{}
		o["outputs"] = outs
	}
	list, _ := outs["nodeOutputs"].([]any)
	if hasOutput(list, o["id"].(string)) {
		return
	}
	def := obj{"data": o["id"], "artifactType": "NodeOutput", "refTableName": o["name"]}
	if len(list) > 0 {
		def["isDefault"] = true // marks it among the declared ones
	}
	outs["nodeOutputs"] = append(list, def)
}

func setIfAbsent(o obj, key string, v any) {
	if _, ok := o[key]; !ok {
		o[key] = v
	}
}

// mirrorDependencies lists each upstream output of a dependency in the downstream node's
// inputs.nodeOutputs, unless it is there already.
func mirrorDependencies(wf obj) {
	nodes := map[string]obj{}
	for _, n := range wf["nodes"].([]any) {
		nodes[n.(obj)["id"].(string)] = n.(obj)
	}
	deps, _ := wf["dependencies"].([]any)
	for _, d := range deps {
		dep := d.(obj)
		down := nodes[nested(dep, "nodeId")]
		if down == nil {
			continue
		}
		inputs, _ := down["inputs"].(obj)
		if inputs == nil {
			inputs = obj{}
			down["inputs"] = inputs
		}
		list, _ := inputs["nodeOutputs"].([]any)
		for _, u := range dep["depends"].([]any) {
			up := u.(obj)
			out := nested(up, "output")
			if out == "" {
				out = nested(up, "nodeId")
			}
			if out == "" || hasOutput(list, out) {
				continue
			}
			list = append(list, obj{"data": out, "artifactType": "NodeOutput", "isDefault": true})
		}
		if list != nil {
			inputs["nodeOutputs"] = list
		}
	}
}

func hasOutput(list []any, data string) bool {
	for _, item := range list {
		if o, ok := item.(obj); ok && o["data"] == data {
			return true
		}
	}
	return false
}
