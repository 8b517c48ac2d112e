package workflow

// What each kind adds to Resolve: its ways out besides next (successors) and their edges in
// the flow graph (edges). A new kind writes both here.

func (a *Action) successors(r *resolver, s *Step, out *Successors) {
	out.OnError = r.onError(s, a.OnError)
}

func (c *Call) successors(r *resolver, s *Step, out *Successors) {
	out.OnError = r.onError(s, c.OnError)
}

func (a *Approval) successors(r *resolver, s *Step, out *Successors) {
	if a.OnReject.IsSet() {
		out.OnReject = r.ref(s, a.OnReject, "on_reject")
	}
}

func (sw *Switch) successors(r *resolver, s *Step, out *Successors) {
	out.Cases = r.take(len(sw.Cases))
	for i, c := range sw.Cases {
		out.Cases[i] = r.refOr(s, c.Next, "next", out.Follow)
	}
	out.Default = r.refOr(s, sw.Default, "default", out.Follow)
}

func (p *Parallel) successors(r *resolver, s *Step, out *Successors) {
	out.Branches = r.take(len(p.Branches))
	for i, b := range p.Branches {
		out.Branches[i] = Target{Kind: TargetJoin, Step: s, Range: b.Range, Implicit: true}
		if len(b.Steps) > 0 {
			out.Branches[i] = Target{Kind: TargetStep, Step: b.Steps[0], Range: b.Range, Implicit: true}
		}
	}
}

func (*Wait) successors(*resolver, *Step, *Successors) {}

// branchingTargets is how many targets the steps' Cases and Branches take in all: the kinds
// that branch say how many they take.
func branchingTargets(steps []*Step) int {
	n := 0
	for _, s := range steps {
		if b, ok := s.Body.(interface{ targets() int }); ok {
			n += b.targets()
		}
	}
	return n
}

func (sw *Switch) targets() int  { return len(sw.Cases) }
func (p *Parallel) targets() int { return len(p.Branches) }

// onError resolves an on_error that names a step or end; a policy (fail, continue) has no
// target.
func (r *resolver) onError(s *Step, o OnError) Target {
	if !o.NamesStep() {
		return Target{}
	}
	return r.ref(s, o.String, "on_error")
}

func (*Action) edges(f *Flow, n int, s *Step, succ *Successors) int {
	f.addTarget(n, s, succ.OnError, EdgeOnError, -1)
	return n
}

func (*Call) edges(f *Flow, n int, s *Step, succ *Successors) int {
	f.addTarget(n, s, succ.OnError, EdgeOnError, -1)
	return n
}

func (*Approval) edges(f *Flow, n int, s *Step, succ *Successors) int {
	f.addTarget(n, s, succ.OnReject, EdgeOnReject, -1)
	return n
}

// A switch goes on through its cases and default only: -1, no next edge.
func (*Switch) edges(f *Flow, n int, s *Step, succ *Successors) int {
	for i, c := range succ.Cases {
		f.addTarget(n, s, c, EdgeCase, i)
	}
	f.addTarget(n, s, succ.Default, EdgeDefault, -1)
	return -1
}

// A parallel forks into its branches; what follows it follows its join.
func (p *Parallel) edges(f *Flow, n int, s *Step, succ *Successors) int {
	join := f.joins[s]
	if len(p.Branches) == 0 {
		f.addEdge(n, join, EdgeFork, -1, s.KindRange)
	}
	for i, b := range succ.Branches {
		f.addTarget(n, s, b, EdgeFork, p.Branches[i].Index)
	}
	return join
}

func (*Wait) edges(_ *Flow, n int, _ *Step, _ *Successors) int { return n }
