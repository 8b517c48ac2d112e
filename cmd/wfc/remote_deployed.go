package main

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/diff"
	"github.com/wfc-dev/wfc/lint/driver"
	"github.com/wfc-dev/wfc/secmaster"
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
	return nil, diag.List{diag.Errorf(diag.Range{File: name}, "decompile", "this build of wfc cannot decompile a deployed version yet")}
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

// remoteChanges compares a local program with what is deployed, in the language's terms:
// the changes from the deployed version (old) to the local file (new). A workflow that does
// not exist, or has no version yet, is one change saying so.
func remoteChanges(wf *secmaster.Workflow, v *secmaster.WorkflowVersion, local *workflow.Program) ([]diff.Change, error) {
	switch {
	case wf == nil:
		return []diff.Change{{Op: diff.Added, Scope: diff.ScopeWorkflow, Note: "(not deployed: no workflow has its name)"}}, nil
	case v == nil:
		return []diff.Change{{Op: diff.Added, Scope: diff.ScopeWorkflow, Note: fmt.Sprintf("(workflow %s has no version yet)", wf.ID)}}, nil
	}
	remote, err := deployedProgram(wf, v)
	if err != nil {
		return nil, err
	}
	return diff.Programs(remote, local), nil
}

// pullFileName is the base name of the file a workflow is pulled to: the name's ASCII
// letters and digits, lower-cased, words joined by '-'; "workflow" when it has none.
func pullFileName(name string) string {
	var b strings.Builder
	gap := false
	for _, r := range name {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if gap && b.Len() > 0 {
				b.WriteByte('-')
			}
			gap = false
			b.WriteRune(unicode.ToLower(r))
		default:
			gap = true
		}
	}
	if b.Len() == 0 {
		return "workflow"
	}
	return b.String()
}
