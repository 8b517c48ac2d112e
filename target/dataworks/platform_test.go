package dataworks

import (
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/target"
)

const platformWorkflow = `wfc: 1
target: dataworks
name: carried
description: ""
steps:
  - id: load
    run: { command: ODPS_SQL, code: "select 1;" }
    timeout: 1h
    platform:
      dataworks:
        owner: "446209"
        timeout: 0
        recurrence: null
        script: { id: "5726517248917819234", content: "select 2;" }
        trigger: { type: Scheduler, cron: "00 24 00 * * ?" }
`

// TestPlatformBlockMergesIntoNode: platform.dataworks is a merge patch on the compiled node:
// an unknown member is added, a modelled one replaced (timeout, script.content), null removes
// one (recurrence), and an object is merged member by member (script keeps its path).
func TestPlatformBlockMergesIntoNode(t *testing.T) {
	u := target.BuildFor("", "w.yaml", []byte(platformWorkflow), target.Options{})
	if u.Diags.HasErrors() || u.Artifact == nil {
		t.Fatalf("compile: %v", u.Diags)
	}
	n := u.Artifact.(*Artifact).Doc.Spec.Workflows[0].Nodes[0]
	if n.Timeout == nil || *n.Timeout != 0 {
		t.Errorf("timeout = %v, want the block's 0", n.Timeout)
	}
	if n.Recurrence != "" {
		t.Errorf("recurrence %q not removed by null", n.Recurrence)
	}
	if n.Script.Content != "select 2;" || n.Script.ID != "5726517248917819234" || n.Script.Path != "carried/load" {
		t.Errorf("script = %+v, want the block's content and id and wfc's path", n.Script)
	}
	if n.Trigger == nil || n.Trigger.Cron != "00 24 00 * * ?" {
		t.Errorf("trigger = %+v", n.Trigger)
	}
	if string(n.Extra["owner"]) != `"446209"` {
		t.Errorf("owner = %s", n.Extra["owner"])
	}
}

// TestPlatformBlockRefusesStructure: the members the dependencies refer to cannot be set,
// and SecMaster refuses the block.
func TestPlatformBlockRefusesStructure(t *testing.T) {
	src := strings.Replace(platformWorkflow, `owner: "446209"`, `id: "123"`, 1)
	u := target.BuildFor("", "w.yaml", []byte(src), target.Options{})
	if !strings.Contains(u.Diags.Error(), "platform.dataworks cannot set id") {
		t.Errorf("diags = %v", u.Diags)
	}
	sm := strings.Replace(platformWorkflow, "target: dataworks\n", "", 1)
	sm = strings.Replace(sm, `run: { command: ODPS_SQL, code: "select 1;" }`, "action: a/b", 1)
	u = target.BuildFor("", "w.yaml", []byte(sm), target.Options{})
	if !strings.Contains(u.Diags.Error(), "platform.dataworks block, which target secmaster does not read") {
		t.Errorf("secmaster diags = %v", u.Diags)
	}
}
