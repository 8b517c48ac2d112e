package schema

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// vocabulary2020 is every keyword of the JSON Schema 2020-12 vocabularies (core, applicator,
// unevaluated, validation, meta-data, format-annotation, content). Strict validators (ajv)
// and editors reject or ignore anything else, so wfc's own words live in annotations.go.
var vocabulary2020 = map[string]bool{
	// core
	"$schema": true, "$id": true, "$ref": true, "$anchor": true, "$dynamicRef": true,
	"$dynamicAnchor": true, "$vocabulary": true, "$comment": true, "$defs": true,
	// applicator
	"prefixItems": true, "items": true, "contains": true, "additionalProperties": true,
	"properties": true, "patternProperties": true, "dependentSchemas": true, "propertyNames": true,
	"if": true, "then": true, "else": true, "allOf": true, "anyOf": true, "oneOf": true, "not": true,
	// unevaluated
	"unevaluatedItems": true, "unevaluatedProperties": true,
	// validation
	"type": true, "const": true, "enum": true, "multipleOf": true, "maximum": true,
	"exclusiveMaximum": true, "minimum": true, "exclusiveMinimum": true, "maxLength": true,
	"minLength": true, "pattern": true, "maxItems": true, "minItems": true, "uniqueItems": true,
	"maxContains": true, "minContains": true, "maxProperties": true, "minProperties": true,
	"required": true, "dependentRequired": true,
	// meta-data, format, content
	"title": true, "description": true, "default": true, "deprecated": true, "readOnly": true,
	"writeOnly": true, "examples": true, "format": true, "contentEncoding": true,
	"contentMediaType": true, "contentSchema": true,
}

// Keywords whose argument is a schema, a map of names to schemas, or a list of schemas: the
// places the walk below descends into (and no other, so that property names and enum
// values are not taken for keywords).
var (
	schemaArgs = map[string]bool{"items": true, "contains": true, "additionalProperties": true,
		"propertyNames": true, "if": true, "then": true, "else": true, "not": true,
		"unevaluatedItems": true, "unevaluatedProperties": true, "contentSchema": true}
	schemaMapArgs  = map[string]bool{"$defs": true, "properties": true, "patternProperties": true, "dependentSchemas": true}
	schemaListArgs = map[string]bool{"prefixItems": true, "allOf": true, "anyOf": true, "oneOf": true}
)

// eachSchema calls visit with the pointer and the object of every schema object in doc.
func eachSchema(doc any, visit func(ptr string, obj map[string]any)) {
	var walk func(v any, ptr string)
	walk = func(v any, ptr string) {
		obj, ok := v.(map[string]any)
		if !ok {
			return // a boolean schema
		}
		visit(ptr, obj)
		for k, arg := range obj {
			switch {
			case schemaArgs[k]:
				walk(arg, ptr+"/"+k)
			case schemaMapArgs[k]:
				m, _ := arg.(map[string]any)
				for name, sub := range m {
					walk(sub, ptr+"/"+k+"/"+escapePointer(name))
				}
			case schemaListArgs[k]:
				list, _ := arg.([]any)
				for i, sub := range list {
					walk(sub, ptr+"/"+k+"/"+itoa(i))
				}
			}
		}
	}
	walk(doc, "")
}

func itoa(i int) string { return strings.TrimSpace(jsonText(i)) }

func schemaDocument(t *testing.T) any {
	t.Helper()
	doc, err := document()
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestSchemaUsesOnly2020Keywords: the published schema compiles under strict validators
// (ajv's strict mode rejects unknown keywords such as errorMessage or x-expected).
func TestSchemaUsesOnly2020Keywords(t *testing.T) {
	var bad []string
	eachSchema(schemaDocument(t), func(ptr string, obj map[string]any) {
		for k := range obj {
			if !vocabulary2020[k] {
				bad = append(bad, ptr+"/"+k)
			}
		}
	})
	sort.Strings(bad)
	if len(bad) > 0 {
		t.Errorf("keywords outside JSON Schema 2020-12 (move wfc's own words to annotations.go):\n%s", strings.Join(bad, "\n"))
	}
}

// TestAnnotationsResolve: every entry of the side table names a schema object that exists
// and fits the entry, so that a restructured schema cannot silently lose wfc's messages.
func TestAnnotationsResolve(t *testing.T) {
	schemas := map[string]map[string]any{}
	eachSchema(schemaDocument(t), func(ptr string, obj map[string]any) { schemas[ptr] = obj })
	for ptr, a := range annotations {
		obj, ok := schemas[ptr]
		switch {
		case !ok:
			t.Errorf("%s: no schema object at this pointer", ptr)
		case a.pattern != "" && obj["pattern"] == nil:
			t.Errorf("%s: explains a pattern, but the schema object has none", ptr)
		case a.kindKeys && (obj["additionalProperties"] != false || obj["properties"] == nil):
			t.Errorf("%s: lists a kind's keys, but does not close its properties", ptr)
		case a.outOfPlace != "" && !strings.HasPrefix(ptr, "/$defs/step/properties/"):
			t.Errorf("%s: an out-of-place message for something that is no step key", ptr)
		}
	}
	// The rewriter finds a kind's keys at /$defs/KIND_step (keysOutOfPlace).
	for _, kind := range stepKinds {
		if !annotations["/$defs/"+kind+"_step"].kindKeys {
			t.Errorf("kind %s: no /$defs/%s_step in the side table", kind, kind)
		}
	}
}

// TestEditorErrorNamesTheKey: the schema alone (without wfc's side table, as an editor sees
// it) rejects a wait step's with as an additional property named "with", rather than with a
// "Missing property workflow" or a failed not, so yaml-language-server says which key is wrong.
func TestEditorErrorNamesTheKey(t *testing.T) {
	sch, _, err := load()
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	src := `{"wfc": 1, "name": "x", "description": "", "steps": [{"id": "w", "wait": "5s", "with": {"a": 1}}]}`
	if err := json.NewDecoder(bytes.NewReader([]byte(src))).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	verr, _ := sch.Validate(doc).(*jsonschema.ValidationError)
	if verr == nil {
		t.Fatal("a wait step with with is valid")
	}
	var leaves []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			leaves = append(leaves, fragment(e.AbsoluteKeywordLocation)+": "+e.Message)
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(verr)
	if len(leaves) != 1 || !strings.Contains(leaves[0], "wait_step/additionalProperties") || !strings.Contains(leaves[0], "'with'") {
		t.Errorf("errors an editor would show:\n%s", strings.Join(leaves, "\n"))
	}
}
