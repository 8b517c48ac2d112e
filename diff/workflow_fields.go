package diff

import (
	"sort"
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/workflow"
)

// settings compares the workflow's own settings.
func settings(old, new *workflow.Workflow) []Change {
	return compareFields(ScopeWorkflow, "", settingFields(old), settingFields(new))
}

func settingFields(w *workflow.Workflow) []field {
	var out []field
	out = str(out, "name", w.Name)
	out = str(out, "description", w.Description)
	// Type and log level compare as the API receives them: general is NORMAL, and leaving
	// either out is writing its default.
	out = append(out, field{path: "type", key: w.TypeName(), show: orDefault(w.Type, "general"), at: w.Type.Range})
	if len(w.Labels) > 0 {
		labels := make([]string, len(w.Labels))
		for i, l := range w.Labels {
			labels[i] = l.Value
		}
		sort.Strings(labels) // a set: order carries no meaning
		out = append(out, same("labels", "["+strings.Join(labels, ", ")+"]", w.Labels[0].Range))
	}
	out = str(out, "dataclass", w.Dataclass)
	out = retry(out, w.Retry)
	return append(out, field{path: "log_level", key: w.LogLevelName(), show: orDefault(w.LogLevel, "info"), at: w.LogLevel.Range})
}

// orDefault is s as written, or def when it is not.
func orDefault(s workflow.String, def string) string {
	if !s.IsSet() {
		return def
	}
	return s.Value
}

// params compares inputs or outputs, matched by name: new's in order, then removed ones.
func params(scope Scope, old, new []*workflow.Param) []Change {
	byName := make(map[string]*workflow.Param, len(old))
	for _, p := range old {
		if _, dup := byName[p.Name.Value]; !dup {
			byName[p.Name.Value] = p
		}
	}
	seen := map[string]bool{}
	var out []Change
	for _, p := range new {
		name := p.Name.Value
		if seen[name] {
			continue // a duplicate name is a compile error; the first counts
		}
		seen[name] = true
		o, ok := byName[name]
		if !ok {
			out = append(out, Change{Op: Added, Scope: scope, Name: name, Note: paramNote(p), At: at(p.Range)})
			continue
		}
		out = append(out, compareFields(scope, name, paramFields(o), paramFields(p))...)
	}
	for _, p := range old {
		if !seen[p.Name.Value] {
			seen[p.Name.Value] = true
			out = append(out, Change{Op: Removed, Scope: scope, Name: p.Name.Value})
		}
	}
	return out
}

// paramNote describes an added parameter: "(number, required)".
func paramNote(p *workflow.Param) string {
	note := p.TypeOrDefault()
	if p.Required.Value {
		note += ", required"
	}
	return "(" + note + ")"
}

// paramFields are a parameter's fields; type and required are always there, with their
// defaults, so that writing the default is not a change.
func paramFields(p *workflow.Param) []field {
	out := []field{
		same("type", p.TypeOrDefault(), p.Type.Range),
		same("required", strconv.FormatBool(p.Required.Value), p.Required.Range),
	}
	out = str(out, "description", p.Description)
	if p.Default != nil {
		out = append(out, same("default", canonical(p.Default.JSON()), p.Default.Range))
	}
	return str(out, "value", p.Value)
}
