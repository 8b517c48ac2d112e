package secmaster

import (
	"context"
	"net/url"
	"strconv"

	"github.com/wfc-dev/wfc/secmaster/resource"
)

// Version statuses (AopWorkflowVersionInfo.status).
const (
	StatusPendingSubmit   = "pending_submit" // draft
	StatusPendingApproval = "pending_approval"
	StatusPublishing      = "publishing"
	StatusPublishFailed   = "publish_failed"
	StatusNotActivated    = "not_activated"
	StatusActivated       = "activated"
	StatusRejected        = "rejected"
)

// WorkflowVersion is AopWorkflowVersionInfo (package resource holds its fields).
type WorkflowVersion = resource.WorkflowVersion

// CreateVersionRequest is CreateAopWorkflowVersionInfo, the body `wfc compile` produces
// (package resource holds its fields). TaskflowType defaults to JSON.
type CreateVersionRequest = resource.CreateVersionRequest

// UpdateVersionRequest is ModifyAopWorkflowVersionInfo. The server refuses a status change
// together with other fields; use SetVersionStatus for status changes.
type UpdateVersionRequest struct {
	Name         *string `json:"name,omitempty"`
	Description  *string `json:"description,omitempty"`
	Status       *string `json:"status,omitempty"`
	Taskconfig   *string `json:"taskconfig,omitempty"`
	Taskflow     *string `json:"taskflow,omitempty"`
	TaskflowType *string `json:"taskflow_type,omitempty"`
	AopType      *string `json:"aop_type,omitempty"`
	Input        *string `json:"input,omitempty"`
	Output       *string `json:"output,omitempty"`
}

// CreateVersion adds a draft (pending_submit) version to a workflow. It is never retried once
// the request was sent: on errors.Is(err, ErrAmbiguous), call ListVersions and look for the name.
func (c *Client) CreateVersion(ctx context.Context, workflowID string, req CreateVersionRequest) (*WorkflowVersion, error) {
	if req.TaskflowType == "" {
		req.TaskflowType = TaskflowTypeJSON
	}
	return c.versionCall(ctx, call{op: "create version", method: "POST", path: []string{"workflows", workflowID, "versions"}, body: req})
}

// GetVersion returns one version, with its taskflow and taskconfig.
func (c *Client) GetVersion(ctx context.Context, versionID string) (*WorkflowVersion, error) {
	return c.versionCall(ctx, call{op: "show version", method: "GET", path: []string{"workflows", "versions", versionID}, idempotent: true})
}

// UpdateVersion edits a draft version's fields.
func (c *Client) UpdateVersion(ctx context.Context, versionID string, req UpdateVersionRequest) (*WorkflowVersion, error) {
	return c.versionCall(ctx, call{op: "update version", method: "PUT", path: []string{"workflows", "versions", versionID}, body: req, idempotent: true})
}

// SetVersionStatus submits (pending_approval), activates (activated) or deactivates
// (not_activated) a version. It is sent at most once: a submit starts an approval, so on
// errors.Is(err, ErrAmbiguous) read the version back (GetVersion) to learn its status.
func (c *Client) SetVersionStatus(ctx context.Context, versionID, status string) (*WorkflowVersion, error) {
	body := UpdateVersionRequest{Status: &status}
	return c.versionCall(ctx, call{op: "set version status to " + status, method: "PUT", path: []string{"workflows", "versions", versionID}, body: body})
}

// DeleteVersion deletes a version that is not activated.
func (c *Client) DeleteVersion(ctx context.Context, versionID string) error {
	_, err := c.do(ctx, call{op: "delete version", method: "DELETE", path: []string{"workflows", "versions", versionID}, idempotent: true})
	return err
}

// ListVersionsOptions filters ListVersions; an empty Status lists all.
type ListVersionsOptions struct {
	Status string
}

// ListVersions returns every version of a workflow (paging through the API), in server order.
func (c *Client) ListVersions(ctx context.Context, workflowID string, opts ListVersionsOptions) ([]WorkflowVersion, error) {
	const op = "list versions"
	return pageAll(func(offset, limit int) ([]WorkflowVersion, int, error) {
		q := url.Values{"offset": {strconv.Itoa(offset)}, "limit": {strconv.Itoa(limit)}}
		if opts.Status != "" {
			q.Set("status", opts.Status)
		}
		r, err := c.do(ctx, call{op: op, method: "GET", path: []string{"workflows", workflowID, "versions"}, query: q, idempotent: true})
		if err != nil {
			return nil, 0, err
		}
		var vs []WorkflowVersion
		env, err := decodeData(op, r, &vs)
		if err != nil {
			return nil, 0, err
		}
		return vs, env.Total, nil
	})
}

func (c *Client) versionCall(ctx context.Context, cl call) (*WorkflowVersion, error) {
	r, err := c.do(ctx, cl)
	if err != nil {
		return nil, err
	}
	var v WorkflowVersion
	if _, err := decodeData(cl.op, r, &v); err != nil {
		return nil, err
	}
	return &v, nil
}
