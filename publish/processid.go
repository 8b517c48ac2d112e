package publish

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/secmaster"
	smtarget "github.com/wfc-dev/wfc/target/secmaster"
)

// processIDPrefix is how SecMaster's editor and wfc both name the process: Process_ and an
// epoch-millisecond-like number.
const processIDPrefix = "Process_"

// deployedVersion is the version whose process id a new version keeps: the activated one,
// which the engine runs, else the newest. Nil when the workflow has no version.
func deployedVersion(vs []secmaster.WorkflowVersion) *secmaster.WorkflowVersion {
	for i := range vs {
		if vs[i].Status == secmaster.StatusActivated {
			return &vs[i]
		}
	}
	return Newest(vs)
}

// processNumber chooses the N of Process_N for a new version of workflowID: the deployed
// version's, so renaming the workflow or editing it keeps the engine's process key; for a first
// version, smtarget.ProcessNumber of the workflow id (not of its name, which two workflows may
// share and a rename changes). note says why a deployed id could not be kept.
func processNumber(deployed *secmaster.WorkflowVersion, workflowID string) (n int64, note string) {
	if deployed != nil {
		id, _ := processIDOf(deployed.Taskflow)
		if n, ok := numberOf(id); ok {
			return n, ""
		}
		note = fmt.Sprintf("the process id of version %s (%q) is not %s<number>, so it is not kept; the new version's is derived from the workflow id", deployed.ID, id, processIDPrefix)
	}
	return smtarget.ProcessNumber(workflowID), note
}

// numberOf reads the N of a "Process_N" id; N must be a positive decimal number.
func numberOf(processID string) (int64, bool) {
	digits, ok := strings.CutPrefix(processID, processIDPrefix)
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	return n, err == nil && n > 0
}

// processIDOf returns the id of the taskflow's first process element.
func processIDOf(taskflow string) (string, bool) {
	doc, err := bpmn.DecodeTaskflow(taskflow)
	if err != nil || doc.Root() == nil {
		return "", false
	}
	for _, el := range doc.Root().Elements() {
		if bpmn.LocalName(el.Name) == "process" {
			return el.Attr("id")
		}
	}
	return "", false
}

// request compiles the item for workflowID, keeping the process id of the deployed version
// among versions. newest is the newest version with its content, nil when there is none; any
// other deployed version is fetched when the listing left its taskflow out.
func (it Item) request(ctx context.Context, api API, workflowID string, versions []secmaster.WorkflowVersion, newest *secmaster.WorkflowVersion, out *Outcome) (secmaster.CreateVersionRequest, error) {
	deployed := deployedVersion(versions)
	if deployed != nil && newest != nil && deployed.ID == newest.ID {
		deployed = newest
	} else if deployed != nil {
		full, err := WithContent(ctx, api, deployed)
		if err != nil {
			return secmaster.CreateVersionRequest{}, err
		}
		deployed = full
	}
	n, note := processNumber(deployed, workflowID)
	if note != "" {
		out.Notes = append(out.Notes, note)
	}
	out.ProcessID = processIDPrefix + strconv.FormatInt(n, 10)
	req, err := it.Compile(n)
	if err != nil {
		return req, fmt.Errorf("cannot compile the workflow for process %s: %w", out.ProcessID, err)
	}
	return req, nil
}
