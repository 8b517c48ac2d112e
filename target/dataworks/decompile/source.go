// Package decompile is DataWorks' reader for `wfc decompile`: it reads a FlowSpec document
// (the Spec of GetWorkflowDefinition, the document `wfc compile` emits, or a request or
// answer around it; ReadSource) and builds the language's model of it (Read), which
// package decompile (the target-neutral one) writes as YAML. Its tests live beside it and
// compile what it reads with package dataworks (the target).
package decompile

import (
	"bytes"
	"encoding/json"
	"fmt"

	dw "github.com/wfc-dev/wfc/target/dataworks"
)

// Source is one FlowSpec document to decompile.
type Source struct {
	Name string // the file it came from
	Doc  *dw.Document
	// Raw is the document's text, for positions (line:col of a node) and for the members
	// each node holds, verbatim.
	Raw []byte
}

// IsFlowSpec reports whether data looks like a FlowSpec document or an object around one
// (a JSON object with version, kind and spec; or with a Spec string): what `wfc decompile`
// gives this reader rather than SecMaster's.
func IsFlowSpec(data []byte) bool {
	_, err := specText(data)
	return err == nil
}

// ReadSource reads a FlowSpec document: the document itself, or an ImportWorkflowDefinition
// request ({"Spec": "<document>"}, what `wfc compile --emit request` writes), or an API
// answer holding one under WorkflowDefinition or Data.
func ReadSource(name string, data []byte) (Source, error) {
	text, err := specText(data)
	if err != nil {
		return Source{}, fmt.Errorf("%s: %v", name, err)
	}
	doc, err := dw.Decode(text)
	if err != nil {
		return Source{}, fmt.Errorf("%s: %v", name, err)
	}
	if len(doc.Spec.Workflows) == 0 {
		wf, err := specNodes(doc.Spec)
		if err != nil {
			return Source{}, fmt.Errorf("%s: %v", name, err)
		}
		doc.Spec.Workflows = []dw.Workflow{*wf}
	}
	return Source{Name: name, Doc: doc, Raw: text}, nil
}

// maxWrapDepth bounds how many objects may wrap the document (answer → definition → Spec).
const maxWrapDepth = 3

// specText finds the FlowSpec document in data.
func specText(data []byte) ([]byte, error) {
	data = bytes.TrimPrefix(bytes.TrimSpace(data), []byte("\ufeff"))
	for range maxWrapDepth {
		var top map[string]json.RawMessage
		if len(data) == 0 || data[0] != '{' || json.Unmarshal(data, &top) != nil {
			return nil, fmt.Errorf("not a FlowSpec document (a JSON object with version, kind and spec)")
		}
		if top["version"] != nil && top["kind"] != nil && top["spec"] != nil {
			return data, nil
		}
		inner := firstOf(top, "Spec", "spec", "WorkflowDefinition", "Data")
		if inner == nil {
			break
		}
		var s string
		if json.Unmarshal(inner, &s) == nil { // the Spec string of a request or answer
			inner = []byte(s)
		}
		data = bytes.TrimSpace(inner)
	}
	return nil, fmt.Errorf("not a FlowSpec document (a JSON object with version, kind and spec)")
}

func firstOf(m map[string]json.RawMessage, keys ...string) json.RawMessage {
	for _, k := range keys {
		if v := m[k]; v != nil {
			return v
		}
	}
	return nil
}

// specNodes reads the older form, whose nodes and flow are spec.nodes and spec.flow rather
// than a workflow's nodes and dependencies (DataWorks' own exports, aliyun/dataworks-spec's
// examples), as one workflow.
func specNodes(spec dw.Spec) (*dw.Workflow, error) {
	if spec.Extra["nodes"] == nil {
		return nil, fmt.Errorf("the FlowSpec document has no spec.workflows and no spec.nodes; wfc reads the form DataWorks' 2024-05-18 API returns (GetWorkflowDefinition's Spec)")
	}
	wf := &dw.Workflow{Name: spec.Name, ID: spec.ID}
	if err := json.Unmarshal(spec.Extra["nodes"], &wf.Nodes); err != nil {
		return nil, fmt.Errorf("spec.nodes are not inline FlowSpec nodes (a script given as a {{reference}} is not read): %v", err)
	}
	if raw := spec.Extra["flow"]; raw != nil {
		if err := json.Unmarshal(raw, &wf.Dependencies); err != nil {
			return nil, fmt.Errorf("spec.flow is not a list of dependencies: %v", err)
		}
	}
	return wf, nil
}
