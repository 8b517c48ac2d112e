package workflow

import (
	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/jsonobj"
	"github.com/wfc-dev/wfc/schema"
)

// Value is a YAML value of any shape (a with input, a form field, a default), kept as its
// node so nothing is lost; JSON gives it as plain data. Aliases and merge keys are already
// expanded in Node.
type Value struct {
	Node  *yaml.Node
	Range diag.Range
	src   *source
}

// IsScalar reports whether the value is a single scalar (not a list or mapping).
func (v *Value) IsScalar() bool { return v != nil && v.Node != nil && v.Node.Kind == yaml.ScalarNode }

// Text is a scalar's text as written (without quotes); "" for lists and mappings.
func (v *Value) Text() string {
	if !v.IsScalar() {
		return ""
	}
	return v.Node.Value
}

// IsExpression reports whether the value is a string that is one whole ${...} expression.
func (v *Value) IsExpression() bool {
	return v.IsScalar() && v.Node.ShortTag() == "!!str" && IsExpression(v.Node.Value)
}

// JSON returns the value as plain data: nil, bool, int64 (float64 when too large), float64,
// string, []any, or jsonobj.Object for a mapping (which marshals in file order). Timestamps and
// other tagged scalars are strings, as written.
func (v *Value) JSON() any {
	if v == nil || v.Node == nil {
		return nil
	}
	return jsonOf(v.Node)
}

func jsonOf(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		obj := make(jsonobj.Object, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			obj = append(obj, jsonobj.Member{Key: schema.KeyString(n.Content[i]), Value: jsonOf(n.Content[i+1])})
		}
		return obj
	case yaml.SequenceNode:
		list := make([]any, len(n.Content))
		for i, item := range n.Content {
			list[i] = jsonOf(item)
		}
		return list
	case yaml.ScalarNode:
		return schema.Scalar(n)
	}
	return nil
}

// Strings returns every string scalar inside the value (the value itself when it is one) in
// file order, positioned, for finding expressions.
func (v *Value) Strings() []String {
	if v == nil || v.Node == nil {
		return nil
	}
	var out []String
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1])
			}
		case yaml.SequenceNode:
			for _, item := range n.Content {
				walk(item)
			}
		case yaml.ScalarNode:
			if n.ShortTag() == "!!str" {
				out = append(out, stringOf(v.Range.File, v.src, n))
			}
		}
	}
	walk(v.Node)
	return out
}
