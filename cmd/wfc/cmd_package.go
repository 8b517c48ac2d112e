package main

import (
	"fmt"
	"io/fs"
	"os"
	"sort"

	"github.com/wfc-dev/wfc/config"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/lint/driver"
	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/secmaster/exportfile"
	"github.com/wfc-dev/wfc/target"
	smtarget "github.com/wfc-dev/wfc/target/secmaster"
	"github.com/wfc-dev/wfc/workflow"
)

const packageUsage = `usage: wfc package -o FILE FILE|DIR...

Compiles and lints each workflow (a DIR means every workflow under it, as 'wfc lint' finds
them) and writes a SecMaster workflow import file holding one workflow with one version per
input, for 'wfc import' or the console's import. The file is written atomically; nothing is
written when any workflow has errors, or when FILE is one of the inputs.

`

func runPackage(e *env, args []string) int {
	fs := newFlagSet(e, "package", packageUsage)
	out := fs.String("o", "", "the import file to write (required)")
	configPath := fs.String("config", "", "use this wfc.yaml instead of the one found from the inputs")
	dataclassID := fs.String("dataclass-id", "", "data class id for workflows whose file sets no dataclass")
	files, code, done := parseCommandFlags(e, fs, args)
	if done {
		return code
	}
	if *out == "" {
		return fail(e, exitUsage, "package: -o FILE is required; run 'wfc package -h' for usage")
	}
	if len(files) == 0 {
		return fail(e, exitUsage, "package: no workflow files given; run 'wfc package -h' for usage")
	}
	files, err := expandWorkflowArgs(files)
	if err != nil {
		return fail(e, exitUsage, "package: %v", err)
	}
	if err := refuseInputAsOutput(*out, files); err != nil {
		return fail(e, exitUsage, "package: %v", err)
	}
	rf := remoteFlags{configPath: *configPath}
	cfg, err := rf.loadConfig(e, files[0])
	if err != nil {
		return fail(e, exitUsage, "package: %v", err)
	}
	var wfs []exportfile.Workflow
	byName := map[string]string{} // workflow name → file, to refuse two files with one name
	failed := false
	for _, file := range files {
		cw, err := prepareWorkflow(e, cfg, file)
		if err != nil {
			fmt.Fprintf(e.stderr, "wfc: package: %s: %v\n", file, err)
			failed = true
			continue
		}
		name := cw.res.RequestWithoutTaskflow().Name
		if prev, dup := byName[name]; dup {
			fmt.Fprintf(e.stderr, "wfc: package: %s and %s are both named %q; an import file holds each workflow once\n", prev, file, name)
			failed = true
			continue
		}
		byName[name] = file
		nw := cw.newWorkflow(*dataclassID)
		req, err := cw.res.Request()
		if err != nil {
			fmt.Fprintf(e.stderr, "wfc: package: %s: %v\n", file, err)
			failed = true
			continue
		}
		wfs = append(wfs, exportfile.Workflow{
			Workflow: secmaster.Workflow{Name: name, Description: nw.Description, AopType: nw.AopType, DataclassID: nw.DataclassID, Labels: nw.Labels, EngineType: secmaster.EnginePublic},
			Versions: []secmaster.WorkflowVersion{{Name: req.Name, Description: req.Description, Taskconfig: req.Taskconfig,
				Taskflow: req.Taskflow, TaskflowType: req.TaskflowType, AopType: req.AopType, Input: req.Input, Output: req.Output}},
		})
	}
	if failed {
		return fail(e, exitProblems, "package: %s not written: fix the errors above", *out)
	}
	data, err := exportfile.Marshal(wfs)
	if err != nil {
		return fail(e, exitProblems, "package: %v", err)
	}
	if err := writeOutputFile(*out, data); err != nil {
		return fail(e, exitUsage, "package: %v", err)
	}
	fmt.Fprintf(e.stdout, "wrote %s: %d %s\n", *out, len(wfs), plural(len(wfs), "workflow", "workflows"))
	return exitOK
}

// compiledWorkflow is a workflow file that compiled and passed lint.
type compiledWorkflow struct {
	wf   *workflow.Workflow
	prog *workflow.Program // what a dry run's plan compares with the deployed version
	res  *smtarget.Result  // compiled again with another process number by res.WithProcessNumber
}

// prepareWorkflow lints and compiles file for SecMaster (lintAndCompile).
func prepareWorkflow(e *env, cfg *config.Config, file string) (*compiledWorkflow, error) {
	u, err := lintAndCompile(e, cfg, file, smtarget.Name)
	if err != nil {
		return nil, err
	}
	res, ok := u.Artifact.(*smtarget.Result)
	if !ok {
		return nil, fmt.Errorf("%s did not compile to a SecMaster request; this is a bug in wfc, please report it with the file", file)
	}
	return &compiledWorkflow{wf: u.Workflow, prog: u.Program, res: res}, nil
}

// lintAndCompile reads file, lints it the way `wfc lint` does (schema, compiler checks, the
// rules, with the project's settings) and compiles it for the target named, in one pass of
// the driver, printing the diagnostics. It fails when there is any error, so nothing broken
// is published.
func lintAndCompile(e *env, cfg *config.Config, file, targetName string) (*target.Unit, error) {
	src, err := readInputFile(file, workflow.MaxFileSize, "workflow files")
	if err != nil {
		return nil, err
	}
	settings, err := lintSettings(cfg)
	if err != nil {
		return nil, err
	}
	if driver.DetectKind(file, src) != driver.KindWorkflow {
		return nil, lintNotWorkflow(e, file, src, settings)
	}
	u := compileWorkflow(file, src, driver.Options{Target: targetName, Lint: true, Settings: settings})
	if err := printProblems(e, u.Diags); err != nil {
		return nil, err
	}
	return u, nil
}

// lintNotWorkflow lints a file that is not a YAML workflow (a .bpmn or .json file) as `wfc
// lint` would, printing its problems, and says why it cannot be packaged or pushed.
func lintNotWorkflow(e *env, file string, src []byte, settings lint.Settings) error {
	diags, err := driver.File(file, src, settings)
	if err != nil {
		return err
	}
	if err := printProblems(e, diags); err != nil {
		return err
	}
	return fmt.Errorf("%s is not a workflow file", file)
}

// printProblems prints diags and, when any is an error, returns an error counting them.
func printProblems(e *env, diags diag.List) error {
	printDiagnostics(e, diags)
	if n := countErrors(diags); n > 0 {
		return fmt.Errorf("%d %s (shown above)", n, plural(n, "error", "errors"))
	}
	return nil
}

// lintSettings turns wfc.yaml's lint section into the linter's settings, exactly as
// `wfc lint` does (unknown rule ids and an unreadable catalog are errors).
func lintSettings(cfg *config.Config) (lint.Settings, error) {
	s, diags := driver.Settings(cfg)
	if diags.HasErrors() {
		return s, diags
	}
	return s, nil
}

func countErrors(diags diag.List) int {
	n := 0
	for _, d := range diags {
		if d.Severity == diag.Error {
			n++
		}
	}
	return n
}

// newWorkflow is the create-workflow body for this file: the data class from the flag or the
// file's dataclass (used as the id: wfc has no data class lookup yet), the first label.
func (c *compiledWorkflow) newWorkflow(dataclassID string) secmaster.CreateWorkflowRequest {
	if dataclassID == "" {
		dataclassID = c.wf.Dataclass.Value
	}
	v := c.res.RequestWithoutTaskflow()
	req := secmaster.CreateWorkflowRequest{Name: v.Name, Description: v.Description,
		AopType: v.AopType, DataclassID: dataclassID, EngineType: secmaster.EnginePublic}
	if len(c.wf.Labels) > 0 {
		req.Labels = c.wf.Labels[0].Value // the API takes one entity type
	}
	return req
}

// expandWorkflowArgs replaces each directory by the workflows under it, as `wfc lint` finds
// them (driver.WorkflowFiles: YAML with a top-level wfc key, or that does not decode; hidden
// directories, node_modules and vendor skipped; wfc.yaml has no wfc key), sorted; files are
// kept as given.
func expandWorkflowArgs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %v", a, unwrapPathError(err))
		}
		if !st.IsDir() {
			out = append(out, a)
			continue
		}
		found, err := driver.WorkflowFiles(a)
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
