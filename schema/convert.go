package schema

import (
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// maxNodes bounds how many JSON values aliases may expand to in one YAML document, so a
// "billion laughs" file fails fast instead of exhausting memory. Only values reached through
// an alias count: the others are bounded by the file's size (a workflow with 20,000 steps has
// more than 100,000 values and no alias). Package workflow expands aliases itself with the
// same limit before it calls Validate.
const maxNodes = 100_000

// maxDepth bounds nesting (in YAML levels): validation cost grows faster than linearly with the
// depth, and no workflow needs more than a few dozen levels.
const maxDepth = 64

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
	nodes    map[string]located // nil: do not record pointers
	budget   int
	depth    int
	overflow *yaml.Node // where the budget ran out
	tooDeep  *yaml.Node // where the nesting passed maxDepth
}

// newConverter returns a converter; withPointers asks it to record the pointer → node map.
func newConverter(withPointers bool) *converter {
	c := &converter{budget: maxNodes}
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
	if c.overflow != nil || c.tooDeep != nil {
		return nil
	}
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > maxDepth {
		c.tooDeep = n
		return nil
	}
	if depth > 0 { // inside an alias
		c.budget--
	}
	if c.budget < 0 {
		c.overflow = n
		return nil
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return c.value(n.Content[0], ptr, depth)
	case yaml.AliasNode:
		if n.Alias == nil || depth > 64 {
			c.overflow = n
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
