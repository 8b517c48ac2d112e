package lint

import (
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/wfc-dev/wfc/internal/suggest"
	"github.com/wfc-dev/wfc/workflow"
)

// The workflow-call rules (missing-workflow-input, unknown-workflow-input,
// workflow-input-type, unknown-workflow) check a `workflow:` step against the workflow it
// calls when that workflow is one of the files linted in the same run: the driver reads
// every file first, builds a Repository from their Signatures, and only then runs the rules
// on the files that call workflows (Input.Repository). Without a Repository the rules do
// nothing, as the catalog rules do without a catalog.

// repositoryRules are the rules that read Input.Repository and do nothing without one.
var repositoryRules = []*Rule{wfUnknownWorkflow, wfMissingWorkflowInput, wfUnknownWorkflowInput, wfWorkflowInputType}

// Signature is what a call is checked against: a workflow's name and declared inputs,
// copied out of its AST so that an index of a whole repository holds only this much.
type Signature struct {
	File   string // where the workflow is defined, for messages
	Name   string // the workflow's name: what a call writes after workflow:
	Inputs []SignatureInput
	index  map[string]int // input name → position in Inputs
}

// SignatureInput is one declared input of a workflow.
type SignatureInput struct {
	Name     string
	Type     string // string, number, boolean, object or array (absent is string)
	Required bool   // required: true and no default: a call must give it
}

// SignatureOf is w's signature; nil when w has no name, so nothing can call it by name.
// An input without a name (the schema has reported it) is left out, and of two inputs with
// one name the first counts, as in expression-type.
func SignatureOf(w *workflow.Workflow) *Signature {
	if w == nil || !w.Name.IsSet() || w.Name.Value == "" {
		return nil
	}
	sig := &Signature{File: w.File, Name: w.Name.Value, Inputs: make([]SignatureInput, 0, len(w.Inputs)),
		index: make(map[string]int, len(w.Inputs))}
	for _, in := range w.Inputs {
		if in == nil || !in.Name.IsSet() {
			continue
		}
		if _, dup := sig.index[in.Name.Value]; dup {
			continue
		}
		sig.index[in.Name.Value] = len(sig.Inputs)
		sig.Inputs = append(sig.Inputs, SignatureInput{
			Name: in.Name.Value, Type: in.TypeOrDefault(), Required: in.Required.Value && in.Default == nil,
		})
	}
	return sig
}

// input is the declared input called name, or nil.
func (s *Signature) input(name string) *SignatureInput {
	if i, ok := s.index[name]; ok {
		return &s.Inputs[i]
	}
	return nil
}

// inputNames lists the declared inputs' names, for did-you-mean.
func (s *Signature) inputNames() []string {
	names := make([]string, len(s.Inputs))
	for i, in := range s.Inputs {
		names[i] = in.Name
	}
	return names
}

// Repository indexes the workflows of one lint run by name. Names match exactly, as
// SecMaster resolves a call by the string written: "Block IP" does not call "block ip". A
// name two workflows share is ambiguous: calls to it are not checked, since which one the
// platform runs depends on what is deployed. Building it is linear in the number of
// signatures; a Repository is safe for concurrent use by the files' lint runs.
type Repository struct {
	byName map[string]*Signature // nil value: ambiguous
	byFile map[string]*Signature // by the file's base name (block.yaml); nil value: ambiguous
	names  []string              // distinct names in the order added, for did-you-mean
	size   int                   // signatures indexed, duplicates included

	mu      sync.Mutex
	similar map[string]string // memo of nearName, bounded by maxSuggestions
}

// NewRepository indexes sigs (nil entries are skipped) in one pass. Order matters only for
// did-you-mean ties, which go to the earlier signature.
func NewRepository(sigs []*Signature) *Repository {
	r := &Repository{byName: make(map[string]*Signature, len(sigs)), byFile: make(map[string]*Signature, len(sigs)),
		similar: make(map[string]string)}
	for _, s := range sigs {
		if s == nil {
			continue
		}
		r.size++
		base := path.Base(filepath.ToSlash(s.File))
		if _, dup := r.byFile[base]; dup {
			r.byFile[base] = nil
		} else {
			r.byFile[base] = s
		}
		if _, dup := r.byName[s.Name]; dup {
			r.byName[s.Name] = nil
			continue
		}
		r.byName[s.Name] = s
		r.names = append(r.names, s.Name)
	}
	return r
}

// Lookup is the workflow named name; known is false when no workflow of the run has that
// name, and sig is nil (with known true) when several have.
func (r *Repository) Lookup(name string) (sig *Signature, known bool) {
	sig, known = r.byName[name]
	return sig, known
}

// Len is how many named workflows the run read (a name two share counts twice).
func (r *Repository) Len() int { return r.size }

// byFileName is the workflow of the run a call means when it names a workflow file
// (block.yaml, flows/block.yaml) rather than a workflow: SecMaster looks calls up by name
// only. Nil when the value names no .yaml or .yml file of the run, or several.
func (r *Repository) byFileName(value string) *Signature {
	ext := strings.ToLower(path.Ext(value))
	if ext != ".yaml" && ext != ".yml" {
		return nil
	}
	return r.byFile[path.Base(filepath.ToSlash(value))]
}

// nearName is the known name a call to an unknown name most likely meant: one that differs
// only in case or by a typo (suggest's edit distance), never a mere prefix, since a
// shorter name is as likely another workflow deployed only in the console. "" when none.
// At most maxSuggestions distinct names are looked up per run: each costs a comparison with
// every name of the repository.
func (r *Repository) nearName(name string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if best, ok := r.similar[name]; ok {
		return best
	}
	if len(r.similar) >= maxSuggestions {
		return ""
	}
	best, ok := suggest.Closest(name, r.names)
	limit := max(1, len([]rune(name))/3) // suggest.Closest's own bound for a typo
	if ok && suggest.Distance(strings.ToLower(name), strings.ToLower(best)) > limit {
		best = "" // a prefix completion, not a typo
	}
	r.similar[name] = best
	return best
}

// CallsWorkflows reports whether w has a workflow: step naming its callee literally (not by
// an expression): the steps the workflow-call rules check. The driver holds back the rules
// of such a file until its Repository is complete.
func CallsWorkflows(w *workflow.Workflow) bool {
	for _, s := range w.AllSteps() {
		if _, ok := calledName(s); ok {
			return true
		}
	}
	return false
}

// calledName is the workflow a call step names literally.
func calledName(s *workflow.Step) (*workflow.Call, bool) {
	c, ok := s.Body.(*workflow.Call)
	if !ok || !c.Workflow.IsSet() || c.Workflow.Value == "" || workflow.HasExpression(c.Workflow.Value) {
		return nil, false
	}
	return c, true
}

// forEachCall calls f for every call step naming its callee literally, in file order, with
// what the Repository knows of the name (see Lookup). It does nothing without a Repository.
func forEachCall(p *Pass, f func(c *workflow.Call, callee *Signature, known bool)) {
	repo := p.Input.Repository
	if repo == nil {
		return
	}
	for _, s := range p.Input.Workflow.AllSteps() {
		if c, ok := calledName(s); ok {
			sig, known := repo.Lookup(c.Workflow.Value)
			f(c, sig, known)
		}
	}
}

// forEachResolvedCall calls f for every call step whose callee is exactly one workflow of
// the Repository.
func forEachResolvedCall(p *Pass, f func(c *workflow.Call, callee *Signature)) {
	forEachCall(p, func(c *workflow.Call, callee *Signature, _ bool) {
		if callee != nil {
			f(c, callee)
		}
	})
}
