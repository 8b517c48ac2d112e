package compiler

import (
	"bytes"
	"encoding/json"
)

// marshal is json.Marshal without HTML escaping: expressions such as ${a > 1 && b} stay
// readable in the taskconfig string instead of becoming \u003e and \u0026. Key order comes
// from struct field order and ordered types (Entries); no Go map reaches the output.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// marshalIndent is marshal with two-space indentation and a final newline, for files and
// terminals.
func marshalIndent(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Entries is a JSON object whose members keep their insertion order (node_info and
// usertask_info, keyed by element id in document order).
type Entries []Entry

// Entry is one member of Entries.
type Entry struct {
	Key   string
	Value any
}

// MarshalJSON writes the members in order, through one encoder for them all (an encoder
// per key and value was a large part of encoding a taskconfig of thousands of nodes).
func (es Entries) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	encode := func(v any) error {
		if err := enc.Encode(v); err != nil {
			return err
		}
		b.Truncate(b.Len() - 1) // the newline Encode ends with
		return nil
	}
	b.WriteByte('{')
	for i, e := range es {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := encode(e.Key); err != nil {
			return nil, err
		}
		b.WriteByte(':')
		if err := encode(e.Value); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
