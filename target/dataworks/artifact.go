package dataworks

import (
	"fmt"
	"slices"
	"strings"
)

// The --emit forms of an Artifact, the default first.
const (
	FormSpec    = "spec"    // the FlowSpec document, indented JSON
	FormRequest = "request" // ImportWorkflowDefinition's form fields but ProjectId, as JSON: {"Spec": "<the compact document>"}
)

// Forms are the --emit forms of an Artifact, the default first.
var Forms = []string{FormSpec, FormRequest}

// Artifact is a compiled DataWorks workflow: its FlowSpec document.
type Artifact struct {
	Doc *Document
}

// Forms are the --emit forms, the default first (Forms).
func (a *Artifact) Forms() []string { return slices.Clone(Forms) }

// Spec is the document as ImportWorkflowDefinition's Spec field takes it: compact JSON.
func (a *Artifact) Spec() ([]byte, error) { return Marshal(a.Doc) }

// Emit renders one form; the bytes end in a newline.
func (a *Artifact) Emit(form string) ([]byte, error) {
	var out []byte
	var err error
	switch form {
	case FormSpec:
		out, err = MarshalIndent(a.Doc, "  ")
	case FormRequest:
		var spec []byte
		if spec, err = a.Spec(); err == nil {
			out, err = encode(struct{ Spec string }{string(spec)}, "  ")
		}
	default:
		return nil, fmt.Errorf("DataWorks has no form %q; the forms are %s", form, strings.Join(a.Forms(), ", "))
	}
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}
