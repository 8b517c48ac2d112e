package secmaster

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
)

// marshal is json.Marshal without HTML escaping: expressions such as ${a > 1 && b} stay
// readable in the taskconfig string instead of becoming \u003e and \u0026. Key order comes
// from struct field order and ordered objects (jsonobj.Object); no Go map reaches the output.
func marshal(v any) ([]byte, error) {
	w := newJSONWriter(0)
	if err := w.value(v); err != nil {
		return nil, err
	}
	return w.buf.Bytes(), nil
}

// jsonWriter appends JSON values to a buffer, without HTML escaping (see marshal), through
// one encoder for all of them.
type jsonWriter struct {
	buf bytes.Buffer
	enc *json.Encoder
}

// newJSONWriter returns a writer whose buffer has room for size bytes.
func newJSONWriter(size int) *jsonWriter {
	w := &jsonWriter{}
	w.buf.Grow(size)
	w.enc = json.NewEncoder(&w.buf)
	w.enc.SetEscapeHTML(false)
	return w
}

// str appends s as a JSON string. Text that encoding/json would copy as it is (printable
// ASCII without '"' and '\\', such as a taskflow's megabytes of base64) is copied without
// going through the encoder, which builds it in a buffer of its own first.
func (w *jsonWriter) str(s string) error {
	if !jsonVerbatim(s) {
		return w.value(s)
	}
	w.buf.WriteByte('"')
	w.buf.WriteString(s)
	w.buf.WriteByte('"')
	return nil
}

// value appends v as JSON.
func (w *jsonWriter) value(v any) error {
	if err := w.enc.Encode(v); err != nil {
		return err
	}
	w.buf.Truncate(w.buf.Len() - 1) // the newline Encode ends with
	return nil
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

// indentedJSON is marshalIndent(r) with every member (an empty input or output is written
// as "", not left out as the client leaves it), written member by member: every field is a
// string, so the layout around the values is fixed, and encoding/json would otherwise scan the whole
// output once more to indent it, megabytes of taskflow included (a third of `wfc compile`
// for a large workflow).
func indentedJSON(r Request) ([]byte, error) {
	v := reflect.ValueOf(r)
	t := v.Type()
	size := len("{\n}\n")
	for i := range v.NumField() {
		size += len(v.Field(i).String()) + 32 // the value, its key, quotes and layout
	}
	w := newJSONWriter(size)
	w.buf.WriteString("{\n")
	for i := range v.NumField() {
		if i > 0 {
			w.buf.WriteString(",\n")
		}
		w.buf.WriteString("  ")
		key, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if err := w.str(key); err != nil {
			return nil, err
		}
		w.buf.WriteString(": ")
		if err := w.str(v.Field(i).String()); err != nil {
			return nil, err
		}
	}
	w.buf.WriteString("\n}\n")
	return w.buf.Bytes(), nil
}
