package driver

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/target"
)

// lintBPMN checks a BPMN document in any form bpmn.DecodeAny reads (XML, a taskflow envelope,
// an xml-js tree, and the JSON objects the registered targets wrap a taskflow in: SecMaster's
// create-version request and API response) with the BPMN rules.
func lintBPMN(path string, src []byte, s lint.Settings) diag.List {
	doc, _, err := bpmn.DecodeBPMN(src, target.BPMNWrappers()...)
	if err != nil {
		return diag.List{syntaxDiagnostic(path, err)}
	}
	return lintDocument(path, doc, s, "")
}

// lintJSON checks a JSON file: an array is an export file, anything else a single document.
func lintJSON(path string, src []byte, s lint.Settings) diag.List {
	if trimmed := bytes.TrimSpace(bytes.TrimPrefix(src, []byte("\ufeff"))); len(trimmed) > 0 && trimmed[0] == '[' {
		// Keep the leading lines, so positions are the file's own.
		return lintExport(path, bytes.TrimPrefix(src, []byte("\ufeff")), s)
	}
	return lintBPMN(path, src, s)
}

// lintExport checks every version of every workflow in an export file. The taskflows inside
// have no line numbers of their own, so each message starts with the workflow and version it
// is about, and names the element.
func lintExport(path string, src []byte, s lint.Settings) diag.List {
	wfs, err := target.ParseExport(src)
	if err != nil {
		return diag.List{diag.Errorf(diag.Range{File: path}, diag.RuleSyntax, "%v", err)}
	}
	var out diag.List
	entries := exportEntryPositions(src)
	for i, w := range wfs {
		var found diag.List
		for _, v := range w.Versions {
			where := fmt.Sprintf("workflow %q version %q", w.Name, v.Name)
			doc, err := bpmn.DecodeTaskflow(v.Taskflow)
			if err != nil {
				found = append(found, diag.Errorf(diag.Range{File: path}, diag.RuleSyntax, "%s: taskflow: %v", where, err))
				continue
			}
			found = append(found, lintDocument(path, doc, s, where)...)
		}
		if i < len(entries) {
			// Lines inside a base64 taskflow are not the file's: point at the workflow's entry.
			for j := range found {
				found[j].Range.Start, found[j].Range.End = entries[i], diag.Pos{}
			}
		}
		out = append(out, found...)
	}
	return out
}

// lintDocument reads the typed model and runs the BPMN rules; where, when set, prefixes every
// message (the workflow of an export file).
func lintDocument(path string, doc *bpmn.Document, s lint.Settings, where string) diag.List {
	defs, err := bpmn.Read(doc)
	var out diag.List
	if err != nil {
		out = diag.List{syntaxDiagnostic(path, err)}
	} else {
		// What bpmn-moddle would warn about on import (dangling references, duplicate ids)
		// is reported too: bpmnlint's CLI shows import warnings as problems.
		for _, w := range defs.Warnings {
			r := diag.Range{File: path}
			if w.Node != nil && w.Node.Line > 0 {
				r.Start = diag.Pos{Line: w.Node.Line, Column: w.Node.Col}
			}
			out = append(out, diag.Warningf(r, diag.RuleSyntax, "%s", w.Message))
		}
		out = append(out, lint.Run(&lint.Input{File: path, Defs: defs, Settings: s})...)
	}
	if where != "" {
		for i := range out {
			out[i].Message = where + ": " + out[i].Message
		}
	}
	return out
}

// positionPrefix matches the "line:col: " some bpmn errors start with.
var positionPrefix = regexp.MustCompile(`^(\d+):(\d+): `)

// syntaxDiagnostic turns a decode or read error into a positioned syntax diagnostic.
func syntaxDiagnostic(path string, err error) diag.Diagnostic {
	r := diag.Range{File: path}
	msg := err.Error()
	var se *bpmn.SyntaxError
	if errors.As(err, &se) && se.Line > 0 && msg == se.Error() {
		r.Start = diag.Pos{Line: se.Line, Column: se.Col}
		msg = se.Msg
	} else if m := positionPrefix.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		r.Start = diag.Pos{Line: line, Column: col}
		msg = msg[len(m[0]):]
	}
	return diag.Errorf(r, diag.RuleSyntax, "%s", msg)
}
