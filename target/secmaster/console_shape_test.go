package secmaster_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
)

// findNodes returns the element nodes named name under n, depth first.
func findNodes(n *bpmn.Node, name string) []*bpmn.Node {
	var out []*bpmn.Node
	if n.Type == bpmn.ElementNode && n.Name == name {
		out = append(out, n)
	}
	for _, c := range n.Children {
		out = append(out, findNodes(c, name)...)
	}
	return out
}

func findInDoc(doc *bpmn.Document, name string) []*bpmn.Node {
	var out []*bpmn.Node
	for _, c := range doc.Children {
		out = append(out, findNodes(c, name)...)
	}
	return out
}

// TestUserTaskDocumentationLikeConsole: SecMaster's console writes a userTask with an empty
// documentation element as its first child (testdata/reference/taskFlow2, a taskflow the
// real service accepted); a compiled approval without a description must look the same,
// and one with a description carries it there.
func TestUserTaskDocumentationLikeConsole(t *testing.T) {
	data, err := os.ReadFile("../../testdata/reference/taskFlow2.decoded.json")
	if err != nil {
		t.Fatal(err)
	}
	ref, err := bpmn.DecodeTaskflowJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	const src = `wfc: 1
name: Approvals
description: ""
steps:
  - id: plain
    approval: { approvers: [soc-lead], timeout: 30m }
  - id: described
    description: Check the blast radius first
    approval: { approvers: [soc-lead], timeout: 30m }
`
	got := findInDoc(mustDocument(t, mustCompile(t, "w.yaml", []byte(src))), "bpmn2:userTask")
	want := findInDoc(ref, "bpmn2:userTask")
	if len(want) == 0 || len(got) != 2 {
		t.Fatalf("found %d user tasks in the reference and %d compiled; want some and 2", len(want), len(got))
	}
	for _, task := range append(want, got[0]) {
		first := task.Children[0]
		if first.Name != "bpmn2:documentation" || len(first.Attrs) != 0 || len(first.Children) != 0 {
			t.Errorf("user task %v: first child is %s with %d attributes and %d children; want an empty bpmn2:documentation",
				task.Attrs, first.Name, len(first.Attrs), len(first.Children))
		}
	}
	doc := got[1].Children[0]
	if doc.Name != "bpmn2:documentation" || len(doc.Children) != 1 || doc.Children[0].Value != "Check the blast radius first" {
		t.Errorf("described user task: first child %s %+v; want the description in bpmn2:documentation", doc.Name, doc.Children)
	}
}

// bpmnJSDefinitionID is how bpmn-js names an event definition it creates: the type, '_',
// then seven base-36 characters (BpmnFactory._ensureId with node-hat's ids).
var bpmnJSDefinitionID = regexp.MustCompile(`^(Timer|Error)EventDefinition_[01][0-9a-z]{6}$`)

// TestEventDefinitionIDs: every timer and error event definition gets a bpmn-js id, each
// its own.
func TestEventDefinitionIDs(t *testing.T) {
	res := mustCompile(t, "w.yaml", []byte(stableBase))
	seen := map[string]bool{}
	for _, el := range res.Defs.ByID {
		for _, d := range el.ChildrenOf("EventDefinition") {
			if !bpmnJSDefinitionID.MatchString(d.ID) || seen[d.ID] {
				t.Errorf("event definition of %s has id %q; want a unique %s", el.ID, d.ID, bpmnJSDefinitionID)
			}
			seen[d.ID] = true
		}
	}
	if len(seen) != 2 {
		t.Errorf("found %d event definitions, want the error boundary's and the wait's", len(seen))
	}
}
