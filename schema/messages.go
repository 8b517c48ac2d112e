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

	// Diagnostics that may only be consequences of another mistake in the same step, held
	// back until every error has been seen (see finish); keyed by the step's pointer.
	kindless     map[string][]diag.Diagnostic // "step must have exactly one of ..."
	kindTypoSeen map[string]bool              // steps with an unknown key that looks like a kind key
}

func newRewriter(file string, nodes map[string]located, schema any) *rewriter {
	return &rewriter{file: file, nodes: nodes, schema: schema, seen: make(map[string]bool),
		kindless: make(map[string][]diag.Diagnostic), kindTypoSeen: make(map[string]bool)}
}

// finish adds the held-back kind errors that are not the consequence of a mistake already
// reported, so that one typo gives one error: a step whose unknown key is a misspelt kind key
// (actoin) reports only that key, with its did-you-mean. (A step without a kind key gets no
// "X is only allowed on ... steps" either: the schema checks a step's keys against its kind
// only when it has one.)
func (r *rewriter) finish() {
	for step, list := range r.kindless {
		if !r.kindTypoSeen[step] {
			r.emit(list...)
		}
	}
	r.out.Sort()
}

// walk reports e, or its causes when e only groups them. A schema object with a message or
// an expected annotation (annotations.go) speaks for everything that failed beneath it.
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
// keyword that has one, and says whether there was one. Nearest, not only the owner: the kind
// rule checks a step with subschemas (one per kind key) whose errors it speaks for.
func (r *rewriter) annotated(e *jsonschema.ValidationError) bool {
	loc := fragment(e.AbsoluteKeywordLocation)
	owner, a := annotationOwner(parentPointer(loc))
	if a == nil {
		return false
	}
	at := instanceOfOwner(e.InstanceLocation, loc[len(owner):])
	switch {
	case a.expected != "":
		r.add(at, "", "expected %s, got %s", a.expected, r.describe(at))
	case owner == kindRule:
		r.kindError(at)
	default:
		r.add(at, "", "%s", a.message)
	}
	return true
}

// kindError holds back the kind message for the step at ptr (see finish), naming the kind
// keys when there is more than one.
func (r *rewriter) kindError(ptr string) {
	msg := kindMessage
	if kinds := r.presentKinds(ptr); len(kinds) > 1 {
		msg += "; it has " + strings.Join(kinds, " and ")
	}
	r.kindless[ptr] = append(r.kindless[ptr], r.diagnostic(ptr, "", "%s", msg))
}

// annotationOwner walks from the schema pointer ptr up to the root and returns the first
// schema object with a message or an expected annotation, or nil.
func annotationOwner(ptr string) (string, *annotation) {
	for {
		if a, ok := annotations[ptr]; ok && (a.expected != "" || a.message != "") {
			return ptr, &a
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

// stepKinds are the kind keys: workflow.Kinds' keys, in its order (schema cannot import
// workflow; kinds_test.go compares).
var stepKinds = []string{"action", "approval", "switch", "parallel", "workflow", "wait", "run"}

func isStepKind(key string) bool {
	for _, k := range stepKinds {
		if k == key {
			return true
		}
	}
	return false
}

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
	a := annotations[parentPointer(loc)]
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
		if a.kindKeys {
			r.keysOutOfPlace(at, obj)
		} else {
			r.unknownKeys(at, obj)
		}
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
		if a.pattern != "" {
			r.add(at, "", "%s is %s", r.describeValue(at), a.pattern)
		} else {
			r.add(at, "", "%s does not match the pattern %s", r.describeValue(at), obj["pattern"])
		}
	default:
		// Keywords the schema does not use today; keep the validator's words, lower-case.
		r.add(at, "", "%s", strings.ToLower(e.Message[:1])+e.Message[1:])
	}
}

// keysOutOfPlace reports each key of the step at ptr that its kind does not allow (obj lists
// the ones it does): a second kind key as the kind error of the step, a key of another kind
// at the key, unless another kind key of the step allows it (then the second kind is the
// mistake). Keys no step allows are left to unknownKeys, which the step schema reports.
func (r *rewriter) keysOutOfPlace(ptr string, obj map[string]any) {
	m := mapping(r.nodes[ptr].value)
	if m == nil {
		return
	}
	own, _ := obj["properties"].(map[string]any)
	var others []any // the keys each kind key of the step allows
	for _, kind := range r.presentKinds(ptr) {
		others = append(others, r.schemaAt("/$defs/"+kind+"_step/properties"))
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		name := KeyString(m.Content[i])
		if _, ok := own[name]; ok {
			continue
		}
		switch {
		case isStepKind(name):
			r.kindError(ptr)
		case anyLists(others, name):
			// Another kind key of the step allows it: the second kind is the mistake.
		default:
			if msg := annotations["/$defs/step/properties/"+escapePointer(name)].outOfPlace; msg != "" {
				r.add(ptr, escapePointer(name), "%s", msg)
			}
		}
	}
}

// anyLists reports whether one of the properties objects lists name.
func anyLists(properties []any, name string) bool {
	for _, p := range properties {
		if m, ok := p.(map[string]any); ok {
			if _, ok := m[name]; ok {
				return true
			}
		}
	}
	return false
}

// mapping follows aliases from n and returns the mapping it ends at, or nil.
func mapping(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	return n
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
	m := mapping(r.nodes[ptr].value)
	if m == nil {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		name := KeyString(m.Content[i])
		if _, ok := props[name]; ok || matchesPatternProperty(obj, name) {
			continue
		}
		if s, ok := suggest.Closest(name, allowed); ok {
			if isStepKind(s) {
				r.kindTypoSeen[ptr] = true
			}
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
	r.emit(r.diagnostic(ptr, key, format, args...))
}

// emit records diagnostics, each once.
func (r *rewriter) emit(list ...diag.Diagnostic) {
	for _, d := range list {
		if s := d.Error(); !r.seen[s] {
			r.seen[s] = true
			r.out = append(r.out, d)
		}
	}
}

// diagnostic builds the diagnostic add records, without recording it.
func (r *rewriter) diagnostic(ptr, key, format string, args ...any) diag.Diagnostic {
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
	return diag.Errorf(rangeOf(r.file, node), diag.RuleSchema, "%s", msg)
}

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// path renders a JSON pointer the way a person reads YAML: step "enrich".with.ip. A step
// with a valid id is named by it, wherever it is nested (ids are unique in the workflow);
// one without is named by its place, steps[2].
func (r *rewriter) path(ptr string) string {
	if ptr == "" {
		return ""
	}
	var b strings.Builder
	parent := ""
	for _, tok := range strings.Split(ptr[1:], "/") {
		if pv := r.nodes[parent].value; pv != nil && pv.Kind == yaml.SequenceNode {
			if id := r.stepIDAt(parent, tok); id != "" {
				b.Reset()
				fmt.Fprintf(&b, "step %q", id)
			} else {
				fmt.Fprintf(&b, "[%s]", tok)
			}
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

// stepIDAt is the id of item index of the list at list, when that list is the workflow's or a
// parallel branch's steps and the item has a usable id, else "".
func (r *rewriter) stepIDAt(list, index string) string {
	owner, key := parentPointer(list), list[strings.LastIndexByte(list, '/')+1:]
	if key != "steps" || (owner != "" && !strings.HasSuffix(parentPointer(owner), "/parallel")) {
		return ""
	}
	id := r.nodes[list+"/"+index+"/id"].value
	// A usable step id: the schema's pattern, "end" aside (which is reported).
	if id == nil || id.Kind != yaml.ScalarNode || id.Tag != "!!str" || id.Value == "end" || !isLowerIdent(id.Value) {
		return ""
	}
	return id.Value
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
