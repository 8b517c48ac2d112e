package main

import (
	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/decompile"
	"github.com/wfc-dev/wfc/diag"
)

// decompileDefinition turns a DataWorks workflow definition (its FlowSpec) into wfc YAML; yaml
// is nil when it cannot be carried into the language (the errors in diags say why). It is the
// one place the DataWorks side of the remote commands (diff --remote, pull) meets the
// decompiler, as decompileVersion is for SecMaster. This build has no DataWorks decompiler
// yet (target/dataworks/decompile lands separately), so it says so.
var decompileDefinition = func(name string, _ *dataworks.WorkflowDefinition) (yaml []byte, diags diag.List) {
	return nil, diag.List{diag.Errorf(diag.Range{File: name}, decompile.Rule, "this build of wfc cannot decompile DataWorks definitions")}
}
