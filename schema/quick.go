package schema

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/internal/yamlbound"
)

// The quick check decides, walking the YAML nodes themselves, whether a document is valid
// against the schema, for the keywords workflow.schema.json uses. It answers only when it is
// sure; on anything it does not model (an alias, a float, a keyword it does not know, a
// document near the size limits) it is unsure and Validate asks the JSON Schema validator,
// which also writes every message. Valid files, the common case, so skip converting the
// document to JSON values and the validator's bookkeeping, which cost several times the YAML
// parse. quick_test.go checks that both agree on generated and mutated workflows.

// verdict is the quick check's answer for one value against one schema.
type verdict uint8

const (
	unsure  verdict = iota // ask the JSON Schema validator
	valid                  // the validator would accept the value
	invalid                // the validator would reject the value
)

// both is the verdict of two schemas that must both hold (allOf): one sure failure decides.
func both(a, b verdict) verdict {
	switch {
	case a == invalid || b == invalid:
		return invalid
	case a == unsure || b == unsure:
		return unsure
	}
	return valid
}

// rule is one schema object compiled for the quick check.
type rule struct {
	never      bool     // the false schema
	always     bool     // the true schema: no value is checked, none converted
	unknown    bool     // has a keyword the quick check does not model
	typed      bool     // has the type keyword
	types      kindSet  // the types it allows, when typed
	constant   *int64   // const, when it is an integer
	enum       []string // nil when there is no enum
	minLength  int      // in characters; 0: no minimum
	minItems   int
	maxItems   int // -1: no maximum
	minimum    *int64
	maximum    *int64
	pattern    func(string) bool // nil: no pattern (patterns.go)
	properties map[string]*rule
	patterns   []patternRule // patternProperties
	closed     bool          // additionalProperties: false
	// anyKey: no key is checked, only required keys looked for (every property is the true
	// schema, no patternProperties, not closed), as in the step kinds' if: {required: [...]}.
	anyKey   bool
	required []string
	items    *rule
	ref      *rule
	ifRule   *rule
	thenRule *rule
	elseRule *rule
	not      *rule
	allOf    []*rule
	anyOf    []*rule
}

// annotationKeywords are keywords that never change whether a value is valid.
var annotationKeywords = map[string]bool{
	"$schema": true, "$id": true, "$comment": true, "$defs": true, "title": true, "description": true,
	"default": true, "examples": true,
}

// ruleCompiler compiles the schema document into rules; refs memoizes "#/$defs/NAME" targets,
// so the recursion of step → parallel → branch → step compiles once.
type ruleCompiler struct {
	doc  map[string]any
	refs map[string]*rule
}

func compileRules(doc any) (*rule, error) {
	root, ok := doc.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("the schema is not an object")
	}
	c := &ruleCompiler{doc: root, refs: make(map[string]*rule)}
	return c.rule(root)
}

// rule compiles the schema v. A schema that is only a $ref (with annotations, as most
// properties are) compiles to its target, since its verdict is the target's: one check less.
func (c *ruleCompiler) rule(v any) (*rule, error) {
	r, err := c.compile(v)
	if err == nil && r.onlyRef() {
		return r.ref, nil
	}
	return r, err
}

// compile compiles the schema v into a rule of its own.
func (c *ruleCompiler) compile(v any) (*rule, error) {
	switch v := v.(type) {
	case bool:
		return &rule{never: !v, always: v, maxItems: -1}, nil
	case map[string]any:
		r := &rule{maxItems: -1}
		for k, arg := range v {
			if annotationKeywords[k] {
				continue
			}
			if err := c.keyword(r, k, arg); err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
		}
		r.anyKey = !r.closed && r.patterns == nil && allAlways(r.properties)
		return r, nil
	}
	return nil, fmt.Errorf("a schema must be an object or a boolean, got %T", v)
}

// keyword compiles one keyword into r; a keyword it does not model marks r unknown.
func (c *ruleCompiler) keyword(r *rule, k string, arg any) error {
	var err error
	switch k {
	case "type":
		r.typed, r.types = true, kindsNamed(stringList(arg))
	case "const":
		r.constant, r.unknown = integer(arg, r.unknown)
	case "enum":
		list, _ := arg.([]any)
		r.enum = stringList(arg)
		if len(r.enum) != len(list) {
			r.unknown = true // an enum of other values than strings
		}
	case "minLength":
		r.minLength = int(intValue(arg))
	case "minItems":
		r.minItems = int(intValue(arg))
	case "maxItems":
		r.maxItems = int(intValue(arg))
	case "minimum":
		r.minimum, r.unknown = integer(arg, r.unknown)
	case "maximum":
		r.maximum, r.unknown = integer(arg, r.unknown)
	case "pattern":
		s, _ := arg.(string)
		r.pattern, err = compilePattern(s)
	case "required":
		r.required = stringList(arg)
	case "additionalProperties":
		if arg != false {
			r.unknown = true
		}
		r.closed = true
	case "properties":
		r.properties, err = c.ruleMap(arg)
	case "patternProperties":
		r.patterns, err = c.patternRules(arg)
	case "items":
		r.items, err = c.rule(arg)
	case "not":
		r.not, err = c.rule(arg)
	case "if":
		r.ifRule, err = c.rule(arg)
	case "then":
		r.thenRule, err = c.rule(arg)
	case "else":
		r.elseRule, err = c.rule(arg)
	case "allOf":
		r.allOf, err = c.ruleList(arg)
	case "anyOf":
		r.anyOf, err = c.ruleList(arg)
	case "$ref":
		r.ref, err = c.reference(arg)
	default:
		r.unknown = true
	}
	return err
}

func (c *ruleCompiler) ruleList(arg any) ([]*rule, error) {
	list, _ := arg.([]any)
	out := make([]*rule, 0, len(list))
	for _, s := range list {
		sub, err := c.rule(s)
		if err != nil {
			return nil, err
		}
		out = append(out, sub)
	}
	return out, nil
}

func (c *ruleCompiler) ruleMap(arg any) (map[string]*rule, error) {
	m, _ := arg.(map[string]any)
	out := make(map[string]*rule, len(m))
	for name, s := range m {
		sub, err := c.rule(s)
		if err != nil {
			return nil, err
		}
		out[name] = sub
	}
	return out, nil
}

// onlyRef reports whether r has no keyword but $ref (anyKey is derived, not a keyword).
func (r *rule) onlyRef() bool {
	only := rule{maxItems: -1, ref: r.ref, anyKey: r.anyKey}
	return r.ref != nil && reflect.DeepEqual(*r, only)
}

// allAlways reports whether every rule of props is the true schema.
func allAlways(props map[string]*rule) bool {
	for _, sub := range props {
		if !sub.always {
			return false
		}
	}
	return true
}

// patternRule is one entry of patternProperties: the rule for keys the pattern matches.
type patternRule struct {
	pattern func(string) bool
	rule    *rule
}

// patternRules compiles patternProperties, sorted by pattern so the check is deterministic.
func (c *ruleCompiler) patternRules(arg any) ([]patternRule, error) {
	m, _ := arg.(map[string]any)
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names)
	out := make([]patternRule, 0, len(names))
	for _, name := range names {
		match, err := compilePattern(name)
		if err != nil {
			return nil, err
		}
		sub, err := c.rule(m[name])
		if err != nil {
			return nil, err
		}
		out = append(out, patternRule{match, sub})
	}
	return out, nil
}

// reference resolves "#/$defs/NAME", the only form the schema uses.
func (c *ruleCompiler) reference(arg any) (*rule, error) {
	ref, _ := arg.(string)
	if r, ok := c.refs[ref]; ok {
		return r, nil
	}
	name, ok := strings.CutPrefix(ref, "#/$defs/")
	defs, _ := c.doc["$defs"].(map[string]any)
	target, found := defs[name]
	if !ok || !found {
		return nil, fmt.Errorf("cannot resolve %q", ref)
	}
	r := &rule{maxItems: -1}
	c.refs[ref] = r // before compiling, so that a recursive reference finds it
	// compile, not rule: a target that is only a $ref must not be replaced by a rule still
	// being compiled further up (a cycle of references), whose copy would be empty.
	compiled, err := c.compile(target)
	if err != nil {
		return nil, err
	}
	*r = *compiled
	return r, nil
}

// integer reads an integer keyword argument; anything else makes the rule unknown.
func integer(arg any, unknown bool) (*int64, bool) {
	if n, ok := arg.(json.Number); ok {
		if i, err := n.Int64(); err == nil {
			return &i, unknown
		}
	}
	return nil, true
}

// kindSet is a set of the JSON types the quick check tells apart, one bit each: a value has
// one, a type keyword allows some (bits rather than names, since own runs for every value
// against every rule that applies to it).
type kindSet uint8

const (
	kindObject kindSet = 1 << iota
	kindArray
	kindString
	kindInteger
	kindBoolean
	kindNull
)

// kindsNamed is the set of the JSON Schema type names; number allows integers, the only
// numbers the quick check classifies (floats are left to the validator).
func kindsNamed(names []string) kindSet {
	var set kindSet
	for _, name := range names {
		switch name {
		case "object":
			set |= kindObject
		case "array":
			set |= kindArray
		case "string":
			set |= kindString
		case "integer", "number":
			set |= kindInteger
		case "boolean":
			set |= kindBoolean
		case "null":
			set |= kindNull
		}
	}
	return set
}

// value is a YAML node seen as the JSON value the converter would make of it.
type value struct {
	node *yaml.Node
	kind kindSet // exactly one kind
	str  string
	num  int64
}

// valueOf classifies n, or says it cannot (aliases and floats are left to the validator).
func valueOf(n *yaml.Node) (value, bool) {
	switch n.Kind {
	case yaml.MappingNode:
		return value{node: n, kind: kindObject}, true
	case yaml.SequenceNode:
		return value{node: n, kind: kindArray}, true
	case yaml.ScalarNode:
		if n.Tag == "!!str" {
			return value{node: n, kind: kindString, str: n.Value}, true // without boxing it in Scalar
		}
		switch s := Scalar(n).(type) {
		case nil:
			return value{node: n, kind: kindNull}, true
		case bool:
			return value{node: n, kind: kindBoolean}, true
		case int64:
			return value{node: n, kind: kindInteger, num: s}, true
		case string:
			return value{node: n, kind: kindString, str: s}, true
		}
	}
	return value{}, false
}

// check is the verdict of the value n against r.
func (r *rule) check(n *yaml.Node) verdict {
	switch {
	case r.always:
		return valid
	case r.never:
		return invalid
	case r.unknown:
		return unsure
	}
	v, ok := valueOf(n)
	if !ok {
		return unsure
	}
	if !r.own(v) {
		return invalid
	}
	out := valid
	if v.kind == kindObject {
		out = r.object(n)
	} else if v.kind == kindArray && r.items != nil {
		for _, item := range n.Content {
			if out = both(out, r.items.check(item)); out == invalid {
				return invalid
			}
		}
	}
	return both(out, r.applicators(n))
}

// own checks the keywords about the value itself: type, const, enum, length, count, range.
func (r *rule) own(v value) bool {
	if r.typed && r.types&v.kind == 0 {
		return false
	}
	if r.constant != nil && (v.kind != kindInteger || v.num != *r.constant) {
		return false
	}
	if r.enum != nil && (v.kind != kindString || !contains(r.enum, v.str)) {
		return false
	}
	switch v.kind {
	case kindString:
		return (r.minLength == 0 || utf8.RuneCountInString(v.str) >= r.minLength) &&
			(r.pattern == nil || r.pattern(v.str))
	case kindArray:
		count := len(v.node.Content)
		return count >= r.minItems && (r.maxItems < 0 || count <= r.maxItems)
	case kindInteger:
		return (r.minimum == nil || v.num >= *r.minimum) && (r.maximum == nil || v.num <= *r.maximum)
	}
	return true
}

// object checks the keywords about a mapping's keys and values.
func (r *rule) object(m *yaml.Node) verdict {
	for _, name := range r.required {
		if member(m, name) == nil {
			return invalid
		}
	}
	if r.anyKey {
		return valid
	}
	out := valid
	for i := 0; i+1 < len(m.Content); i += 2 {
		name := KeyString(m.Content[i])
		sub, declared := r.properties[name]
		if declared {
			out = both(out, sub.check(m.Content[i+1]))
		}
		for _, p := range r.patterns {
			if p.pattern(name) {
				declared = true
				out = both(out, p.rule.check(m.Content[i+1]))
			}
		}
		if !declared && r.closed {
			return invalid
		}
		if out == invalid {
			return invalid
		}
	}
	return out
}

// applicators checks the keywords that apply other schemas to the same value.
func (r *rule) applicators(n *yaml.Node) verdict {
	out := valid
	if r.ref != nil {
		out = both(out, r.ref.check(n))
	}
	for _, sub := range r.allOf {
		out = both(out, sub.check(n))
	}
	if r.anyOf != nil {
		out = both(out, r.anyOfCheck(n))
	}
	if r.not != nil {
		switch r.not.check(n) {
		case valid:
			return invalid
		case unsure:
			out = both(out, unsure)
		}
	}
	if r.ifRule != nil {
		branch := r.elseRule
		switch r.ifRule.check(n) {
		case valid:
			branch = r.thenRule
		case unsure:
			return both(out, unsure)
		}
		if branch != nil {
			out = both(out, branch.check(n))
		}
	}
	return out
}

// anyOfCheck is the verdict of anyOf: one valid subschema decides, and the value is invalid
// only when the check is sure that every one fails.
func (r *rule) anyOfCheck(n *yaml.Node) verdict {
	out := invalid
	for _, sub := range r.anyOf {
		switch sub.check(n) {
		case valid:
			return valid
		case unsure:
			out = unsure
		}
	}
	return out
}

// member returns the value of the key name in the mapping m, or nil.
func member(m *yaml.Node, name string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if KeyString(m.Content[i]) == name {
			return m.Content[i+1]
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// plain reports whether the tree under n is one the quick check may judge: no aliases (the
// converter follows them with a budget), no complex or repeated keys (the converter keeps the
// last of repeated keys), and, counted as the converter counts, within yamlbound.MaxAliasValues values and
// yamlbound.MaxDepth levels, so that the converter would not stop early either.
func plain(n *yaml.Node) bool {
	budget := yamlbound.MaxAliasValues
	var walk func(n *yaml.Node, depth int) bool
	walk = func(n *yaml.Node, depth int) bool {
		budget--
		if depth > yamlbound.MaxDepth || budget < 0 {
			return false
		}
		switch n.Kind {
		case yaml.AliasNode:
			return false
		case yaml.MappingNode:
			if len(n.Content)%2 != 0 || !distinctScalarKeys(n) {
				return false
			}
			for i := 1; i < len(n.Content); i += 2 {
				if !walk(n.Content[i], depth+1) {
					return false
				}
			}
		case yaml.SequenceNode, yaml.DocumentNode:
			for _, c := range n.Content {
				if !walk(c, depth+1) {
					return false
				}
			}
		}
		return true
	}
	return walk(n, 1)
}

// distinctScalarKeys reports whether every key of the mapping m is a scalar, none repeated.
func distinctScalarKeys(m *yaml.Node) bool {
	const small = 16 // up to this many keys, comparing pairs is cheaper than a set
	keys := len(m.Content) / 2
	var seen map[string]bool
	if keys > small {
		seen = make(map[string]bool, keys)
	}
	for i := 0; i < len(m.Content); i += 2 {
		k := m.Content[i]
		if k.Kind != yaml.ScalarNode {
			return false
		}
		if seen != nil {
			if seen[k.Value] {
				return false
			}
			seen[k.Value] = true
			continue
		}
		for j := 0; j < i; j += 2 {
			if m.Content[j].Value == k.Value {
				return false
			}
		}
	}
	return true
}

// quickCheck is the quick check's verdict on a document's content (a DocumentNode: unsure).
func quickCheck(root *yaml.Node) verdict {
	rules, err := quickRules()
	if err != nil || root == nil || root.Kind == yaml.DocumentNode || !plain(root) {
		return unsure
	}
	return rules.check(root)
}
