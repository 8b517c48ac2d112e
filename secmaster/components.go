package secmaster

import (
	"context"
	"net/url"
	"strconv"
)

// Component is a plugin (ComponentInfo), reduced to the fields wfc uses.
type Component struct {
	ID                 string `json:"id"`
	Name               string `json:"name"`
	Description        string `json:"description,omitempty"`
	ComponentType      string `json:"component_type,omitempty"` // subscribe, custom, system
	DevLanguage        string `json:"dev_language,omitempty"`
	DevLanguageVersion string `json:"dev_language_version,omitempty"`
	AllianceID         string `json:"alliance_id,omitempty"`
	AllianceName       string `json:"alliance_name,omitempty"`
	CreateTime         string `json:"create_time,omitempty"`
	UpdateTime         string `json:"update_time,omitempty"`
}

// ComponentAction is a plugin function (ComponentActionInfo). ActionInput and ActionOutput are
// JSON strings describing parameters (each with name, type, required, ...).
type ComponentAction struct {
	ID                string `json:"id"`
	ActionName        string `json:"action_name"`
	ActionDesc        string `json:"action_desc,omitempty"`
	ActionType        string `json:"action_type,omitempty"` // action, connector, manager
	ActionEnable      bool   `json:"action_enable"`
	ActionVersionID   string `json:"action_version_id,omitempty"`
	ActionVersionName string `json:"action_version_name,omitempty"`
	ActionInput       string `json:"action_input,omitempty"`
	ActionOutput      string `json:"action_output,omitempty"`
	CreateTime        string `json:"create_time,omitempty"`
	CreatorName       string `json:"creator_name,omitempty"`
}

// ListComponents returns every plugin of the workspace.
func (c *Client) ListComponents(ctx context.Context) ([]Component, error) {
	const op = "list components"
	return pageAll(func(offset, limit int) ([]Component, int, error) {
		q := url.Values{"offset": {strconv.Itoa(offset)}, "limit": {strconv.Itoa(limit)}}
		r, err := c.do(ctx, call{op: op, method: "GET", path: []string{"components"}, query: q, idempotent: true})
		if err != nil {
			return nil, 0, err
		}
		var cs []Component
		env, err := decodeData(op, r, &cs)
		if err != nil {
			return nil, 0, err
		}
		return cs, env.Total, nil
	})
}

// ListComponentActions returns every function of one plugin.
func (c *Client) ListComponentActions(ctx context.Context, componentID string) ([]ComponentAction, error) {
	const op = "list component actions"
	return pageAll(func(offset, limit int) ([]ComponentAction, int, error) {
		q := url.Values{"offset": {strconv.Itoa(offset)}, "limit": {strconv.Itoa(limit)}}
		r, err := c.do(ctx, call{op: op, method: "GET", path: []string{"components", componentID, "action"}, query: q, idempotent: true})
		if err != nil {
			return nil, 0, err
		}
		var as []ComponentAction
		env, err := decodeData(op, r, &as)
		if err != nil {
			return nil, 0, err
		}
		return as, env.Total, nil
	})
}
