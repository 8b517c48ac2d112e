package decompile_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/decompile"
	"github.com/wfc-dev/wfc/diag"
	smdecompile "github.com/wfc-dev/wfc/target/secmaster/decompile"
)

// genWorkflow writes a random workflow of every step kind: lists with jumps (next, cases,
// defaults, on_error, on_reject) to random steps of the same list, nested parallels, named
// and unnamed steps. Every one compiles; some loop with no exit, which decompile refuses.
type genWorkflow struct {
	rng *rand.Rand
	b   strings.Builder
	n   int // steps so far, for unique ids
}

func (g *genWorkflow) id() string {
	g.n++
	return fmt.Sprintf("s%d", g.n)
}

// list writes a list of steps at indent; top says whether end may be named.
func (g *genWorkflow) list(indent string, depth int, top bool) {
	count := 1 + g.rng.IntN(4)
	ids := make([]string, count)
	for i := range ids {
		ids[i] = g.id()
	}
	var i int
	// target is a step of the list, most often a later one (a loop back needs an exit).
	target := func() string {
		if top && g.rng.IntN(4) == 0 {
			return "end"
		}
		if i+1 < len(ids) && g.rng.IntN(4) > 0 {
			return ids[i+1+g.rng.IntN(len(ids)-i-1)]
		}
		return ids[g.rng.IntN(len(ids))]
	}
	for ; i < len(ids); i++ {
		id := ids[i]
		fmt.Fprintf(&g.b, "%s- id: %s\n", indent, id)
		in := indent + "  "
		if g.rng.IntN(2) == 0 {
			fmt.Fprintf(&g.b, "%sname: Step %s & more\n", in, strings.ToUpper(id))
		}
		if g.rng.IntN(4) == 0 {
			fmt.Fprintf(&g.b, "%sdescription: what %s does\n", in, id)
		}
		kind := g.rng.IntN(6)
		if depth >= 2 && kind == 3 {
			kind = 0
		}
		switch kind {
		case 0:
			fmt.Fprintf(&g.b, "%saction: p%d/act\n%swith: {x: \"${inputs.a}\", n: %d}\n", in, i, in, g.rng.IntN(100))
			if g.rng.IntN(3) == 0 {
				fmt.Fprintf(&g.b, "%stimeout: %ds\n%sretry: {times: %d}\n", in, 1+g.rng.IntN(5000), in, g.rng.IntN(4))
			}
			if g.rng.IntN(3) == 0 {
				fmt.Fprintf(&g.b, "%son_error: %s\n", in, []string{"continue", ids[g.rng.IntN(len(ids))]}[g.rng.IntN(2)])
			}
		case 1:
			fmt.Fprintf(&g.b, "%sapproval: {approvers: [lead], timeout: %dm", in, 1+g.rng.IntN(300))
			if g.rng.IntN(2) == 0 {
				fmt.Fprintf(&g.b, ", on_reject: %s", target())
			}
			g.b.WriteString("}\n")
		case 2:
			fmt.Fprintf(&g.b, "%sswitch:\n", in)
			for c := 0; c <= g.rng.IntN(3); c++ {
				fmt.Fprintf(&g.b, "%s  - when: \"${inputs.a == '%d'}\"\n%s    next: %s\n", in, c, in, target())
			}
			if g.rng.IntN(4) > 0 {
				fmt.Fprintf(&g.b, "%sdefault: %s\n", in, target())
			}
			continue // a switch has no next
		case 3:
			fmt.Fprintf(&g.b, "%sparallel:\n", in)
			for br := 0; br <= 1+g.rng.IntN(2); br++ {
				fmt.Fprintf(&g.b, "%s  - steps:\n", in)
				g.list(in+"      ", depth+1, false)
			}
		case 4:
			fmt.Fprintf(&g.b, "%swait: %ds\n", in, 1+g.rng.IntN(100000))
		case 5:
			fmt.Fprintf(&g.b, "%sworkflow: sub-%d\n%swith: {a: [1, 2]}\n", in, i, in)
			if g.rng.IntN(3) == 0 {
				fmt.Fprintf(&g.b, "%son_error: %s\n", in, ids[g.rng.IntN(len(ids))])
			}
		}
		if g.rng.IntN(3) == 0 {
			fmt.Fprintf(&g.b, "%snext: %s\n", in, target())
		}
	}
}

// TestRandomWorkflowsRoundTrip extends the byte-exact guarantee to random workflows of
// every shape the language has.
func TestRandomWorkflowsRoundTrip(t *testing.T) {
	checked, refused := 0, 0
	for seed := range uint64(400) {
		g := &genWorkflow{rng: rand.New(rand.NewPCG(seed, 7))}
		g.b.WriteString("wfc: 1\nname: Random\ndescription: \"\"\ninputs:\n  - {name: a}\nsteps:\n")
		g.list("  ", 0, true)
		src := []byte(g.b.String())
		first := compile(t, fmt.Sprintf("seed%d.yaml", seed), src)
		body, _ := first.RequestJSON()
		srcs, err := smdecompile.ReadSources("random", body)
		if err != nil {
			t.Fatal(err)
		}
		w, diags := smdecompile.Read(srcs[0])
		if diags.HasErrors() {
			// Refused, as the language's lint refuses it; what --force writes still
			// compiles to the same bytes.
			if !strings.Contains(diags.Error(), "loop with no exit") {
				t.Fatalf("seed %d: decompile reports\n%v\n%s", seed, diags, src)
			}
			refused++
		}
		yaml, err := decompile.Format(w)
		if err != nil {
			t.Fatal(err)
		}
		second := compile(t, fmt.Sprintf("seed%d-decompiled.yaml\n%s", seed, src), yaml)
		again, _ := second.RequestJSON()
		if !bytes.Equal(body, again) {
			t.Fatalf("seed %d: compile(decompile(compile(y))) differs\ny:\n%s\ndecompiled:\n%s", seed, src, yaml)
		}
		checked++
	}
	if checked != 400 || refused == 0 || refused == checked {
		t.Errorf("checked %d of 400 random workflows, %d of them loops with no exit; want all, and some of each", checked, refused)
	}
	t.Logf("%d random workflows round-trip byte for byte (%d of them, loops with no exit, only with --force)", checked, refused)
}

// TestRandomWorkflowsRedrawnKeepTheirGraph reads random workflows as a modeler would have
// written them: the step id attributes gone and the process's elements in a shuffled
// order. Decompiled, linted and compiled again, each must give the same graph.
func TestRandomWorkflowsRedrawnKeepTheirGraph(t *testing.T) {
	checked := 0
	for seed := range uint64(200) {
		g := &genWorkflow{rng: rand.New(rand.NewPCG(seed, 11))}
		g.b.WriteString("wfc: 1\nname: Random\ndescription: \"\"\ninputs:\n  - {name: a}\nsteps:\n")
		g.list("  ", 0, true)
		// A diagram with steps nothing leads to or loops with no exit is one lint refuses;
		// where such steps go in a redrawn diagram is a guess (see placeUnreached).
		if ruled(lintYAML(t, []byte(g.b.String())), "unreachable-step", "loop-without-exit") {
			continue
		}
		body, _ := compile(t, fmt.Sprintf("seed%d.yaml", seed), []byte(g.b.String())).RequestJSON()
		srcs, err := smdecompile.ReadSources("redrawn", body)
		if err != nil {
			t.Fatal(err)
		}
		src := srcs[0]
		redraw(src.Doc, rand.New(rand.NewPCG(seed, 13)))
		w, diags := smdecompile.Read(src)
		if diags.HasErrors() {
			t.Fatalf("seed %d: decompile reports\n%v\n%s", seed, diags, g.b.String())
		}
		yaml, err := decompile.Format(w)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := compile(t, fmt.Sprintf("seed%d-redrawn.yaml", seed), yaml).RequestJSON()
		back, err := smdecompile.ReadSources("recompiled", again)
		if err != nil {
			t.Fatal(err)
		}
		if d := sameGraph(graphOfSource(t, src), graphOfSource(t, back[0])); d != "" {
			t.Fatalf("seed %d: the recompiled graph differs:\n%s\noriginal:\n%s\ndecompiled:\n%s", seed, d, g.b.String(), yaml)
		}
		checked++
	}
	if checked < 50 {
		t.Errorf("only %d of 200 redrawn workflows checked", checked)
	}
	t.Logf("%d redrawn random workflows keep their graph", checked)
}

// redraw removes the wfc:step attributes and shuffles the process's elements.
func redraw(doc *bpmn.Document, rng *rand.Rand) {
	var walk func(n *bpmn.Node)
	walk = func(n *bpmn.Node) {
		n.Attrs = slices.DeleteFunc(n.Attrs, func(a bpmn.Attr) bool { return a.Name == "wfc:step" })
		if bpmn.LocalName(n.Name) == "process" {
			rng.Shuffle(len(n.Children), func(i, j int) { n.Children[i], n.Children[j] = n.Children[j], n.Children[i] })
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	for _, c := range doc.Children {
		walk(c)
	}
}

// ruled reports whether diags has a diagnostic of one of the rules.
func ruled(diags diag.List, rules ...string) bool {
	for _, d := range diags {
		if slices.Contains(rules, d.Rule) {
			return true
		}
	}
	return false
}
