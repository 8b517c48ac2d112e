package deploy

import (
	"context"
	"errors"
	"fmt"

	"github.com/wfc-dev/wfc/dataworks"
)

// Publish deploys a workflow and its nodes to production: CreatePipelineRun (type Online, the
// workflow as its object), sent once, then WaitPipelineRun, which starts each stage that waits
// for a start and ends with the run's success or the failing stage's message (a
// *dataworks.PipelineError). progress, when not nil, sees every poll of the run.
//
// A lost answer to CreatePipelineRun is not resent: the API has no look-up of runs by object
// that wfc uses, so the error (marked with ErrUnknownOutcome) says to check the run in the
// DataWorks console before publishing again.
func Publish(ctx context.Context, c *dataworks.Client, workflowID dataworks.ID, progress func(*dataworks.PipelineRun)) (*dataworks.PipelineRun, error) {
	if !serverID.MatchString(string(workflowID)) {
		return nil, fmt.Errorf("publish: %q is not a DataWorks workflow id", truncate(string(workflowID), 40))
	}
	runID, err := c.CreatePipelineRun(ctx, dataworks.CreatePipelineRunRequest{
		Type:        dataworks.PipelineOnline,
		ObjectIDs:   []dataworks.ID{workflowID},
		Description: "wfc publish",
	})
	if errors.Is(err, dataworks.ErrAmbiguous) {
		return nil, unknownf("publishing workflow %s: %w; a publish run may have started: it was not resent, check the workflow's deployment in the DataWorks console before publishing again", workflowID, err)
	}
	if err != nil {
		return nil, fmt.Errorf("publishing workflow %s: %w", workflowID, err)
	}
	run, err := c.WaitPipelineRun(ctx, runID, progress)
	if err != nil {
		return run, fmt.Errorf("publishing workflow %s: %w", workflowID, err)
	}
	return run, nil
}
