package secmaster

import (
	"context"
	"encoding/json"
	"strings"
)

// Validation modes of POST /workflows/validation.
const (
	ValidateBasic     = "BASIC"      // structure
	ValidateCircle    = "CIRCLE"     // loops
	ValidateAppParams = "APP_PARAMS" // plugin parameters
)

// ValidateRequest checks a compiled taskflow without creating a version. All fields are required.
type ValidateRequest struct {
	Mode       string `json:"mode"`
	Taskconfig string `json:"taskconfig"`
	Taskflow   string `json:"taskflow"`
	WorkflowID string `json:"aopworkflow_id"`
}

// ValidationResult is the answer's data. The API types it as "object"; Terraform reads
// data.result and data.detail, whose JSON types are not documented, so both are kept raw and
// interpreted by Passed and DetailText.
type ValidationResult struct {
	Result json.RawMessage `json:"result"`
	Detail json.RawMessage `json:"detail"`
}

// Passed reports whether result is true, "true" or "success" (any case).
func (v *ValidationResult) Passed() bool {
	var b bool
	if json.Unmarshal(v.Result, &b) == nil {
		return b
	}
	var s string
	if json.Unmarshal(v.Result, &s) == nil {
		return strings.EqualFold(s, "true") || strings.EqualFold(s, "success")
	}
	return false
}

// DetailText is detail as a string: the string itself, or the JSON text of anything else.
func (v *ValidationResult) DetailText() string {
	var s string
	if json.Unmarshal(v.Detail, &s) == nil {
		return s
	}
	if len(v.Detail) == 0 || string(v.Detail) == "null" {
		return ""
	}
	return string(v.Detail)
}

// Validate asks the server to check a taskflow. It changes nothing, so it is retried like a GET.
func (c *Client) Validate(ctx context.Context, req ValidateRequest) (*ValidationResult, error) {
	const op = "validate workflow"
	r, err := c.do(ctx, call{op: op, method: "POST", path: []string{"workflows", "validation"}, body: req, idempotent: true})
	if err != nil {
		return nil, err
	}
	var res ValidationResult
	if _, err := decodeData(op, r, &res); err != nil {
		return nil, err
	}
	return &res, nil
}
