package secmaster

import (
	"fmt"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/bpmn/layout"
	"github.com/wfc-dev/wfc/diag"
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

// Request is the create-version request body (POST .../soc/workflows/{id}/versions). Every
// field is a string, as the API wants; the field order is the JSON member order.
type Request struct {
	Name         string `json:"name"`
	Description  string `json:"description"`
	Taskconfig   string `json:"taskconfig"`    // Taskconfig as compact JSON
	Input        string `json:"input"`         // JSON array of parameters, or ""
	Output       string `json:"output"`        // JSON array of parameters, or ""
	Taskflow     string `json:"taskflow"`      // base64 of {"elementType":"{}","workflow":TREE}
	TaskflowType string `json:"taskflow_type"` // always "JSON"
	AopType      string `json:"aop_type"`      // NORMAL, SURVEY, HEMOSTASIS or EASE
}

// Result is one compiled workflow.
type Result struct {
	Request Request
	// Defs is the BPMN model, laid out; each element's Origin is the diag.Range of the YAML
	// it was compiled from (lint reports there).
	Defs *bpmn.Definitions
	// Doc is the xml-js tree of Defs, the tree inside Request.Taskflow.
	Doc        *bpmn.Document
	Taskconfig *Taskconfig
}

// RequestJSON is the request body as indented JSON, ending in a newline.
func (r *Result) RequestJSON() ([]byte, error) { return r.Request.indentedJSON() }

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
	if err != nil {
		return nil, diag.List{diag.Errorf(diag.Range{File: prog.Workflow.File}, diag.RuleCompile,
			"cannot compile the workflow: %v; this is a bug in wfc, please report it with this file", err)}
	}
	return res, nil
}

// Unit is one workflow file taken as far as it goes: loaded, resolved and, when nothing
// reported an error, compiled. Everything a caller needs is here, so no caller loads or
// compiles a file a second time.
type Unit struct {
	Workflow *workflow.Workflow // nil when the file does not load at all
	Program  *workflow.Program  // the resolved program; nil when Workflow is nil
	Result   *Result            // nil when any error was reported
	Diags    diag.List          // loading's and the compiler's, sorted
	opts     Options            // what Result was compiled with
}

// CompileFile loads a workflow file (YAML, schema, AST) and compiles it. When loading finds
// errors, the compiler's reference checks still run, so one run reports everything, but
// nothing is built; what the schema has already reported is not reported again.
func CompileFile(file string, src []byte, opts Options) (*Result, diag.List) {
	u := CompileUnit(file, src, opts)
	return u.Result, u.Diags
}

// CompileUnit is CompileFile keeping the loaded workflow and its resolved program.
func CompileUnit(file string, src []byte, opts Options) *Unit {
	w, diags := workflow.Load(file, src)
	u := &Unit{Workflow: w, opts: opts}
	if w == nil {
		u.Diags = diags
		return u
	}
	loadFailed := diags.HasErrors()
	// After the schema has reported errors, leave out the shape checks it also makes and
	// whatever it reported at the same place, so no problem is said twice.
	prog, more := check(w, !loadFailed)
	u.Program = prog
	if loadFailed {
		more = withoutRepeats(more, diags)
	}
	u.Diags = append(diags, more...)
	if !u.Diags.HasErrors() {
		res, built := Build(prog, opts)
		u.Result = res
		u.Diags = append(u.Diags, built...)
	}
	u.Diags.Sort()
	return u
}

// WithProcessNumber is the unit compiled with process Process_N (push keeps the process id
// of the deployed version, which it learns only after compiling): the same Result when n is
// the number it was compiled with, else a new build from the resolved program, with no
// second load or resolve.
func (u *Unit) WithProcessNumber(n int64) (*Result, error) {
	if u.Result == nil {
		return nil, fmt.Errorf("the workflow does not compile: %v", u.Diags)
	}
	if n == u.opts.ProcessNumber || u.opts.ProcessNumber == 0 && n == ProcessNumber(u.Workflow.Name.Value) {
		return u.Result, nil
	}
	opts := u.opts
	opts.ProcessNumber = n
	res, diags := Build(u.Program, opts)
	if res == nil {
		return nil, fmt.Errorf("the workflow does not compile with process number %d: %v", n, diags)
	}
	return res, nil
}

// withoutRepeats drops the diagnostics of more that start where an error of seen does.
func withoutRepeats(more, seen diag.List) diag.List {
	at := map[diag.Pos]bool{}
	for _, d := range seen {
		if d.Severity == diag.Error {
			at[d.Range.Start] = true
		}
	}
	var out diag.List
	for _, d := range more {
		if !at[d.Range.Start] {
			out = append(out, d)
		}
	}
	return out
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
	doc, err := bpmn.Write(defs)
	if err != nil {
		return nil, err
	}
	taskflow, err := bpmn.EncodeTaskflow(doc)
	if err != nil {
		return nil, err
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
		Taskflow:     taskflow,
		TaskflowType: "JSON",
		AopType:      w.AopType(),
	}
	return &Result{Request: req, Defs: defs, Doc: doc, Taskconfig: tc}, nil
}
