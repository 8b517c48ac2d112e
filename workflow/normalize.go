package workflow

import (
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/yamlbound"
	"github.com/wfc-dev/wfc/schema"
)

// normalizer rewrites a yaml.v3 tree into a plain one that the schema and the AST builder
// can walk without knowing YAML's extras: aliases are replaced by copies of what they name
// (the copy's root keeps the alias's position), merge keys (<<) are applied, and duplicate or
// non-scalar keys are reported and dropped (the first of duplicate keys is kept).
type normalizer struct {
	file          string
	bound         yamlbound.Walk      // depth and alias-made values, against the shared limits
	inAlias       int                 // > 0 while copying the target of an alias
	expanding     map[*yaml.Node]bool // anchors being copied, to catch an alias inside its own anchor
	diags         diag.List
	fatal         bool // expansion stopped; the tree is incomplete
	fatalReported bool // the reason for fatal is in diags
}

func normalize(file string, root *yaml.Node) (*yaml.Node, diag.List) {
	z := &normalizer{file: file, bound: yamlbound.New(), expanding: make(map[*yaml.Node]bool)}
	out := z.node(root)
	if z.fatal {
		return nil, z.diags
	}
	return out, z.diags
}

func (z *normalizer) at(n *yaml.Node) diag.Range {
	return diag.Range{File: z.file, Start: diag.Pos{Line: n.Line, Column: n.Column}}
}

func (z *normalizer) node(n *yaml.Node) *yaml.Node {
	if z.fatal || n == nil {
		return nil
	}
	if !z.bound.Enter(n, z.inAlias > 0) {
		z.fatal = true
		if z.bound.TooDeep() != nil { // an overflow is reported at the outermost alias instead
			z.diags = append(z.diags, diag.Errorf(z.at(n), diag.RuleSyntax, "%s", yamlbound.TooDeepMessage()))
			z.fatalReported = true
		}
		return nil
	}
	defer z.bound.Leave()
	switch n.Kind {
	case yaml.AliasNode:
		return z.alias(n)
	case yaml.DocumentNode, yaml.SequenceNode:
		return z.children(n, 1)
	case yaml.MappingNode:
		if simpleKeys(n) {
			return z.children(n, 2)
		}
		return z.mapping(n)
	}
	return n
}

// children normalizes the children of n in groups of size (1 for list items, 2 for a
// mapping's key and value) and drops a group when any of its members comes back nil. It
// returns n itself when no child changed, so a file without aliases or merge keys is
// walked but not copied: the loop below only compares, and the copy starts at the first
// child that changed.
func (z *normalizer) children(n *yaml.Node, size int) *yaml.Node {
	whole := len(n.Content) - len(n.Content)%size // a last key without a value is no pair
	for i, c := range n.Content[:whole] {
		if r := z.node(c); r != c {
			return z.copyFrom(n, size, i, r)
		}
	}
	return n
}

// copyFrom finishes children for n from its child first, which normalized to changed: the
// copy keeps the groups before first's, and normalizes the rest of them group by group.
func (z *normalizer) copyFrom(n *yaml.Node, size, first int, changed *yaml.Node) *yaml.Node {
	start := first - first%size
	out := make([]*yaml.Node, start, len(n.Content))
	copy(out, n.Content[:start])
	var group [2]*yaml.Node
	for i := start; i+size <= len(n.Content); i += size {
		drop := false
		for j, c := range n.Content[i : i+size] {
			switch {
			case i+j < first:
				group[j] = c // normalized already, to itself
			case i+j == first:
				group[j] = changed
			default:
				group[j] = z.node(c)
			}
			drop = drop || group[j] == nil
		}
		if !drop {
			out = append(out, group[:size]...)
		}
	}
	c := *n
	c.Content = out
	return &c
}

// smallMapping is the number of pairs up to which simpleKeys compares keys pairwise (no
// allocation) rather than with a set; a step has about five.
const smallMapping = 8

// simpleKeys reports whether mapping n needs no rewriting of its own: every key is a scalar,
// none is a merge key (<<) and none is repeated.
func simpleKeys(n *yaml.Node) bool {
	var seen map[string]bool
	if len(n.Content)/2 > smallMapping {
		seen = make(map[string]bool, len(n.Content)/2)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if r := resolve(k); r == nil || r.Kind != yaml.ScalarNode || isMergeKey(k) {
			return false
		}
		name := schema.KeyString(k)
		if seen != nil {
			if seen[name] {
				return false
			}
			seen[name] = true
			continue
		}
		for j := 0; j < i; j += 2 {
			if schema.KeyString(n.Content[j]) == name {
				return false
			}
		}
	}
	return true
}

func (z *normalizer) alias(n *yaml.Node) *yaml.Node {
	target := n.Alias
	if target == nil {
		z.diags = append(z.diags, diag.Errorf(z.at(n), diag.RuleSyntax, "alias *%s names no anchor", n.Value))
		return nil
	}
	if z.expanding[target] {
		z.diags = append(z.diags, diag.Errorf(z.at(n), diag.RuleSyntax,
			"alias *%s is inside the value it names; an anchor cannot contain itself", n.Value))
		z.fatal, z.fatalReported = true, true
		return nil
	}
	z.expanding[target] = true
	z.inAlias++
	c := z.node(target)
	z.inAlias--
	z.expanding[target] = false
	if z.fatal {
		// Report once, at the outermost alias: the use the user wrote at that place.
		if z.inAlias == 0 && !z.fatalReported {
			z.fatalReported = true
			z.diags = append(z.diags, diag.Errorf(z.at(n), diag.RuleSyntax, "%s", yamlbound.OverflowMessage()))
		}
		return nil
	}
	if c == nil {
		return nil
	}
	copied := *c
	copied.Line, copied.Column = n.Line, n.Column
	return &copied
}

func isMergeKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge"
}

func (z *normalizer) mapping(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = make([]*yaml.Node, 0, len(n.Content))
	first := make(map[string]*yaml.Node, len(n.Content)/2) // explicit key → where it is written
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if isMergeKey(k) {
			continue
		}
		if r := resolve(k); r.Kind != yaml.ScalarNode {
			z.diags = append(z.diags, diag.Errorf(z.at(k), diag.RuleSchema,
				"a key must be a plain value, not a %s", kindName(r)))
			continue
		}
		name := schema.KeyString(k)
		if prev, dup := first[name]; dup {
			z.diags = append(z.diags, diag.Errorf(z.at(k), diag.RuleSyntax,
				"duplicate key %q; it is already set at line %d, column %d", name, prev.Line, prev.Column))
			continue
		}
		first[name] = k
	}
	merged := make(map[string]bool)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if isMergeKey(k) {
			c.Content = append(c.Content, z.merge(k, v, first, merged)...)
			continue
		}
		if first[schema.KeyString(k)] != k {
			continue // a duplicate or non-scalar key, reported above
		}
		key := z.node(k)
		val := z.node(v)
		if key == nil || val == nil {
			continue
		}
		c.Content = append(c.Content, key, val)
	}
	return &c
}

// merge returns the pairs that `<<: value` adds: those of each merged mapping (in order, the
// earlier mapping winning) whose key the mapping does not set itself.
func (z *normalizer) merge(k, v *yaml.Node, explicit map[string]*yaml.Node, merged map[string]bool) []*yaml.Node {
	var sources []*yaml.Node
	switch resolve(v).Kind {
	case yaml.MappingNode:
		sources = []*yaml.Node{v}
	case yaml.SequenceNode:
		sources = resolve(v).Content
	}
	if len(sources) == 0 {
		z.diags = append(z.diags, diag.Errorf(z.at(k), diag.RuleSchema, "<< must name a mapping or a list of mappings"))
		return nil
	}
	var out []*yaml.Node
	for _, s := range sources {
		m := z.node(s)
		if m == nil {
			return out
		}
		if m.Kind != yaml.MappingNode {
			z.diags = append(z.diags, diag.Errorf(z.at(k), diag.RuleSchema, "<< must name a mapping or a list of mappings"))
			return out
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			name := schema.KeyString(m.Content[i])
			if _, ok := explicit[name]; ok || merged[name] {
				continue
			}
			merged[name] = true
			out = append(out, m.Content[i], m.Content[i+1])
		}
	}
	return out
}

func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < yamlbound.MaxAliasHops; i++ {
		n = n.Alias
	}
	return n
}

func kindName(n *yaml.Node) string {
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		return fmt.Sprintf("scalar %q", n.Value)
	}
	return "alias"
}
