package deploy

import (
	"context"

	"github.com/wfc-dev/wfc/dataworks"
)

// Deployed finds the workflow deployed under name as Plan does (exact match, every page, both
// workflow kinds) and reads its definition with the scripts' contents; nil when no workflow
// has the name. It only reads: 'wfc diff --remote' compares a file with it.
func Deployed(ctx context.Context, c *dataworks.Client, name string) (*dataworks.WorkflowDefinition, error) {
	found, err := findByName(ctx, c, name)
	if err != nil || found == nil {
		return nil, err
	}
	return c.GetWorkflowDefinition(ctx, found.ID, true)
}

// AllWorkflows lists every workflow of the workspace, of both workflow kinds (the server's type
// filter defaults to CycleWorkflow, so each kind is listed in full), without their specs.
func AllWorkflows(ctx context.Context, c *dataworks.Client) ([]dataworks.WorkflowDefinition, error) {
	var all []dataworks.WorkflowDefinition
	for _, kind := range workflowKinds {
		page, err := c.AllWorkflowDefinitions(ctx, dataworks.ListWorkflowDefinitionsOptions{Type: kind})
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
	}
	return all, nil
}

// WithoutServerAdditions returns deployed, a deployed FlowSpec document, less what the
// service added that local, a compiled document, leaves out and Plan does not count as a
// change: server-owned members and members holding the service's default (a node's
// strategy of rerunTimes 3 and rerunInterval 180000 when the compiled node has none). What is
// left says what the deployed workflow says in the compiled document's terms, so that
// decompiling it shows only what pushing local would change.
func WithoutServerAdditions(local, deployed []byte) ([]byte, error) {
	l, err := parseDocument(local, "the compiled spec")
	if err != nil {
		return nil, err
	}
	d, err := parseDocument(deployed, "the deployed spec")
	if err != nil {
		return nil, err
	}
	pruneServerAdded(l.wf, d.wf)
	for _, n := range d.nodes {
		if ln := l.nodeNamed(n["name"].(string)); ln != nil {
			pruneServerAdded(ln, n)
		}
	}
	return encode(d.root), nil
}

// pruneServerAdded deletes from deployed the members local does not have (or has empty) that
// serverAdded, and does the same inside the objects both have. Arrays are left as they are.
func pruneServerAdded(local, deployed obj) {
	for k, dv := range deployed {
		lv, inLocal := local[k]
		if !inLocal || isEmpty(lv) {
			if serverAdded(k, dv) {
				delete(deployed, k)
			}
			continue
		}
		lo, lok := lv.(obj)
		do, dok := dv.(obj)
		if lok && dok {
			pruneServerAdded(lo, do)
		}
	}
}

// WithoutMirroredInputs returns spec, a deployed FlowSpec document, without the entries of a
// node's inputs.nodeOutputs that repeat a dependency the workflow's dependencies state for
// it: the service mirrors each dependency there, naming the upstream output by its deployed
// id, and a file that kept that id would make a compiled node depend on an output no
// compiled node has. What is left says each dependency once, in dependencies.
func WithoutMirroredInputs(spec []byte) ([]byte, error) {
	d, err := parseDocument(spec, "the deployed spec")
	if err != nil {
		return nil, err
	}
	ups := map[string]map[string]bool{} // node id → the outputs its dependencies name
	deps, _ := d.wf["dependencies"].([]any)
	for _, item := range deps {
		dep, _ := item.(obj)
		down, _ := dep["nodeId"].(string)
		ons, _ := dep["depends"].([]any)
		for _, on := range ons {
			o, _ := on.(obj)
			if out, _ := o["output"].(string); out != "" && down != "" {
				if ups[down] == nil {
					ups[down] = map[string]bool{}
				}
				ups[down][out] = true
			}
		}
	}
	for _, n := range d.nodes {
		inputs, _ := n["inputs"].(obj)
		list, _ := inputs["nodeOutputs"].([]any)
		if list == nil {
			continue
		}
		var kept []any
		for _, item := range list {
			entry, _ := item.(obj)
			if data, _ := entry["data"].(string); !ups[idOf(n)][data] {
				kept = append(kept, item)
			}
		}
		inputs["nodeOutputs"] = kept
		if len(kept) == 0 {
			delete(inputs, "nodeOutputs")
		}
	}
	return encode(d.root), nil
}
