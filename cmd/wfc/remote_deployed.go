package main

import (
	"errors"
	"fmt"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/decompile"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/diff"
	"github.com/wfc-dev/wfc/lint/driver"
	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/target"
	dwtarget "github.com/wfc-dev/wfc/target/dataworks"
	smtarget "github.com/wfc-dev/wfc/target/secmaster"
	smdecompile "github.com/wfc-dev/wfc/target/secmaster/decompile"
	"github.com/wfc-dev/wfc/workflow"
)

// deployedName names a deployed version the way diagnostics and diff headings show it:
// `Triage v3 (deployed)`.
func deployedName(wf *secmaster.Workflow, v *secmaster.WorkflowVersion) string {
	label := v.Version
	if label == "" {
		label = v.ID
	}
	return fmt.Sprintf("%s %s (deployed)", wf.Name, label)
}

// decompileVersion turns a deployed version into wfc YAML; yaml is nil when it cannot be
// carried into the language (the errors in diags say why). It is the one place the remote
// commands (diff --remote, push --dry-run's plan, pull) meet the decompiler.
var decompileVersion = func(name string, wf *secmaster.Workflow, v *secmaster.WorkflowVersion) (yaml []byte, diags diag.List) {
	doc, err := bpmn.DecodeTaskflow(v.Taskflow)
	if err != nil {
		return nil, diag.List{diag.Errorf(diag.Range{File: name}, decompile.Rule, "its taskflow cannot be read: %v", err)}
	}
	w, diags := smdecompile.Read(smdecompile.Source{Name: name, Doc: doc, Fields: smdecompile.Fields{
		Name: v.Name, Description: v.Description, Taskconfig: v.Taskconfig, Input: v.Input, Output: v.Output,
		AopType: v.AopType, Labels: wf.Labels, Dataclass: wf.DataclassID}})
	if w == nil || diags.HasErrors() {
		return nil, diags
	}
	yaml, err = decompile.Format(w)
	if err != nil {
		return nil, append(diags, diag.Errorf(diag.Range{File: name}, decompile.Rule, "cannot write its YAML: %v", err))
	}
	return yaml, diags
}

// errNotDecompiled is what deployedProgram returns when the deployed version cannot be read
// back as a workflow; the message says why.
var errNotDecompiled = errors.New("the deployed version cannot be decompiled")

// deployedProgram decompiles a deployed version and resolves it the way a local file is
// (compiled through the one driver, no lint), so the two can be compared by diff.
func deployedProgram(wf *secmaster.Workflow, v *secmaster.WorkflowVersion) (*workflow.Program, error) {
	src, err := decompiledYAML(wf, v)
	if err != nil {
		return nil, err
	}
	u := compileWorkflow(deployedName(wf, v), src, driver.Options{})
	if u.Program == nil || u.Diags.HasErrors() {
		return nil, fmt.Errorf("%w: its YAML does not compile: %s", errNotDecompiled, firstError(u.Diags))
	}
	return u.Program, nil
}

// decompiledYAML is the deployed version as wfc YAML, or errNotDecompiled saying why not.
func decompiledYAML(wf *secmaster.Workflow, v *secmaster.WorkflowVersion) ([]byte, error) {
	src, diags := decompileVersion(deployedName(wf, v), wf, v)
	if src == nil || diags.HasErrors() {
		return nil, fmt.Errorf("%w: %s", errNotDecompiled, firstError(diags))
	}
	return src, nil
}

// firstError is the first error of diags as one line, with how many more there are.
func firstError(diags diag.List) string {
	n := diags.Count(diag.Error)
	for _, d := range diags {
		if d.Severity != diag.Error {
			continue
		}
		if n > 1 {
			return fmt.Sprintf("%s (and %d more)", d.Message, n-1)
		}
		return d.Message
	}
	return "no reason given"
}

// workflowOnlyFields are settings of the workflow, not of a version: a new version does not
// carry them (push leaves them as they are), and a file needs them only for push --create.
var workflowOnlyFields = map[string]bool{"labels": true, "dataclass": true}

// localWorkflow is a local file as the remote commands compare it with a deployed version.
type localWorkflow struct {
	prog *workflow.Program
	// version is what pushing the file would create, nil when it has no SecMaster form.
	version *secmaster.WorkflowVersion
	// flowSpec is the FlowSpec document pushing the file would import, nil when it has no
	// DataWorks form.
	flowSpec []byte
}

// localWorkflowOf is the local side of what the driver built from a file.
func localWorkflowOf(u *target.Unit) localWorkflow {
	lw := localWorkflow{prog: u.Program}
	switch a := u.Artifact.(type) {
	case *smtarget.Result:
		if req, err := a.Request(); err == nil { // else (a bug in wfc) compared as no version
			lw.version = versionOf(req)
		}
	case *dwtarget.Artifact:
		lw.flowSpec, _ = a.Spec() // nil when it cannot be written: nothing is filtered then
	}
	return lw
}

// versionOf is the version a create-version request makes, as the API returns it.
func versionOf(r secmaster.CreateVersionRequest) *secmaster.WorkflowVersion {
	return &secmaster.WorkflowVersion{Name: r.Name, Description: r.Description, Taskconfig: r.Taskconfig,
		Taskflow: r.Taskflow, Input: r.Input, Output: r.Output, AopType: r.AopType, Version: "as compiled"}
}

// remoteChanges compares a local workflow with what is deployed, in the language's terms:
// the changes from the deployed version (old) to the local file (new) that pushing the file
// would make (localChanges). A workflow that does not exist, or has no version yet, is one
// change saying so.
func remoteChanges(wf *secmaster.Workflow, v *secmaster.WorkflowVersion, local localWorkflow) ([]diff.Change, error) {
	switch {
	case wf == nil:
		return notDeployed(), nil
	case v == nil:
		return []diff.Change{{Op: diff.Added, Scope: diff.ScopeWorkflow, Note: fmt.Sprintf("(workflow %s has no version yet)", wf.ID)}}, nil
	}
	remote, err := deployedProgram(wf, v)
	if err != nil {
		return nil, err
	}
	return localChanges(remote, local), nil
}

// notDeployed is the one change of a workflow that no deployed workflow has the name of.
func notDeployed() []diff.Change {
	return []diff.Change{{Op: diff.Added, Scope: diff.ScopeWorkflow, Note: "(not deployed: no workflow has its name)"}}
}

// localChanges is diff.Programs from a deployed workflow to a local one, less what pushing
// the local one would not change:
//   - a workflow-only setting (labels, dataclass) the file leaves out: it does not say to
//     remove it;
//   - what the deployed form cannot carry, found by compiling and decompiling the local
//     workflow itself (an output's value: SecMaster keeps none), since the deployed side
//     went through the same; a change in a workflow-only setting is always shown.
func localChanges(deployed *workflow.Program, local localWorkflow) []diff.Change {
	lost := uncarried(local)
	var out []diff.Change
	for _, c := range diff.Programs(deployed, local.prog) {
		workflowOnly := c.Scope == diff.ScopeWorkflow && workflowOnlyFields[c.Field]
		if workflowOnly && c.Op == diff.Removed || !workflowOnly && lost[withoutPosition(c)] {
			continue
		}
		out = append(out, c)
	}
	return out
}

// uncarried are the changes compiling and decompiling local makes to it, positions left out.
func uncarried(local localWorkflow) map[diff.Change]bool {
	lost := map[diff.Change]bool{}
	var own *workflow.Program
	var err error
	switch {
	case local.version != nil:
		own, err = deployedProgram(&secmaster.Workflow{Name: local.prog.Workflow.Name.Value}, local.version)
	case local.flowSpec != nil:
		own, err = dwOwnProgram(local)
	default:
		return lost
	}
	if err != nil {
		return lost // nothing to learn from: every change is shown
	}
	for _, c := range diff.Programs(own, local.prog) {
		lost[withoutPosition(c)] = true
	}
	return lost
}

func withoutPosition(c diff.Change) diff.Change {
	c.At = nil
	return c
}
