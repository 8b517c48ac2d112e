package lint

import (
	"cmp"
	"slices"
	"sync"
)

// Rules is the list of every rule wfc has, in the order they run and are documented: first
// the BPMN graph rules (bpmnlint's, ported), then the workflow rules only YAML input has, then
// the rules targets contributed (RegisterTargetRules), by target name. lint's own lists live
// beside the rules (rules_bpmn.go, rules_workflow.go); none of them registers itself.
func Rules() []*Rule {
	contributed.RLock()
	defer contributed.RUnlock()
	out := make([]*Rule, 0, len(bpmnRules)+len(workflowRules)+len(contributed.rules))
	out = append(out, bpmnRules...)
	out = append(out, workflowRules...)
	return append(out, contributed.rules...)
}

// contributed holds the rules of RegisterTargetRules, ordered by target name and, for one
// target, in the order registered.
var contributed struct {
	sync.RWMutex
	rules []*Rule
}

// RegisterTargetRules adds rules about one platform that the platform's own packages define
// (lint imports no target: target/dataworks/rules holds DataWorks'). Each rule names its
// target in Rule.Target, so it runs only on workflows compiled for that target; config,
// suppressions, --list-rules and docs/rules.md know it as they know lint's own rules. Call
// it from the defining package's init, as a target calls target.Register; a program links
// the rules by importing that package (cmd/wfc and internal/gendocs do). A rule with no
// Target, or an id already taken, is a bug in wfc and panics, at start-up.
func RegisterTargetRules(rules ...*Rule) {
	contributed.Lock()
	defer contributed.Unlock()
	for _, r := range rules {
		if r.Target == "" {
			panic("lint: target rule " + r.ID + " names no target")
		}
		if lookupLocked(r.ID) != nil {
			panic("lint: rule " + r.ID + " registered twice")
		}
		contributed.rules = append(contributed.rules, r)
	}
	slices.SortStableFunc(contributed.rules, func(a, b *Rule) int { return cmp.Compare(a.Target, b.Target) })
}

// Lookup returns the rule with the given id, or nil.
func Lookup(id string) *Rule {
	contributed.RLock()
	defer contributed.RUnlock()
	return lookupLocked(id)
}

func lookupLocked(id string) *Rule {
	for _, list := range [][]*Rule{bpmnRules, workflowRules, contributed.rules} {
		for _, r := range list {
			if r.ID == id {
				return r
			}
		}
	}
	return nil
}
