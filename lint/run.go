package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// Input is one thing to lint.
type Input struct {
	File string
	// Source is the file's bytes; YAML suppression comments are read from it.
	Source []byte
	// Workflow is the parsed YAML workflow, nil for BPMN and taskflow inputs.
	Workflow *workflow.Workflow
	// Program is Workflow resolved, when the caller has resolved it already (the driver has);
	// when nil, Pass.Program resolves Workflow on first use.
	Program *workflow.Program
	// Defs is the BPMN model: read from a diagram, or compiled from Workflow (its elements
	// then carry the YAML range they came from in Origin). Nil when compilation failed.
	Defs *bpmn.Definitions
	// Settings in force for this input (catalog included).
	Settings Settings
	// Target names the target Workflow was compiled for ("" runs the rules of every
	// target, as for a diagram): a rule about another platform (Rule.Target) is skipped.
	Target string
	// Repository, when set, indexes the workflows linted in the same run, which the
	// workflow-call rules check workflow: steps against (wf_repository.go).
	Repository *Repository
	// InputsReadElsewhere are inputs the target's platform reads in text no expression
	// covers (a DataWorks script's ${NAME}); unused-input counts them as used.
	InputsReadElsewhere map[string]bool
	// InputSpelling is how that text reads an input, a format for its name ("${%s} in a
	// node's script"); "" when the target reads inputs only through expressions.
	InputSpelling string

	memo memo // facts several rules derive, computed once (memo.go)
}

// Run applies the enabled rules to in and returns their diagnostics, suppressions applied,
// sorted by position and capped to diag.DefaultLimits (the first 100 of each rule, 1,000 in
// all, then one "… and N more" line per rule).
//
// Memory stays bounded however many problems a file has: when no suppression comment can
// remove a diagnostic (BPMN and taskflow input), each rule holds only the first PerRule of
// its diagnostics while it runs, and counts the rest (see keeper).
func Run(in *Input) diag.List {
	return runRulesKeeping(in, Rules(), diag.DefaultLimits.PerRule).Cap(diag.DefaultLimits)
}

func runRules(in *Input, rules []*Rule) diag.List {
	return runRulesKeeping(in, rules, 0)
}

// runRulesKeeping is runRules holding at most keep diagnostics per rule (0: all of them).
func runRulesKeeping(in *Input, rules []*Rule, keep int) diag.List {
	suppressible := in.Workflow != nil && len(in.Source) > 0
	var out diag.List
	for _, rs := range in.Settings.enabled(rules) {
		switch rs.rule.Scope {
		case ScopeBPMN:
			if in.Defs == nil {
				continue
			}
		case ScopeWorkflow:
			if in.Workflow == nil {
				continue
			}
		}
		if rs.rule.Target != "" && in.Target != "" && rs.rule.Target != in.Target {
			continue
		}
		p := &Pass{Input: in, rule: rs.rule, sev: rs.sev, out: &out}
		if keep > 0 && !suppressible {
			p.keep = newKeeper(keep)
		}
		rs.rule.Check(p)
		if p.keep != nil {
			p.keep.flush(&out)
		}
	}
	if in.Workflow != nil && in.Defs != nil {
		out = dropSubsumed(in.Workflow, rules, out)
	}
	if suppressible {
		ids := make([]string, len(rules))
		for i, r := range rules {
			ids[i] = r.ID
		}
		sups := parseSuppressions(in.Source)
		// Whether a call rule fires depends on which files are linted together (a file
		// alone has no repository), so its suppressions are never reported as stale.
		excuse(sups, repositoryRules)
		out = applySuppressions(in.File, sups, out, ids)
	}
	out.Sort()
	return out
}
