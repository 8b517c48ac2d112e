package lint

import (
	"github.com/wfc-dev/wfc/catalog"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/suggest"
	"github.com/wfc-dev/wfc/workflow"
)

var wfUnknownActionInput = &Rule{
	ID:          "unknown-action-input",
	Severity:    diag.Warning,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "an action is given only inputs the catalog knows",
	Doc: "With a plugin catalog configured, a with key the action does not declare is ignored " +
		"by the plugin, so the value you meant to pass is lost (often a typo of a real input, " +
		"which is suggested). Actions the catalog lists without any inputs are not checked: " +
		"the catalog may simply not know them.",
	Check: func(p *Pass) {
		forEachCatalogAction(p, func(s *workflow.Action, _ *catalog.Plugin, action *catalog.Action) {
			if action == nil || len(action.Inputs) == 0 {
				return
			}
			known := make(map[string]bool, len(action.Inputs))
			var names []string
			for _, in := range action.Inputs {
				if in != nil {
					known[in.Name] = true
					names = append(names, in.Name)
				}
			}
			for _, e := range s.With {
				if !known[e.Key.Value] {
					p.Report(e.Key.Range, "action %s has no input %q%s", s.Action.Value, e.Key.Value, suggest.Hint(e.Key.Value, names))
				}
			}
		})
	},
}
