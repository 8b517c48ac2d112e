package dataworks

import (
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/workflow"
)

// Dependencies come from the Program's flow graph: a node depends on what control arrives
// from. Control arriving along an edge means, in DataWorks terms, some upstream outputs:
//   - from a run step: its node's output;
//   - from a switch: the output of the branch the edge belongs to (case k, or the default);
//   - from a parallel step (its fork) or a parallel's join: whatever they depend on
//     themselves, since neither is a node: the branches' first nodes depend on the node
//     before the parallel, the step after it on every branch's last node;
//   - from the start: nothing.
//
// A step that control reaches along more than one edge is where paths of a switch meet
// again (without loops, which Check refuses, a workflow's other paths are exclusive). A
// DataWorks node depending on all of them would never run, since the arms not selected end
// "not run"; so a CONTROLLER_JOIN node depends on them instead, and succeeds when one of the
// paths ran (join branch status "1"), and the step depends on the join. A parallel's join
// is the one place where every incoming path runs: the step after it depends on every
// branch's last node.

// upstreamOutput is one output a node depends on: its data and its node's name.
type upstreamOutput struct{ data, ref string }

// arrival is one edge into a flow node: the node it leaves, and which way out of that node
// it is (for a switch, its branch: case k, or len(cases) for the default).
type arrival struct{ from, way int }

// depPlan works out, once per flow node, what arriving there depends on.
type depPlan struct {
	c        *compiler
	arrivals [][]arrival // by flow node
	memo     [][]upstreamOutput
	done     []bool
}

func newDepPlan(c *compiler) *depPlan {
	f := c.flow
	p := &depPlan{c: c, arrivals: make([][]arrival, len(f.Nodes)),
		memo: make([][]upstreamOutput, len(f.Nodes)), done: make([]bool, len(f.Nodes))}
	for n := range f.Nodes {
		if !c.reach[n] {
			continue // a step no path reaches is not compiled (see build)
		}
		for way, e := range f.Out(n) {
			if e.To == workflow.EndNode || e.Kind == workflow.EdgeOnError {
				continue // nothing runs after the end; Check refuses on_error to a step
			}
			p.arrivals[e.To] = append(p.arrivals[e.To], arrival{from: n, way: way})
		}
	}
	return p
}

// stepDeps is what the node of step s depends on.
func (p *depPlan) stepDeps(s *workflow.Step) []upstreamOutput {
	return p.deps(p.c.flow.NodeOf(s))
}

// deps is what arriving at flow node n depends on (memoised: the graph has no cycle).
func (p *depPlan) deps(n int) []upstreamOutput {
	if n < 0 {
		return nil
	}
	if p.done[n] {
		return p.memo[n]
	}
	var out []upstreamOutput
	switch node := p.c.flow.Nodes[n]; node.Kind {
	case workflow.NodeJoin:
		out = p.parallelJoin(p.arrivals[n])
	case workflow.NodeStep:
		out = p.merge(node.Step.ID.Value+".join", p.arrivals[n])
	case workflow.NodeStart, workflow.NodeEnd:
		// the start depends on nothing; nothing depends on the end
	}
	p.memo[n], p.done[n] = out, true
	return out
}

// parallelJoin depends on every branch of a parallel: on what arriving along each edge
// into its join depends on. (Paths of a switch cannot meet at a branch's end: a case names a
// step, so they meet at that step, which merge joins.)
func (p *depPlan) parallelJoin(in []arrival) []upstreamOutput {
	var out []upstreamOutput
	for _, a := range in {
		out = append(out, p.outputs(a)...)
	}
	return out
}

// merge is what arriving along any one of in depends on: that edge's outputs when there is
// one, else a join node with id joinID over all of them.
func (p *depPlan) merge(joinID string, in []arrival) []upstreamOutput {
	switch len(in) {
	case 0:
		return nil
	case 1:
		return p.outputs(in[0])
	}
	paths := make([][]upstreamOutput, 0, len(in))
	for _, a := range in {
		if outs := p.outputs(a); len(outs) > 0 {
			paths = append(paths, outs)
		}
	}
	return []upstreamOutput{p.c.joinNode(joinID, paths)}
}

// outputs is what control arriving along a depends on.
func (p *depPlan) outputs(a arrival) []upstreamOutput {
	from := p.c.flow.Nodes[a.from]
	if from.Kind != workflow.NodeStep {
		return p.deps(a.from) // the start (nothing) or a parallel's join
	}
	s := from.Step
	switch body := s.Body.(type) {
	case *workflow.Run:
		out := p.c.output(s.ID.Value, s.LabelOrID())
		return []upstreamOutput{{out.Data, out.RefTableName}}
	case *workflow.Switch:
		out := p.c.branchOutput(s, min(a.way, len(body.Cases)), len(body.Cases))
		return []upstreamOutput{{out.Data, out.RefTableName}}
	case *workflow.Parallel:
		return p.deps(a.from) // its fork is no node
	case *workflow.Action, *workflow.Approval, *workflow.Call, *workflow.Wait, nil:
		// Check refuses these (and the schema a step without a kind), so a program that
		// compiles has none; pass through, as for a parallel, rather than fail.
	}
	return p.deps(a.from)
}

// joinNode adds a CONTROLLER_JOIN node that succeeds when one of paths ran (every output of
// it ran: status "1"), and depends on every output of every path; it returns its output.
func (c *compiler) joinNode(id string, paths [][]upstreamOutput) upstreamOutput {
	n := c.baseNode(id, id, "", CommandJoin)
	n.Join = &Join{}
	var all []upstreamOutput
	var anyOf []string
	for _, path := range paths {
		var allOf []string
		for _, u := range path {
			name := "b" + strconv.Itoa(len(n.Join.Branches)+1)
			out := NodeOutput{Data: u.data, ArtifactType: ArtifactNodeOutput, RefTableName: u.ref}
			n.Join.Branches = append(n.Join.Branches, JoinBranch{Name: name, Output: &out,
				Assertion: &JoinAssertion{Field: "status", In: []string{JoinStatusRan}}})
			allOf = append(allOf, name)
			all = append(all, u)
		}
		term := strings.Join(allOf, " and ")
		if len(allOf) > 1 && len(paths) > 1 {
			term = "(" + term + ")"
		}
		anyOf = append(anyOf, term)
	}
	n.Join.Logic = &JoinLogic{Expression: strings.Join(anyOf, " or ")}
	c.add(n, all)
	out := n.Outputs.NodeOutputs[0]
	return upstreamOutput{out.Data, out.RefTableName}
}
