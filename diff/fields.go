package diff

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/jsonobj"
	"github.com/wfc-dev/wfc/workflow"
)

// field is one comparable value of a workflow, parameter or step.
type field struct {
	path string     // with.ip, retry.times, ...
	key  string     // what is compared: the meaning (seconds, an API spelling)
	show string     // how the value is shown: as written
	at   diag.Range // where it is written (new side); zero when implicit
}

// same is a field whose comparison key is how it is shown.
func same(path, value string, at diag.Range) field {
	return field{path: path, key: value, show: value, at: at}
}

// compareFields lists the changes between two field lists: fields in new's order (added or
// changed), then fields only old has, in old's order.
func compareFields(scope Scope, name string, old, new []field) []Change {
	byPath := make(map[string]field, len(old))
	for _, f := range old {
		byPath[f.path] = f
	}
	seen := make(map[string]bool, len(new))
	var out []Change
	for _, f := range new {
		seen[f.path] = true
		o, ok := byPath[f.path]
		switch {
		case !ok:
			out = append(out, Change{Op: Added, Scope: scope, Name: name, Field: f.path, New: f.show, At: at(f.at)})
		case o.key != f.key:
			out = append(out, Change{Op: Changed, Scope: scope, Name: name, Field: f.path, Old: o.show, New: f.show, At: at(f.at)})
		}
	}
	for _, f := range old {
		if !seen[f.path] {
			out = append(out, Change{Op: Removed, Scope: scope, Name: name, Field: f.path, Old: f.show})
		}
	}
	return out
}

// str is a string field when it is written.
func str(out []field, path string, s workflow.String) []field {
	if !s.IsSet() {
		return out
	}
	return append(out, same(path, quote(s.Value), s.Range))
}

// duration is a duration field when it is written, compared in seconds.
func duration(out []field, path string, d *workflow.Duration) []field {
	if !d.IsSet() {
		return out
	}
	return append(out, field{path: path, key: strconv.FormatInt(d.Seconds, 10), show: d.Raw, at: d.Range})
}

// retry adds a retry policy's fields.
func retry(out []field, r *workflow.Retry) []field {
	if r == nil {
		return out
	}
	if r.Times.IsSet() {
		out = append(out, same("retry.times", strconv.FormatInt(r.Times.Value, 10), r.Times.Range))
	}
	return duration(out, "retry.interval", r.Interval)
}

// entries flattens a with or form mapping: nested mappings become prefix.a.b, every other
// value (a scalar, a list) is one field. Key order is not compared.
func entries(out []field, prefix string, es []*workflow.Entry) []field {
	for _, e := range es {
		out = flatten(out, prefix+"."+e.Key.Value, e.Value.JSON(), e.Value.Range)
	}
	return out
}

func flatten(out []field, path string, v any, r diag.Range) []field {
	if obj, ok := v.(jsonobj.Object); ok && len(obj) > 0 {
		for _, m := range obj {
			out = flatten(out, path+"."+m.Key, m.Value, r)
		}
		return out
	}
	return append(out, same(path, canonical(v), r))
}

// canonical is v as compact JSON with mapping keys sorted, so that key order inside a list
// item does not show as a change. HTML characters are not escaped.
func canonical(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(unordered(v)); err != nil {
		return "?"
	}
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// unordered turns every jsonobj.Object in v into a map, which encoding/json writes sorted.
func unordered(v any) any {
	switch v := v.(type) {
	case jsonobj.Object:
		m := make(map[string]any, len(v))
		for _, member := range v {
			if _, dup := m[member.Key]; !dup {
				m[member.Key] = unordered(member.Value)
			}
		}
		return m
	case []any:
		out := make([]any, len(v))
		for i, item := range v {
			out[i] = unordered(item)
		}
		return out
	}
	return v
}

// quote is a string as a JSON string literal, the way values are shown.
func quote(s string) string { return canonical(s) }
