package secmaster

import (
	"strings"

	"github.com/wfc-dev/wfc/workflow"
)

// apiParam is one workflow input or output in the shape SecMaster uses for parameters
// (input_dataobject in the update-instance API), fields in that order.
type apiParam struct {
	Name         string `json:"name"`
	Description  string `json:"description"`
	Type         string `json:"type"` // String, Number, Boolean, Object or Array
	DefaultValue string `json:"default_value"`
	Required     bool   `json:"required"`
	Readonly     bool   `json:"readonly"`
	Extra        string `json:"extra"`
}

// paramsJSON is the create-version input or output string: a JSON array of apiParam, or ""
// for an empty list (as the API example sends).
func paramsJSON(params []*workflow.Param) (string, error) {
	if len(params) == 0 {
		return "", nil
	}
	out := make([]apiParam, 0, len(params))
	for _, p := range params {
		t := p.TypeOrDefault()
		out = append(out, apiParam{
			Name:         p.Name.Value,
			Description:  p.Description.Value,
			Type:         strings.ToUpper(t[:1]) + t[1:],
			DefaultValue: defaultText(p.Default),
			Required:     p.Required.Value,
		})
	}
	b, err := marshal(out)
	return string(b), err
}

// defaultText is a default value as the API's default_value string: a string scalar as
// written, anything else (numbers, booleans, lists, mappings) as its JSON text.
func defaultText(v *workflow.Value) string {
	if v == nil || v.Node == nil {
		return ""
	}
	switch j := v.JSON().(type) {
	case nil:
		return ""
	case string:
		return j
	}
	b, err := marshal(v.JSON())
	if err != nil {
		return v.Text()
	}
	return string(b)
}
