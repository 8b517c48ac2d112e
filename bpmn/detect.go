package bpmn

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Form is the shape a BPMN document arrived in.
type Form int

const (
	FormXML      Form = iota + 1 // BPMN 2.0 XML
	FormTree                     // xml-js tree JSON: {"declaration"?, "elements"}
	FormEnvelope                 // taskflow envelope JSON: {"elementType":"{}","workflow":{...}}
	FormTaskflow                 // base64 of the envelope, as SecMaster stores it
	FormWrapped                  // a JSON object of a Wrapper given to DecodeAny
)

// A Wrapper is a JSON object shape of some platform that carries a base64 taskflow, such as
// a request body or an API response: the platform's package defines it (package bpmn knows
// no platform's shapes) and passes it to DecodeAny.
type Wrapper struct {
	Name string   // what the object is, for messages: "a create-version request"
	Path []string // the keys down to the taskflow string: {"data", "taskflow"}
}

// where is the wrapper's path as messages show it: "data"."taskflow".
func (w Wrapper) where() string {
	keys := make([]string, len(w.Path))
	for i, k := range w.Path {
		keys[i] = fmt.Sprintf("%q", k)
	}
	return strings.Join(keys, ".")
}

func (f Form) String() string {
	switch f {
	case FormXML:
		return "xml"
	case FormTree:
		return "tree"
	case FormEnvelope:
		return "envelope"
	case FormTaskflow:
		return "taskflow"
	case FormWrapped:
		return "wrapped"
	}
	return fmt.Sprintf("Form(%d)", int(f))
}

// DecodeAny reads a BPMN document in any form wfc knows and says which it was: XML (the
// input starts with '<'), a JSON object (told apart by its keys: a tree, an envelope, or
// one of wrappers, tried in order), or else a bare base64 taskflow. Leading and trailing
// whitespace and a byte order mark are ignored. A DOCTYPE is refused in every form (see
// ErrDoctype). XML and trees of other documents are read too (convert turns them into each
// other); see DecodeBPMN.
func DecodeAny(data []byte, wrappers ...Wrapper) (*Document, Form, error) {
	return decodeAny(data, false, wrappers)
}

// DecodeBPMN is DecodeAny for input that must be BPMN, as in lint: XML whose root element is
// not a <definitions> is refused at that start tag, with the error Read would give, instead
// of after parsing what may be megabytes of something else.
func DecodeBPMN(data []byte, wrappers ...Wrapper) (*Document, Form, error) {
	return decodeAny(data, true, wrappers)
}

func decodeAny(data []byte, bpmnOnly bool, wrappers []Wrapper) (*Document, Form, error) {
	if len(data) > MaxInputSize {
		return nil, 0, errf("input is %d bytes; the limit is %d", len(data), MaxInputSize)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, 0, errors.New("input is empty")
	}
	switch trimmed[0] {
	case '<':
		doc, err := decodeXML(data, bpmnOnly)
		if err == nil {
			err = refuseDoctype(doc)
		}
		return orNil(doc, err), FormXML, err
	case '{':
		doc, form, err := decodeJSONForm(data, wrappers)
		if err == nil {
			err = refuseDoctype(doc)
		}
		return orNil(doc, err), form, err
	}
	doc, err := decodeTaskflow(trimmed)
	if err != nil && !isBase64Text(trimmed) && bytes.ContainsAny(trimmed, " \t") {
		// Spaces inside: this is prose or YAML, not base64 (which wraps only at line
		// ends). Say what was tried, since it may have been meant as any of the forms.
		return nil, 0, fmt.Errorf("input is not BPMN XML (<...>), JSON ({...}) nor a base64 taskflow; read as base64: %w", err)
	}
	return doc, FormTaskflow, err
}

// orNil returns doc, or nil when there is an error: a caller gets a document or a reason.
func orNil(doc *Document, err error) *Document {
	if err != nil {
		return nil
	}
	return doc
}

func decodeJSONForm(data []byte, wrappers []Wrapper) (*Document, Form, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		// Let the tree decoder position the syntax error.
		doc, terr := DecodeTreeJSON(data)
		if terr != nil {
			return nil, FormTree, terr
		}
		return doc, FormTree, nil
	}
	has := func(k string) bool { _, ok := top[k]; return ok }
	if has("elementType") || has("workflow") {
		doc, err := DecodeTaskflowJSON(data)
		return doc, FormEnvelope, err
	}
	for _, w := range wrappers {
		if len(w.Path) == 0 || !has(w.Path[0]) {
			continue
		}
		if tf, ok := lookupPath(top, w.Path); ok {
			doc, err := taskflowField(tf, w.where())
			return doc, FormWrapped, err
		}
		return nil, 0, unknownJSON(wrappers) // its first key, but not the taskflow: no other form either
	}
	if has("elements") || has("declaration") || len(top) == 0 {
		doc, err := DecodeTreeJSON(data)
		return doc, FormTree, err
	}
	return nil, 0, unknownJSON(wrappers)
}

// lookupPath is the value at path in an object, each key but the last naming an object.
func lookupPath(top map[string]json.RawMessage, path []string) (json.RawMessage, bool) {
	v, ok := top[path[0]]
	for _, key := range path[1:] {
		var inner map[string]json.RawMessage
		if !ok || json.Unmarshal(v, &inner) != nil {
			return nil, false
		}
		v, ok = inner[key]
	}
	return v, ok
}

// unknownJSON says which JSON objects DecodeAny reads, wrappers included.
func unknownJSON(wrappers []Wrapper) error {
	forms := []string{`an xml-js tree ("elements")`, `a taskflow envelope ("elementType", "workflow")`}
	for _, w := range wrappers {
		forms = append(forms, fmt.Sprintf("%s (%s)", w.Name, w.where()))
	}
	last := len(forms) - 1
	return errors.New("JSON input is neither " + strings.Join(forms[:last], ", ") + " nor " + forms[last])
}

func taskflowField(raw json.RawMessage, where string) (*Document, error) {
	// A JSON string without escapes (base64 needs none) is decoded where it lies, without
	// the copy Unmarshal would make of a taskflow of up to 64 MiB.
	var b64 []byte
	if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' && bytes.IndexByte(raw[1:len(raw)-1], '\\') < 0 {
		b64 = raw[1 : len(raw)-1]
	} else {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, fmt.Errorf("%s must be a string holding the base64 taskflow", where)
		}
		b64 = []byte(s)
	}
	doc, err := decodeTaskflow(b64)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	return doc, nil
}

// isBase64Text reports whether b holds only standard or URL-safe base64 characters and
// whitespace (URL-safe ones get a specific error from DecodeTaskflow).
func isBase64Text(b []byte) bool {
	for _, c := range b {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '+', c == '/', c == '=', c == '-', c == '_':
		case c == ' ', c == '\t', c == '\n', c == '\r':
		default:
			return false
		}
	}
	return true
}
