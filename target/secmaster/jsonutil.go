package secmaster

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"
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

// str appends s as a JSON string (writeJSONString). The error is always nil: it is there so
// that callers treat str and value alike.
func (w *jsonWriter) str(s string) error {
	writeJSONString(&w.buf, s)
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
// as "", not left out as the client leaves it), in one buffer of exactly its size: the
// taskconfig is a megabyte of JSON whose quotes all gain a backslash, so an estimate from
// the fields' lengths fell short and the 24 MB buffer of a 10,000-step workflow grew to 47.
// The error is always nil (RequestJSON's signature).
func indentedJSON(r Request) ([]byte, error) {
	var size jsonLength
	writeRequestJSON(&size, r, nil)
	var b bytes.Buffer
	b.Grow(int(size))
	writeRequestJSON(&b, r, nil)
	return b.Bytes(), nil
}

// writeRequestJSON writes indentedJSON's bytes to w member by member: every field is a
// string, so the layout around the values is fixed, and encoding/json would otherwise build
// the whole body and scan it once more to indent it, megabytes of taskflow included.
// writeTaskflow, when not nil, writes the taskflow's value in place of r.Taskflow, between
// its quotes: base64 needs no escapes (Result.EmitTo streams it from the model).
func writeRequestJSON(w jsonSink, r Request, writeTaskflow func()) {
	v := reflect.ValueOf(r)
	t := v.Type()
	w.WriteString("{\n")
	for i := range v.NumField() {
		if i > 0 {
			w.WriteString(",\n")
		}
		w.WriteString("  ")
		key, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		writeJSONString(w, key)
		w.WriteString(": ")
		if writeTaskflow != nil && t.Field(i).Name == "Taskflow" {
			w.WriteByte('"')
			writeTaskflow()
			w.WriteByte('"')
			continue
		}
		writeJSONString(w, v.Field(i).String())
	}
	w.WriteString("\n}\n")
}

// jsonSink is what JSON is written to: a bytes.Buffer, a bufio.Writer (which keeps its first
// error and reports it from Flush, so the writers here need not check each write), or a
// jsonLength that only counts.
type jsonSink interface {
	io.StringWriter
	io.ByteWriter
}

// jsonLength counts the bytes written to it: the exact size of what is written, with no
// second copy of the escaping rules.
type jsonLength int

func (n *jsonLength) WriteString(s string) (int, error) {
	*n += jsonLength(len(s))
	return len(s), nil
}

func (n *jsonLength) WriteByte(byte) error {
	*n++
	return nil
}

// writeJSONString writes s as a JSON string exactly as encoding/json does with HTML escaping
// off (see marshal): '"', '\\' and control characters escaped (\b \f \n \r \t short), each
// invalid UTF-8 byte as \ufffd, U+2028 and U+2029 as \u2028 and \u2029, everything else,
// CJK included, as it is. Unlike encoding/json it writes straight to w, with no buffer of
// its own, and each run that needs no escape (a taskflow's megabytes of base64) in one write.
func writeJSONString(w jsonSink, s string) {
	w.WriteByte('"')
	start := 0 // s[start:i] is still to be written as it is
	for i := 0; ; {
		i += verbatimPrefix(s[i:])
		if i == len(s) {
			break
		}
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			w.WriteString(s[start:i])
			w.WriteByte('\\')
			start = i // c itself begins the next run
			i++
		case c < utf8.RuneSelf:
			w.WriteString(s[start:i])
			writeControlEscape(w, c)
			i++
			start = i
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if escape := runeEscape(r, size); escape != "" {
				w.WriteString(s[start:i])
				w.WriteString(escape)
				start = i + size
			}
			i += size
		}
	}
	w.WriteString(s[start:])
	w.WriteByte('"')
}

// runeEscape is what encoding/json writes for the rune r of size bytes in place of its
// bytes, or "" when they are written as they are.
func runeEscape(r rune, size int) string {
	switch {
	case r == utf8.RuneError && size == 1:
		return `\ufffd` // an invalid byte
	case r == '\u2028':
		return `\u2028`
	case r == '\u2029':
		return `\u2029`
	}
	return ""
}

// writeControlEscape writes the escape of a control character c (below 0x20).
func writeControlEscape(w jsonSink, c byte) {
	const hexDigits = "0123456789abcdef"
	switch c {
	case '\b':
		w.WriteString(`\b`)
	case '\f':
		w.WriteString(`\f`)
	case '\n':
		w.WriteString(`\n`)
	case '\r':
		w.WriteString(`\r`)
	case '\t':
		w.WriteString(`\t`)
	default:
		w.WriteString(`\u00`)
		w.WriteByte(hexDigits[c>>4])
		w.WriteByte(hexDigits[c&0xF])
	}
}
