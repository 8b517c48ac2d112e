package secmaster

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"github.com/wfc-dev/wfc/secmaster/resource"
)

// Workflow is AopWorkflowInfo (package resource holds its fields).
type Workflow = resource.Workflow

// Workflow types (aop_type), engine and label values the API accepts.
const (
	AopTypeNormal     = "NORMAL"     // general
	AopTypeSurvey     = "SURVEY"     // investigation
	AopTypeHemostasis = "HEMOSTASIS" // containment
	AopTypeEase       = "EASE"       // mitigation
	EnginePublic      = "public_engine"
	TaskflowTypeJSON  = "JSON"
)

// AopTypes lists the valid aop_type values in documentation order.
var AopTypes = []string{AopTypeNormal, AopTypeSurvey, AopTypeHemostasis, AopTypeEase}

// CreateWorkflowRequest is CreateAopWorkflowInfo. EngineType defaults to public_engine.
type CreateWorkflowRequest struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	EngineType  string `json:"engine_type"`
	AopType     string `json:"aop_type"`
	DataclassID string `json:"dataclass_id"`
	Labels      string `json:"labels,omitempty"` // IP, ACCOUNT or DOMAIN
}

// UpdateWorkflowRequest is ModifyAopWorkflowInfo; nil fields are left unchanged. Enabling a
// workflow needs VersionID, the activated version.
type UpdateWorkflowRequest struct {
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
	Enabled     *bool   `json:"enabled,omitempty"`
	VersionID   *string `json:"version_id,omitempty"`
	Labels      *string `json:"labels,omitempty"`
}

// ListWorkflowsOptions filters ListWorkflows. Name is matched by the server, possibly fuzzily:
// compare names exactly on the client.
type ListWorkflowsOptions struct {
	Name   string
	Offset int // 0–10000
	Limit  int // 1–100; 0: the server default (10)
}

// WorkflowPage is one page of ListWorkflows.
type WorkflowPage struct {
	Workflows []Workflow
	Total     int
}

// maxPageSize and maxOffset are the API's paging bounds (notes §1).
const (
	maxPageSize = 100
	maxOffset   = 10000
)

// ListWorkflows returns one page of workflows.
func (c *Client) ListWorkflows(ctx context.Context, opts ListWorkflowsOptions) (*WorkflowPage, error) {
	const op = "list workflows"
	if opts.Limit < 0 || opts.Limit > maxPageSize || opts.Offset < 0 || opts.Offset > maxOffset {
		return nil, fmt.Errorf("%s: limit must be 1–%d and offset 0–%d", op, maxPageSize, maxOffset)
	}
	q := url.Values{}
	if opts.Name != "" {
		q.Set("name", opts.Name)
	}
	if opts.Offset > 0 {
		q.Set("offset", strconv.Itoa(opts.Offset))
	}
	if opts.Limit > 0 {
		q.Set("limit", strconv.Itoa(opts.Limit))
	}
	r, err := c.do(ctx, call{op: op, method: "GET", path: []string{"workflows"}, query: q, idempotent: true})
	if err != nil {
		return nil, err
	}
	page := &WorkflowPage{}
	env, err := decodeData(op, r, &page.Workflows)
	if err != nil {
		return nil, err
	}
	page.Total = env.Total
	return page, nil
}

// AllWorkflows pages through every workflow whose name matches name (all when empty).
func (c *Client) AllWorkflows(ctx context.Context, name string) ([]Workflow, error) {
	return pageAll(func(offset, limit int) ([]Workflow, int, error) {
		p, err := c.ListWorkflows(ctx, ListWorkflowsOptions{Name: name, Offset: offset, Limit: limit})
		if err != nil {
			return nil, 0, err
		}
		return p.Workflows, p.Total, nil
	})
}

// CreateWorkflow creates a workflow (no versions yet). Not retried once sent: see ErrAmbiguous.
func (c *Client) CreateWorkflow(ctx context.Context, req CreateWorkflowRequest) (*Workflow, error) {
	if req.EngineType == "" {
		req.EngineType = EnginePublic
	}
	return c.workflowCall(ctx, call{op: "create workflow", method: "POST", path: []string{"workflows"}, body: req})
}

// GetWorkflow returns one workflow.
func (c *Client) GetWorkflow(ctx context.Context, workflowID string) (*Workflow, error) {
	return c.workflowCall(ctx, call{op: "show workflow", method: "GET", path: []string{"workflows", workflowID}, idempotent: true})
}

// UpdateWorkflow changes a workflow's name, description, labels or enabled state.
func (c *Client) UpdateWorkflow(ctx context.Context, workflowID string, req UpdateWorkflowRequest) (*Workflow, error) {
	return c.workflowCall(ctx, call{op: "update workflow", method: "PUT", path: []string{"workflows", workflowID}, body: req, idempotent: true})
}

func (c *Client) workflowCall(ctx context.Context, cl call) (*Workflow, error) {
	r, err := c.do(ctx, cl)
	if err != nil {
		return nil, err
	}
	var w Workflow
	if _, err := decodeData(cl.op, r, &w); err != nil {
		return nil, err
	}
	return &w, nil
}

// pageAll calls fetch with growing offsets until the reported total is reached, or, when the
// answer has no total, until a short page; it stops at the API's offset bound. The offset advances
// by what actually arrived, so a server that ignores limit still yields every item once. Work is
// linear in the number of items.
func pageAll[T any](fetch func(offset, limit int) ([]T, int, error)) ([]T, error) {
	var all []T
	for offset := 0; offset <= maxOffset; {
		items, total, err := fetch(offset, maxPageSize)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		offset += len(items)
		switch {
		case len(items) == 0:
			return all, nil
		case total > 0 && len(all) >= total:
			return all, nil
		case total <= 0 && len(items) < maxPageSize:
			return all, nil
		}
	}
	return all, nil
}
