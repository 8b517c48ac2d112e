package workflow

import (
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/schema"
)

// builder turns the normalized YAML tree into the AST. It is forgiving: the schema has
// already reported values of the wrong shape, so the builder skips them and keeps going,
// leaving the field unset, and the caller gets as much of the workflow as can be read.
type builder struct {
	file  string
	src   *source
	diags diag.List
	built int // steps built so far; a step's order is its number in depth-first order
}

func (b *builder) rng(n *yaml.Node) diag.Range {
	return diag.Range{File: b.file, Start: diag.Pos{Line: n.Line, Column: n.Column}}
}

// pairs calls f for each key and value of a mapping node; anything else is skipped.
func pairs(n *yaml.Node, f func(key string, k, v *yaml.Node)) {
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		f(schema.KeyString(n.Content[i]), n.Content[i], n.Content[i+1])
	}
}

func (b *builder) workflow(root *yaml.Node) *Workflow {
	w := &Workflow{File: b.file, Range: b.rng(root)}
	pairs(root, func(key string, k, v *yaml.Node) {
		switch key {
		case "wfc":
			w.Version = b.int(v)
		case "name":
			w.Name = b.str(v)
		case "description":
			w.Description = b.str(v)
		case "type":
			w.Type = b.str(v)
		case "labels":
			w.Labels = b.labels(v)
		case "dataclass":
			w.Dataclass = b.str(v)
		case "retry":
			w.Retry = b.retry(v)
		case "log_level":
			w.LogLevel = b.str(v)
		case "inputs":
			w.Inputs = b.params(v)
		case "outputs":
			w.Outputs = b.params(v)
		case "steps":
			w.Steps = b.steps(v, nil)
		case "target":
			w.Target = b.str(v)
		case "schedule":
			w.Schedule = b.schedule(v)
		case "path":
			w.Path = b.str(v)
		}
	})
	return w
}

// schedule reads a schedule mapping; keys of the wrong shape the schema has reported.
func (b *builder) schedule(n *yaml.Node) *Schedule {
	sc := &Schedule{Range: b.rng(n)}
	pairs(n, func(key string, _, v *yaml.Node) {
		switch key {
		case "cron":
			sc.Cron = b.str(v)
		case "timezone":
			sc.Timezone = b.str(v)
		case "start":
			sc.Start = b.str(v)
		case "end":
			sc.End = b.str(v)
		case "delay":
			sc.Delay = b.duration(v)
		}
	})
	return sc
}

// labels reads the label list and reports a label given twice (the schema cannot say this
// cheaply: uniqueItems is quadratic in the list length).
func (b *builder) labels(n *yaml.Node) []String {
	if n.Kind != yaml.SequenceNode {
		return nil
	}
	var out []String
	seen := make(map[string]bool)
	for i, item := range n.Content {
		s := b.str(item)
		if !s.IsSet() {
			continue
		}
		if seen[s.Value] {
			b.diags = append(b.diags, diag.Errorf(s.Range, diag.RuleSchema, "labels[%d]: %q is listed twice", i, s.Value))
			continue
		}
		seen[s.Value] = true
		out = append(out, s)
	}
	return out
}

func (b *builder) params(n *yaml.Node) []*Param {
	if n.Kind != yaml.SequenceNode {
		return nil
	}
	var out []*Param
	for _, item := range n.Content {
		if item.Kind != yaml.MappingNode {
			continue
		}
		p := &Param{Range: b.rng(item)}
		pairs(item, func(key string, k, v *yaml.Node) {
			switch key {
			case "name":
				p.Name = b.str(v)
			case "type":
				p.Type = b.str(v)
			case "description":
				p.Description = b.str(v)
			case "required":
				p.Required = b.bool(v)
			case "default":
				p.Default = b.value(v)
			case "value":
				p.Value = b.str(v)
			}
		})
		out = append(out, p)
	}
	return out
}

func (b *builder) steps(n *yaml.Node, parent *Branch) []*Step {
	if n.Kind != yaml.SequenceNode {
		return nil
	}
	// The list's steps share one backing array: one allocation for the list, not one per step.
	slab := make([]Step, len(n.Content))
	out := make([]*Step, 0, len(n.Content))
	for _, item := range n.Content {
		if item.Kind != yaml.MappingNode {
			continue
		}
		s := &slab[len(out)]
		b.step(s, item)
		s.Parent, s.Index = parent, len(out)
		out = append(out, s)
	}
	return out
}

// step reads a step into s: its kind key first, which decides the body the other keys go to (a
// key of another kind is left out: the schema has reported it), then its keys in file order.
func (b *builder) step(s *Step, n *yaml.Node) {
	b.built++
	s.order = b.built // before its branches' steps: AllSteps lists a parallel step first
	s.Range = b.rng(n)
	kinds := 0
	var kind *KindInfo
	var kindKey *yaml.Node
	pairs(n, func(key string, k, v *yaml.Node) {
		if info := kindByKey(key); info != nil {
			kinds++
			kind, kindKey = info, k
		}
	})
	if kinds == 1 {
		s.Body, s.KindRange = kind.New(), b.rng(kindKey)
	}
	pairs(n, func(key string, k, v *yaml.Node) {
		switch key {
		case "id":
			s.ID = b.str(v)
		case "name":
			s.Name = b.str(v)
		case "description":
			s.Description = b.str(v)
		case "next":
			s.Next = b.str(v)
		case "platform":
			s.Platform = b.platform(v)
		default:
			if s.Body != nil {
				s.Body.read(b, s, key, v)
			}
		}
	})
}

// approval fills a from an approval mapping; anything else leaves it empty.
func (b *builder) approval(a *Approval, n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		return
	}
	a.Range = b.rng(n)
	pairs(n, func(key string, k, v *yaml.Node) {
		switch key {
		case "approvers":
			if v.Kind == yaml.SequenceNode {
				for _, item := range v.Content {
					if s := b.str(item); s.IsSet() {
						a.Approvers = append(a.Approvers, s)
					}
				}
			}
		case "timeout":
			a.Timeout = b.duration(v)
		case "on_timeout":
			a.OnTimeout = b.str(v)
		case "on_reject":
			a.OnReject = b.str(v)
		case "form":
			a.Form = b.entries(v)
		}
	})
}

func (b *builder) cases(n *yaml.Node) []*Case {
	if n.Kind != yaml.SequenceNode {
		return nil
	}
	// Two allocations for the switch's cases, not two or more per case.
	slab, out := make([]Case, len(n.Content)), make([]*Case, 0, len(n.Content))
	for i, item := range n.Content {
		if item.Kind != yaml.MappingNode {
			continue
		}
		c := &slab[i]
		c.Range = b.rng(item)
		pairs(item, func(key string, k, v *yaml.Node) {
			switch key {
			case "name":
				c.Name = b.str(v)
			case "when":
				c.When = b.str(v)
			case "next":
				c.Next = b.str(v)
			}
		})
		out = append(out, c)
	}
	return nilIfEmpty(out)
}

func (b *builder) branches(n *yaml.Node, owner *Step) []*Branch {
	if n.Kind != yaml.SequenceNode {
		return nil
	}
	// Two allocations for the parallel's branches, not two or more per branch.
	slab, out := make([]Branch, len(n.Content)), make([]*Branch, 0, len(n.Content))
	for i, item := range n.Content {
		if item.Kind != yaml.MappingNode {
			continue
		}
		br := &slab[i]
		*br = Branch{Owner: owner, Index: len(out), Range: b.rng(item)}
		pairs(item, func(key string, k, v *yaml.Node) {
			if key == "steps" {
				br.Steps = b.steps(v, br)
			}
		})
		out = append(out, br)
	}
	return nilIfEmpty(out)
}

// nilIfEmpty keeps a list with no items nil, as it was before its backing array was
// allocated up front.
func nilIfEmpty[T any](list []T) []T {
	if len(list) == 0 {
		return nil
	}
	return list
}

func (b *builder) retry(n *yaml.Node) *Retry {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	r := &Retry{Range: b.rng(n)}
	pairs(n, func(key string, k, v *yaml.Node) {
		switch key {
		case "times":
			r.Times = b.int(v)
		case "interval":
			r.Interval = b.duration(v)
		}
	})
	return r
}

// entryCell holds an entry and its value, so that a mapping's entries take one allocation.
type entryCell struct {
	entry Entry
	value Value
}

func (b *builder) entries(n *yaml.Node) []*Entry {
	if n == nil || n.Kind != yaml.MappingNode || len(n.Content) < 2 {
		return nil
	}
	cells := make([]entryCell, len(n.Content)/2)
	out := make([]*Entry, len(cells))
	for i := range cells {
		k, v := n.Content[2*i], n.Content[2*i+1]
		c := &cells[i]
		c.value = b.valueOf(v)
		c.entry = Entry{Key: stringOf(b.file, b.src, k), Value: &c.value}
		out[i] = &c.entry
	}
	return out
}

func (b *builder) value(n *yaml.Node) *Value {
	v := b.valueOf(n)
	return &v
}

func (b *builder) valueOf(n *yaml.Node) Value {
	return Value{Node: n, Range: b.rng(n), src: b.src}
}

// str reads a scalar as text; null and non-scalars are left unset (the schema said why).
func (b *builder) str(n *yaml.Node) String {
	if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
		return String{}
	}
	return stringOf(b.file, b.src, n)
}

// stringOf is the String of a scalar node, with its end column when it sits on one line.
func stringOf(file string, src *source, n *yaml.Node) String {
	s := String{Value: n.Value, Range: diag.Range{File: file, Start: diag.Pos{Line: n.Line, Column: n.Column}}}
	if raw := src.rawScalar(n); len(raw) > 0 {
		s.text = textOf(raw, n)
		s.Range.End = diag.Pos{Line: n.Line, Column: n.Column + src.width(raw)}
	}
	return s
}

// textOf is how scalar n, whose exact source text (quotes included) is raw, is written.
func textOf(raw []byte, n *yaml.Node) *scalarText {
	quoted := n.Style == yaml.DoubleQuotedStyle || n.Style == yaml.SingleQuotedStyle
	switch {
	case !quoted:
		return plainText
	case len(raw) != len(n.Value)+2 || string(raw[1:len(raw)-1]) != n.Value:
		return &scalarText{escaped: string(raw)}
	case n.Style == yaml.SingleQuotedStyle:
		return singleQuotedText
	}
	return doubleQuotedText
}

func (b *builder) int(n *yaml.Node) Int {
	if n.Kind != yaml.ScalarNode {
		return Int{}
	}
	if i, ok := schema.Scalar(n).(int64); ok {
		return Int{Value: i, Range: b.rng(n)}
	}
	return Int{}
}

func (b *builder) bool(n *yaml.Node) Bool {
	if n.Kind != yaml.ScalarNode {
		return Bool{}
	}
	if v, ok := schema.Scalar(n).(bool); ok {
		return Bool{Value: v, Range: b.rng(n)}
	}
	return Bool{}
}

// maxDurationSeconds caps durations at 100 years, far beyond any SecMaster timeout and far
// from int64 overflow.
const maxDurationSeconds = 100 * 365 * 24 * 3600

// duration reads whole seconds or a d/h/m/s string; nil when the value is not one (the schema
// has reported it) or is too long (reported here).
func (b *builder) duration(n *yaml.Node) *Duration {
	if n.Kind != yaml.ScalarNode {
		return nil
	}
	var secs int64
	switch v := schema.Scalar(n).(type) {
	case int64:
		if v < 0 {
			return nil
		}
		secs = v
	case string:
		var ok bool
		if secs, ok = parseDuration(v); !ok {
			return nil
		}
	default:
		return nil
	}
	if secs > maxDurationSeconds {
		b.diags = append(b.diags, diag.Errorf(b.rng(n), diag.RuleSchema,
			"duration %s is longer than 100 years; use a shorter one", n.Value))
		return nil
	}
	return &Duration{Seconds: secs, Raw: n.Value, Range: b.rng(n)}
}

// parseDuration reads the schema's duration strings: numbers with units d (24 hours), h, m,
// s, in that order, each at most once (30s, 5m, 1h30m, 2d12h). Sums saturate rather than
// overflow.
func parseDuration(s string) (int64, bool) {
	units := []struct {
		suffix  byte
		seconds int64
	}{{'d', 24 * 3600}, {'h', 3600}, {'m', 60}, {'s', 1}}
	var total int64
	next := 0 // the first unit still allowed
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) {
			return 0, false
		}
		n, err := strconv.ParseInt(s[:i], 10, 64)
		if err != nil {
			n = maxDurationSeconds + 1 // too many digits: certainly too long
		}
		u := next
		for u < len(units) && units[u].suffix != s[i] {
			u++
		}
		if u == len(units) {
			return 0, false
		}
		if n > (maxDurationSeconds+1)/units[u].seconds {
			total = maxDurationSeconds + 1
		} else {
			total += n * units[u].seconds
		}
		if total > maxDurationSeconds {
			total = maxDurationSeconds + 1
		}
		next = u + 1
		s = s[i+1:]
	}
	return total, next > 0
}
