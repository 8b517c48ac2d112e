// Package jsonobj is wfc's one JSON object whose members keep their order: a YAML mapping in
// file order (a step's with), taskconfig's node_info in document order. encoding/json sorts
// the keys of a Go map, so no map may reach output that must follow the source.
package jsonobj

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"
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
	if err := o.EncodeTo(enc, &b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// EncodeTo appends o to b, the buffer enc writes to, as MarshalJSON writes it. Through
// enc.Encode(o) instead, encoding/json would copy and compact MarshalJSON's output once more:
// for a taskconfig, megabytes.
func (o Object) EncodeTo(enc *json.Encoder, b *bytes.Buffer) error {
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		AppendString(enc, b, m.Key)
		b.WriteByte(':')
		if err := encode(enc, b, m.Value); err != nil {
			return err
		}
	}
	b.WriteByte('}')
	return nil
}

// Encoder is a value that appends itself to b, the buffer enc writes to, as compact JSON,
// as Object does. A member's value that is an Encoder is written in place: through
// encoding/json, a struct holding an Object would be reflected on and the Object's
// MarshalJSON output copied and compacted once more (issue 8, item 20).
type Encoder interface {
	EncodeTo(enc *json.Encoder, b *bytes.Buffer) error
}

// encode appends v to b, the buffer enc writes to, as compact JSON. An Encoder (a nested
// Object among them), a plain string and an int64 are written in place: through the
// encoder, an Object's MarshalJSON output would be copied and compacted once more for
// every level it is nested in.
func encode(enc *json.Encoder, b *bytes.Buffer, v any) error {
	switch v := v.(type) {
	case Encoder:
		return v.EncodeTo(enc, b)
	case string:
		AppendString(enc, b, v)
		return nil
	case int64:
		b.Write(strconv.AppendInt(b.AvailableBuffer(), v, 10))
		return nil
	}
	if err := enc.Encode(v); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // Encode ends with a newline
	return nil
}

// AppendString appends s as a JSON string: as it is, quoted, when encoding/json would not
// escape any of it (printable ASCII without '"' or '\\'; <, > and & are not escaped here),
// and through enc otherwise.
func AppendString(enc *json.Encoder, b *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			_ = enc.Encode(s) // a string always encodes
			b.Truncate(b.Len() - 1)
			return
		}
	}
	b.WriteByte('"')
	b.WriteString(s)
	b.WriteByte('"')
}
