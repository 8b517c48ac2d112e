package dataworks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// appendValue appends v as compact JSON, as encoding/json writes it (omitempty, no HTML
// escaping), walking the FlowSpec types by reflection and writing each object's Extra after
// its modelled members. It exists because every FlowSpec type has a MarshalJSON (for
// Extra), and encoding/json re-validates what a MarshalJSON returns at every level it is
// nested in: a node's script parameters were compacted six times over. Here each byte is
// written once, and MarshalJSON is this, so encoding/json checks the whole document once.
func appendValue(b []byte, v reflect.Value) ([]byte, error) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		return appendValue(b, v.Elem())
	case reflect.String:
		return appendString(b, v.String()), nil
	case reflect.Int, reflect.Int64, reflect.Int32:
		return strconv.AppendInt(b, v.Int(), 10), nil
	case reflect.Bool:
		return strconv.AppendBool(b, v.Bool()), nil
	case reflect.Slice:
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		return appendSlice(b, v)
	case reflect.Struct:
		return appendStruct(b, v)
	}
	more, err := json.Marshal(v.Interface()) // nothing in the FlowSpec types reaches here
	return append(b, more...), err
}

func appendSlice(b []byte, v reflect.Value) ([]byte, error) {
	b = append(b, '[')
	for i := range v.Len() {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendValue(b, v.Index(i)); err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}

// jsonField is one member a struct type writes.
type jsonField struct {
	index     int
	name      []byte // the member's name, quoted, with its colon
	omitEmpty bool
}

// structFields are a struct type's members, and the index of its Extra field (-1: none).
type structFields struct {
	fields []jsonField
	extra  int
}

var structFieldCache sync.Map // reflect.Type → *structFields

func fieldsOf(t reflect.Type) *structFields {
	if f, ok := structFieldCache.Load(t); ok {
		return f.(*structFields)
	}
	sf := &structFields{extra: -1}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Type == reflect.TypeFor[Extra]() {
			sf.extra = i
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		sf.fields = append(sf.fields, jsonField{index: i, name: append(appendString(nil, name), ':'), omitEmpty: opts == "omitempty"})
	}
	structFieldCache.Store(t, sf)
	return sf
}

func appendStruct(b []byte, v reflect.Value) ([]byte, error) {
	sf := fieldsOf(v.Type())
	b = append(b, '{')
	first := true
	for _, f := range sf.fields {
		fv := v.Field(f.index)
		if f.omitEmpty && isEmptyValue(fv) {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, f.name...)
		var err error
		if b, err = appendValue(b, fv); err != nil {
			return nil, err
		}
	}
	if sf.extra >= 0 {
		var err error
		if b, err = appendExtra(b, v.Field(sf.extra).Interface().(Extra), modelledKeys(v.Type()), first); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// appendExtra writes the members of extra the type does not model, in key order.
func appendExtra(b []byte, extra Extra, modelled map[string]bool, first bool) ([]byte, error) {
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if !modelled[strings.ToLower(k)] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(appendString(b, k), ':')
		buf := bytes.NewBuffer(b)
		if err := json.Compact(buf, extra[k]); err != nil {
			return nil, fmt.Errorf("FlowSpec: member %q kept from the original document is not valid JSON: %w", k, err)
		}
		b = buf.Bytes()
	}
	return b, nil
}

// isEmptyValue is encoding/json's omitempty test.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String, reflect.Slice, reflect.Map, reflect.Array:
		return v.Len() == 0
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int64, reflect.Int32:
		return v.Int() == 0
	}
	return false
}

// appendString writes s as a JSON string the way encoding/json does without HTML escaping:
// quotes, backslashes and control characters escaped (\b \f \n \r \t by name), U+2028 and
// U+2029 as \u escapes, invalid UTF-8 as U+FFFD.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
