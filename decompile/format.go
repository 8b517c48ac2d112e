package decompile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// flowWidth is the widest a mapping or list may be, as flowWidthOf estimates it (a little
// over its characters), to be put on one line in flow style ({ip: "${inputs.ip}"}), as the
// examples write short ones.
const flowWidth = 100

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
	if w.Target != "" && w.Target != "secmaster" {
		add(root, "target", str(w.Target))
	}
	add(root, "name", str(w.Name))
	add(root, "description", str(w.Description))
	if w.Path != "" {
		add(root, "path", str(w.Path))
	}
	if w.Schedule != nil {
		add(root, "schedule", schedule(w.Schedule))
	}
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
	for _, ps := range []struct {
		key    string
		params []*Param
	}{{"inputs", w.Inputs}, {"outputs", w.Outputs}} {
		if len(ps.params) > 0 {
			list, err := params(ps.params)
			if err != nil {
				return nil, err
			}
			add(root, ps.key, list)
			if ps.key == "outputs" {
				root.Content[len(root.Content)-2].HeadComment = w.OutputsNote
			}
		}
	}
	list, err := steps(w.Steps)
	if err != nil {
		return nil, err
	}
	add(root, "steps", list)
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

func params(ps []*Param) (*yaml.Node, error) {
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
			v, err := jsonToYAML(p.Default)
			if err != nil {
				return nil, fmt.Errorf("input %s: default: %v", p.Name, err)
			}
			add(m, "default", flowIfShort(v))
		}
		list.Content = append(list.Content, m)
	}
	return list, nil
}

func steps(ss []*Step) (*yaml.Node, error) {
	list := seq()
	for _, s := range ss {
		m, err := step(s)
		if err != nil {
			return nil, fmt.Errorf("step %s: %v", s.ID, err)
		}
		list.Content = append(list.Content, m)
	}
	return list, nil
}

func step(s *Step) (*yaml.Node, error) {
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
	var err error
	switch s.Kind {
	case KindAction:
		add(m, "action", str(s.Action))
		err = addObject(m, "with", s.With)
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
		var a *yaml.Node
		a, err = approval(s.Approval)
		add(m, "approval", a)
	case KindSwitch:
		add(m, "switch", cases(s.Cases))
		if s.Default != "" {
			add(m, "default", str(s.Default))
		}
	case KindParallel:
		branches := seq()
		for _, b := range s.Branches {
			list, err := steps(b)
			if err != nil {
				return nil, err
			}
			bm := mapping()
			add(bm, "steps", list)
			branches.Content = append(branches.Content, bm)
		}
		add(m, "parallel", branches)
	case KindWorkflow:
		add(m, "workflow", str(s.Workflow))
		err = addObject(m, "with", s.With)
		if s.OnError != "" {
			add(m, "on_error", str(s.OnError))
		}
	case KindWait:
		add(m, "wait", str(Duration(s.Wait)))
	case KindRun:
		err = run(m, s)
	}
	if err != nil {
		return nil, err
	}
	if s.Next != "" {
		add(m, "next", str(s.Next))
	}
	if s.Platform != nil {
		p, err := platform(s.Platform)
		if err != nil {
			return nil, err
		}
		add(m, "platform", p)
	}
	return m, nil
}

// run adds a run step's keys, in the order docs/language.md writes them.
func run(m *yaml.Node, s *Step) error {
	r := mapping()
	add(r, "command", str(s.Run.Command))
	if s.Run.File != "" {
		add(r, "file", str(s.Run.File))
	} else {
		add(r, "code", script(s.Run.Code))
	}
	add(m, "run", flowIfShort(r))
	if s.Run.Datasource != "" {
		add(m, "datasource", str(s.Run.Datasource))
	}
	if s.Run.ResourceGroup != "" {
		add(m, "resource_group", str(s.Run.ResourceGroup))
	}
	err := addObject(m, "with", s.With)
	addDuration(m, "timeout", s.Timeout)
	if s.Retry != nil {
		add(m, "retry", retryNode(s.Retry))
	}
	if s.OnError != "" {
		add(m, "on_error", str(s.OnError))
	}
	return err
}

// script is a script's text as a scalar that reads back the same: yaml.v3 writes a text
// that starts with a line break as a literal block that loses it, so that one is quoted.
func script(code string) *yaml.Node {
	n := plainString(code)
	if strings.HasPrefix(code, "\n") || strings.HasPrefix(code, "\r") {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// schedule is a DataWorks schedule, on one line when it is short.
func schedule(sc *Schedule) *yaml.Node {
	m := mapping()
	add(m, "cron", str(sc.Cron))
	for _, kv := range [][2]string{{"timezone", sc.Timezone}, {"start", sc.Start}, {"end", sc.End}} {
		if kv[1] != "" {
			add(m, kv[0], str(kv[1]))
		}
	}
	addDuration(m, "delay", sc.Delay)
	return flowIfShort(m)
}

// addObject adds a with or form mapping, left out when absent or empty.
func addObject(m *yaml.Node, key string, raw json.RawMessage) error {
	if raw == nil {
		return nil
	}
	v, err := jsonToYAML(raw)
	if err != nil {
		return fmt.Errorf("%s: %v", key, err)
	}
	if v.Kind != yaml.MappingNode {
		return fmt.Errorf("%s is not a mapping", key)
	}
	if len(v.Content) > 0 {
		add(m, key, flowIfShort(v))
	}
	return nil
}

// platform is the platform block: {TARGET: {attributes: {...}, taskconfig: {...}}}.
// Attribute names hold ':' (soar:plugin), which flow style would quote: they stay in block
// style.
func platform(p *Platform) (*yaml.Node, error) {
	block := mapping()
	if len(p.Attributes) > 0 {
		attrs := mapping()
		for _, a := range p.Attributes {
			add(attrs, a.Name, plainString(a.Value))
		}
		add(block, "attributes", attrs)
	}
	if len(p.Taskconfig) > 0 {
		cfg := mapping()
		for _, mem := range p.Taskconfig {
			v, err := jsonToYAML(mem.Value)
			if err != nil {
				return nil, fmt.Errorf("platform taskconfig %s: %v", mem.Key, err)
			}
			add(cfg, mem.Key, flowIfShort(v))
		}
		add(block, "taskconfig", cfg)
	}
	for _, mem := range p.Members {
		v, err := jsonToYAML(mem.Value)
		if err != nil {
			return nil, fmt.Errorf("platform %s %s: %v", p.Target, mem.Key, err)
		}
		add(block, mem.Key, flowIfShort(v))
	}
	out := mapping()
	add(out, p.Target, block)
	return out, nil
}

func addDuration(m *yaml.Node, key string, seconds int64) {
	if seconds > 0 {
		add(m, key, str(Duration(seconds)))
	}
}

func approval(a *Approval) (*yaml.Node, error) {
	m := mapping()
	if len(a.Approvers) > 0 { // none: the step's platform block carries soar:handlers
		add(m, "approvers", flowIfShort(strList(a.Approvers)))
	}
	addDuration(m, "timeout", a.Timeout)
	if a.OnTimeout != "" && (a.Timeout > 0 || a.OnTimeout != "interrupt") {
		// Written even when it is the default: lint asks a timeout to say what it does.
		add(m, "on_timeout", str(a.OnTimeout))
	}
	if a.OnReject != "" {
		add(m, "on_reject", str(a.OnReject))
	}
	if err := addObject(m, "form", a.Form); err != nil {
		return nil, err
	}
	return flowIfShort(m), nil
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

// plainString is a string scalar never quoted for looking like an expression: an
// attribute's text as written.
func plainString(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
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
