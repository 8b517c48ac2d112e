// Package diff compares two resolved workflows in the language's terms: the workflow's
// settings, its inputs and outputs, and its steps matched by id, with where control goes
// after each step taken from the resolved Program. Formatting, comments, key order, layout
// and compiled element ids never show as changes, because neither side is compared as text
// or as BPMN.
//
// A step whose id changed but whose content (everything except the id and where control
// goes) is the same as exactly one removed step is reported as a rename ("~ step b: id a →
// b"), and references to it on the old side are read with the new id, so the steps that
// jump to it do not show as changed.
package diff

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// Op says whether something was added, removed or changed.
type Op string

const (
	Added   Op = "+"
	Removed Op = "-"
	Changed Op = "~"
)

// Scope says what a change is about.
type Scope string

const (
	ScopeWorkflow Scope = "workflow" // a workflow setting: name, type, retry, ...
	ScopeInput    Scope = "input"
	ScopeOutput   Scope = "output"
	ScopeStep     Scope = "step"
)

// Change is one difference. Old and New are values as the language writes them (strings
// quoted, durations as written); "" when that side has none.
type Change struct {
	Op    Op     `json:"op"`
	Scope Scope  `json:"scope"`
	Name  string `json:"name,omitempty"`  // the step id or parameter name; "" for the workflow
	Field string `json:"field,omitempty"` // the path of the field, e.g. with.ip; "" for the whole step or parameter
	Old   string `json:"old,omitempty"`
	New   string `json:"new,omitempty"`
	// Note describes an added step or parameter: its kind and where it sits.
	Note string `json:"note,omitempty"`
	// At is where the change is written on the new side, when it is written there.
	At *Position `json:"at,omitempty"`
}

// Position is a place in the new side's YAML file.
type Position struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// Programs compares two resolved workflows and lists the changes from old to new:
// workflow settings first, then inputs, outputs, and the steps in new's order, each removed
// step after the step it followed in old. The order depends only on the two programs.
func Programs(old, new *workflow.Program) []Change {
	var out []Change
	out = append(out, settings(old.Workflow, new.Workflow)...)
	out = append(out, params(ScopeInput, old.Workflow.Inputs, new.Workflow.Inputs)...)
	out = append(out, params(ScopeOutput, old.Workflow.Outputs, new.Workflow.Outputs)...)
	return append(out, steps(old, new)...)
}

// at is r as a position for a change, nil when r was not written.
func at(r diag.Range) *Position {
	if !r.Start.IsValid() {
		return nil
	}
	return &Position{File: r.File, Line: r.Start.Line, Column: r.Start.Column}
}
