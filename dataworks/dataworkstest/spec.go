package dataworkstest

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/wfc-dev/wfc/dataworks"
)

// Enumerations of the FlowSpec schema (aliyun/dataworks-spec, schema/*.schema.json).
var (
	specVersions    = []string{"1.0.0", "1.1.0", "1.2.0"}
	workflowKinds   = []string{dataworks.TypeCycleWorkflow, dataworks.TypeManualWorkflow}
	triggerTypes    = []string{"Scheduler", "Manual"}
	dependencyTypes = []string{"Normal", "CrossCycleDependsOnSelf", "CrossCycleDependsOnChildren", "CrossCycleDependsOnOtherNode"}
)

// obj is a decoded JSON object; numbers stay json.Number so an id sent as a number is caught.
type obj = map[string]any

// specError is the answer to a malformed spec: the code DataWorks uses, and a JSONPath.
func specError(path, format string, args ...any) *apiError {
	return errf(400, dataworks.CodeMalformedSpec, "%s: %s", path, fmt.Sprintf(format, args...))
}

// parseSpec decodes an import's Spec and checks the shape the server relies on.
func parseSpec(text string) (obj, *apiError) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil || dec.More() {
		return nil, specError("$", "the spec is not one JSON document")
	}
	root, ok := doc.(obj)
	if !ok {
		return nil, specError("$", "the spec must be a JSON object")
	}
	if aerr := checkEnum(root, "version", "$", specVersions); aerr != nil {
		return nil, aerr
	}
	if aerr := checkEnum(root, "kind", "$", workflowKinds); aerr != nil {
		return nil, aerr
	}
	spec, ok := root["spec"].(obj)
	if !ok {
		return nil, specError("$.spec", "is required and must be an object")
	}
	wfs, ok := spec["workflows"].([]any)
	if !ok || len(wfs) != 1 {
		return nil, specError("$.spec.workflows", "must be an array holding exactly one workflow")
	}
	wf, ok := wfs[0].(obj)
	if !ok {
		return nil, specError("$.spec.workflows[0]", "must be an object")
	}
	return root, checkWorkflow(wf, "$.spec.workflows[0]", root["kind"].(string))
}

func checkWorkflow(wf obj, path, kind string) *apiError {
	if aerr := checkName(wf, path); aerr != nil {
		return aerr
	}
	if aerr := checkID(wf, path); aerr != nil {
		return aerr
	}
	if cmd := nested(wf, "script", "runtime", "command"); cmd != "WORKFLOW" {
		return specError(path+".script.runtime.command", `must be "WORKFLOW" for a workflow (script.runtime.command is empty or %q)`, cmd)
	}
	if aerr := checkTrigger(wf, path, kind); aerr != nil {
		return aerr
	}
	nodes, ok := wf["nodes"].([]any)
	if !ok || len(nodes) == 0 {
		return specError(path+".nodes", "a workflow needs at least one node")
	}
	ids, names := map[string]bool{}, map[string]string{}
	aerr := eachObject(nodes, path+".nodes", func(node obj, np string) *apiError {
		if aerr := checkNode(node, np); aerr != nil {
			return aerr
		}
		name := node["name"].(string)
		if first, dup := names[name]; dup {
			return specError(np+".name", "%q is already the name of %s; node names must be unique", name, first)
		}
		names[name] = np
		if id, _ := node["id"].(string); id != "" {
			ids[id] = true
		}
		return nil
	})
	if aerr != nil {
		return aerr
	}
	return checkDependencies(wf, path, ids)
}

func checkNode(node obj, path string) *apiError {
	if aerr := checkName(node, path); aerr != nil {
		return aerr
	}
	if aerr := checkID(node, path); aerr != nil {
		return aerr
	}
	if aerr := checkOutputNames(node, path); aerr != nil {
		return aerr
	}
	script, ok := node["script"].(obj)
	if !ok {
		return specError(path+".script", "is required and must be an object")
	}
	if cmd := nested(node, "script", "runtime", "command"); cmd == "" {
		return specError(path+".script.runtime.command", "is required: the node type, e.g. ODPS_SQL or DIDE_SHELL")
	}
	for _, key := range []string{"path", "content"} {
		if v, present := script[key]; present {
			if _, ok := v.(string); !ok {
				return specError(path+".script."+key, "must be a string")
			}
		}
	}
	return nil
}

func checkDependencies(wf obj, path string, nodeIDs map[string]bool) *apiError {
	raw, present := wf["dependencies"]
	if !present {
		return nil
	}
	return eachObject(raw, path+".dependencies", func(dep obj, dp string) *apiError {
		if aerr := checkID(dep, dp, "nodeId"); aerr != nil {
			return aerr
		}
		if id, _ := dep["nodeId"].(string); !nodeIDs[id] {
			return specError(dp+".nodeId", "%q is not the id of a node of this workflow", id)
		}
		if _, ok := dep["depends"]; !ok {
			return specError(dp+".depends", "is required and must be an array")
		}
		return eachObject(dep["depends"], dp+".depends", func(on obj, up string) *apiError {
			if aerr := checkEnum(on, "type", up, dependencyTypes); aerr != nil {
				return aerr
			}
			out, _ := on["output"].(string)
			id, _ := on["nodeId"].(string)
			if out == "" && id == "" {
				return specError(up, "needs an output or a nodeId")
			}
			if why := outputNameProblem(out); why != "" {
				return specError(up+".output", "the output name %q %s", truncate(out, 80), why)
			}
			return nil
		})
	})
}

// eachObject checks that list is an array of objects and calls fn on each with its JSONPath.
func eachObject(list any, path string, fn func(o obj, p string) *apiError) *apiError {
	items, ok := list.([]any)
	if !ok {
		return specError(path, "must be an array")
	}
	for i, it := range items {
		p := fmt.Sprintf("%s[%d]", path, i)
		o, ok := it.(obj)
		if !ok {
			return specError(p, "must be an object")
		}
		if aerr := fn(o, p); aerr != nil {
			return aerr
		}
	}
	return nil
}

func checkTrigger(wf obj, path, kind string) *apiError {
	raw, present := wf["trigger"]
	if !present {
		return nil
	}
	trig, ok := raw.(obj)
	if !ok {
		return specError(path+".trigger", "must be an object")
	}
	if aerr := checkEnum(trig, "type", path+".trigger", triggerTypes); aerr != nil {
		return aerr
	}
	if trig["type"] == "Scheduler" && kind == dataworks.TypeCycleWorkflow {
		if cron, _ := trig["cron"].(string); cron == "" {
			return specError(path+".trigger.cron", "a Scheduler trigger needs a cron expression")
		}
	}
	return nil
}

func checkName(m obj, path string) *apiError {
	if name, _ := m["name"].(string); strings.TrimSpace(name) == "" {
		return specError(path+".name", "is required and must be a non-empty string")
	}
	return nil
}

// checkID refuses an id sent as a JSON number: ids are 19-digit strings that overflow float64.
func checkID(m obj, path string, key ...string) *apiError {
	k := "id"
	if len(key) > 0 {
		k = key[0]
	}
	switch v := m[k].(type) {
	case nil, string:
		return nil
	case json.Number:
		return specError(path+"."+k, "ids are strings, not numbers (%s would lose digits as a float)", truncate(v.String(), 24))
	default:
		return specError(path+"."+k, "must be a string")
	}
}

func checkEnum(m obj, key, path string, allowed []string) *apiError {
	v, _ := m[key].(string)
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return specError(path+"."+key, "must be one of %s", strings.Join(allowed, ", "))
}

// nested returns the string at m.k1.k2..., or "".
func nested(m obj, keys ...string) string {
	var cur any = m
	for _, k := range keys {
		o, ok := cur.(obj)
		if !ok {
			return ""
		}
		cur = o[k]
	}
	s, _ := cur.(string)
	return s
}
