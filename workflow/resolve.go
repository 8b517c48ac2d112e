package workflow

import (
	"sync"

	"github.com/wfc-dev/wfc/diag"
)

// Program is a workflow with its control flow resolved: which step every id names, and where
// control goes after each step. It is the one place control flow is worked out: the compiler
// builds its BPMN graph from it, the linter's rules read it and its flow graph, and nothing
// else follows a next, a case, a default, an on_error, an on_reject or "the step below" on
// its own.
type Program struct {
	Workflow *Workflow
	Steps    []*Step // every step, depth first in declaration order (Workflow.AllSteps)
	// IDs are the step ids in declaration order, each once (a duplicate is reported and the
	// first step with the id wins), for lookups and suggestions.
	IDs []string
	// Start is where execution begins: the first top-level step, or the end when there is
	// none (the schema reports that).
	Start Target

	byID map[string]*Step
	// index is each step's position in Steps, for steps built by hand; nil when every step
	// knows its place (Step.order, set by Load), which saves a map entry per step.
	index map[*Step]int
	succ  []Successors // by position in Steps

	flowOnce sync.Once
	flow     *Flow
}

// EndRef is the reserved reference meaning "the end of the workflow".
const EndRef = "end"

// TargetKind says what a Target is. A byte, so that it and Implicit share one word of a
// Target: a program keeps five targets a step (Successors).
type TargetKind uint8

const (
	// TargetNone is no target: the reference names no step (Resolve reported it), or
	// there is nothing to follow (an on_error that is a policy, not a step).
	TargetNone TargetKind = iota
	TargetEnd             // the end of the workflow
	TargetStep            // a step
	TargetJoin            // where the branches of the parallel step Step meet again
)

// Target is where control goes.
type Target struct {
	Kind TargetKind
	// Implicit is true when no value names the target: the next step in the list, the join
	// of the branch, the end, or a branch's first step. (Next to Kind: 64 bytes a target,
	// not 72.)
	Implicit bool
	Step     *Step // TargetStep: the step; TargetJoin: the parallel step whose branches join
	// Range is the YAML that names the target (the next, case next, default, on_error or
	// on_reject value, or the parallel's branch); for an implicit target, the step it follows.
	Range diag.Range
}

// Resolved reports whether the target leads somewhere.
func (t Target) Resolved() bool { return t.Kind != TargetNone }

// Name is how the YAML would name the target: the step's id or end; "" for a join, which
// no reference can name, and for no target.
func (t Target) Name() string {
	switch t.Kind {
	case TargetStep:
		return t.Step.ID.Value
	case TargetEnd:
		return EndRef
	}
	return ""
}

// Successors is where control can go from one step.
type Successors struct {
	// Follow is where control goes when the step names nothing: the next step in its list,
	// else the join of the parallel whose branch it ends, else the end. Always implicit.
	Follow Target
	// Next is where control goes once the step has finished: its next, else Follow. For a
	// parallel step, where control goes after its join. A switch goes on through Cases and
	// Default instead (the schema forbids next on a switch; Resolve still checks one).
	Next Target
	// OnError is where a failed action goes when its on_error names a step or end;
	// TargetNone for the policies fail and continue and for other kinds.
	OnError Target
	// OnReject is where a rejected approval goes when its on_reject names a step or end;
	// TargetNone without on_reject (a rejection then goes to Next) and for other kinds.
	OnReject Target
	Cases    []Target // a switch: each case's next, in order
	Default  Target   // a switch: its default, else Follow
	// Branches are, for a parallel step, where each branch begins: its first step, or the
	// join when the branch is empty.
	Branches []Target
}

// Lookup is the step with an id, or nil.
func (p *Program) Lookup(id string) *Step { return p.byID[id] }

// Of is where control can go from step s; nil when s is not a step of the workflow.
func (p *Program) Of(s *Step) *Successors {
	if i := p.position(s); i >= 0 {
		return &p.succ[i]
	}
	return nil
}

// Position is the index of s in Steps, or -1 when s is not a step of the program: a key
// for per-step arrays, which cost no hashing where a map from step does.
func (p *Program) Position(s *Step) int { return p.position(s) }

// position is the index of s in Steps, or -1 when s is not a step of the program.
func (p *Program) position(s *Step) int {
	if p.index != nil {
		if i, ok := p.index[s]; ok {
			return i
		}
		return -1
	}
	if s != nil && s.order > 0 && s.order <= len(p.Steps) && p.Steps[s.order-1] == s {
		return s.order - 1
	}
	return -1
}

// indexUnlessOrdered is nil when every step's order is its position in steps, else a map
// from step to position.
func indexUnlessOrdered(steps []*Step) map[*Step]int {
	ordered := true
	for i, s := range steps {
		ordered = ordered && s.order == i+1
	}
	if ordered {
		return nil
	}
	index := make(map[*Step]int, len(steps))
	for i, s := range steps {
		index[s] = i
	}
	return index
}

// Flow is the program's flow graph (reachability, loops, dominance), built on first use.
func (p *Program) Flow() *Flow {
	p.flowOnce.Do(func() { p.flow = newFlow(p) })
	return p.flow
}

// Resolve resolves the control flow of a loaded workflow. It never fails: what cannot be
// resolved (a duplicate id, a reference naming no step, a jump across a parallel branch's
// boundary) is reported, with rule diag.RuleCompile at the place it is written, and gives a
// target of TargetNone (unknown step) or the target it names (the others). Missing ids, the
// reserved id end and missing kinds are the schema's and the compiler's to report: such
// steps are in the program but no id names them.
func Resolve(w *Workflow) (*Program, diag.List) {
	steps := w.AllSteps()
	r := &resolver{p: &Program{
		Workflow: w,
		Steps:    steps,
		IDs:      make([]string, 0, len(steps)),
		byID:     make(map[string]*Step, len(steps)),
		index:    indexUnlessOrdered(steps),
		succ:     make([]Successors, len(steps)),
	}}
	r.targets = make([]Target, 0, branchingTargets(steps))
	p := r.p
	p.Start = Target{Kind: TargetEnd, Range: w.Range, Implicit: true}
	if len(w.Steps) > 0 {
		p.Start = Target{Kind: TargetStep, Step: w.Steps[0], Range: w.Steps[0].Range, Implicit: true}
	}
	for _, s := range steps {
		r.register(s)
	}
	for i, s := range steps {
		r.successors(s, &p.succ[i])
	}
	return p, r.diags
}

type resolver struct {
	p     *Program
	diags diag.List
	// targets backs every step's Cases and Branches, carved by take: one allocation in all,
	// not one per switch and parallel.
	targets []Target
}

// take returns n zeroed targets from r.targets (a fresh slice when it is used up), capped
// so that appending to one step's slice cannot overwrite the next's.
func (r *resolver) take(n int) []Target {
	if len(r.targets)+n > cap(r.targets) {
		return make([]Target, n)
	}
	start := len(r.targets)
	r.targets = r.targets[:start+n]
	return r.targets[start : start+n : start+n]
}

// register adds s to the id table; the first step with an id wins.
func (r *resolver) register(s *Step) {
	id := s.ID
	if !id.IsSet() || id.Value == "" || id.Value == EndRef {
		return
	}
	if first, dup := r.p.byID[id.Value]; dup {
		at := first.ID.Range.Start
		r.errorf(id.Range, "duplicate step id %q; the first step with this id is at line %d, column %d; give every step its own id",
			id.Value, at.Line, at.Column)
		return
	}
	r.p.byID[id.Value] = s
	r.p.IDs = append(r.p.IDs, id.Value)
}

// successors resolves every way out of s into out, its zeroed slot in the program: its next,
// and what its kind adds (resolve_body.go). Filled in place: a Successors local to this
// function would escape to the heap through the kind's method, an allocation per step.
func (r *resolver) successors(s *Step, out *Successors) {
	out.Follow = r.follow(s)
	out.Next = r.refOr(s, s.Next, "next", out.Follow)
	if s.Body != nil {
		s.Body.successors(r, s, out)
	}
}

// follow is where control goes after s when s says nothing: the next step in its list, else
// its branch's join, else the end.
func (r *resolver) follow(s *Step) Target {
	list := r.p.Workflow.Steps
	if s.Parent != nil {
		list = s.Parent.Steps
	}
	if s.Index+1 < len(list) && list[s.Index] == s {
		return Target{Kind: TargetStep, Step: list[s.Index+1], Range: s.Range, Implicit: true}
	}
	if s.Parent != nil && s.Parent.Owner != nil {
		return Target{Kind: TargetJoin, Step: s.Parent.Owner, Range: s.Range, Implicit: true}
	}
	return Target{Kind: TargetEnd, Range: s.Range, Implicit: true}
}

// refOr resolves ref when it is written, else gives otherwise.
func (r *resolver) refOr(s *Step, ref String, field string, otherwise Target) Target {
	if !ref.IsSet() {
		return otherwise
	}
	return r.ref(s, ref, field)
}
