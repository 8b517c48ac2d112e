package lint

import (
	"fmt"
	"strings"

	"github.com/wfc-dev/wfc/catalog"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/suggest"
	"github.com/wfc-dev/wfc/workflow"
	"github.com/wfc-dev/wfc/workflow/expr"
)

var wfUnknownOutputField = &Rule{
	ID:          "unknown-output-field",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "a reference to an action's output names an output the catalog declares",
	Doc: "With a plugin catalog whose entry for an action declares its outputs (outputs, and " +
		"fields of an object output), ${steps.ID.output.FIELD...} on that action's step must " +
		"name a declared output, and a field below it one the object declares: a misspelt " +
		"field evaluates to nothing at run time. The error points at the field inside the " +
		"string and suggests the closest declared name. Nothing is reported for an action the " +
		"catalog declares no outputs for, nor below an output whose fields are not declared " +
		"(an object without fields, a string, an array indexed with [0]): unknown is not " +
		"wrong. Run 'wfc catalog pull' again if the plugin changed since the catalog was saved.",
	Check: func(p *Pass) {
		hints := 0 // suggestions looked up; bounded like every rule's (maxSuggestions)
		p.forEachRef(parsedOnly, func(site workflow.Site, ref workflow.Ref) {
			fields, isOutput := ref.Fields()
			action, outs := declaredOutputs(p, ref.StepID())
			if !isOutput || outs == nil {
				return
			}
			l := lookupOutput(outs, fields)
			if l.missing < 0 {
				return
			}
			name := fields[l.missing]
			tail := ""
			if hints < maxSuggestions {
				hints++
				best, _ := suggest.Closest(name, catalog.OutputNames(l.among))
				tail = didYouMean(best)
			}
			if tail == "" {
				tail = "; it declares " + listNames(catalog.OutputNames(l.among))
			}
			at := fieldRange(site, ref, 2+l.missing) // Path is [ID, "output", FIELDS...]
			if l.parent == nil {
				p.Report(at, "%s has no output %q in the plugin catalog%s", action, name, tail)
				return
			}
			p.Report(at, "output %q of %s has no field %q in the plugin catalog%s", l.parent.Name, action, name, tail)
		})
	},
}

// declaredOutputs is what the plugin catalog declares of step id's outputs: its action's
// name and the outputs. outs is nil when there is no catalog, id is no action step the
// catalog knows, or the catalog declares no outputs for the action: unknown, never reported.
func declaredOutputs(p *Pass, id string) (action string, outs []*catalog.Output) {
	cat := p.Input.Settings.Catalog
	if cat == nil || id == "" {
		return "", nil
	}
	s := p.Program().Lookup(id)
	if s == nil {
		return "", nil
	}
	a, ok := s.Body.(*workflow.Action)
	if !ok || !a.Action.IsSet() {
		return "", nil
	}
	if _, ca := cat.Lookup(a.Action.Value); ca != nil && len(ca.Outputs) > 0 {
		return a.Action.Value, ca.Outputs
	}
	return "", nil
}

// outputLookup is what following a path of fields through declared outputs found.
type outputLookup struct {
	found   *catalog.Output   // the output the whole path names; nil when not declared
	missing int               // index of the first field nothing declares; -1 when none is missing
	parent  *catalog.Output   // the object output lacking that field; nil at the top level
	among   []*catalog.Output // the names declared where the missing field was looked for
}

// lookupOutput follows fields through outs. Below an output that declares no fields (a
// string, an object whose fields the catalog does not list) nothing is known, so nothing is
// missing.
func lookupOutput(outs []*catalog.Output, fields []string) outputLookup {
	list := outs
	var parent *catalog.Output
	for i, f := range fields {
		o := catalog.FindOutput(list, f)
		switch {
		case o == nil:
			return outputLookup{missing: i, parent: parent, among: list}
		case i == len(fields)-1:
			return outputLookup{found: o, missing: -1}
		case len(o.Fields) == 0:
			return outputLookup{missing: -1}
		}
		list, parent = o.Fields, o
	}
	return outputLookup{missing: -1}
}

// outputTypes is the expression checker's view of the catalog's declared outputs.
func outputTypes(p *Pass) func(step string, fields []string) (expr.Type, string) {
	return func(step string, fields []string) (expr.Type, string) {
		action, outs := declaredOutputs(p, step)
		if outs == nil {
			return expr.TypeUnknown, ""
		}
		l := lookupOutput(outs, fields)
		if l.found == nil {
			return expr.TypeUnknown, ""
		}
		return expr.ParseType(l.found.Kind()), action + " in the plugin catalog"
	}
}

// fieldRange is where name i of ref's path is written, or the whole reference when it
// cannot be placed.
func fieldRange(site workflow.Site, ref workflow.Ref, i int) diag.Range {
	if i >= len(ref.Names) {
		return ref.Range
	}
	return site.Span(int(ref.Names[i].Start), int(ref.Names[i].End))
}

// listNames is "a, b, c" or, past a few, "a, b, c, d, e and 7 more", for messages.
func listNames(names []string) string {
	const shown = 5
	if len(names) <= shown {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:shown], ", "), len(names)-shown)
}
