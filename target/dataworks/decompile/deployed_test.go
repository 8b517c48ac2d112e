package decompile

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/dataworkstest"
	"github.com/wfc-dev/wfc/dataworks/deploy"
	lang "github.com/wfc-dev/wfc/decompile"
	dw "github.com/wfc-dev/wfc/target/dataworks"
)

// deployed pushes a compiled spec to the DataWorks emulator (loopback) and returns the
// definition GetWorkflowDefinition answers with: DataWorks' ids, defaults and owner in it.
func deployed(t *testing.T, spec []byte) []byte {
	t.Helper()
	stored, _ := deployedWith(t, spec)
	return stored
}

// deployedWith is deployed, and the client of the emulator it deployed to.
func deployedWith(t *testing.T, spec []byte) ([]byte, *dataworks.Client) {
	t.Helper()
	srv := dataworkstest.NewTestServer(dataworkstest.Options{})
	t.Cleanup(srv.Close)
	cfg := srv.ClientConfig(dataworks.Credentials{AccessKeyID: dataworkstest.DefaultAccessKeyID, AccessKeySecret: dataworkstest.DefaultAccessKeySecret}, nil)
	cfg.Poll.Interval = time.Millisecond // the emulator's jobs advance per poll, not per time
	client, err := dataworks.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	plan, err := deploy.Plan(ctx, client, spec)
	if err != nil {
		t.Fatal(err)
	}
	res, err := deploy.Apply(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	def, err := client.GetWorkflowDefinition(ctx, res.WorkflowID, true)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(def.Spec), client
}

// TestDeployedDefinitionsReadBack: a workflow compiled and deployed comes back, from the
// definition DataWorks holds (its own 19-digit node ids, rerun defaults, owner, script ids),
// with the same steps: each step's id from its node's outputs (WORKFLOW.ID), which DataWorks
// keeps, whatever the step's name (Route by size, Big orders, load_orders); no retry where
// DataWorks' default is all it has; and compiles to the same graph and output names, which
// a push of it finds unchanged.
func TestDeployedDefinitionsReadBack(t *testing.T) {
	named := filepath.Join(t.TempDir(), "workflow.yaml")
	if err := os.WriteFile(named, []byte(namedSwitch), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{named, "../testdata/compile/switch_meet/workflow.yaml",
		"../testdata/compile/parallel/workflow.yaml", "../testdata/compile/schedule/workflow.yaml",
		"../testdata/compile/sequence/workflow.yaml"} {
		c := filepath.Base(filepath.Dir(file))
		if file == named {
			c = "named_switch"
		}
		t.Run(c, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			spec := compileFile(t, file, src)
			stored, client := deployedWith(t, spec)
			source, err := ReadSource("deployed.json", stored)
			if err != nil {
				t.Fatal(err)
			}
			w, diags := Read(source)
			if diags.HasErrors() {
				t.Fatalf("decompile: %v", diags)
			}
			orig, _ := ReadSource("compiled.json", spec)
			want, _ := Read(orig)
			if got, want := stepIDList(w.Steps), stepIDList(want.Steps); got != want {
				t.Errorf("step ids %s, want %s", got, want)
			}
			for _, s := range allSteps(w.Steps) {
				if s.Retry != nil && s.Kind == lang.KindRun && c != "schedule" {
					t.Errorf("step %s has retry %+v from DataWorks' defaults", s.ID, *s.Retry)
				}
			}
			yaml, err := lang.Format(w)
			if err != nil {
				t.Fatal(err)
			}
			recompiled := compileFile(t, "decompiled.yaml", yaml)
			doc, err := dw.Decode(recompiled)
			if err != nil {
				t.Fatal(err)
			}
			// Pushed back, the decompiled YAML changes nothing: the same nodes (matched by
			// name), outputs and dependencies as deployed.
			if p, err := deploy.Plan(context.Background(), client, recompiled); err != nil {
				t.Errorf("planning a push of the decompiled YAML: %v", err)
			} else if p.Action != deploy.Unchanged {
				t.Errorf("pushing the decompiled YAML back would change:\n%s", strings.Join(p.Lines(), "\n"))
			}
			if d := sameGraph(source.Doc.Spec.Workflows[0], doc.Spec.Workflows[0], stepIDs(w.Steps)); d != "" {
				t.Errorf("the recompiled graph differs from the deployed one:\n%s\n%s", d, yaml)
			}
			first, err := dw.Decode(spec)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := outputNames(doc), outputNames(first); got != want {
				t.Errorf("recompiled, the outputs are\n%s\nwant, as first compiled,\n%s", got, want)
			}
		})
	}
}

// namedSwitch has a switch and a run step whose names are not their ids: DataWorks gives
// their nodes ids of its own, but keeps their outputs, which are named after the step ids.
const namedSwitch = `wfc: 1
target: dataworks
name: named
description: ""
inputs:
  - { name: size, type: number }
steps:
  - id: route
    name: Route by size
    switch:
      - { when: "${inputs.size > 100}", next: big }
    default: small
  - id: big
    name: Big orders
    run: { command: DIDE_SHELL, code: echo big }
    next: end
  - id: small
    run: { command: DIDE_SHELL, code: echo small }
`

// outputNames lists each node's id and output names, and each dependency's outputs: what
// pushing a pulled file back would send as the node's identity.
func outputNames(doc *dw.Document) string {
	var b strings.Builder
	wf := doc.Spec.Workflows[0]
	for _, n := range wf.Nodes {
		fmt.Fprintf(&b, "%s:", n.ID)
		if n.Outputs != nil {
			for _, o := range n.Outputs.NodeOutputs {
				fmt.Fprintf(&b, " %s", o.Data)
			}
		}
		b.WriteByte('\n')
	}
	for _, d := range wf.Dependencies {
		fmt.Fprintf(&b, "%s <-", d.NodeID)
		for _, on := range d.Depends {
			fmt.Fprintf(&b, " %s", on.Output)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func allSteps(steps []*lang.Step) []*lang.Step {
	var out []*lang.Step
	for _, s := range steps {
		out = append(out, s)
		for _, b := range s.Branches {
			out = append(out, allSteps(b)...)
		}
	}
	return out
}

func stepIDList(steps []*lang.Step) string {
	var out string
	for _, s := range allSteps(steps) {
		out += s.ID + " "
	}
	return out
}
