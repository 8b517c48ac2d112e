package main

import (
	"context"
	"fmt"

	"github.com/wfc-dev/wfc/config"
	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/deploy"
	"github.com/wfc-dev/wfc/diff"
	"github.com/wfc-dev/wfc/lint/driver"
	"github.com/wfc-dev/wfc/secmaster"
	dwtarget "github.com/wfc-dev/wfc/target/dataworks"
	"github.com/wfc-dev/wfc/workflow"
)

// dataWorksClient is the client of the DataWorks workspace a remote command talks to,
// resolved as push resolves it (dataWorksConfig: the flags, --target, the environment,
// default_target).
func (r *remoteFlags) dataWorksClient(e *env, cfg *config.Config) (*dataworks.Client, error) {
	cc, err := r.dataWorksConfig(e, cfg)
	if err != nil {
		return nil, err
	}
	return dataworks.New(cc)
}

// pullsDataWorks reports whether pull reads a DataWorks workspace rather than a SecMaster
// one: --target names a DataWorks target or, without --target, only DataWorks has a default
// target or a workspace in the environment.
func (r *remoteFlags) pullsDataWorks(e *env, cfg *config.Config) bool {
	if r.target != "" {
		t, err := cfg.Target(r.target)
		return err == nil && t.Platform == config.PlatformDataWorks
	}
	secMaster := cfg.DefaultTargetFor(config.PlatformSecMaster) != "" || e.getenv(secmaster.EnvEndpoint) != "" || e.getenv(secmaster.EnvRegion) != ""
	dataWorks := cfg.DefaultTargetFor(config.PlatformDataWorks) != "" || e.getenv(dataworks.EnvEndpoint) != "" || e.getenv(dataworks.EnvRegion) != ""
	return dataWorks && !secMaster
}

// dwDeployedName names a deployed DataWorks workflow in diff headings: `daily (deployed)`.
func dwDeployedName(def *dataworks.WorkflowDefinition) string {
	return def.Name + " (deployed)"
}

// dwDecompiledYAML is the definition as wfc YAML and the script files it names (place), or
// errNotDecompiled saying why not.
func dwDecompiledYAML(def *dataworks.WorkflowDefinition, place scriptPlace) ([]byte, []scriptFile, error) {
	src, scripts, diags := decompileDefinition(dwDeployedName(def), def, place)
	if src == nil || diags.HasErrors() {
		return nil, nil, fmt.Errorf("%w: %s", errNotDecompiled, firstError(diags))
	}
	return src, scripts, nil
}

// dwDeployedProgram decompiles a definition and resolves it the way a local file is.
func dwDeployedProgram(def *dataworks.WorkflowDefinition) (*workflow.Program, error) {
	src, _, err := dwDecompiledYAML(def, scriptPlace{})
	if err != nil {
		return nil, err
	}
	u := compileWorkflow(dwDeployedName(def), src, driver.Options{})
	if u.Program == nil || u.Diags.HasErrors() {
		return nil, fmt.Errorf("%w: its YAML does not compile: %s", errNotDecompiled, firstError(u.Diags))
	}
	return u.Program, nil
}

// dwRemoteReport compares one local DataWorks side with the workflow deployed under its name,
// found as push finds it.
func dwRemoteReport(ctx context.Context, c *dataworks.Client, local diffSide) (diff.Report, error) {
	def, err := deploy.Deployed(ctx, c, local.prog.Workflow.Name.Value)
	if err != nil {
		return diff.Report{}, err
	}
	if def == nil {
		return diff.Report{Old: "(not deployed)", New: local.name, Changes: notDeployed()}, nil
	}
	changes, err := dwChanges(*def, local.local)
	return diff.Report{Old: dwDeployedName(def), New: local.name, Changes: changes}, err
}

// dwChanges compares a local workflow with a deployed definition, in the language's terms:
// the changes from the definition (old) to the local file (new) that pushing the file would
// make. What the service added that the file's FlowSpec leaves out (its defaults, such as a
// node's rerun strategy, which decompiles to a retry) is no difference: push does not change it.
//
// The deployed side has each script inline, so the local program's run steps that name a
// file get its text as their code, in place (local is the caller's own copy, built for this
// comparison): a script is compared by its text, wherever it is kept.
func dwChanges(def dataworks.WorkflowDefinition, local localWorkflow) ([]diff.Change, error) {
	inlineScripts(local.prog)
	if local.flowSpec != nil {
		spec, err := deploy.WithoutServerAdditions(local.flowSpec, []byte(def.Spec))
		if err != nil {
			return nil, err
		}
		def.Spec = string(spec)
	}
	remote, err := dwDeployedProgram(&def)
	if err != nil {
		return nil, err
	}
	return localChanges(remote, local), nil
}

// dwOwnProgram is a local DataWorks workflow compiled and decompiled: what it looks like once
// deployed, for uncarried.
func dwOwnProgram(local localWorkflow) (*workflow.Program, error) {
	return dwDeployedProgram(&dataworks.WorkflowDefinition{Name: local.prog.Workflow.Name.Value, Spec: string(local.flowSpec)})
}

// inlineScripts gives each run step of prog that names a script file the file's text as its
// code (a file that cannot be read is left named: the file did not compile then).
func inlineScripts(prog *workflow.Program) {
	for _, s := range prog.Steps {
		r, ok := s.Body.(*workflow.Run)
		if !ok || r.File.Value == "" {
			continue
		}
		if text, err := dwtarget.ReadScript(prog.Workflow.File, r.File.Value); err == nil {
			r.Code, r.File = workflow.String{Value: string(text), Range: r.File.Range}, workflow.String{}
		}
	}
}
