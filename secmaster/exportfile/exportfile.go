// Package exportfile is SecMaster's workflow export/import file format. It has no network code:
// `wfc lint` reads export files through it without linking the HTTP client, and the client
// (secmaster.Client.Export, Import) and its emulator share it.
package exportfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/wfc-dev/wfc/internal/readlimit"
	"github.com/wfc-dev/wfc/secmaster/resource"
)

// MaxBytes is the largest export file wfc reads or accepts from the API, in bytes.
const MaxBytes = readlimit.BPMN

// ASSUMPTION: SecMaster's real export format is not public (the API answers "a file"; notes §3).
// wfc assumes, and its emulator implements, a JSON array of workflows, each carrying its
// versions:
//
//	[{"name": "...", "aop_type": "NORMAL", "dataclass_id": "...", ...,
//	  "versions": [{"name": "...", "taskconfig": "...", "taskflow": "<base64>", "taskflow_type": "JSON", ...}]}]
//
// Every field uses the API's own JSON names (package resource). This file is the only
// place that knows the format: correct it here once a real export has been inspected.

// Workflow is one element of an export file.
type Workflow struct {
	resource.Workflow
	Versions []resource.WorkflowVersion `json:"versions"`
}

// Parse decodes and checks an export file.
func Parse(data []byte) ([]Workflow, error) {
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("export file is %d bytes; the limit is %d MiB", len(data), MaxBytes>>20)
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, errors.New("export file is empty")
	}
	if trimmed[0] != '[' {
		return nil, errors.New("export file is not a JSON array of workflows")
	}
	var wfs []Workflow
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

// Marshal encodes workflows as an export file: indented, in the order given, with a
// trailing newline, so the same input gives the same bytes.
func Marshal(wfs []Workflow) ([]byte, error) {
	if wfs == nil {
		wfs = []Workflow{}
	}
	for i := range wfs {
		if wfs[i].Versions == nil {
			wfs[i].Versions = []resource.WorkflowVersion{}
		}
	}
	b, err := json.MarshalIndent(wfs, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
