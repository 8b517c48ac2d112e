package schema

import (
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/internal/yamlbound"
)

// located is the YAML a JSON value came from: the value node and, for a mapping entry, its key.
type located struct {
	key   *yaml.Node // nil for list items and the root
	value *yaml.Node
}

// converter turns a yaml.v3 node tree into the plain JSON value the validator takes
// (map[string]any, []any, string, bool, nil, int64 or float64). With nodes set it also
// remembers, for every JSON pointer, the YAML node it came from, so that errors can be
// reported at a line and column; Validate asks for that only once the validator has found a
// problem, since building every pointer costs more than the conversion itself.
type converter struct {
	nodes map[string]located // nil: do not record pointers
	walk  yamlbound.Walk     // depth and alias-made values, against the limits workflow's normalizer also uses
}

// newConverter returns a converter; withPointers asks it to record the pointer → node map.
func newConverter(withPointers bool) *converter {
	c := &converter{walk: yamlbound.New()}
	if withPointers {
		c.nodes = make(map[string]located)
	}
	return c
}

func (c *converter) convert(n *yaml.Node, ptr string, key *yaml.Node) any {
	if c.nodes != nil {
		c.nodes[ptr] = located{key: key, value: n}
	}
	return c.value(n, ptr, 0)
}

// value converts n; depth counts alias hops so that a self-referencing alias terminates.
func (c *converter) value(n *yaml.Node, ptr string, depth int) any {
	if !c.walk.Enter(n, depth > 0) {
		return nil
	}
	defer c.walk.Leave()
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return c.value(n.Content[0], ptr, depth)
	case yaml.AliasNode:
		if n.Alias == nil || depth > yamlbound.MaxAliasHops {
			c.walk.Overflow(n)
			return nil
		}
		return c.value(n.Alias, ptr, depth+1)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			name := KeyString(k)
			p := ""
			if c.nodes != nil {
				p = ptr + "/" + escapePointer(name)
				c.nodes[p] = located{key: k, value: v}
			}
			m[name] = c.value(v, p, depth)
		}
		return m
	case yaml.SequenceNode:
		l := make([]any, len(n.Content))
		for i, item := range n.Content {
			p := ""
			if c.nodes != nil {
				p = ptr + "/" + strconv.Itoa(i)
				c.nodes[p] = located{value: item}
			}
			l[i] = c.value(item, p, depth)
		}
		return l
	case yaml.ScalarNode:
		return Scalar(n)
	}
	return nil
}

// KeyString is the name a mapping key stands for: a scalar key's text (so `1:` is "1"), and
// for the rare list or mapping used as a key, a placeholder the schema will reject.
func KeyString(k *yaml.Node) string {
	for k.Kind == yaml.AliasNode && k.Alias != nil {
		k = k.Alias
	}
	if k.Kind == yaml.ScalarNode {
		return k.Value
	}
	return "<complex key>"
}

// Scalar is the JSON value of a YAML scalar under the YAML 1.2 core schema that yaml.v3
// resolves: null, bool, int64 (float64 when too large), finite float64, or the text itself.
// Timestamps, binary and custom tags stay strings.
func Scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		b, err := strconv.ParseBool(strings.ToLower(n.Value))
		if err != nil {
			return n.Value
		}
		return b
	case "!!int":
		text := strings.ReplaceAll(n.Value, "_", "")
		if i, err := strconv.ParseInt(text, 0, 64); err == nil {
			return i
		}
		if f, err := strconv.ParseFloat(text, 64); err == nil && !math.IsInf(f, 0) {
			return f
		}
		return n.Value
	case "!!float":
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return n.Value
		}
		return f
	}
	return n.Value
}

// escapePointer escapes one JSON pointer token (RFC 6901).
func escapePointer(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// unescapePointer undoes escapePointer.
func unescapePointer(s string) string {
	if !strings.Contains(s, "~") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}
