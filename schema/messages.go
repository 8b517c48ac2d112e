package schema

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/internal/suggest"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/diag"
)

// rewriter turns the validator's error tree into one plain-language diagnostic per problem.
type rewriter struct {
	file   string
	nodes  map[string]located // JSON pointer → YAML it came from
	schema any                // the schema document, to read annotations at a keyword location
	seen   map[string]bool    // rendered diagnostics, to drop duplicates
	out    diag.List
}

// walk reports e, or its causes when e only groups them. A schema object with an
// errorMessage or x-expected annotation speaks for everything that failed beneath it.
func (r *rewriter) walk(e *jsonschema.ValidationError) {
	if e.Message != "" && r.annotated(e) {
		return
	}
	if len(e.Causes) > 0 {
		for _, c := range e.Causes {
			r.walk(c)
		}
		return
	}
	r.leaf(e)
}

// annotated reports e through the annotation on the nearest schema object around the failing
// keyword that has one, and says whether there was one. Nearest, not only the owner: step_kind
// checks its rule with subschemas (false for a second kind key) whose errors it speaks for.
func (r *rewriter) annotated(e *jsonschema.ValidationError) bool {
	loc := fragment(e.AbsoluteKeywordLocation)
	owner, obj := r.annotationOwner(parentPointer(loc))
	if obj == nil {
		return false
	}
	at := instanceOfOwner(e.InstanceLocation, loc[len(owner):])
	if expected, ok := obj["x-expected"].(string); ok {
		r.add(at, "", "expected %s, got %s", expected, r.describe(at))
		return true
	}
	msg, ok := obj["errorMessage"].(string)
	if !ok {
		return false
	}
	switch {
	case owner == "/$defs/step_kind":
		if kinds := r.presentKinds(at); len(kinds) > 1 {
			msg += "; it has " + strings.Join(kinds, " and ")
		}
		r.add(at, "", "%s", msg)
	case strings.HasSuffix(parentPointer(owner), "/dependentSchemas"):
		// Point at the key that is out of place rather than at the whole step.
		key := unescapePointer(owner[strings.LastIndexByte(owner, '/')+1:])
		r.add(at, escapePointer(key), "%s", msg)
	default:
		r.add(at, "", "%s", msg)
	}
	return true
}

// annotationOwner walks from the schema pointer ptr up to the root and returns the first
// schema object with an errorMessage or x-expected annotation, or nil.
func (r *rewriter) annotationOwner(ptr string) (string, map[string]any) {
	for {
		if obj, ok := r.schemaAt(ptr).(map[string]any); ok {
			_, expected := obj["x-expected"].(string)
			_, message := obj["errorMessage"].(string)
			if expected || message {
				return ptr, obj
			}
		}
		if ptr == "" {
			return "", nil
		}
		ptr = parentPointer(ptr)
	}
}

// instanceOfOwner is the instance an annotated schema object was applied to, given the
// instance location of an error raised below it and the keyword path from the object down
// to the failing keyword: each properties/NAME or items step on that path went one level
// down in the instance, so as many levels are taken off.
func instanceOfOwner(instance, below string) string {
	tokens := strings.Split(strings.TrimPrefix(below, "/"), "/")
	for i := 0; i < len(tokens); i++ {
		switch tokens[i] {
		case "properties", "patternProperties", "prefixItems":
			instance = parentPointer(instance)
			i++ // the property name, pattern or index names the subschema, not a keyword
		case "items", "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "contains":
			instance = parentPointer(instance)
		case "$defs", "dependentSchemas", "allOf", "anyOf", "oneOf":
			i++ // a name or index follows
		}
	}
	return instance
}

var stepKinds = []string{"action", "approval", "switch", "parallel", "workflow", "wait"}

// presentKinds lists the kind keys a step mapping has, in the order of stepKinds.
func (r *rewriter) presentKinds(ptr string) []string {
	var kinds []string
	for _, k := range stepKinds {
		if _, ok := r.nodes[ptr+"/"+k]; ok {
			kinds = append(kinds, k)
		}
	}
	return kinds
}

// leaf rewrites one failed keyword.
func (r *rewriter) leaf(e *jsonschema.ValidationError) {
	loc := fragment(e.AbsoluteKeywordLocation)
	keyword := loc[strings.LastIndexByte(loc, '/')+1:]
	obj, _ := r.schemaAt(parentPointer(loc)).(map[string]any)
	at := e.InstanceLocation
	switch keyword {
	case "type":
		expected := describeTypes(obj["type"])
		got := r.describe(at)
		hint := ""
		if expected == "a string" {
			if v := r.nodes[at].value; v != nil && v.Kind == yaml.ScalarNode && v.Style == 0 && v.ShortTag() != "!!null" {
				hint = "; put it in quotes"
			}
		}
		r.add(at, "", "expected %s, got %s%s", expected, got, hint)
	case "const":
		r.add(at, "", "must be %s, got %s", jsonText(obj["const"]), r.describe(at))
	case "enum":
		var names []string
		if list, ok := obj["enum"].([]any); ok {
			for _, v := range list {
				names = append(names, fmt.Sprint(v))
			}
		}
		msg := fmt.Sprintf("%s is not one of %s", r.describeValue(at), strings.Join(names, ", "))
		if v := r.nodes[at].value; v != nil && v.Kind == yaml.ScalarNode {
			msg += suggest.Hint(v.Value, names)
		}
		r.add(at, "", "%s", msg)
	case "required":
		for _, k := range stringList(obj["required"]) {
			if _, ok := r.nodes[at+"/"+escapePointer(k)]; !ok {
				r.add(at, "", "missing required key %q", k)
			}
		}
	case "additionalProperties":
		r.unknownKeys(at, obj)
	case "minItems", "minLength":
		if n := intValue(obj[keyword]); n == 1 {
			r.add(at, "", "must not be empty")
		} else if keyword == "minItems" {
			r.add(at, "", "needs at least %d items", n)
		} else {
			r.add(at, "", "must be at least %d characters long", n)
		}
	case "maxItems":
		r.add(at, "", "has %d items; at most %d are allowed", r.count(at), intValue(obj["maxItems"]))
	case "minimum":
		r.add(at, "", "must be at least %s, got %s", jsonText(obj["minimum"]), r.describe(at))
	case "maximum":
		r.add(at, "", "must be at most %s, got %s", jsonText(obj["maximum"]), r.describe(at))
	case "pattern":
		if why, ok := obj["patternErrorMessage"].(string); ok {
			r.add(at, "", "%s is %s", r.describeValue(at), why)
		} else {
			r.add(at, "", "%s does not match the pattern %s", r.describeValue(at), obj["pattern"])
		}
	default:
		// Keywords the schema does not use today; keep the validator's words, lower-case.
		r.add(at, "", "%s", strings.ToLower(e.Message[:1])+e.Message[1:])
	}
}

// unknownKeys reports each key of the mapping at ptr that the schema object does not list,
// with a suggestion when one key is a likely typo, else the list of allowed keys.
func (r *rewriter) unknownKeys(ptr string, obj map[string]any) {
	props, _ := obj["properties"].(map[string]any)
	allowed := make([]string, 0, len(props))
	for k := range props {
		allowed = append(allowed, k)
	}
	sort.Strings(allowed)
	m := r.nodes[ptr].value
	for m != nil && m.Kind == yaml.AliasNode {
		m = m.Alias
	}
	if m == nil || m.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		name := KeyString(m.Content[i])
		if _, ok := props[name]; ok || matchesPatternProperty(obj, name) {
			continue
		}
		if s, ok := suggest.Closest(name, allowed); ok {
			r.add(ptr, escapePointer(name), "unknown key %q; did you mean %q?", name, s)
		} else {
			r.add(ptr, escapePointer(name), "unknown key %q; allowed keys are %s", name, strings.Join(allowed, ", "))
		}
	}
}

// matchesPatternProperty reports whether a key of patternProperties in obj matches name (such
// a key, like the top level's x- extensions, is not unknown).
func matchesPatternProperty(obj map[string]any, name string) bool {
	patterns, _ := obj["patternProperties"].(map[string]any)
	for p := range patterns {
		if re, err := regexp.Compile(p); err == nil && re.MatchString(name) {
			return true
		}
	}
	return false
}

// add records a diagnostic about the value at ptr, positioned at its child key (when key is
// a pointer token) or at the value itself; the message is prefixed with the value's path.
func (r *rewriter) add(ptr, key, format string, args ...any) {
	var node *yaml.Node
	if key != "" {
		if l, ok := r.nodes[ptr+"/"+key]; ok && l.key != nil {
			node = l.key
		}
	}
	if node == nil {
		l := r.nodes[ptr]
		node = l.value
		if l.key != nil && (node == nil || node.Line == 0) {
			node = l.key
		}
	}
	msg := diag.Sprintf(format, args...)
	if path := r.path(ptr); path != "" {
		msg = path + ": " + msg
	}
	d := diag.Errorf(rangeOf(r.file, node), diag.RuleSchema, "%s", msg)
	if s := d.Error(); !r.seen[s] {
		r.seen[s] = true
		r.out = append(r.out, d)
	}
}

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// path renders a JSON pointer the way a person reads YAML: steps[2].with.ip.
func (r *rewriter) path(ptr string) string {
	if ptr == "" {
		return ""
	}
	var b strings.Builder
	parent := ""
	for _, tok := range strings.Split(ptr[1:], "/") {
		if pv := r.nodes[parent].value; pv != nil && pv.Kind == yaml.SequenceNode {
			fmt.Fprintf(&b, "[%s]", tok)
		} else if name := unescapePointer(tok); identifier.MatchString(name) && len(name) <= diag.MaxQuoted {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(name)
		} else {
			fmt.Fprintf(&b, "[%s]", diag.Quote(name))
		}
		parent += "/" + tok
	}
	return b.String()
}

// describe says what the value at ptr is, for "got ..." in messages.
func (r *rewriter) describe(ptr string) string {
	n := r.nodes[ptr].value
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch v := Scalar(n).(type) {
	case nil:
		return "an empty value"
	case bool:
		return fmt.Sprintf("the boolean %t", v)
	case int64, float64:
		return "the number " + n.Value
	}
	return "the string " + diag.Quote(n.Value)
}

// describeValue quotes a scalar's text (for "X is not one of ...") or describes anything else.
func (r *rewriter) describeValue(ptr string) string {
	n := r.nodes[ptr].value
	if n != nil && n.Kind == yaml.ScalarNode {
		return diag.Quote(n.Value)
	}
	return r.describe(ptr)
}

func (r *rewriter) count(ptr string) int {
	if n := r.nodes[ptr].value; n != nil {
		return len(n.Content)
	}
	return 0
}

// schemaAt resolves a JSON pointer inside the schema document.
func (r *rewriter) schemaAt(ptr string) any {
	cur := r.schema
	if ptr == "" {
		return cur
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = unescapePointer(tok)
		switch v := cur.(type) {
		case map[string]any:
			cur = v[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(v) {
				return nil
			}
			cur = v[i]
		default:
			return nil
		}
	}
	return cur
}

// fragment is the JSON pointer after '#' in an absolute keyword location.
func fragment(loc string) string {
	if i := strings.IndexByte(loc, '#'); i >= 0 {
		return loc[i+1:]
	}
	return ""
}

func parentPointer(ptr string) string {
	if i := strings.LastIndexByte(ptr, '/'); i >= 0 {
		return ptr[:i]
	}
	return ""
}

func describeTypes(t any) string {
	names := map[string]string{
		"string": "a string", "integer": "a whole number", "number": "a number",
		"boolean": "true or false", "array": "a list", "object": "a mapping", "null": "nothing",
	}
	var parts []string
	for _, s := range stringList(t) {
		if n, ok := names[s]; ok {
			parts = append(parts, n)
		} else {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " or ")
}

func stringList(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, s := range v {
			if s, ok := s.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func intValue(v any) int64 {
	if n, ok := v.(json.Number); ok {
		i, _ := n.Int64()
		return i
	}
	return 0
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
