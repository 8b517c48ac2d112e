package workflow

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// resolveOf loads steps (header added; the YAML must load cleanly) and resolves them.
func resolveOf(t *testing.T, steps string) (*Program, []string) {
	t.Helper()
	src := "wfc: 1\nname: t\ndescription: \"\"\nsteps:\n" + steps
	w, diags := Load("resolve.yaml", []byte(src))
	if len(diags) > 0 || w == nil {
		t.Fatalf("Load reported problems:\n%v\n--- source\n%s", diags, src)
	}
	p, rdiags := Resolve(w)
	var msgs []string
	for _, d := range rdiags {
		msgs = append(msgs, fmt.Sprintf("%d:%d: %s", d.Range.Start.Line, d.Range.Start.Column, d.Message))
	}
	return p, msgs
}

// targetString renders a target: a step id, end, join:P or none; ~ marks an implicit one.
func targetString(t Target) string {
	var s string
	switch t.Kind {
	case TargetNone:
		return "none"
	case TargetEnd:
		s = "end"
	case TargetStep:
		s = t.Step.ID.Value
	case TargetJoin:
		s = "join:" + t.Step.ID.Value
	}
	if t.Implicit {
		s = "~" + s
	}
	return s
}

// successorLines renders every step's successors, one line per step, in Steps order.
func successorLines(p *Program) []string {
	var out []string
	for _, s := range p.Steps {
		succ := p.Of(s)
		line := fmt.Sprintf("%s: next=%s", s.ID.Value, targetString(succ.Next))
		if succ.OnError.Resolved() {
			line += " on_error=" + targetString(succ.OnError)
		}
		if succ.OnReject.Resolved() {
			line += " on_reject=" + targetString(succ.OnReject)
		}
		for i, c := range succ.Cases {
			line += fmt.Sprintf(" case%d=%s", i, targetString(c))
		}
		if _, ok := s.Body.(*Switch); ok {
			line += " default=" + targetString(succ.Default)
		}
		for i, b := range succ.Branches {
			line += fmt.Sprintf(" branch%d=%s", i, targetString(b))
		}
		out = append(out, line)
	}
	return out
}

// idoms renders the immediate dominator of every step node ("-" when unreachable).
func idoms(f *Flow) []string {
	var out []string
	for _, n := range f.Nodes {
		if n.Kind != NodeStep {
			continue
		}
		d := "-"
		if i := f.IDom(n.Index); i >= 0 {
			d = nodeName(f, i)
		}
		out = append(out, n.Step.ID.Value+"<"+d)
	}
	return out
}

// loopNames renders the flow's loops in SCCs' order, each as its nodes joined by commas.
func loopNames(f *Flow) []string {
	var out []string
	for _, c := range f.SCCs() {
		if !f.IsCycle(c) {
			continue
		}
		var names []string
		for _, n := range c {
			names = append(names, nodeName(f, n))
		}
		out = append(out, strings.Join(names, ","))
	}
	return out
}

func TestResolve(t *testing.T) {
	for _, c := range []struct {
		name, steps            string
		succ, idom, loop, diag []string
	}{{
		name: "fall through and next",
		steps: `  - {id: a, action: p/a}
  - {id: b, action: p/a, next: end}
  - {id: c, action: p/a}
`,
		succ: []string{"a: next=~b", "b: next=end", "c: next=~end"},
		idom: []string{"a<start", "b<a", "c<-"},
	}, {
		name: "switch with and without default, on_error",
		steps: `  - id: a
    action: p/a
    on_error: c
  - id: s
    switch:
      - {when: "${true}", next: a}
      - {when: "${false}", next: end}
  - id: c
    switch: [{when: "${true}", next: end}]
    default: s
`,
		succ: []string{"a: next=~s on_error=c", "s: next=~c case0=a case1=end default=~c", "c: next=~end case0=end default=s"},
		idom: []string{"a<start", "s<a", "c<a"},
		loop: []string{"a,s,c"},
	}, {
		name: "parallel forks and joins",
		steps: `  - id: p
    parallel:
      - steps: [{id: x, action: p/a}, {id: y, action: p/a}]
      - steps: [{id: z, wait: 5s}]
    next: after
  - {id: skipped, action: p/a}
  - {id: after, action: p/a}
`,
		succ: []string{"p: next=after branch0=~x branch1=~z", "x: next=~y", "y: next=~join:p", "z: next=~join:p",
			"skipped: next=~after", "after: next=~end"},
		// The sequential view: branch 0 then branch 1 then the join, so x dominates z and after.
		idom: []string{"p<start", "x<p", "y<x", "z<y", "skipped<-", "after<join:p"},
	}, {
		name: "loop through next",
		steps: `  - {id: a, action: p/a}
  - {id: b, action: p/a, next: a}
`,
		succ: []string{"a: next=~b", "b: next=a"},
		idom: []string{"a<start", "b<a"},
		loop: []string{"a,b"},
	}, {
		name: "unresolved references",
		steps: `  - {id: enrich, action: p/a, next: enrihc}
  - {id: b, action: p/a, on_error: nowhere_at_all}
  - id: s
    switch: [{when: "${true}", next: xx}]
    default: enrich
  - {id: enrich, action: p/a}
`,
		succ: []string{"enrich: next=none", "b: next=~s", "s: next=~enrich case0=none default=enrich", "enrich: next=~end"},
		idom: []string{"enrich<start", "b<-", "s<-", "enrich<-"},
		loop: nil,
		diag: []string{
			`10:10: duplicate step id "enrich"; the first step with this id is at line 5, column 10; give every step its own id`,
			`5:37: next "enrihc" names no step; did you mean "enrich"?`,
			`6:36: on_error "nowhere_at_all" names no step; use a step id ("enrich", "b", "s") or end`,
			`8:38: next "xx" names no step; use a step id ("enrich", "b", "s") or end`,
		},
	}, {
		name: "approval on_reject names a step or end",
		steps: `  - id: approve
    approval: {approvers: [lead], timeout: 1h, on_reject: close}
  - id: block
    action: p/a
    next: end
  - id: close
    action: p/a
  - id: second
    approval: {approvers: [lead], timeout: 1h, on_reject: end}
`,
		succ: []string{"approve: next=~block on_reject=close", "block: next=end", "close: next=~second",
			"second: next=~end on_reject=end"},
		// close is reached only through the rejection, and only from approve.
		idom: []string{"approve<start", "block<approve", "close<approve", "second<close"},
	}, {
		name: "approval on_reject names no step",
		steps: `  - id: approve
    approval: {approvers: [lead], timeout: 1h, on_reject: clsoe}
  - {id: close, action: p/a}
  - id: other
    approval: {approvers: [lead], timeout: 1h, on_reject: nowhere_at_all}
`,
		succ: []string{"approve: next=~close", "close: next=~other", "other: next=~end"},
		idom: []string{"approve<start", "close<approve", "other<close"},
		diag: []string{
			`6:59: on_reject "clsoe" names no step; did you mean "close"?`,
			`9:59: on_reject "nowhere_at_all" names no step; use a step id ("approve", "close", "other") or end`,
		},
	}, {
		name: "references across a branch's boundary",
		steps: `  - id: p
    parallel:
      - steps: [{id: x, action: p/a, next: end}, {id: y, action: p/a, next: out}]
      - steps: [{id: z, action: p/a}]
  - {id: out, action: p/a, next: z}
`,
		succ: []string{"p: next=~out branch0=~x branch1=~z", "x: next=end", "y: next=out", "z: next=~join:p", "out: next=z"},
		// x ends the workflow, so in the sequential view branch 1 and the join are never
		// entered: nothing after x has a dominator.
		idom: []string{"p<start", "x<p", "y<-", "z<-", "out<-"},
		loop: []string{"z,out,join:p"},
		diag: []string{
			`7:44: next: end leaves the branch of parallel step "p"; a branch ends with its last step, and the workflow goes on after the parallel`,
			`7:77: next "out" leaves the branch of parallel step "p"; a branch ends with its last step, and the workflow goes on after the parallel`,
			`9:34: next "z" jumps into a branch of parallel step "p"; go to "p" instead, which runs every branch`,
		},
	}} {
		t.Run(c.name, func(t *testing.T) {
			p, diags := resolveOf(t, c.steps)
			check := func(what string, got, want []string) {
				if !slices.Equal(got, want) {
					t.Errorf("%s =\n  %q\nwant\n  %q", what, got, want)
				}
			}
			check("successors", successorLines(p), c.succ)
			check("idoms", idoms(p.Flow()), c.idom)
			check("loops", loopNames(p.Flow()), c.loop)
			check("diagnostics", diags, c.diag)
		})
	}
}

func TestResolveLookup(t *testing.T) {
	p, _ := resolveOf(t, `  - {id: a, action: p/a}
  - {id: a, wait: 5s}
  - {id: b, action: p/a}
`)
	if s := p.Lookup("a"); s == nil || s.KindKey() != "action" {
		t.Errorf("Lookup(a) = %v, want the first step with id a", s)
	}
	if p.Lookup("end") != nil || p.Lookup("c") != nil {
		t.Error("Lookup finds a step for end or an unknown id")
	}
	if !slices.Equal(p.IDs, []string{"a", "b"}) {
		t.Errorf("IDs = %q, want each id once in declaration order", p.IDs)
	}
	if p.Of(&Step{}) != nil {
		t.Error("Of gives successors for a step outside the workflow")
	}
}

// TestResolveEveryKind puts one step of every kind in Kinds between two actions: each must
// resolve (its step reachable, going on to the step after it, and that step reachable from
// it), so a kind Resolve or the flow graph does not handle fails here.
func TestResolveEveryKind(t *testing.T) {
	for _, info := range Kinds {
		t.Run(info.Key, func(t *testing.T) {
			steps := "  - {id: before, action: plugin/act}\n  - id: it\n" + indent(info.Example, "    ") +
				"\n  - {id: after, action: plugin/act}\n"
			steps = strings.ReplaceAll(steps, "next: end", "next: after")
			steps = strings.ReplaceAll(steps, "default: end", "default: after")
			p, diags := resolveOf(t, steps)
			if len(diags) > 0 {
				t.Fatalf("Resolve reported %q", diags)
			}
			it, after := p.Lookup("it"), p.Lookup("after")
			if it == nil || it.Kind() == nil || it.Kind().Key != info.Key {
				t.Fatalf("the example of %s is not a %s step", info.Key, info.Key)
			}
			f := p.Flow()
			if reach := f.Reachable(); !reach[f.NodeOf(it)] || !reach[f.NodeOf(after)] {
				t.Errorf("a %s step, or the step after it, is unreachable", info.Key)
			}
			if !f.Dominates(f.NodeOf(it), f.NodeOf(after)) || f.IDom(f.NodeOf(it)) != f.NodeOf(p.Lookup("before")) {
				t.Errorf("a %s step does not sit between the steps around it", info.Key)
			}
			if !slices.ContainsFunc(successorLines(p), func(l string) bool { return strings.HasPrefix(l, "it: next=") }) {
				t.Errorf("no successors for a %s step", info.Key)
			}
		})
	}
}

func indent(text, prefix string) string {
	return prefix + strings.ReplaceAll(text, "\n", "\n"+prefix)
}

// TestUnknownStepListsShortIDs: the ids a message lists are cut like any quoted value, so a
// workflow with a huge id gives a short line.
func TestUnknownStepListsShortIDs(t *testing.T) {
	long := strings.Repeat("a", 10000)
	msg := unknownStep("next", "zzz", []string{long, "b"})
	if len(msg) > 300 || !strings.Contains(msg, `"b"`) {
		t.Errorf("message is %d bytes: %.200s", len(msg), msg)
	}
}

// TestStepPositions: a step finds its slot in the program (Of, NodeOf) through the order
// Load gives it, and through a map when steps were built by hand or reordered; a step of
// another workflow finds none, even one with the same order.
func TestStepPositions(t *testing.T) {
	load := func() *Workflow {
		w, diags := Load("chain.yaml", mixedChain(10))
		if len(diags) > 0 {
			t.Fatal(diags)
		}
		return w
	}
	w, other := load(), load()
	hand := &Workflow{Steps: []*Step{{ID: String{Value: "x"}}, {ID: String{Value: "y"}}}}
	hand.Steps[1].Index = 1
	for name, w := range map[string]*Workflow{"loaded": w, "by hand": hand} {
		p, _ := Resolve(w)
		if (p.index == nil) != (name == "loaded") {
			t.Errorf("%s: position map built %v; want one only for steps built by hand", name, p.index != nil)
		}
		for i, s := range p.Steps {
			if p.Of(s) != &p.succ[i] || p.Flow().NodeOf(s) != firstStepNode+i {
				t.Errorf("%s: step %d (%s) is not found at its position", name, i, s.ID.Value)
			}
		}
		if p.Of(other.Steps[0]) != nil || p.Flow().NodeOf(other.Steps[0]) != -1 {
			t.Errorf("%s: a step of another workflow is found in this one", name)
		}
	}
}
