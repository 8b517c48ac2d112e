package secmaster

import (
	"bufio"
	"fmt"
	"io"
	"slices"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/target"
	"github.com/wfc-dev/wfc/workflow"
)

// Name is this target's name, as a workflow or the command line gives it.
const Name = "secmaster"

func init() { target.Register(Target{}) }

// Target is the SecMaster target (target.Target). ProcessNumber, when not 0, is the N of
// Process_N instead of the number derived from the workflow's name (see the package doc).
type Target struct {
	ProcessNumber int64
}

// Name is "secmaster".
func (Target) Name() string { return Name }

// Check reports what SecMaster cannot run: duplicate input or output names, on_error:
// continue on a workflow call and platform blocks it cannot write back. The shapes the
// schema rejects are left to it.
func (Target) Check(prog *workflow.Program) diag.List {
	w := prog.Workflow
	return append(append(duplicateParams(w), callOnErrorPolicies(w)...), platformErrors(w)...)
}

// Compile builds the create-version request and the BPMN model of prog (a *Result). A
// program the schema has not vetted gets its shape errors instead (a step
// without an id or kind, ...), which the graph builder cannot handle.
func (t Target) Compile(prog *workflow.Program, opts target.Options) (target.Artifact, diag.List) {
	if shape := shapeErrors(prog.Workflow); len(shape) > 0 {
		shape.Sort()
		return nil, shape
	}
	res, diags := Build(prog, Options{ProcessNumber: t.ProcessNumber, ModelOnly: opts.ModelOnly})
	if res == nil {
		return nil, diags
	}
	return res, diags
}

// The --emit forms of a Result, the default first.
const (
	FormRequest    = "request"    // the create-version request body, indented JSON
	FormTaskflow   = "taskflow"   // the base64 taskflow alone
	FormTaskconfig = "taskconfig" // the taskconfig, indented JSON
	FormXML        = "xml"        // the BPMN 2.0 XML
	FormTree       = "tree"       // the xml-js tree JSON inside the taskflow
)

// Forms are the --emit forms of a Result, the default first.
var Forms = []string{FormRequest, FormTaskflow, FormTaskconfig, FormXML, FormTree}

// Forms are the --emit forms of a Result, the default first (Forms).
func (r *Result) Forms() []string { return slices.Clone(Forms) }

// Emit renders one form of the result; the bytes end in a newline. A ModelOnly result has
// only its model, and no form.
func (r *Result) Emit(form string) ([]byte, error) {
	if r.Taskconfig == nil {
		return nil, fmt.Errorf("the workflow was compiled for linting only; it has no %s", form)
	}
	switch form {
	case FormRequest:
		return r.RequestJSON()
	case FormTaskflow:
		tf, err := r.taskflow()
		return []byte(tf + "\n"), err
	case FormTaskconfig:
		return r.TaskconfigJSON()
	case FormXML, FormTree:
		doc, err := r.Document()
		if err != nil {
			return nil, err
		}
		if form == FormXML {
			return bpmn.EncodeXML(doc, bpmn.XMLOptions{Indent: "  ", DefaultDeclaration: true})
		}
		b, err := bpmn.EncodeTreeJSON(doc, "  ")
		return append(b, '\n'), err
	}
	return nil, fmt.Errorf("SecMaster has no form %q; the forms are %v", form, r.Forms())
}

// streamBuffer is the buffer EmitTo writes through, in bytes: the request's small members go
// out in few writes, its taskflow in 4 KiB pieces of base64 as they are encoded.
const streamBuffer = 64 << 10

// EmitTo writes one form to w (target.Streamer): the request and the taskflow as the
// taskflow is encoded from the model, never whole in memory, with the same bytes as Emit;
// the other forms as Emit renders them. The error is w's, or (a bug in wfc) a model the
// taskflow cannot be written from.
func (r *Result) EmitTo(w io.Writer, form string) error {
	if r.Taskconfig == nil || form != FormRequest && form != FormTaskflow {
		return target.WriteForm(r, w, form)
	}
	bw := bufio.NewWriterSize(w, streamBuffer)
	var err error
	writeTaskflow := func() { err = bpmn.WriteModelTaskflow(r.Defs, bw) }
	if form == FormRequest {
		writeRequestJSON(bw, r.request, writeTaskflow)
	} else {
		writeTaskflow()
		bw.WriteByte('\n')
	}
	if flushErr := bw.Flush(); flushErr != nil { // a bufio.Writer keeps its first error
		return flushErr
	}
	return err
}

// Model is the laid-out BPMN model, which the lint BPMN rules read (target.Modeler).
func (r *Result) Model() *bpmn.Definitions { return r.Defs }

// WithProcessNumber is the result built with process Process_N (push keeps the process id
// of the deployed version, which it learns only after compiling): r itself when n is the
// number it was built with, else a new build from the resolved program, with no second load
// or resolve.
func (r *Result) WithProcessNumber(n int64) (*Result, error) {
	if n == r.opts.ProcessNumber || r.opts.ProcessNumber == 0 && n == ProcessNumber(r.prog.Workflow.Name.Value) {
		return r, nil
	}
	opts := r.opts
	opts.ProcessNumber = n
	res, diags := Build(r.prog, opts)
	if res == nil {
		return nil, fmt.Errorf("the workflow does not compile with process number %d: %v", n, diags)
	}
	return res, nil
}
