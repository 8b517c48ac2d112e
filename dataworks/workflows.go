package dataworks

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
)

// Workflow types (ListWorkflowDefinitions Type; the FlowSpec kind).
const (
	TypeCycleWorkflow  = "CycleWorkflow"
	TypeManualWorkflow = "ManualWorkflow"
)

// WorkflowDefinition is a workflow as ListWorkflowDefinitions and GetWorkflowDefinition return it.
// Spec, the FlowSpec JSON document, is only filled by GetWorkflowDefinition.
type WorkflowDefinition struct {
	ID          ID      `json:"Id"`
	Name        string  `json:"Name"`
	Type        string  `json:"Type,omitempty"`
	Owner       string  `json:"Owner,omitempty"`
	Description string  `json:"Description,omitempty"`
	ProjectID   ID      `json:"ProjectId,omitempty"`
	WorkflowID  ID      `json:"WorkflowId,omitempty"` // the scheduling-side id (Get only)
	Spec        string  `json:"Spec,omitempty"`
	Script      *Script `json:"Script,omitempty"`
}

// Script is a workflow's script summary in a list answer.
type Script struct {
	ID      ID     `json:"Id"`
	Path    string `json:"Path"`
	Runtime struct {
		Command string `json:"Command"`
	} `json:"Runtime"`
}

// ListWorkflowDefinitionsOptions filters ListWorkflowDefinitions. Name is matched fuzzily by the
// server; the server's Type default is CycleWorkflow.
type ListWorkflowDefinitionsOptions struct {
	Type       string
	Name       string
	Owner      string
	PageNumber int // from 1; 0: the server default (1)
	PageSize   int // 1–100; 0: the server default
}

// WorkflowDefinitionPage is one page of ListWorkflowDefinitions (PagingInfo).
type WorkflowDefinitionPage struct {
	WorkflowDefinitions []WorkflowDefinition `json:"WorkflowDefinitions"`
	TotalCount          int                  `json:"TotalCount"`
	PageNumber          int                  `json:"PageNumber"`
	PageSize            int                  `json:"PageSize"`
}

// Paging bounds: the API's largest page, and how many pages AllWorkflowDefinitions reads before
// deciding the server is not converging.
const (
	MaxPageSize = 100
	maxPages    = 1000
)

// ListWorkflowDefinitions returns one page of workflows.
func (c *Client) ListWorkflowDefinitions(ctx context.Context, opts ListWorkflowDefinitionsOptions) (*WorkflowDefinitionPage, error) {
	const action = "ListWorkflowDefinitions"
	if opts.PageSize < 0 || opts.PageSize > MaxPageSize || opts.PageNumber < 0 {
		return nil, fmt.Errorf("%s: page size must be 1–%d and the page number positive", action, MaxPageSize)
	}
	q := c.projectQuery()
	setIf(q, "Type", opts.Type)
	setIf(q, "Name", opts.Name)
	setIf(q, "Owner", opts.Owner)
	if opts.PageNumber > 0 {
		q.Set("PageNumber", strconv.Itoa(opts.PageNumber))
	}
	if opts.PageSize > 0 {
		q.Set("PageSize", strconv.Itoa(opts.PageSize))
	}
	return readField[WorkflowDefinitionPage](ctx, c, action, q, "PagingInfo")
}

// AllWorkflowDefinitions reads every page of ListWorkflowDefinitions for opts (whose paging
// fields it sets itself).
func (c *Client) AllWorkflowDefinitions(ctx context.Context, opts ListWorkflowDefinitionsOptions) ([]WorkflowDefinition, error) {
	var all []WorkflowDefinition
	opts.PageSize = MaxPageSize
	for page := 1; page <= maxPages; page++ {
		opts.PageNumber = page
		p, err := c.ListWorkflowDefinitions(ctx, opts)
		if err != nil {
			return nil, err
		}
		all = append(all, p.WorkflowDefinitions...)
		if lastPage(p, len(all)) {
			return all, nil
		}
	}
	return nil, fmt.Errorf("ListWorkflowDefinitions: still more after %d pages; the server's TotalCount does not converge", maxPages)
}

// lastPage tells whether p ends the listing: an empty page, TotalCount reached, or (when the
// server gives no TotalCount) a page shorter than asked for.
func lastPage(p *WorkflowDefinitionPage, seen int) bool {
	switch {
	case len(p.WorkflowDefinitions) == 0:
		return true
	case p.TotalCount > 0:
		return seen >= p.TotalCount
	}
	return len(p.WorkflowDefinitions) < MaxPageSize
}

// WorkflowDefinitionsNamed returns the workflows of type typ whose name is exactly name (the
// server matches fuzzily), reading all pages.
func (c *Client) WorkflowDefinitionsNamed(ctx context.Context, typ, name string) ([]WorkflowDefinition, error) {
	all, err := c.AllWorkflowDefinitions(ctx, ListWorkflowDefinitionsOptions{Type: typ, Name: name})
	if err != nil {
		return nil, err
	}
	var out []WorkflowDefinition
	for _, w := range all {
		if w.Name == name {
			out = append(out, w)
		}
	}
	return out, nil
}

// GetWorkflowDefinition returns one workflow with its FlowSpec; includeScripts asks for the
// nodes' script contents too (IncludeScriptContent).
func (c *Client) GetWorkflowDefinition(ctx context.Context, id ID, includeScripts bool) (*WorkflowDefinition, error) {
	const action = "GetWorkflowDefinition"
	if id == "" {
		return nil, errors.New(action + ": no workflow id")
	}
	q := c.projectQuery()
	q.Set("Id", string(id))
	q.Set("IncludeScriptContent", strconv.FormatBool(includeScripts))
	return readField[WorkflowDefinition](ctx, c, action, q, "WorkflowDefinition")
}

func (c *Client) projectQuery() url.Values {
	return url.Values{"ProjectId": {c.cfg.ProjectID}}
}

func setIf(v url.Values, key, value string) {
	if value != "" {
		v.Set(key, value)
	}
}
