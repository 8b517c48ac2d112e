package lint

import (
	"testing"

	"github.com/wfc-dev/wfc/diag"
)

// TestRegisterTargetRules: a rule a target's package contributes is in Rules() after lint's
// own, ordered by target name, found by Lookup; a rule with no target, or an id taken
// already, panics at registration.
func TestRegisterTargetRules(t *testing.T) {
	contributed.Lock()
	saved := contributed.rules
	contributed.rules = nil
	contributed.Unlock()
	t.Cleanup(func() {
		contributed.Lock()
		contributed.rules = saved
		contributed.Unlock()
	})
	zz := &Rule{ID: "zz-rule", Severity: diag.Error, Scope: ScopeWorkflow, Target: "zz", Check: func(*Pass) {}}
	aa := &Rule{ID: "aa-rule", Severity: diag.Error, Scope: ScopeWorkflow, Target: "aa", Check: func(*Pass) {}}
	RegisterTargetRules(zz)
	RegisterTargetRules(aa)
	all := Rules()
	if n := len(bpmnRules) + len(workflowRules); len(all) != n+2 || all[n] != aa || all[n+1] != zz {
		t.Fatalf("Rules() does not end with the contributed rules in target order: %d rules", len(all))
	}
	if Lookup("zz-rule") != zz {
		t.Error("Lookup does not find a contributed rule")
	}
	for name, r := range map[string]*Rule{
		"no target":    {ID: "lost-rule", Check: func(*Pass) {}},
		"taken id":     {ID: "unused-input", Target: "zz", Check: func(*Pass) {}},
		"taken by one": {ID: "aa-rule", Target: "aa", Check: func(*Pass) {}},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: registering %s did not panic", name, r.ID)
				}
			}()
			RegisterTargetRules(r)
		}()
	}
}
