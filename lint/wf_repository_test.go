package lint

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// The call rules are silent without a Repository (a file linted alone, standard input), even
// on files full of bad calls, as the catalog rules are without a catalog.
func TestCallRulesNeedRepository(t *testing.T) {
	for _, r := range []*Rule{wfMissingWorkflowInput, wfUnknownWorkflowInput, wfWorkflowInputType, wfUnknownWorkflow} {
		files, _ := filepath.Glob(filepath.Join(workflowTestdata, r.ID, "*.yaml"))
		for _, file := range files {
			w, src := loadTestWorkflow(t, file)
			if got := runOne(r, file, src, w, nil); len(got) > 0 {
				t.Errorf("%s without a repository reported:\n%v", r.ID, got)
			}
		}
	}
}

func TestSignatureOf(t *testing.T) {
	w, _ := loadTestWorkflow(t, filepath.Join(workflowTestdata, "callees", "block_ip.yaml"))
	sig := SignatureOf(w)
	if sig == nil || sig.Name != "Block IP" || len(sig.Inputs) != 6 {
		t.Fatalf("signature = %+v", sig)
	}
	required := map[string]bool{}
	for _, in := range sig.Inputs {
		required[in.Name] = in.Required
	}
	// reason is required: true with a default, so a call may leave it out.
	if !required["ip"] || !required["duration"] || required["reason"] || required["notify"] {
		t.Errorf("required = %v; want ip and duration only", required)
	}
	if in := sig.input("duration"); in == nil || in.Type != "number" {
		t.Errorf("duration = %+v; want a number", in)
	}
	if SignatureOf(&workflow.Workflow{}) != nil || SignatureOf(nil) != nil {
		t.Error("a workflow without a name has a signature; nothing can call it")
	}
}

func TestRepositoryLookup(t *testing.T) {
	a, b, c := &Signature{Name: "A"}, &Signature{Name: "Twin", File: "1"}, &Signature{Name: "Twin", File: "2"}
	r := NewRepository([]*Signature{a, nil, b, c})
	if sig, known := r.Lookup("A"); sig != a || !known {
		t.Errorf("Lookup(A) = %v, %v", sig, known)
	}
	if sig, known := r.Lookup("Twin"); sig != nil || !known {
		t.Errorf("Lookup(Twin) = %v, %v; want known but ambiguous (nil)", sig, known)
	}
	if _, known := r.Lookup("a"); known {
		t.Error(`Lookup("a") found "A": names match exactly, as SecMaster's do`)
	}
	if got := r.nearName("a"); got != "A" {
		t.Errorf(`nearName("a") = %q; want "A"`, got)
	}
	if got := r.nearName("Tw"); got != "" {
		t.Errorf(`nearName("Tw") = %q; a prefix is not a typo`, got)
	}
}

// Suggestions compare a name with every name of the repository, so a run looks up at most
// maxSuggestions distinct names: a hostile repository cannot make it quadratic.
func TestRepositoryNearNameIsBounded(t *testing.T) {
	r := NewRepository([]*Signature{{Name: "Block IP"}})
	for i := range maxSuggestions {
		r.nearName(fmt.Sprintf("unknown %d", i))
	}
	if got := r.nearName("Block Ip"); got != "" {
		t.Errorf("nearName after the budget = %q; want no lookup", got)
	}
	if len(r.similar) != maxSuggestions {
		t.Errorf("memo holds %d names; want %d", len(r.similar), maxSuggestions)
	}
}

// NewRepository is one pass over the signatures: the bytes it allocates per signature do not
// grow with the number of signatures (runtime.MemStats.TotalAlloc, a count load cannot change).
func TestRepositoryIndexIsLinear(t *testing.T) {
	perSig := func(n int) float64 {
		sigs := make([]*Signature, n)
		for i := range sigs {
			sigs[i] = &Signature{Name: fmt.Sprintf("workflow %06d", i)}
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		r := NewRepository(sigs)
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(r)
		return float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
	}
	small, large := perSig(1000), perSig(16000)
	t.Logf("bytes per signature: %.0f at 1,000, %.0f at 16,000", small, large)
	if large > 2*small {
		t.Errorf("indexing 16,000 signatures allocated %.0f bytes each, 1,000 %.0f: more than linear", large, small)
	}
}

// BenchmarkNewRepository indexes 1,000 and 16,000 signatures; ns/signature stays flat when
// the index is linear.
func BenchmarkNewRepository(b *testing.B) {
	for _, n := range []int{1000, 16000} {
		sigs := make([]*Signature, n)
		for i := range sigs {
			sigs[i] = &Signature{Name: fmt.Sprintf("workflow %06d", i)}
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				NewRepository(sigs)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/signature")
		})
	}
}

// Whether a call rule fires depends on the files linted together, so a suppression of one is
// never reported as silencing nothing; a suppression of any other rule still is.
func TestCallRuleSuppressionsAreNeverStale(t *testing.T) {
	src := []byte("wfc: 1\nname: Caller\ndescription: \"\"\nsteps:\n" +
		"  # wfc-disable-next-line unknown-workflow-input, unreachable-step\n" +
		"  - id: call\n    workflow: Block IP\n    with: { ipp: 1 }\n")
	w, diags := workflow.Load("caller.yaml", src)
	if w == nil || len(diags) > 0 {
		t.Fatalf("does not load: %v", diags)
	}
	for _, repo := range []*Repository{nil, NewRepository(nil)} {
		got := runRules(&Input{File: "caller.yaml", Source: src, Workflow: w, Repository: repo}, Rules())
		if len(got) != 1 || got[0].Rule != UnusedSuppressionRule || !strings.Contains(got[0].Message, "unreachable-step") {
			t.Errorf("repository %v: got %v; want only the unused suppression of unreachable-step", repo != nil, got)
		}
	}
}

// A call naming a workflow file of the run is told the name to write; a base name two files
// share names neither.
func TestRepositoryByFileName(t *testing.T) {
	a, b, c := &Signature{Name: "A", File: "flows/a.yaml"}, &Signature{Name: "B", File: "x/dup.yml"}, &Signature{Name: "C", File: "y/dup.yml"}
	r := NewRepository([]*Signature{a, b, c})
	for value, want := range map[string]*Signature{"a.yaml": a, "./flows/a.yaml": a, "other/a.yaml": a, "dup.yml": nil, "a": nil, "a.json": nil} {
		if got := r.byFileName(value); got != want {
			t.Errorf("byFileName(%q) = %v; want %v", value, got, want)
		}
	}
}

// A caller alone in its run (its directory holds nothing else) gets no unknown-workflow
// warning: an index of itself says nothing about where its callees live. With one other
// workflow read, the warning counts both.
func TestUnknownWorkflowNeedsOtherWorkflows(t *testing.T) {
	file := filepath.Join(workflowTestdata, "unknown-workflow", "console_only.yaml")
	w, src := loadTestWorkflow(t, file)
	run := func(repo *Repository) diag.List {
		in := &Input{File: file, Source: src, Workflow: w, Settings: Settings{Extends: All}, Repository: repo}
		return runRules(in, []*Rule{wfUnknownWorkflow})
	}
	if got := run(NewRepository([]*Signature{SignatureOf(w)})); len(got) > 0 {
		t.Errorf("the caller alone in the run got:\n%v", got)
	}
	callee, _ := loadTestWorkflow(t, filepath.Join(workflowTestdata, "callees", "block_ip.yaml"))
	got := run(NewRepository([]*Signature{SignatureOf(w), SignatureOf(callee)}))
	if len(got) != 4 || !strings.Contains(got[0].Message, "among the 2 workflows of this lint run") {
		t.Errorf("with one other workflow, got:\n%v\nwant 4 warnings counting 2 workflows", got)
	}
}
