package lint

import (
	"strings"

	"github.com/wfc-dev/wfc/catalog"
	"github.com/wfc-dev/wfc/internal/suggest"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

var wfUnknownAction = &Rule{
	ID:          "unknown-action",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "every action exists in the plugin catalog",
	Doc: "With a plugin catalog configured (wfc catalog pull), action: plugin/action must name " +
		"an action of an installed plugin; SecMaster would otherwise reject the taskflow or " +
		"fail the step at run time. The closest known name is suggested. Without a catalog " +
		"the rule does nothing.",
	Check: func(p *Pass) {
		var full, plugins *suggester // built on the first unknown action
		forEachCatalogAction(p, func(s *workflow.Action, plugin *catalog.Plugin, action *catalog.Action) {
			if action != nil {
				return
			}
			if full == nil {
				cat := p.Input.Settings.Catalog
				full, plugins = newSuggester(cat.ActionNames()), newSuggester(cat.PluginNames())
			}
			if plugin == nil {
				pluginName, _, _ := strings.Cut(s.Action.Value, "/")
				hint := full.hint(s.Action.Value)
				if hint == "" {
					hint = plugins.hint(pluginName)
				}
				p.Report(s.Action.Range, "unknown plugin %q in the catalog%s (run 'wfc catalog pull' if it was installed since)", pluginName, hint)
				return
			}
			var names []string
			for _, a := range plugin.Actions {
				if a != nil {
					names = append(names, a.Name)
				}
			}
			_, actionName, _ := strings.Cut(s.Action.Value, "/")
			p.Report(s.Action.Range, "plugin %q has no action %q%s", plugin.Name, actionName, suggest.Hint(actionName, names))
		})
	},
}
