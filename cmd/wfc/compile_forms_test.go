package main

import "testing"

// TestEveryEmitFormHasAFileSuffix: the --emit forms come from the SecMaster target; each
// needs the suffix its file gets in an output directory, or -o DIR would write NAME alone.
func TestEveryEmitFormHasAFileSuffix(t *testing.T) {
	if len(compileEmitForms) == 0 {
		t.Fatal("no --emit forms")
	}
	for _, form := range compileEmitForms {
		if compileEmitSuffix[form] == "" {
			t.Errorf("--emit %s has no file suffix in compileEmitSuffix", form)
		}
	}
}
