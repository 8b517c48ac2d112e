// Package target is what every platform wfc compiles to implements: a Target checks a
// resolved program for what the platform cannot run and compiles it into an Artifact, which
// renders the forms `wfc compile --emit` writes. The driver (lint/driver) takes workflows
// through load → resolve → Check → Compile → lint the same way for every target; what is
// particular to a platform (its request shapes, its API client, its BPMN if it has one) stays
// in that platform's packages (target/secmaster, secmaster/...).
package target

import (
	"io"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// Target is one platform.
type Target interface {
	// Name is the platform's name as a workflow or the command line gives it ("secmaster").
	Name() string
	// Check reports what the platform cannot run in a resolved program, each problem at the
	// place the user wrote it and naming the target. It runs even when loading reported
	// errors, so that one run says everything; what the schema rejects is not its business.
	Check(prog *workflow.Program) diag.List
	// Compile builds the artifact of a program that has no errors (neither Resolve's nor
	// Check's). A diagnostic here is what only building finds (a DataWorks script file that
	// cannot be read, at its file key) or a bug in wfc; the artifact is nil when there is an
	// error.
	Compile(prog *workflow.Program, opts Options) (Artifact, diag.List)
}

// Options tune Compile, for every target alike.
type Options struct {
	// ModelOnly asks for no more than what the lint rules read (Model, when the artifact has
	// one): the linter never writes the artifact, so a target may skip building its forms.
	ModelOnly bool
}

// Artifact is one compiled workflow.
type Artifact interface {
	// Forms are the names `--emit` accepts for this artifact, the default first.
	Forms() []string
	// Emit renders one form; the bytes end in a newline.
	Emit(form string) ([]byte, error)
}

// Streamer is an Artifact that writes a form to a writer as it renders it, instead of
// building it whole in memory first: a SecMaster request of a 10,000-step workflow is 24 MB.
// An error of its own it returns before writing anything; once it has written, only w's.
type Streamer interface {
	EmitTo(w io.Writer, form string) error
}

// EmitTo writes form of a to w: streamed when a is a Streamer, else as WriteForm does.
func EmitTo(a Artifact, w io.Writer, form string) error {
	if s, ok := a.(Streamer); ok {
		return s.EmitTo(w, form)
	}
	return WriteForm(a, w, form)
}

// WriteForm writes Emit's bytes of form to w in one write: what a Streamer does with the
// forms it does not stream.
func WriteForm(a Artifact, w io.Writer, form string) error {
	b, err := a.Emit(form)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Modeler is an Artifact that holds a BPMN model: the lint BPMN rules read it. A target
// whose platform does not run BPMN has no Modeler, and its workflows are linted with the
// workflow rules alone.
type Modeler interface {
	// Model is the laid-out BPMN model, each element's Origin the YAML range it came from.
	Model() *bpmn.Definitions
}

// ModelOf is a's BPMN model, or nil when it has none.
func ModelOf(a Artifact) *bpmn.Definitions {
	if m, ok := a.(Modeler); ok {
		return m.Model()
	}
	return nil
}

// Wrapping is implemented by a target whose platform carries BPMN documents inside JSON
// objects of its own (a request body, an API response): lint, convert and render read
// those too, through BPMNWrappers.
type Wrapping interface {
	BPMNWrappers() []bpmn.Wrapper
}

// Exporting is implemented by a target whose platform exports workflows into one file, a
// JSON array with an entry per workflow (SecMaster's export file): `wfc lint` reads every
// version's BPMN from it.
type Exporting interface {
	// ParseExport reads an export file; an error says what is wrong with it.
	ParseExport(src []byte) ([]Exported, error)
}

// Exported is one workflow of an export file, in file order, with its versions.
type Exported struct {
	Name     string
	Versions []ExportedVersion
}

// ExportedVersion is one version of an exported workflow.
type ExportedVersion struct {
	Name     string
	Taskflow string // the base64 taskflow, which bpmn.DecodeTaskflow reads
}
