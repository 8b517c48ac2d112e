package lint

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

var wfWorkflowInputType = &Rule{
	ID:          "workflow-input-type",
	Severity:    diag.Warning,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "a call's literal values have the types the called workflow declares",
	Doc: "When a workflow: step names a workflow linted in the same run, a literal with " +
		"value whose YAML type contradicts the input's declared type (inputs[].type; absent " +
		"is string) is reported: text for a number or boolean, a mapping for a list, a " +
		"number for a string (quote it to pass text: the compiled call carries a JSON " +
		"number). Text that reads as the declared type (\"42\" for a number, \"true\" for a " +
		"boolean, JSON text for an object or array), null, and values holding an expression " +
		"are not reported: they may convert when the workflow runs. A warning, since the " +
		"platform may convert what it receives.",
	Check: func(p *Pass) {
		forEachResolvedCall(p, func(c *workflow.Call, callee *Signature) {
			for _, e := range c.With {
				in := callee.input(e.Key.Value)
				if in == nil || e.Value == nil {
					continue
				}
				if got := contradiction(in.Type, e.Value); got != "" {
					p.Report(e.Value.Range, "input %q of workflow %q is declared %s, but %s", in.Name, callee.Name, in.Type, got)
				}
			}
		})
	},
}

// contradiction says how a literal value contradicts a declared type, "" when it does not
// (or cannot be known to: an expression, null, an unknown type).
func contradiction(declared string, v *workflow.Value) string {
	n := v.Node
	if n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n == nil {
		return ""
	}
	got := literalType(n)
	switch {
	case got == "" || got == declared:
		return ""
	case got == "string" && convertsFromText(declared, n.Value):
		return ""
	case declared == "string" && (got == "number" || got == "boolean"):
		return fmt.Sprintf("this value is a %s; quote it to pass it as text", got)
	case declared != "string" && declared != "number" && declared != "boolean" && declared != "object" && declared != "array":
		return "" // an unknown type: the schema has reported it
	}
	return "this value is " + article(got) + " " + got
}

// literalType is the JSON type a YAML value compiles to, "" for null and for text holding
// an expression (whose type is known only when the workflow runs).
func literalType(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "object"
	case yaml.SequenceNode:
		return "array"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return ""
		case "!!bool":
			return "boolean"
		case "!!int", "!!float":
			return "number"
		}
		if workflow.HasExpression(n.Value) {
			return ""
		}
		return "string"
	}
	return ""
}

// convertsFromText reports whether text reads as a value of the declared type.
func convertsFromText(declared, text string) bool {
	t := strings.TrimSpace(text)
	switch declared {
	case "number":
		_, err := strconv.ParseFloat(t, 64)
		return err == nil
	case "boolean":
		return strings.EqualFold(t, "true") || strings.EqualFold(t, "false")
	case "object":
		return strings.HasPrefix(t, "{")
	case "array":
		return strings.HasPrefix(t, "[")
	}
	return false
}

// article is "an" before a type name starting with a vowel, else "a".
func article(typeName string) string {
	if strings.ContainsAny(typeName[:1], "aeiou") {
		return "an"
	}
	return "a"
}
