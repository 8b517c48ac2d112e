package deploy

import (
	"context"

	"github.com/wfc-dev/wfc/dataworks"
)

// Deployed finds the workflow deployed under name as Plan does (exact match, every page, both
// workflow kinds) and reads its definition with the scripts' contents; nil when no workflow
// has the name. It only reads: 'wfc diff --remote' compares a file with it.
func Deployed(ctx context.Context, c *dataworks.Client, name string) (*dataworks.WorkflowDefinition, error) {
	found, err := findByName(ctx, c, name)
	if err != nil || found == nil {
		return nil, err
	}
	return c.GetWorkflowDefinition(ctx, found.ID, true)
}

// AllWorkflows lists every workflow of the workspace, of both workflow kinds (the server's type
// filter defaults to CycleWorkflow, so each kind is listed in full), without their specs.
func AllWorkflows(ctx context.Context, c *dataworks.Client) ([]dataworks.WorkflowDefinition, error) {
	var all []dataworks.WorkflowDefinition
	for _, kind := range workflowKinds {
		page, err := c.AllWorkflowDefinitions(ctx, dataworks.ListWorkflowDefinitionsOptions{Type: kind})
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
	}
	return all, nil
}
