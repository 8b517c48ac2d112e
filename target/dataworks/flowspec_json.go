package dataworks

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
)

// Extra holds the members of a JSON object that the Go type does not model (node metadata,
// owner, do-while bodies, EMR job settings …), verbatim by key, so that a document read from
// DataWorks can be written back without losing them. Marshalling writes them after the
// modelled members, in key order. A key that names a modelled member is ignored.
type Extra map[string]json.RawMessage

// Decode reads a FlowSpec document, as GetWorkflowDefinition returns it in Spec, into the Go
// types, keeping unmodelled members in each object's Extra. Callers bound the input's size
// (it is one string of an API answer or one file).
func Decode(data []byte) (*Document, error) {
	if trimmed := bytes.TrimSpace(data); len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, errors.New("FlowSpec: the document must be a JSON object {version, kind, spec}")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var doc Document
	if err := dec.Decode(&doc); err != nil {
		return nil, decodeError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("FlowSpec: more than one JSON value; the document must be exactly one object")
	}
	return &doc, nil
}

// decodeError rewrites encoding/json's errors into what was wrong and where.
func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		where := typeErr.Field
		if where == "" {
			where = "the document"
		}
		// No offset: inside a nested object encoding/json counts from that object's start.
		return fmt.Errorf("FlowSpec: %s is a JSON %s, but must be %s", where, typeErr.Value, jsonKindOf(typeErr.Type))
	}
	var syntaxErr *json.SyntaxError
	if errors.As(err, &syntaxErr) {
		return fmt.Errorf("FlowSpec is not valid JSON: %v (at byte offset %d)", syntaxErr, syntaxErr.Offset)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("FlowSpec is not valid JSON: it ends in the middle of a value")
	}
	return fmt.Errorf("FlowSpec: %w", err)
}

// jsonKindOf names the JSON value a Go type is decoded from.
func jsonKindOf(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "an integer"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "an array"
	default:
		return "an object"
	}
}

// Marshal writes doc as compact JSON: the Spec string ImportWorkflowDefinition takes. Unlike
// json.Marshal it does not escape <, > and & (shell and SQL code is full of them), so the
// string is the code as written. The output is deterministic.
func Marshal(doc *Document) ([]byte, error) { return appendValue(nil, reflect.ValueOf(doc)) }

// MarshalIndent is Marshal with each level indented by indent, for people and golden files.
func MarshalIndent(doc *Document, indent string) ([]byte, error) {
	compact, err := Marshal(doc)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.Grow(2 * len(compact))
	if err := json.Indent(&out, compact, "", indent); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func encode(v any, indent string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// encodeObject writes known, the plain copy of a FlowSpec type (a struct without JSON
// methods), and then the members of its Extra it does not model, in key order (appendValue).
func encodeObject(known any) ([]byte, error) {
	return appendValue(nil, reflect.ValueOf(known))
}

// decodeObject fills known (a pointer to a struct without JSON methods) from data and puts
// the members it does not model into extra. encoding/json matches member names to fields
// ignoring case, so a key is modelled if it equals a field's name ignoring case.
func decodeObject(data []byte, known any, extra *Extra) error {
	if err := json.Unmarshal(data, known); err != nil {
		return err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return err
	}
	modelled := modelledKeys(reflect.TypeOf(known).Elem())
	*extra = nil // decoding replaces the value, kept members included
	for k, v := range all {
		if modelled[strings.ToLower(k)] {
			continue
		}
		if *extra == nil {
			*extra = Extra{}
		}
		(*extra)[k] = v
	}
	return nil
}

var modelledKeyCache sync.Map // reflect.Type → map[string]bool

// modelledKeys is the set of JSON member names (lower-cased) the struct type t models.
func modelledKeys(t reflect.Type) map[string]bool {
	if keys, ok := modelledKeyCache.Load(t); ok {
		return keys.(map[string]bool)
	}
	keys := map[string]bool{}
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "-" && name != "" {
			keys[strings.ToLower(name)] = true
		}
	}
	modelledKeyCache.Store(t, keys)
	return keys
}

// Each type's JSON methods convert to a local type with the same fields and no methods, so
// that encodeObject and decodeObject use encoding/json's struct handling without recursing.

func (x Document) MarshalJSON() ([]byte, error) {
	type plain Document
	return encodeObject(plain(x))
}
func (x *Document) UnmarshalJSON(b []byte) error {
	type plain Document
	return decodeObject(b, (*plain)(x), &x.Extra)
}

func (x Spec) MarshalJSON() ([]byte, error) { type plain Spec; return encodeObject(plain(x)) }
func (x *Spec) UnmarshalJSON(b []byte) error {
	type plain Spec
	return decodeObject(b, (*plain)(x), &x.Extra)
}

func (x Workflow) MarshalJSON() ([]byte, error) {
	type plain Workflow
	return encodeObject(plain(x))
}
func (x *Workflow) UnmarshalJSON(b []byte) error {
	type plain Workflow
	return decodeObject(b, (*plain)(x), &x.Extra)
}

func (x Node) MarshalJSON() ([]byte, error) { type plain Node; return encodeObject(plain(x)) }
func (x *Node) UnmarshalJSON(b []byte) error {
	type plain Node
	return decodeObject(b, (*plain)(x), &x.Extra)
}

func (x Script) MarshalJSON() ([]byte, error) {
	type plain Script
	return encodeObject(plain(x))
}
func (x *Script) UnmarshalJSON(b []byte) error {
	type plain Script
	return decodeObject(b, (*plain)(x), &x.Extra)
}

func (x Runtime) MarshalJSON() ([]byte, error) {
	type plain Runtime
	return encodeObject(plain(x))
}
func (x *Runtime) UnmarshalJSON(b []byte) error {
	type plain Runtime
	return decodeObject(b, (*plain)(x), &x.Extra)
}

func (x Trigger) MarshalJSON() ([]byte, error) {
	type plain Trigger
	return encodeObject(plain(x))
}
func (x *Trigger) UnmarshalJSON(b []byte) error {
	type plain Trigger
	return decodeObject(b, (*plain)(x), &x.Extra)
}

func (x Strategy) MarshalJSON() ([]byte, error) {
	type plain Strategy
	return encodeObject(plain(x))
}
func (x *Strategy) UnmarshalJSON(b []byte) error {
	type plain Strategy
	return decodeObject(b, (*plain)(x), &x.Extra)
}

func (x Datasource) MarshalJSON() ([]byte, error) {
	type plain Datasource
	return encodeObject(plain(x))
}
func (x *Datasource) UnmarshalJSON(b []byte) error {
	type plain Datasource
	return decodeObject(b, (*plain)(x), &x.Extra)
}

func (x RuntimeResource) MarshalJSON() ([]byte, error) {
	type plain RuntimeResource
	return encodeObject(plain(x))
}
func (x *RuntimeResource) UnmarshalJSON(b []byte) error {
	type plain RuntimeResource
	return decodeObject(b, (*plain)(x), &x.Extra)
}

func (x IO) MarshalJSON() ([]byte, error) { type plain IO; return encodeObject(plain(x)) }
func (x *IO) UnmarshalJSON(b []byte) error {
	type plain IO
	return decodeObject(b, (*plain)(x), &x.Extra)
}

func (x NodeOutput) MarshalJSON() ([]byte, error) {
	type plain NodeOutput
	return encodeObject(plain(x))
}
func (x *NodeOutput) UnmarshalJSON(b []byte) error {
	type plain NodeOutput
	return decodeObject(b, (*plain)(x), &x.Extra)
}

func (x Variable) MarshalJSON() ([]byte, error) {
	type plain Variable
	return encodeObject(plain(x))
}
func (x *Variable) UnmarshalJSON(b []byte) error {
	type plain Variable
	return decodeObject(b, (*plain)(x), &x.Extra)
}

func (x Dependency) MarshalJSON() ([]byte, error) {
	type plain Dependency
	return encodeObject(plain(x))
}
func (x *Dependency) UnmarshalJSON(b []byte) error {
	type plain Dependency
	return decodeObject(b, (*plain)(x), &x.Extra)
}

func (x Depend) MarshalJSON() ([]byte, error) {
	type plain Depend
	return encodeObject(plain(x))
}
func (x *Depend) UnmarshalJSON(b []byte) error {
	type plain Depend
	return decodeObject(b, (*plain)(x), &x.Extra)
}

func (x Branch) MarshalJSON() ([]byte, error) {
	type plain Branch
	return encodeObject(plain(x))
}
func (x *Branch) UnmarshalJSON(b []byte) error {
	type plain Branch
	return decodeObject(b, (*plain)(x), &x.Extra)
}

func (x BranchCase) MarshalJSON() ([]byte, error) {
	type plain BranchCase
	return encodeObject(plain(x))
}
func (x *BranchCase) UnmarshalJSON(b []byte) error {
	type plain BranchCase
	return decodeObject(b, (*plain)(x), &x.Extra)
}

func (x Join) MarshalJSON() ([]byte, error) {
	type plain Join
	return encodeObject(plain(x))
}
func (x *Join) UnmarshalJSON(b []byte) error {
	type plain Join
	return decodeObject(b, (*plain)(x), &x.Extra)
}

func (x JoinBranch) MarshalJSON() ([]byte, error) {
	type plain JoinBranch
	return encodeObject(plain(x))
}
func (x *JoinBranch) UnmarshalJSON(b []byte) error {
	type plain JoinBranch
	return decodeObject(b, (*plain)(x), &x.Extra)
}

func (x JoinAssertion) MarshalJSON() ([]byte, error) {
	type plain JoinAssertion
	return encodeObject(plain(x))
}
func (x *JoinAssertion) UnmarshalJSON(b []byte) error {
	type plain JoinAssertion
	return decodeObject(b, (*plain)(x), &x.Extra)
}

func (x JoinLogic) MarshalJSON() ([]byte, error) {
	type plain JoinLogic
	return encodeObject(plain(x))
}
func (x *JoinLogic) UnmarshalJSON(b []byte) error {
	type plain JoinLogic
	return decodeObject(b, (*plain)(x), &x.Extra)
}
