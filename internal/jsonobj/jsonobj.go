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
func (o Object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := encode(&b, m.Key); err != nil {
			return nil, err
		}
		b.WriteByte(':')
		if err := encode(&b, m.Value); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// encode writes v as compact JSON without escaping <, > and &: whether to escape them is
// the caller's encoder's choice, and json.Marshal would decide it here for them.
func encode(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // Encode ends with a newline
	return nil
}
