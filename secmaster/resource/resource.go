// Package resource holds the shapes of SecMaster's workflow resources as its API spells them
// (AopWorkflowInfo, AopWorkflowVersionInfo), with no network code, so that a package that only
// reads or writes them (the export file format) does not link the HTTP client. Package
// secmaster names them secmaster.Workflow and secmaster.WorkflowVersion.
package resource

// Workflow is AopWorkflowInfo. Fields whose JSON type the notes do not pin down (the *_role
// fields) are left out so that an unexpected type cannot break decoding.
type Workflow struct {
	ID                       string `json:"id"`
	Name                     string `json:"name"`
	Description              string `json:"description"`
	ProjectID                string `json:"project_id,omitempty"`
	WorkspaceID              string `json:"workspace_id,omitempty"`
	OwnerID                  string `json:"owner_id,omitempty"`
	CreatorID                string `json:"creator_id,omitempty"`
	CreatorName              string `json:"creator_name,omitempty"`
	CreateTime               string `json:"create_time,omitempty"`
	ModifierID               string `json:"modifier_id,omitempty"`
	ModifierName             string `json:"modifier_name,omitempty"`
	UpdateTime               string `json:"update_time,omitempty"`
	Enabled                  bool   `json:"enabled"`
	VersionID                string `json:"version_id,omitempty"` // the active version
	CurrentApprovalVersionID string `json:"current_approval_version_id,omitempty"`
	CurrentRejectedVersionID string `json:"current_rejected_version_id,omitempty"`
	AopType                  string `json:"aop_type"`
	EngineType               string `json:"engine_type,omitempty"`
	DataclassID              string `json:"dataclass_id"`
	DataclassName            string `json:"dataclass_name,omitempty"`
	Labels                   string `json:"labels,omitempty"`
}

// CreateVersionRequest is CreateAopWorkflowVersionInfo, the create-version request body
// (POST .../soc/workflows/{id}/versions) that the SecMaster target compiles a workflow into
// and the client sends. Every field is a string, as the API wants; the field order is the
// JSON member order. An empty input or output is left out of what the client sends; `wfc
// compile --emit request` writes every member.
type CreateVersionRequest struct {
	Name         string `json:"name"`
	Description  string `json:"description"`
	Taskconfig   string `json:"taskconfig"`       // the taskconfig as compact JSON
	Input        string `json:"input,omitempty"`  // JSON array of parameters, or ""
	Output       string `json:"output,omitempty"` // JSON array of parameters, or ""
	Taskflow     string `json:"taskflow"`         // base64 of {"elementType":"{}","workflow":TREE}
	TaskflowType string `json:"taskflow_type"`    // JSON; the client sends JSON when ""
	AopType      string `json:"aop_type"`         // NORMAL, SURVEY, HEMOSTASIS or EASE
}

// WorkflowVersion is AopWorkflowVersionInfo (seed 000).
type WorkflowVersion struct {
	ID            string `json:"id"`
	VersionID     string `json:"version_id,omitempty"`
	Name          string `json:"name"`
	WorkflowID    string `json:"aopworkflow_id"`
	Description   string `json:"description"`
	ProjectID     string `json:"project_id,omitempty"`
	WorkspaceID   string `json:"workspace_id,omitempty"`
	OwnerID       string `json:"owner_id,omitempty"`
	CreatorID     string `json:"creator_id,omitempty"`
	CreatorName   string `json:"creator_name,omitempty"`
	CreateTime    string `json:"create_time,omitempty"`
	ModifierID    string `json:"modifier_id,omitempty"`
	ModifierName  string `json:"modifier_name,omitempty"`
	UpdateTime    string `json:"update_time,omitempty"`
	Enabled       bool   `json:"enabled"` // null in the seed's answer decodes as false
	Status        string `json:"status"`
	Version       string `json:"version,omitempty"`
	Taskconfig    string `json:"taskconfig"`
	Taskflow      string `json:"taskflow"` // base64 of {"elementType":"{}","workflow":TREE}
	TaskflowType  string `json:"taskflow_type"`
	AopType       string `json:"aop_type"`
	Input         string `json:"input,omitempty"`
	Output        string `json:"output,omitempty"`
	DataclassID   string `json:"dataclass_id,omitempty"`
	DataclassName string `json:"dataclass_name,omitempty"`
}
