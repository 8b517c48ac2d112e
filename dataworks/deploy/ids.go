package deploy

import (
	"fmt"
	"regexp"
)

// serverID is the shape of an id DataWorks assigns (19 digits today; any run of digits is
// treated alike, so that no number wfc sends can name an existing object by chance).
var serverID = regexp.MustCompile(`^[0-9]+$`)

// importSpec is the compiled document with the deployed ids in place: the workflow's, each node
// matched by name (and the ids of their script, trigger and other parts), and every reference
// to a replaced id (a dependency's nodeId and output, an output's data). New nodes keep the
// compiler's ids, which Plan checked do not look like DataWorks ids (checkMadeUpIDs).
func (p *WorkflowPlan) importSpec() ([]byte, error) {
	local, err := parseDocument(p.local, "the compiled spec") // a fresh copy to fill in
	if err != nil {
		return nil, err
	}
	remap := map[string]string{}
	if p.deployed != nil {
		// The spec's own id first: where a compiled spec gives it and the workflow the same id,
		// references to that id mean the workflow.
		if ls, ok := local.root["spec"].(obj); ok {
			if ds, ok := p.deployed.root["spec"].(obj); ok && idOf(ds) != "" {
				adoptID(ls, idOf(ds), remap)
			}
		}
		adopt(local.wf, p.deployed.wf, remap)
		for _, n := range local.nodes {
			if d := p.deployed.nodeNamed(n["name"].(string)); d != nil {
				adopt(n, d, remap)
			}
		}
	}
	rewriteReferences(local.root, remap)
	return encode(local.root), nil
}

// adopt gives local the deployed object's id, and each object member of local (script,
// trigger, ...) the id of the deployed member of the same name.
func adopt(local, deployed obj, remap map[string]string) {
	adoptID(local, idOf(deployed), remap)
	for k, v := range local {
		lm, lok := v.(obj)
		dm, dok := deployed[k].(obj)
		if lok && dok && idOf(dm) != "" {
			adoptID(lm, idOf(dm), remap)
		}
	}
}

func adoptID(o obj, id string, remap map[string]string) {
	if id == "" {
		return
	}
	if old := idOf(o); old != "" && old != id {
		remap[old] = id
	}
	o["id"] = id
}

// checkMadeUpIDs refuses a compiled workflow or node id that looks like a DataWorks id: the
// compiler's ids are names, and the service updates an object whose id exists and creates the
// others, so a made-up number could overwrite an unrelated object.
func checkMadeUpIDs(d *document) error {
	check := func(o obj, what string) error {
		if id := idOf(o); serverID.MatchString(id) {
			return fmt.Errorf("the compiled spec gives %s the id %q, which looks like a DataWorks id and could name an existing object; wfc matches deployed objects by name, so compiled ids must not be numbers", what, id)
		}
		return nil
	}
	if err := check(d.wf, fmt.Sprintf("workflow %q", d.name())); err != nil {
		return err
	}
	for _, n := range d.nodes {
		if err := check(n, fmt.Sprintf("node %q", n["name"])); err != nil {
			return err
		}
	}
	return nil
}

// rewriteReferences replaces, everywhere in v, a reference member (referenceKeys) whose value
// is a replaced id.
func rewriteReferences(v any, remap map[string]string) {
	switch v := v.(type) {
	case obj:
		for k, val := range v {
			if s, ok := val.(string); ok && referenceKeys[k] {
				if to, ok := remap[s]; ok {
					v[k] = to
				}
				continue
			}
			rewriteReferences(val, remap)
		}
	case []any:
		for _, val := range v {
			rewriteReferences(val, remap)
		}
	}
}
