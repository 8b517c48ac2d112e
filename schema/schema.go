// Package schema holds the JSON Schema of the wfc workflow language and validates a parsed
// YAML workflow against it, reporting each problem at its line and column in plain language.
//
// The schema is the one editors use (yaml-language-server: completion, hover docs and
// errors), so it uses only standard JSON Schema 2020-12 keywords, and a step's kind key
// selects (if/then) the keys the step may have, so that an editor names the key that is out
// of place. wfc's own words for what fails (what a pattern means, what a value should look
// like, whole messages) live beside it in annotations.go, keyed by schema pointer.
package schema

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/yamlbound"
)

// ID is the schema's $id.
const ID = "https://wfc.dev/schema/workflow.schema.json"

//go:embed workflow.schema.json
var schemaText []byte

// JSON returns the schema text, as `wfc schema` prints it. The caller may not modify it.
func JSON() []byte { return schemaText }

var (
	decodeOnce sync.Once
	schemaDoc  any // the schema as plain JSON, for reading annotations by pointer
	decodeErr  error

	compileOnce sync.Once
	compiled    *jsonschema.Schema
	compileErr  error

	quickOnce sync.Once
	quick     *rule
	quickErr  error
)

// document decodes the embedded schema once, with numbers kept as json.Number.
func document() (any, error) {
	decodeOnce.Do(func() {
		dec := json.NewDecoder(bytes.NewReader(schemaText))
		dec.UseNumber()
		if err := dec.Decode(&schemaDoc); err != nil {
			decodeErr = fmt.Errorf("embedded schema is not valid JSON: %w", err)
		}
	})
	return schemaDoc, decodeErr
}

// load compiles the schema for the JSON Schema validator, once, on the first file the quick
// check cannot decide (compiling takes a few milliseconds, which a valid file never needs).
func load() (*jsonschema.Schema, any, error) {
	doc, err := document()
	if err != nil {
		return nil, nil, err
	}
	compileOnce.Do(func() {
		c := jsonschema.NewCompiler()
		c.Draft = jsonschema.Draft2020
		if err := c.AddResource(ID, bytes.NewReader(schemaText)); err != nil {
			compileErr = err
			return
		}
		compiled, compileErr = c.Compile(ID)
	})
	return compiled, doc, compileErr
}

// quickRules compiles the schema for the quick check, once.
func quickRules() (*rule, error) {
	quickOnce.Do(func() {
		doc, err := document()
		if err != nil {
			quickErr = err
			return
		}
		quick, quickErr = compileRules(doc)
	})
	return quick, quickErr
}

// Validate checks one YAML document (a DocumentNode or its content) against the schema and
// returns every problem found, sorted, each positioned at the YAML node it is about.
//
// Aliases are followed (at most 100,000 values in all); merge keys (<<) are not applied here,
// so callers that accept them expand them first, as workflow.Load does.
func Validate(file string, root *yaml.Node) diag.List {
	if root != nil && root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		// Errors are found by JSON pointer; "" must name the workflow mapping, or a problem
		// with its keys has no node to be reported at and is lost.
		root = root.Content[0]
	}
	if quickCheck(root) == valid {
		return nil
	}
	return validate(file, root)
}

// validate is Validate without the quick check: the JSON Schema validator decides and its
// errors are rewritten into messages.
func validate(file string, root *yaml.Node) diag.List {
	sch, doc, err := load()
	if err != nil {
		// The schema is embedded and tested; this only happens if someone breaks the file.
		return diag.List{diag.Errorf(diag.Range{File: file}, diag.RuleSchema, "internal error: %v", err)}
	}
	if root == nil {
		return nil
	}
	c := newConverter(false)
	value := c.convert(root, "", nil)
	if n := c.walk.Overflowed(); n != nil {
		return diag.List{diag.Errorf(rangeOf(file, n), diag.RuleSyntax, "%s", yamlbound.OverflowMessage())}
	}
	if n := c.walk.TooDeep(); n != nil {
		return diag.List{diag.Errorf(rangeOf(file, n), diag.RuleSyntax, "%s", yamlbound.TooDeepMessage())}
	}
	verr := sch.Validate(value)
	if verr == nil {
		return nil
	}
	ve, ok := verr.(*jsonschema.ValidationError)
	if !ok {
		return diag.List{diag.Errorf(diag.Range{File: file}, diag.RuleSchema, "cannot validate: %v", verr)}
	}
	// Only now record where each value came from: the same conversion again, with pointers.
	// It cannot overflow or nest too deeply, since the first pass did not.
	where := newConverter(true)
	where.convert(root, "", nil)
	r := newRewriter(file, where.nodes, doc)
	r.walk(ve)
	r.finish()
	return r.out
}

func rangeOf(file string, n *yaml.Node) diag.Range {
	if n == nil {
		return diag.Range{File: file}
	}
	return diag.Range{File: file, Start: diag.Pos{Line: n.Line, Column: n.Column}}
}
