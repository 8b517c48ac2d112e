package main

import (
	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/decompile"
	"github.com/wfc-dev/wfc/diag"
)

// scriptFile is a DataWorks script that decompiling writes to a file of its own.
type scriptFile struct {
	Path string // absolute
	Text string
}

// scriptPlace says where decompileDefinition puts a workflow's scripts: in files of Dir
// (absolute), named from the YAML that goes to YAMLDir; the zero value keeps them inline.
type scriptPlace struct{ Dir, YAMLDir string }

// decompileDefinition turns a DataWorks workflow definition (its FlowSpec) into wfc YAML and
// the script files it names (none when place is zero); yaml is nil when it cannot be carried
// into the language (the errors in diags say why). It is the one place the DataWorks side of
// the remote commands (diff --remote, pull) meets the decompiler, as decompileVersion is for
// SecMaster. This build has no DataWorks decompiler yet (target/dataworks/decompile lands
// separately), so it says so.
var decompileDefinition = func(name string, _ *dataworks.WorkflowDefinition, _ scriptPlace) (yaml []byte, scripts []scriptFile, diags diag.List) {
	return nil, nil, diag.List{diag.Errorf(diag.Range{File: name}, decompile.Rule, "this build of wfc cannot decompile DataWorks definitions")}
}
