package secmastertest

import (
	"encoding/json"
	"testing"
)

// Every declared example output belongs to an example action and is a JSON array of named
// parameters: a key with a typo would silently serve [] instead.
func TestExampleOutputsMatchExampleActions(t *testing.T) {
	actions := map[string]bool{}
	for _, p := range examplePlugins {
		for _, a := range p.actions {
			actions[p.name+"/"+a.name] = true
		}
	}
	for key, out := range exampleOutputs {
		if !actions[key] {
			t.Errorf("exampleOutputs has %s, which is no example action", key)
		}
		var params []struct {
			Name string `json:"name"`
		}
		if err := json.Unmarshal([]byte(out), &params); err != nil || len(params) == 0 {
			t.Errorf("%s: action_output %s is not a JSON array of parameters: %v", key, out, err)
		}
		for _, p := range params {
			if p.Name == "" {
				t.Errorf("%s: a parameter has no name", key)
			}
		}
	}
}
