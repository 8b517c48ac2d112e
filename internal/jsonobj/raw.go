package jsonobj

import (
	"bytes"
	"encoding/json"
	"errors"
)

// ErrNotObject is RawMembers' error for JSON that is not an object.
var ErrNotObject = errors.New("not a JSON object")

// RawMembers calls each for the members of the JSON object raw, in document order, each
// value as written: how code that carries unknown members verbatim reads them.
func RawMembers(raw json.RawMessage, each func(key string, value json.RawMessage)) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return ErrNotObject
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return err
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return err
		}
		each(k.(string), v)
	}
	return nil
}
