package check

import (
	"bytes"

	"github.com/wfc-dev/wfc/compiler"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/workflow"
)

// lintWorkflow checks a YAML workflow in the order a user fixes it: YAML and schema first;
// when those hold, the compiler's checks; when those hold too, the workflow rules over the
// AST and the BPMN rules over the compiled model (which carries YAML positions, so both
// report in the YAML). Rules do not run on a workflow with errors: they would restate them
// (a next naming no step is also a step with no path to the end).
func lintWorkflow(path string, src []byte, s lint.Settings) diag.List {
	w, diags := workflow.Load(path, src)
	if w == nil {
		return diags
	}
	if diags.HasErrors() {
		// Add the compiler's own checks to the load errors, as `wfc compile` prints them,
		// without building anything or loading the file again.
		return compiler.CheckLoaded(w, diags)
	}
	res, compiled := compiler.Compile(w, compiler.Options{ModelOnly: true})
	diags = append(diags, compiled...)
	if res == nil || compiled.HasErrors() {
		return diags
	}
	return append(diags, lint.Run(&lint.Input{File: path, Source: src, Workflow: w, Defs: res.Defs, Settings: s})...)
}

// IsWorkflowYAML reports whether YAML source looks like a wfc workflow: it has a top-level
// `wfc:` or `steps:` key. A top-level key starts in column 1 (block style), so a line scan is
// enough and costs far less than a parse; the scan stops at the first line that decides.
func IsWorkflowYAML(src []byte) bool {
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		line = bytes.TrimPrefix(line, []byte("\ufeff"))
		if isTopLevelKey(line, "wfc") || isTopLevelKey(line, "steps") {
			return true
		}
	}
	return false
}

// isTopLevelKey reports whether line starts with key (bare or quoted) and a colon.
func isTopLevelKey(line []byte, key string) bool {
	for _, form := range [...]string{key, `"` + key + `"`, `'` + key + `'`} {
		if rest, ok := bytes.CutPrefix(line, []byte(form)); ok {
			rest = bytes.TrimLeft(rest, " \t")
			if len(rest) > 0 && rest[0] == ':' && (len(rest) == 1 || rest[1] == ' ' || rest[1] == '\t' || rest[1] == '\r') {
				return true
			}
		}
	}
	return false
}
