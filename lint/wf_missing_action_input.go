package lint

import (
	"fmt"
	"github.com/wfc-dev/wfc/catalog"
	"strings"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

var wfMissingActionInput = &Rule{
	ID:          "missing-action-input",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "an action gets every input the catalog marks required",
	Doc: "With a plugin catalog configured, every input the action declares as required must " +
		"be given under with; otherwise the step fails when it runs. Without a catalog, or " +
		"for an action the catalog does not know, the rule does nothing.",
	Check: func(p *Pass) {
		forEachCatalogAction(p, func(s *workflow.Action, _ *catalog.Plugin, action *catalog.Action) {
			if action == nil {
				return
			}
			given := withKeys(s.With)
			var missing []string
			for _, in := range action.Inputs {
				if in != nil && in.Required && !given[in.Name] {
					missing = append(missing, fmt.Sprintf("%q", in.Name))
				}
			}
			switch len(missing) {
			case 0:
			case 1:
				p.Report(s.Action.Range, "action %s needs input %s; add it under with", s.Action.Value, missing[0])
			default:
				p.Report(s.Action.Range, "action %s needs inputs %s; add them under with", s.Action.Value, strings.Join(missing, ", "))
			}
		})
	},
}

// withKeys is the set of keys a with mapping gives.
func withKeys(with []*workflow.Entry) map[string]bool {
	keys := make(map[string]bool, len(with))
	for _, e := range with {
		keys[e.Key.Value] = true
	}
	return keys
}
