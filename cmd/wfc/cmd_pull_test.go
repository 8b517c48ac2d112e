package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/config"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/secmaster/secmastertest"
	smtarget "github.com/wfc-dev/wfc/target/secmaster"
)

// withDecompiler replaces the decompiler for one test by one whose output the test knows:
// pull's decisions (new, unchanged, updated, kept) must not depend on how the real one
// formats its YAML. pull_*.txtar run the real one.
func withDecompiler(t *testing.T, f func(v *secmaster.WorkflowVersion) []byte) {
	t.Helper()
	saved := decompileVersion
	t.Cleanup(func() { decompileVersion = saved })
	decompileVersion = func(_ string, _ *secmaster.Workflow, v *secmaster.WorkflowVersion) ([]byte, diag.List) {
		return f(v), nil
	}
}

// knownYAML is a workflow whose description is the version's: what the fake decompiler writes.
func knownYAML(name, description string) []byte {
	return []byte(fmt.Sprintf("wfc: 1\nname: %s\ndescription: %s\nsteps:\n  - id: a\n    name: A\n    action: secmaster/uuid\n", name, description))
}

func testClient(t *testing.T, srv *secmastertest.Server) *secmaster.Client {
	t.Helper()
	c, err := secmaster.New(secmaster.Config{Endpoint: srv.URL, ProjectID: srv.ProjectID(), WorkspaceID: srv.WorkspaceID(),
		Credentials: secmaster.Credentials{Token: secmastertest.DefaultToken}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func newWorkflow(t *testing.T, srv *secmastertest.Server, name string) string {
	t.Helper()
	w, err := testClient(t, srv).CreateWorkflow(context.Background(), secmaster.CreateWorkflowRequest{Name: name, AopType: secmaster.AopTypeNormal, DataclassID: "dc"})
	if err != nil {
		t.Fatal(err)
	}
	return w.ID
}

// newVersion compiles knownYAML(name, description) and creates it as a version of wfID.
func newVersion(t *testing.T, srv *secmastertest.Server, wfID, name, description string) {
	t.Helper()
	res, diags := smtarget.CompileFile("w.yaml", knownYAML(name, description), smtarget.Options{})
	if res == nil || diags.HasErrors() {
		t.Fatalf("compile: %v", diags)
	}
	req, err := res.Request()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := testClient(t, srv).CreateVersion(context.Background(), wfID, req); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Pull writes new files and their wfc.yaml entries, rewrites only what changed remotely,
// and keeps a local edit unless --force.
func TestPullRewritesOnlyWhatChangedAndKeepsLocalEdits(t *testing.T) {
	t.Chdir(t.TempDir())
	srv, wfc := cliAgainst(t)
	withDecompiler(t, func(v *secmaster.WorkflowVersion) []byte { return knownYAML(v.Name, v.Description) })
	triage, lockout := newWorkflow(t, srv, "Triage"), newWorkflow(t, srv, "Lockout")
	newVersion(t, srv, triage, "Triage", "one")
	newVersion(t, srv, lockout, "Lockout", "first")
	os.WriteFile("wfc.yaml", []byte("# my project\nlint:\n  extends: all\n"), 0o644)

	code, out, errs := wfc("pull", "-o", "flows")
	if code != 0 {
		t.Fatalf("first pull: exit %d\n%s%s", code, out, errs)
	}
	for _, want := range []string{"new        flows/lockout.yaml  workflow " + lockout, "new        flows/triage.yaml  workflow " + triage, "wfc.yaml: 2 entries added"} {
		if !strings.Contains(out, want) {
			t.Errorf("first pull printed\n%s\nwant a line with %q", out, want)
		}
	}
	wantConfig := "# my project\nlint:\n  extends: all\nworkflows:\n  flows/lockout.yaml: " + lockout + "\n  flows/triage.yaml: " + triage + "\n"
	if got := readFile(t, "wfc.yaml"); got != wantConfig {
		t.Errorf("wfc.yaml =\n%s\nwant\n%s", got, wantConfig)
	}

	// Again: nothing changed remotely, nothing is written.
	code, out, _ = wfc("pull", "-o", "flows")
	if code != 0 || strings.Count(out, "unchanged") != 2 || strings.Contains(out, "added") {
		t.Errorf("second pull: exit %d\n%s\nwant two unchanged and no wfc.yaml change", code, out)
	}

	// A remote change rewrites that file only; the file mapped in wfc.yaml is the one used.
	newVersion(t, srv, triage, "Triage", "two")
	code, out, _ = wfc("pull", "-o", "elsewhere")
	if code != 0 || !strings.Contains(out, "updated    flows/triage.yaml  workflow "+triage+` "Triage"  v1 → v2`) || !strings.Contains(out, "unchanged  flows/lockout.yaml") {
		t.Errorf("pull after a remote change: exit %d\n%s", code, out)
	}
	if got := readFile(t, "flows/triage.yaml"); got != string(knownYAML("Triage", "two")) {
		t.Errorf("flows/triage.yaml =\n%s\nwant version v2's", got)
	}

	// A local edit is kept, with exit 1, even when the remote changed too; --force overwrites it.
	edited := strings.Replace(string(knownYAML("Lockout", "first")), "name: A", "name: Mine", 1)
	os.WriteFile("flows/lockout.yaml", []byte(edited), 0o644)
	newVersion(t, srv, lockout, "Lockout", "second")
	code, out, _ = wfc("pull")
	if code != 1 || !strings.Contains(out, "kept       flows/lockout.yaml") || !strings.Contains(out, "--force overwrites it") {
		t.Errorf("pull over a local edit: exit %d\n%s\nwant 1 and the file kept", code, out)
	}
	if got := readFile(t, "flows/lockout.yaml"); got != edited {
		t.Errorf("the edited file was changed:\n%s", got)
	}
	code, out, _ = wfc("pull", "--force")
	if code != 0 || readFile(t, "flows/lockout.yaml") != string(knownYAML("Lockout", "second")) {
		t.Errorf("pull --force: exit %d\n%s\nwant the file overwritten", code, out)
	}

	// A file that says what the newest version says, in its own words, is left as it is.
	mine := "# reviewed\n" + string(knownYAML("Lockout", "second"))
	os.WriteFile("flows/lockout.yaml", []byte(mine), 0o644)
	code, out, _ = wfc("pull")
	if code != 0 || !strings.Contains(out, "its formatting is kept") || readFile(t, "flows/lockout.yaml") != mine {
		t.Errorf("pull of a reformatted up-to-date file: exit %d\n%s", code, out)
	}
	if got := readFile(t, "wfc.yaml"); got != wantConfig {
		t.Errorf("wfc.yaml changed on later pulls:\n%s", got)
	}
	if entries, _ := filepath.Glob("elsewhere/*"); len(entries) > 0 {
		t.Errorf("-o elsewhere received %v, though every workflow is mapped", entries)
	}
}

// New files are named from the workflow's name (its ASCII letters and digits; "workflow"
// when it has none), in the order of names; a later name that gives a taken file gets the
// id's first characters, and a file wfc.yaml maps is used, by id or by name, whatever the name.
func TestPlaceWorkflowsGivesEachItsOwnFile(t *testing.T) {
	t.Chdir(t.TempDir())
	cfg, diags := config.Parse(filepath.Join(mustAbs("."), "wfc.yaml"), []byte("workflows:\n  mine/x.yaml: id-mapped\n  named.yaml: {name: By name}\n"))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	all := []secmaster.Workflow{
		{ID: "aaaaaaaa-1111", Name: "封禁IP"}, {ID: "bbbbbbbb-2222", Name: "告警"}, {ID: "id-mapped", Name: "Whatever"},
		{ID: "cccccccc-3333", Name: "By name"}, {ID: "dddddddd-4444", Name: "Block IP!"}, {ID: "eeeeeeee-5555", Name: "block ip"}, {ID: "ffffffff-6666", Name: "通知"},
	}
	got := map[string]string{}
	for _, it := range placeWorkflows(cfg, all, "flows") {
		got[it.wf.ID] = filepath.ToSlash(it.path)
	}
	want := map[string]string{
		"aaaaaaaa-1111": "flows/ip.yaml", "bbbbbbbb-2222": "flows/workflow.yaml", "ffffffff-6666": "flows/workflow-ffffffff.yaml",
		"id-mapped": "mine/x.yaml", "cccccccc-3333": "named.yaml",
		"dddddddd-4444": "flows/block-ip.yaml", "eeeeeeee-5555": "flows/block-ip-eeeeeeee.yaml",
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("workflow %s goes to %q, want %q", id, got[id], w)
		}
	}
}
