package publish

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/secmaster"
	smtarget "github.com/wfc-dev/wfc/target/secmaster"
)

// compiling is an Item.Compile that compiles src with the process number push chooses.
func compiling(t *testing.T, src string) func(int64) (secmaster.CreateVersionRequest, error) {
	return func(n int64) (secmaster.CreateVersionRequest, error) {
		res, diags := smtarget.CompileFile("w.yaml", []byte(src), smtarget.Options{ProcessNumber: n})
		if res == nil || diags.HasErrors() {
			t.Fatalf("compile: %v", diags)
		}
		return res.Request()
	}
}

// storedProcessID is the process id in the taskflow the emulator holds for a version.
func storedProcessID(t *testing.T, c *secmaster.Client, versionID string) string {
	t.Helper()
	v, err := c.GetVersion(context.Background(), versionID)
	if err != nil {
		t.Fatal(err)
	}
	id, ok := processIDOf(v.Taskflow)
	if !ok {
		t.Fatalf("version %s has no process in its taskflow", versionID)
	}
	return id
}

func TestFirstVersionProcessIDComesFromTheWorkflowID(t *testing.T) {
	_, c, wfID := newEmulator(t)
	o := Push(context.Background(), c, Item{File: "w.yaml", WorkflowID: wfID, Compile: compiling(t, baseWorkflow)}, Options{})
	if o.Status != Created {
		t.Fatalf("push: %s (%v)", o.Status, o.Err)
	}
	want := "Process_" + strconv.FormatInt(smtarget.ProcessNumber(wfID), 10)
	if got := storedProcessID(t, c, o.VersionID); got != want || o.ProcessID != want {
		t.Errorf("process id %s (outcome %s), want %s, derived from the workflow id", got, o.ProcessID, want)
	}
	if byName := "Process_" + strconv.FormatInt(smtarget.ProcessNumber("Triage"), 10); want == byName {
		t.Fatal("the test cannot tell the id-derived process id from the name-derived one")
	}
}

func TestRenamedWorkflowKeepsTheDeployedProcessID(t *testing.T) {
	srv, c, wfID := newEmulator(t)
	first := Push(context.Background(), c, Item{File: "w.yaml", WorkflowID: wfID, Compile: compiling(t, baseWorkflow)}, Options{})
	if first.Status != Created {
		t.Fatalf("first push: %s (%v)", first.Status, first.Err)
	}
	renamed := strings.Replace(baseWorkflow, "name: Triage", "name: Triage v2", 1)
	second := Push(context.Background(), c, Item{File: "w.yaml", WorkflowID: wfID, Compile: compiling(t, renamed)}, Options{})
	if second.Status != Created {
		t.Fatalf("second push: %s (%v)", second.Status, second.Err)
	}
	if a, b := storedProcessID(t, c, first.VersionID), storedProcessID(t, c, second.VersionID); a != b {
		t.Errorf("the renamed workflow's version has process %s, the first had %s", b, a)
	}
	// Only the name changed: the taskflow is the same, so the diff names no BPMN change.
	for _, f := range second.Diff.Fields {
		if f == "taskflow" {
			t.Errorf("a rename changed the taskflow: %v", second.Diff.Lines())
		}
	}
	if n := len(srv.Versions(wfID)); n != 2 {
		t.Errorf("%d versions, want 2", n)
	}
}

func TestProcessIDOfAnActivatedVersionWins(t *testing.T) {
	vs := []secmaster.WorkflowVersion{
		{ID: "old", Status: secmaster.StatusActivated, CreateTime: "2025-01-01T00:00:00.000Z+0000"},
		{ID: "new", Status: secmaster.StatusPendingSubmit, CreateTime: "2025-01-02T00:00:00.000Z+0000"},
	}
	if got := deployedVersion(vs); got.ID != "old" {
		t.Errorf("deployed version %s, want the activated one", got.ID)
	}
	if got := deployedVersion(vs[1:]); got.ID != "new" {
		t.Errorf("deployed version %s, want the newest when none is activated", got.ID)
	}
}

func TestProcessIDThatIsNotANumberIsNotKept(t *testing.T) {
	req, _ := compiling(t, baseWorkflow)(1)
	v := &secmaster.WorkflowVersion{ID: "v1", Taskflow: req.Taskflow}
	if n, note := processNumber(v, "wf"); n != 1 || note != "" {
		t.Errorf("Process_1: got %d %q, want 1 kept", n, note)
	}
	if n, note := processNumber(&secmaster.WorkflowVersion{ID: "v1", Taskflow: "not base64"}, "wf"); n != smtarget.ProcessNumber("wf") || !strings.Contains(note, "not kept") {
		t.Errorf("undecodable taskflow: got %d %q, want the id-derived number and a note", n, note)
	}
}
