package compiler

import (
	"bytes"
	"encoding/json"
)

// marshal is json.Marshal without HTML escaping: expressions such as ${a > 1 && b} stay
// readable in the taskconfig string instead of becoming \u003e and \u0026. Key order comes
// from struct field order and ordered objects (jsonobj.Object); no Go map reaches the output.
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
