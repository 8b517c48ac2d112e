package dataworks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// The published FlowSpec JSON Schemas (testdata/flowspec-schema, verbatim copies of
// aliyun/dataworks-spec schema/) are compiled with the fix-ups below, applied in memory.
// Each one repairs a schema that cannot be compiled or that contradicts the form DataWorks
// itself takes and returns; TestSchemaFixUpsStillApply fails when upstream changes a line a
// fix-up is about, so the list never silently goes stale.
type schemaFixUp struct {
	file, old, new string
	count          int // occurrences of old in file
	why            string
}

var schemaFixUps = []schemaFixUp{
	{"node.schema.json", "artifact.schema.json#Table", "artifact.schema.json#/table", 2,
		"#Table names no anchor (the schema has no $anchor); the sub-schema is the member table"},
	{"node.schema.json", "artifact.schema.json#Variable", "artifact.schema.json#/variable", 2,
		"likewise for variable"},
	{"node.schema.json", "artifact.schema.json#NodeOutput", "artifact.schema.json#/nodeOutput", 2,
		"likewise for nodeOutput"},
	{"function.schema.json", `"$id": "https://dataworks.data.aliyun.com/schemas/1.1.0/script.schema.json"`,
		`"$id": "https://dataworks.data.aliyun.com/schemas/1.1.0/function.schema.json"`, 1,
		"function.schema.json declares script.schema.json's $id (a copy-paste slip) and would shadow it"},
	{"artifact.schema.json", `"required": [
            "output"
        ]`, `"anyOf": [{"required": ["data"]}, {"required": ["output"]}]`, 1,
		"server-shape specs name a node output data (Java SpecNodeOutput), never output; both are accepted"},
	{"artifact.schema.json", `"required": [
            "id",
            "name",
            "scope",`, `"required": [
            "name",
            "scope",`, 1,
		"script parameters carry no id in server-shape specs (Java SpecVariable's id is optional)"},
	{"script.schema.json", `"required": [
        "id",
        "path",`, `"required": [
        "path",`, 1,
		"the SDK's ImportWorkflowDefinition example and Alibaba's templates send scripts without id"},
	{"trigger.schema.json", `"required": [
       "id", "type"`, `"required": [
       "type"`, 1,
		"the SDK's ImportWorkflowDefinition example and Alibaba's templates send triggers without id"},
	{"runtimeResource.schema.json", `"required": [
        "id",
        "resourceGroup"`, `"required": [
        "resourceGroup"`, 1,
		"Alibaba's templates send {resourceGroup} alone"},
	{"fileResource.schema.json", `"required": [
        "id",
        "name",
        "script"
    ]`, `"required": [
        "name"
    ]`, 1,
		"a node refers to a file resource by {name, type} in server-shape specs"},
	{"flow.schema.json", `"oneOf": [`, `"anyOf": [`, 1,
		"a dependency may name the upstream's nodeId and output together (Java SpecDepend; MigrationX's specs do)"},
}

const flowSpecSchemaBase = "https://dataworks.data.aliyun.com/schemas/1.1.0/"

var flowSpecSchemas = sync.OnceValues(compileFlowSpecSchemas)

type flowSpecSchemaSet struct{ node, script, trigger, edge *jsonschema.Schema }

// flowEdgePointer is the dependency ("edge") sub-schema of flow.schema.json: {nodeId,
// depends: [{type, output} or {type, nodeId}]}. The API form calls the list dependencies.
const flowEdgePointer = "flow.schema.json#/properties/spec/properties/flow/items"

func compileFlowSpecSchemas() (*flowSpecSchemaSet, error) {
	files, err := filepath.Glob("testdata/flowspec-schema/*.schema.json")
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no schemas in testdata/flowspec-schema: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020 // they say no $schema; $ref beside const (artifact oneOf) needs 2019+
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for _, fx := range schemaFixUps {
			if fx.file == filepath.Base(f) {
				text = bytes.ReplaceAll(text, []byte(fx.old), []byte(fx.new))
			}
		}
		if err := c.AddResource(flowSpecSchemaBase+filepath.Base(f), bytes.NewReader(text)); err != nil {
			return nil, err
		}
	}
	var set flowSpecSchemaSet
	for ref, dst := range map[string]**jsonschema.Schema{"node.schema.json": &set.node,
		"script.schema.json": &set.script, "trigger.schema.json": &set.trigger, flowEdgePointer: &set.edge} {
		if *dst, err = c.Compile(flowSpecSchemaBase + ref); err != nil {
			return nil, err
		}
	}
	return &set, nil
}

// validateFlowSpec checks every node, script, trigger and dependency of a FlowSpec document
// against the published schemas and reports each problem at its JSON pointer in the document.
func validateFlowSpec(t *testing.T, doc []byte) {
	t.Helper()
	problems, checked, err := flowSpecSchemaProblems(doc)
	if err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Error("FlowSpec schema: the document has no node, script or trigger to check")
	}
	for _, p := range problems {
		t.Errorf("FlowSpec schema: %s", p)
	}
}

// flowSpecSchemaProblems is validateFlowSpec's work: one "pointer: message" per problem, and
// how many parts it checked. It checks spec.nodes[], spec.scripts[], spec.triggers[], spec.flow[]
// (the reference form) and each of spec.workflows[]: its script, trigger, nodes and
// dependencies (the API form).
func flowSpecSchemaProblems(doc []byte) (problems []string, checked int, err error) {
	set, err := flowSpecSchemas()
	if err != nil {
		return nil, 0, err
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var root map[string]any
	if err := dec.Decode(&root); err != nil {
		return nil, 0, fmt.Errorf("not a JSON object: %v", err)
	}
	spec, _ := root["spec"].(map[string]any)
	check := func(s *jsonschema.Schema, v any, ptr string) {
		checked++
		if err := s.Validate(v); err != nil {
			problems = append(problems, schemaLeaves(err, ptr)...)
		}
	}
	eachItem := func(list any, ptr string, s *jsonschema.Schema) {
		items, _ := list.([]any)
		for i, it := range items {
			check(s, it, fmt.Sprintf("%s/%d", ptr, i))
		}
	}
	eachItem(spec["nodes"], "/spec/nodes", set.node)
	eachItem(spec["scripts"], "/spec/scripts", set.script)
	eachItem(spec["triggers"], "/spec/triggers", set.trigger)
	eachItem(spec["flow"], "/spec/flow", set.edge)
	workflows, _ := spec["workflows"].([]any)
	for i, w := range workflows {
		wf, _ := w.(map[string]any)
		ptr := fmt.Sprintf("/spec/workflows/%d", i)
		if s, ok := wf["script"]; ok {
			check(set.script, s, ptr+"/script")
		}
		if tr, ok := wf["trigger"]; ok {
			check(set.trigger, tr, ptr+"/trigger")
		}
		eachItem(wf["nodes"], ptr+"/nodes", set.node)
		eachItem(wf["dependencies"], ptr+"/dependencies", set.edge)
	}
	return problems, checked, nil
}

// schemaLeaves flattens a validation error to its most specific causes, each prefixed with
// the JSON pointer of the value in the whole document.
func schemaLeaves(err error, base string) []string {
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []string{base + ": " + err.Error()}
	}
	var out []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			out = append(out, base+e.InstanceLocation+": "+e.Message)
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	slices.Sort(out)
	return slices.Compact(out)
}
