package decompile

import (
	"bytes"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// flowWidth is the widest a mapping or list may be, in characters as written, to be put
// on one line in flow style ({ip: "${inputs.ip}"}), as the examples write short ones.
const flowWidth = 72

// Format writes w as wfc YAML: the keys in the order the docs write them, short mappings
// and lists on one line, expressions double-quoted, two-space indentation.
func Format(w *Workflow) ([]byte, error) {
	root := mapping()
	var head []string
	if w.Source != "" {
		head = append(head, "Decompiled by wfc from "+w.Source)
	}
	for _, l := range w.Lost {
		head = append(head, "lost: "+l)
	}
	root.HeadComment = strings.Join(head, "\n")
	add(root, "wfc", intNode(1))
	add(root, "name", str(w.Name))
	add(root, "description", str(w.Description))
	if w.Type != "" && w.Type != "general" {
		add(root, "type", str(w.Type))
	}
	if len(w.Labels) > 0 {
		add(root, "labels", flowIfShort(strList(w.Labels)))
	}
	if w.Dataclass != "" {
		add(root, "dataclass", str(w.Dataclass))
	}
	if w.Retry != nil {
		add(root, "retry", retryNode(w.Retry))
	}
	if w.LogLevel != "" && w.LogLevel != "info" {
		add(root, "log_level", str(w.LogLevel))
	}
	if len(w.Inputs) > 0 {
		add(root, "inputs", params(w.Inputs))
	}
	if len(w.Outputs) > 0 {
		add(root, "outputs", params(w.Outputs))
	}
	add(root, "steps", steps(w.Steps))
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func params(ps []*Param) *yaml.Node {
	list := seq()
	for _, p := range ps {
		m := mapping()
		add(m, "name", str(p.Name))
		if p.Type != "" {
			add(m, "type", str(p.Type))
		}
		if p.Required {
			add(m, "required", boolNode(true))
		}
		if p.Description != "" {
			add(m, "description", str(p.Description))
		}
		if p.Default != nil {
			add(m, "default", flowIfShort(p.Default))
		}
		list.Content = append(list.Content, m)
	}
	return list
}

func steps(ss []*Step) *yaml.Node {
	list := seq()
	for _, s := range ss {
		list.Content = append(list.Content, step(s))
	}
	return list
}

func step(s *Step) *yaml.Node {
	m := mapping()
	if len(s.Lost) > 0 {
		m.HeadComment = "lost: " + strings.Join(s.Lost, "\nlost: ")
	}
	add(m, "id", str(s.ID))
	if s.Name != "" && s.Name != s.ID {
		add(m, "name", str(s.Name))
	}
	if s.Description != "" {
		add(m, "description", str(s.Description))
	}
	switch s.Kind {
	case KindAction:
		add(m, "action", str(s.Action))
		addWith(m, s.With)
		if s.Connection != "" {
			add(m, "connection", str(s.Connection))
		}
		addDuration(m, "timeout", s.Timeout)
		if s.Retry != nil {
			add(m, "retry", retryNode(s.Retry))
		}
		if s.OnError != "" {
			add(m, "on_error", str(s.OnError))
		}
	case KindApproval:
		add(m, "approval", approval(s.Approval))
	case KindSwitch:
		add(m, "switch", cases(s.Cases))
		if s.Default != "" {
			add(m, "default", str(s.Default))
		}
	case KindParallel:
		branches := seq()
		for _, b := range s.Branches {
			bm := mapping()
			add(bm, "steps", steps(b))
			branches.Content = append(branches.Content, bm)
		}
		add(m, "parallel", branches)
	case KindWorkflow:
		add(m, "workflow", str(s.Workflow))
		addWith(m, s.With)
		if s.OnError != "" {
			add(m, "on_error", str(s.OnError))
		}
	case KindWait:
		add(m, "wait", str(Duration(s.Wait)))
	}
	if s.Next != "" {
		add(m, "next", str(s.Next))
	}
	if s.Platform != nil {
		add(m, "platform", s.Platform)
	}
	return m
}

func addWith(m, with *yaml.Node) {
	if with != nil && len(with.Content) > 0 {
		add(m, "with", flowIfShort(with))
	}
}

func addDuration(m *yaml.Node, key string, seconds int64) {
	if seconds > 0 {
		add(m, key, str(Duration(seconds)))
	}
}

func approval(a *Approval) *yaml.Node {
	m := mapping()
	add(m, "approvers", flowIfShort(strList(a.Approvers)))
	addDuration(m, "timeout", a.Timeout)
	if a.OnTimeout != "" && a.OnTimeout != "interrupt" {
		add(m, "on_timeout", str(a.OnTimeout))
	}
	if a.OnReject != "" {
		add(m, "on_reject", str(a.OnReject))
	}
	if a.Form != nil && len(a.Form.Content) > 0 {
		add(m, "form", flowIfShort(a.Form))
	}
	return flowIfShort(m)
}

func cases(cs []*Case) *yaml.Node {
	list := seq()
	for _, c := range cs {
		m := mapping()
		if c.Name != "" && c.Name != strings.TrimSpace(c.When) {
			add(m, "name", str(c.Name))
		}
		add(m, "when", str(c.When))
		add(m, "next", str(c.Next))
		list.Content = append(list.Content, m)
	}
	return list
}

func retryNode(r *Retry) *yaml.Node {
	m := mapping()
	add(m, "times", intNode(r.Times))
	if r.Interval >= 0 {
		add(m, "interval", str(Duration(r.Interval)))
	}
	m.Style = yaml.FlowStyle
	return m
}

// Duration writes whole seconds in the language's units, largest first: 90 → 1m30s,
// 86400 → 1d, 0 → 0s.
func Duration(seconds int64) string {
	if seconds <= 0 {
		return "0s"
	}
	var b strings.Builder
	for _, u := range []struct {
		unit string
		size int64
	}{{"d", 86400}, {"h", 3600}, {"m", 60}, {"s", 1}} {
		if n := seconds / u.size; n > 0 {
			b.WriteString(strconv.FormatInt(n, 10) + u.unit)
			seconds %= u.size
		}
	}
	return b.String()
}

// flowIfShort puts a mapping or list of scalars on one line when it fits in flowWidth.
func flowIfShort(n *yaml.Node) *yaml.Node {
	if n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode {
		return n
	}
	if w, ok := flowWidthOf(n); ok && w <= flowWidth {
		n.Style = yaml.FlowStyle
	}
	return n
}

// flowWidthOf estimates n's width in flow style; not ok when it holds a multi-line string.
func flowWidthOf(n *yaml.Node) (int, bool) {
	switch n.Kind {
	case yaml.ScalarNode:
		if strings.ContainsAny(n.Value, "\n\r") {
			return 0, false
		}
		return len(n.Value) + 2, true
	case yaml.MappingNode, yaml.SequenceNode:
		total := 2
		for _, c := range n.Content {
			w, ok := flowWidthOf(c)
			if !ok {
				return 0, false
			}
			total += w + 2
		}
		return total, true
	}
	return 0, false
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"} }
func seq() *yaml.Node     { return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"} }

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, str(key), v)
}

// str is a string scalar; an expression is double-quoted, as the examples write them.
func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "${") {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

func strList(ss []string) *yaml.Node {
	list := seq()
	for _, s := range ss {
		list.Content = append(list.Content, str(s))
	}
	return list
}

func intNode(i int64) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(i, 10)}
}

func boolNode(b bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b)}
}
