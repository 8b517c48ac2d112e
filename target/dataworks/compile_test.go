package dataworks

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/target"
	"github.com/wfc-dev/wfc/workflow/expr"
)

// TestCompiledReferencesResolve: in every golden document, each dependency names a node of
// the workflow and an output some node declares (its own, or one of a branch node's), no node
// depends on itself, every join branch watches a declared output, and node ids are unique.
func TestCompiledReferencesResolve(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/compile/*")
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			doc, err := Decode(compileDir(t, dir))
			if err != nil {
				t.Fatal(err)
			}
			wf := doc.Spec.Workflows[0]
			ids, outputs := map[string]bool{}, map[string]string{} // output data → its node
			for _, n := range wf.Nodes {
				if ids[n.ID] {
					t.Errorf("node id %q twice", n.ID)
				}
				ids[n.ID] = true
				for _, o := range n.Outputs.NodeOutputs {
					outputs[o.Data] = n.ID
				}
			}
			for _, n := range wf.Nodes {
				if n.Join == nil {
					continue
				}
				for _, b := range n.Join.Branches {
					if _, ok := outputs[b.Output.Data]; !ok {
						t.Errorf("join %s watches %q, which no node outputs", n.ID, b.Output.Data)
					}
				}
			}
			for _, d := range wf.Dependencies {
				if !ids[d.NodeID] {
					t.Errorf("a dependency of %q, which is no node", d.NodeID)
				}
				for _, up := range d.Depends {
					if from, ok := outputs[up.Output]; !ok || from == d.NodeID {
						t.Errorf("%s depends on %q: output of %q", d.NodeID, up.Output, from)
					}
				}
			}
		})
	}
}

// TestBranchConditions: each wfc condition becomes the Python text DataWorks evaluates after
// putting in the parameters' values; one it cannot say is an error that names the construct.
func TestBranchConditions(t *testing.T) {
	inputs := map[string]expr.Type{"s": expr.TypeString, "n": expr.TypeNumber, "b": expr.TypeBoolean, "o": expr.TypeObject}
	for _, c := range []struct{ when, want string }{
		{"${inputs.s == 'x'}", "('${s}' == 'x')"},
		{"${inputs['s'] != \"y\"}", "('${s}' != 'y')"},
		{"${inputs.n > 1 && inputs.n <= 2.5}", "((${n} > 1) and (${n} <= 2.5))"},
		{"${inputs.n + 1 * 2 >= -inputs.n % 3}", "((${n} + (1 * 2)) >= ((-${n}) % 3))"},
		{"${!inputs.b || inputs.b == false}", "((not ('${b}' == 'true')) or (('${b}' == 'true') == False))"},
		{"${inputs.s eq null ? true : inputs.n / 2 == 1}", "(True if ('${s}' == None) else ((${n} / 2) == 1))"},
		{" ${inputs.s == 'a\\'b'} ", "('${s}' == 'a\\'b')"},
		{"${inputs.undeclared == 'x'}", "('${undeclared}' == 'x')"},
	} {
		got, err := branchCondition(c.when, inputs)
		if err != nil || got != c.want {
			t.Errorf("%s → %q, %v; want %q", c.when, got, err, c.want)
		}
	}
	for _, c := range []struct{ when, names string }{
		{"${steps.a.output == 'x'}", "steps.a.output (a DataWorks node passes no output"},
		{"${workflow.name == 'x'}", "workflow.name has no DataWorks form"},
		{"${fn:length(inputs.s) > 1}", "fn:length(inputs.s) has no DataWorks form"},
		{"${inputs.s.trim() == 'x'}", "inputs.s.trim() has no DataWorks form"},
		{"${empty inputs.s}", "empty inputs.s has no DataWorks form"},
		{"${inputs.o == 'x'}", "inputs.o is an object input"},
		{"x ${inputs.s}", "is not one ${...} expression"},
		{"${inputs.s == }", "does not parse"},
	} {
		if _, err := branchCondition(c.when, inputs); err == nil || !strings.Contains(err.Error(), c.names) {
			t.Errorf("%s: error %v; want one containing %q", c.when, err, c.names)
		}
	}
}

// TestRequestFormCarriesTheSpec: --emit request is ImportWorkflowDefinition's Spec field
// holding the compact document, which decodes to the same document as the spec form.
func TestRequestFormCarriesTheSpec(t *testing.T) {
	u := target.BuildFor("", "testdata/compile/parallel/workflow.yaml", mustRead(t, "testdata/compile/parallel/workflow.yaml"), target.Options{})
	if u.Artifact == nil {
		t.Fatal(u.Diags)
	}
	if got := u.Artifact.Forms(); len(got) != 2 || got[0] != FormSpec {
		t.Errorf("forms %v, want spec first", got)
	}
	req, err := u.Artifact.Emit(FormRequest)
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]string
	if err := json.Unmarshal(req, &fields); err != nil || len(fields) != 1 {
		t.Fatalf("request %s: %v", req, err)
	}
	if strings.Contains(fields["Spec"], "\n") {
		t.Error("the Spec field is not compact")
	}
	fromRequest, err := Decode([]byte(fields["Spec"]))
	if err != nil {
		t.Fatal(err)
	}
	spec, _ := u.Artifact.Emit(FormSpec)
	fromSpec, _ := Decode(spec)
	a, _ := Marshal(fromRequest)
	b, _ := Marshal(fromSpec)
	if string(a) != string(b) {
		t.Errorf("the request's Spec and the spec form differ:\n%s\n%s", a, b)
	}
	if _, err := u.Artifact.Emit("xml"); err == nil || !strings.Contains(err.Error(), "spec, request") {
		t.Errorf("--emit xml: %v", err)
	}
}
