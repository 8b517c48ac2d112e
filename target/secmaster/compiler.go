package secmaster

import (
	"fmt"
	"sync"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/bpmn/layout"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/secmaster/resource"
	"github.com/wfc-dev/wfc/target"
	"github.com/wfc-dev/wfc/workflow"
)

// Options tune compilation. The zero value is what `wfc compile` uses.
type Options struct {
	// ProcessNumber, when not 0, is the N of Process_N instead of the number derived from
	// the workflow's name (see the package doc).
	ProcessNumber int64
	// ModelOnly stops after the laid-out BPMN model: Result.Defs is set and nothing else. The
	// linter uses it, since it never reads the tree, taskflow or taskconfig, which are about a
	// fifth of compile time and allocation.
	ModelOnly bool
}

// Request is the create-version request body, the one type the API client sends.
type Request = resource.CreateVersionRequest

// Result is one compiled workflow.
type Result struct {
	// Defs is the BPMN model, laid out; each element's Origin is the diag.Range of the YAML
	// it was compiled from (lint reports there).
	Defs       *bpmn.Definitions
	Taskconfig *Taskconfig
	// request is the create-version request but its taskflow, which is written from Defs
	// when it is asked for: `wfc compile` streams it to the output (EmitTo), so that its
	// megabytes of base64 (21 MB at 10,000 steps) are never whole in memory, and Request
	// encodes it once for those who need it whole.
	request  Request
	taskflow func() (string, error) // Defs' base64 taskflow, encoded on the first call
	prog     *workflow.Program      // what this was built from, for WithProcessNumber
	opts     Options
}

// RequestWithoutTaskflow is the create-version request with an empty taskflow: its name,
// description, type and parameters, without encoding megabytes of base64.
func (r *Result) RequestWithoutTaskflow() Request { return r.request }

// Request is the create-version request body, its taskflow encoded from Defs on the first
// call. The error is a model the taskflow cannot be written from, a bug in wfc.
func (r *Result) Request() (Request, error) {
	req := r.request
	if r.taskflow == nil {
		return req, fmt.Errorf("the workflow was compiled for linting only; it has no request")
	}
	var err error
	req.Taskflow, err = r.taskflow()
	return req, err
}

// Document is the xml-js tree of Defs, the tree inside the request's taskflow, built anew on
// each call: compiling writes the taskflow straight from the model (bpmn.WriteModelTaskflow),
// and only the xml and tree forms need the tree.
func (r *Result) Document() (*bpmn.Document, error) { return bpmn.Write(r.Defs) }

// RequestJSON is the request body as indented JSON, ending in a newline.
func (r *Result) RequestJSON() ([]byte, error) {
	req, err := r.Request()
	if err != nil {
		return nil, err
	}
	return indentedJSON(req)
}

// TaskconfigJSON is the taskconfig as indented JSON, ending in a newline.
func (r *Result) TaskconfigJSON() ([]byte, error) { return marshalIndent(r.Taskconfig) }

// Compile compiles a loaded workflow. It reports every problem it cannot get past (rule
// diag.RuleCompile) in one run, sorted, and then returns no result. The same workflow always
// gives the same bytes.
func Compile(w *workflow.Workflow, opts Options) (*Result, diag.List) {
	if w == nil {
		return nil, diag.List{diag.Errorf(diag.Range{}, diag.RuleCompile, "there is no workflow to compile")}
	}
	prog, diags := check(w, true)
	if diags.HasErrors() {
		diags.Sort()
		return nil, diags
	}
	res, built := Build(prog, opts)
	return res, append(diags, built...)
}

// Build compiles a resolved program that has no errors. An error here is a bug in wfc,
// reported as a diagnostic at the file.
func Build(prog *workflow.Program, opts Options) (*Result, diag.List) {
	res, err := build(prog, opts)
	if err == nil {
		res.prog, res.opts = prog, opts
	}
	if err != nil {
		return nil, diag.List{diag.Errorf(diag.Range{File: prog.Workflow.File}, diag.RuleCompile,
			"cannot compile the workflow: %v; this is a bug in wfc, please report it with this file", err)}
	}
	return res, nil
}

// CompileFile loads a workflow file (YAML, schema, AST), resolves it, checks it and
// compiles it: target.Build with this target. When loading finds errors, the checks still
// run, so one run reports everything, but nothing is built.
func CompileFile(file string, src []byte, opts Options) (*Result, diag.List) {
	u := target.Build(Target{ProcessNumber: opts.ProcessNumber}, file, src, target.Options{ModelOnly: opts.ModelOnly})
	res, _ := u.Artifact.(*Result)
	return res, u.Diags
}

func build(prog *workflow.Program, opts Options) (*Result, error) {
	w := prog.Workflow
	g, err := buildGraph(prog)
	if err != nil {
		return nil, err
	}
	insertJoins(g)
	num := opts.ProcessNumber
	if num == 0 {
		num = ProcessNumber(w.Name.Value)
	}
	if num < 0 {
		return nil, fmt.Errorf("process number %d is negative", num)
	}
	defs, nodes, err := emit(g, num)
	if err != nil {
		return nil, err
	}
	if err := layout.Apply(defs); err != nil {
		return nil, err
	}
	if opts.ModelOnly {
		return &Result{Defs: defs}, nil
	}
	tc := buildTaskconfig(w, nodes)
	tcJSON, err := tc.marshal()
	if err != nil {
		return nil, err
	}
	input, err := paramsJSON(w.Inputs)
	if err != nil {
		return nil, err
	}
	output, err := paramsJSON(w.Outputs)
	if err != nil {
		return nil, err
	}
	req := Request{
		Name:         w.Name.Value,
		Description:  w.Description.Value,
		Taskconfig:   string(tcJSON),
		Input:        input,
		Output:       output,
		TaskflowType: "JSON",
		AopType:      AopType(w),
	}
	taskflow := sync.OnceValues(func() (string, error) { return bpmn.EncodeModelTaskflow(defs) })
	return &Result{request: req, taskflow: taskflow, Defs: defs, Taskconfig: tc}, nil
}
