package secmaster

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// The workflow export/import file format.
//
// ASSUMPTION: SecMaster's real export format is not public (the API answers "a file"; notes §3).
// wfc assumes, and its emulator implements, a JSON array of workflows, each carrying its
// versions:
//
//	[{"name": "...", "aop_type": "NORMAL", "dataclass_id": "...", ...,
//	  "versions": [{"name": "...", "taskconfig": "...", "taskflow": "<base64>", "taskflow_type": "JSON", ...}]}]
//
// Every field uses the API's own JSON names (Workflow, WorkflowVersion). This file is the only
// place that knows the format: correct it here once a real export has been inspected.

// ExportedWorkflow is one element of an export file.
type ExportedWorkflow struct {
	Workflow
	Versions []WorkflowVersion `json:"versions"`
}

// ParseExportFile decodes and checks an export file.
func ParseExportFile(data []byte) ([]ExportedWorkflow, error) {
	if len(data) > MaxExportBytes {
		return nil, fmt.Errorf("export file is %d bytes; the limit is %d MiB", len(data), MaxExportBytes>>20)
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, errors.New("export file is empty")
	}
	if trimmed[0] != '[' {
		return nil, errors.New("export file is not a JSON array of workflows")
	}
	var wfs []ExportedWorkflow
	if err := json.Unmarshal(trimmed, &wfs); err != nil {
		return nil, fmt.Errorf("export file is not valid JSON (it may be truncated): %v", err)
	}
	for i, w := range wfs {
		where := fmt.Sprintf("export file: workflow %d", i+1)
		if w.Name == "" {
			return nil, errors.New(where + " has no name")
		}
		where += fmt.Sprintf(" (%q)", w.Name)
		for j, v := range w.Versions {
			switch {
			case v.Name == "":
				return nil, fmt.Errorf("%s: version %d has no name", where, j+1)
			case v.Taskflow == "":
				return nil, fmt.Errorf("%s: version %q has no taskflow", where, v.Name)
			case v.Taskconfig == "":
				return nil, fmt.Errorf("%s: version %q has no taskconfig", where, v.Name)
			}
		}
	}
	return wfs, nil
}

// MarshalExportFile encodes workflows as an export file: indented, in the order given, with a
// trailing newline, so the same input gives the same bytes.
func MarshalExportFile(wfs []ExportedWorkflow) ([]byte, error) {
	if wfs == nil {
		wfs = []ExportedWorkflow{}
	}
	for i := range wfs {
		if wfs[i].Versions == nil {
			wfs[i].Versions = []WorkflowVersion{}
		}
	}
	b, err := json.MarshalIndent(wfs, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
