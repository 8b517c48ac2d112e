package dataworks

import (
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
	"github.com/wfc-dev/wfc/workflow/expr"
)

// compiler turns the program's steps into nodes and the flow graph's edges into
// dependencies (deps.go). Node ids are placeholders, not DataWorks' 19-digit ids: a run or
// switch step's node has the step's id, a join node STEP.join, an id with a dot, which no
// step id has; push fills in the deployed ids by node name.
type compiler struct {
	prog      *workflow.Program
	flow      *workflow.Flow
	inputs    map[string]expr.Type
	reach     []bool // by flow node: some path from the start reaches it
	wfPath    string // the workflow's script.path: path/name
	readFiles bool
	diags     diag.List

	nodes []Node
	deps  []Dependency
	plan  *depPlan
}

func newCompiler(prog *workflow.Program, readFiles bool) *compiler {
	w := prog.Workflow
	f := prog.Flow()
	c := &compiler{prog: prog, flow: f, inputs: inputTypes(w), readFiles: readFiles,
		reach: f.Reachable(), wfPath: joinPath(w.Path.Value, w.Name.Value)}
	c.plan = newDepPlan(c)
	return c
}

// joinPath joins Data Studio path parts with /, leaving out empty ones and the slashes a
// folder is written with at either end.
func joinPath(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.Trim(p, "/"); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "/")
}

// build adds a node per run and switch step, in declaration order, each after the join
// nodes its dependencies need. A step no path reaches is left out: as a node without
// upstream, DataWorks would run it first (lint's unreachable-step reports it).
func (c *compiler) build() {
	for _, s := range c.prog.Steps {
		if !c.reach[c.flow.NodeOf(s)] {
			continue
		}
		var n Node
		switch body := s.Body.(type) {
		case *workflow.Run:
			n = c.runNode(s, body)
		case *workflow.Switch:
			n = c.branchNode(s, body)
		case *workflow.Parallel:
			continue // no node: its branches' dependencies say it (deps.go)
		case *workflow.Action, *workflow.Approval, *workflow.Call, *workflow.Wait, nil:
			continue // Check refuses these kinds, the schema a step without one
		}
		n, err := withPlatform(n, s) // platform.go
		if err != nil {
			c.diags = append(c.diags, diag.Errorf(s.Platform.DataWorks.Range, diag.RuleCompile, "%v", err))
		}
		c.add(n, c.plan.stepDeps(s))
	}
}

// add appends a node and its dependency on upstream.
func (c *compiler) add(n Node, upstream []upstreamOutput) {
	c.nodes = append(c.nodes, n)
	if len(upstream) == 0 {
		return
	}
	dep := Dependency{NodeID: n.ID}
	seen := make(map[string]bool, len(upstream))
	for _, u := range upstream {
		if seen[u.data] {
			continue // two paths through one output: once is enough
		}
		seen[u.data] = true
		dep.Depends = append(dep.Depends, Depend{Type: DependNormal, Output: u.data, RefTableName: u.ref})
	}
	c.deps = append(c.deps, dep)
}

// baseNode is what every node has: its id and name, its script's path and command, and its
// own output, which its downstream depends on (data: WORKFLOW.ID, outputs.go).
func (c *compiler) baseNode(id, name, description, command string) Node {
	rt := &Runtime{Command: command}
	lang := ""
	if t, ok := LookupNodeType(command); ok {
		rt.CommandTypeID, lang = t.Code, t.Language
	}
	return Node{
		Recurrence:  "Normal",
		ID:          id,
		Script:      &Script{Language: lang, Path: joinPath(c.wfPath, name), Runtime: rt},
		Name:        name,
		Description: description,
		Outputs:     &IO{NodeOutputs: []NodeOutput{c.output(id, name)}},
	}
}

// output is the output named after local (a node id, or a branch's ID.case1) of the node
// named name.
func (c *compiler) output(local, name string) NodeOutput {
	return NodeOutput{Data: OutputName(c.prog.Workflow.Name.Value, local), ArtifactType: ArtifactNodeOutput, RefTableName: name}
}

// runNode is the node of a run step.
func (c *compiler) runNode(s *workflow.Step, r *workflow.Run) Node {
	n := c.baseNode(s.ID.Value, s.LabelOrID(), s.Description.Value, r.Command.Value)
	n.Script.Content = c.content(r)
	n.Script.Parameters = nodeParameters(r.With)
	if r.Timeout.IsSet() {
		n.Timeout = Int(int(r.Timeout.Seconds))
	}
	n.RerunTimes, n.RerunInterval = rerun(r.Retry)
	if r.Datasource.IsSet() {
		n.Datasource = &Datasource{Name: r.Datasource.Value}
		if t, ok := LookupNodeType(r.Command.Value); ok {
			n.Datasource.Type = t.DatasourceType
		}
	}
	if r.ResourceGroup.IsSet() {
		n.RuntimeResource = &RuntimeResource{ResourceGroup: r.ResourceGroup.Value}
	}
	switch r.OnError.Value {
	case "continue":
		n.Strategy = &Strategy{FailureStrategy: FailureContinue}
	case "fail":
		n.Strategy = &Strategy{FailureStrategy: FailureBreak}
	}
	return n
}

// content is the script of a run step: its code, or its file's text.
func (c *compiler) content(r *workflow.Run) string {
	if !r.File.IsSet() {
		return r.Code.Value
	}
	if !c.readFiles {
		return ""
	}
	src, err := ReadScript(c.prog.Workflow.File, r.File.Value)
	if err != nil {
		c.diags = append(c.diags, diag.Errorf(r.File.Range, diag.RuleCompile, "%v", err))
		return ""
	}
	return string(src)
}

// nodeParameters are a run step's with entries as node parameters: a value that starts with
// $ is a scheduling parameter DataWorks fills in ($bizdate, $[yyyymmdd-1], ${...}), any other
// a constant.
func nodeParameters(with []*workflow.Entry) []Variable {
	var out []Variable
	for _, e := range with {
		v := e.Value.Text()
		typ := VariableConstant
		if strings.HasPrefix(v, "$") {
			typ = VariableSystem
		}
		out = append(out, Variable{Name: e.Key.Value, ArtifactType: ArtifactVariable,
			Scope: ScopeNodeParameter, Type: typ, Value: v})
	}
	return out
}

// branchNode is the CONTROLLER_BRANCH node of a switch: a branch per case and one for the
// default, each with its own output (branchOutput). DataWorks may take every branch whose
// condition holds, and wfc takes the first case that holds, so each condition also says that
// no earlier one holds, and the default that none does.
func (c *compiler) branchNode(s *workflow.Step, sw *workflow.Switch) Node {
	n := c.baseNode(s.ID.Value, s.LabelOrID(), s.Description.Value, CommandBranch)
	var conds, notEarlier []string
	for _, cs := range sw.Cases {
		cond, err := branchCondition(cs.When.Value, c.inputs)
		if err != nil { // Check reported it; the program has no errors when it compiles
			cond = "False"
		}
		conds = append(conds, strings.Join(append([]string{cond}, notEarlier...), " and "))
		notEarlier = append(notEarlier, "not "+cond)
	}
	if len(notEarlier) == 0 {
		notEarlier = []string{"True"} // a switch with no case: the schema refuses it
	}
	conds = append(conds, strings.Join(notEarlier, " and "))
	n.Branch = &Branch{}
	for i, cond := range conds {
		out := c.branchOutput(s, i, len(sw.Cases))
		desc := "default"
		if i < len(sw.Cases) {
			desc = sw.Cases[i].LabelOrWhen()
		}
		n.Branch.Branches = append(n.Branch.Branches, BranchCase{When: cond, Desc: desc, Output: &out})
		n.Outputs.NodeOutputs = append(n.Outputs.NodeOutputs, out)
	}
	return n
}

// branchOutput is the output of branch i of switch s (the default is branch len(cases)):
// ID.case1, ID.case2, …, ID.default (each after the workflow's name, outputs.go).
func (c *compiler) branchOutput(s *workflow.Step, i, cases int) NodeOutput {
	suffix := ".default"
	if i < cases {
		suffix = ".case" + strconv.Itoa(i+1)
	}
	return c.output(s.ID.Value+suffix, s.LabelOrID())
}
