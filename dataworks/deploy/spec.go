package deploy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// obj is a decoded JSON object. Numbers stay json.Number, so a 19-digit id sent as a number
// keeps its digits and a value is written back as it came.
type obj = map[string]any

// MaxSpecBytes bounds a FlowSpec document, compiled or deployed: the API's own answer limit.
const MaxSpecBytes = 16 << 20

// document is a FlowSpec document of one workflow, as ImportWorkflowDefinition takes it:
// {version, kind, spec: {workflows: [{name, nodes: [...], dependencies: [...]}]}}.
type document struct {
	root  obj
	wf    obj   // root.spec.workflows[0]
	nodes []obj // wf.nodes, in order
}

// Workflow kinds a FlowSpec document may have (the schema's flow kinds).
var workflowKinds = []string{"CycleWorkflow", "ManualWorkflow"}

// parseDocument decodes a FlowSpec document and checks the shape deploy relies on: one
// workflow with a name, and nodes with unique names. what names the document in errors ("the
// compiled spec", "the deployed spec of workflow 7…"); errors give the JSONPath.
func parseDocument(text []byte, what string) (*document, error) {
	bad := func(path, format string, args ...any) error {
		return fmt.Errorf("%s: %s: %s", what, path, fmt.Sprintf(format, args...))
	}
	if len(text) > MaxSpecBytes {
		return nil, fmt.Errorf("%s is %d bytes, more than the %d MiB limit", what, len(text), MaxSpecBytes>>20)
	}
	root, err := decodeObject(text)
	if err != nil {
		return nil, fmt.Errorf("%s is not a JSON object: %v", what, err)
	}
	if kind, _ := root["kind"].(string); !slices.Contains(workflowKinds, kind) {
		return nil, bad("$.kind", "is %s; a workflow's kind is %s", describe(root["kind"]), strings.Join(workflowKinds, " or "))
	}
	spec, ok := root["spec"].(obj)
	if !ok {
		return nil, bad("$.spec", "is required and must be an object")
	}
	wfs, ok := spec["workflows"].([]any)
	if !ok || len(wfs) != 1 {
		return nil, bad("$.spec.workflows", "must be an array holding exactly one workflow")
	}
	d := &document{root: root}
	if d.wf, ok = wfs[0].(obj); !ok {
		return nil, bad("$.spec.workflows[0]", "must be an object")
	}
	if name, _ := d.wf["name"].(string); strings.TrimSpace(name) == "" {
		return nil, bad("$.spec.workflows[0].name", "is required: deploy finds the deployed workflow by its name")
	}
	if err := checkID(d.wf, "$.spec.workflows[0]", bad); err != nil {
		return nil, err
	}
	list, _ := d.wf["nodes"].([]any)
	seen := map[string]int{}
	for i, n := range list {
		path := fmt.Sprintf("$.spec.workflows[0].nodes[%d]", i)
		node, ok := n.(obj)
		if !ok {
			return nil, bad(path, "must be an object")
		}
		name, _ := node["name"].(string)
		if strings.TrimSpace(name) == "" {
			return nil, bad(path+".name", "is required: deploy matches deployed nodes by name")
		}
		if first, dup := seen[name]; dup {
			return nil, bad(path+".name", "%q is also the name of nodes[%d]; node names must be unique", name, first)
		}
		seen[name] = i
		if err := checkID(node, path, bad); err != nil {
			return nil, err
		}
		d.nodes = append(d.nodes, node)
	}
	return d, nil
}

// checkID requires an id, when present, to be a string: DataWorks ids have 19 digits, which a
// JSON number (a float64 to most readers) does not hold.
func checkID(o obj, path string, bad func(path, format string, args ...any) error) error {
	switch v := o["id"].(type) {
	case nil, string:
		return nil
	default:
		return bad(path+".id", "is %s; ids are strings", describe(v))
	}
}

func decodeObject(text []byte) (obj, error) {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	var root obj
	if err := dec.Decode(&root); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("more than one JSON value")
	}
	if root == nil {
		return nil, fmt.Errorf("null")
	}
	return root, nil
}

func (d *document) name() string { return d.wf["name"].(string) }
func (d *document) kind() string { return d.root["kind"].(string) }

// nodeNamed returns the node called name, or nil.
func (d *document) nodeNamed(name string) obj {
	for _, n := range d.nodes {
		if n["name"] == name {
			return n
		}
	}
	return nil
}

// nodeNames lists the node names in document order.
func (d *document) nodeNames() []string {
	out := make([]string, len(d.nodes))
	for i, n := range d.nodes {
		out[i] = n["name"].(string)
	}
	return out
}

// idOf is o's id, "" when it has none.
func idOf(o obj) string {
	s, _ := o["id"].(string)
	return s
}

// encode writes v as compact JSON with sorted keys (encoding/json sorts map keys), leaving <, >
// and & as they are: script contents stay readable.
func encode(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // values decoded from JSON always encode
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// describe names a JSON value's type for an error message.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "missing"
	case string:
		return fmt.Sprintf("%q", truncate(v, 40))
	case json.Number:
		return "the number " + truncate(v.String(), 40)
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	}
	return "an object"
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
