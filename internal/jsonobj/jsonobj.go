// Package jsonobj is wfc's one JSON object whose members keep their order: a YAML mapping in
// file order (a step's with), taskconfig's node_info in document order. encoding/json sorts
// the keys of a Go map, so no map may reach output that must follow the source.
package jsonobj

import (
	"bytes"
	"encoding/json"
)

// Object is a JSON object whose members marshal in slice order.
type Object []Member

// Member is one key of an Object and its value.
type Member struct {
	Key   string
	Value any
}

// Get returns the value of key and whether it is present (the first, if repeated).
func (o Object) Get(key string) (any, bool) {
	for _, m := range o {
		if m.Key == key {
			return m.Value, true
		}
	}
	return nil, false
}

// MarshalJSON writes the members in order, as a JSON object. An empty or nil Object is {}.
// One encoder serves every key and value: an encoder per member was a large part of encoding
// a taskconfig of thousands of nodes.
func (o Object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	// Whether to escape <, > and & is the caller's encoder's choice, made on this output;
	// json.Marshal would decide it here for them.
	enc.SetEscapeHTML(false)
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := encode(enc, &b, m.Key); err != nil {
			return nil, err
		}
		b.WriteByte(':')
		if err := encode(enc, &b, m.Value); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// encode appends v to b, the buffer enc writes to, as compact JSON.
func encode(enc *json.Encoder, b *bytes.Buffer, v any) error {
	if err := enc.Encode(v); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // Encode ends with a newline
	return nil
}
