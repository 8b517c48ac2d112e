package main

import (
	"fmt"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/decompile"
	"github.com/wfc-dev/wfc/diag"
	dwdecompile "github.com/wfc-dev/wfc/target/dataworks/decompile"
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
// SecMaster.
var decompileDefinition = func(name string, def *dataworks.WorkflowDefinition, place scriptPlace) (yaml []byte, scripts []scriptFile, diags diag.List) {
	bad := func(format string, args ...any) diag.List {
		return append(diags, diag.Errorf(diag.Range{File: name}, decompile.Rule, format, args...))
	}
	src, err := dwdecompile.ReadSource(name, []byte(def.Spec))
	if err != nil {
		return nil, nil, bad("its FlowSpec cannot be read: %v", err)
	}
	w, diags := dwdecompile.Read(src)
	if w == nil || diags.HasErrors() {
		return nil, nil, diags
	}
	w.Source = fmt.Sprintf("DataWorks workflow %s %q", def.ID, def.Name)
	if place.Dir != "" {
		moved, err := dwdecompile.MoveScripts(w, place.Dir, place.YAMLDir)
		if err != nil {
			return nil, nil, bad("%v", err)
		}
		for _, s := range moved {
			scripts = append(scripts, scriptFile{Path: s.Path, Text: s.Text})
		}
	}
	if yaml, err = decompile.Format(w); err != nil {
		return nil, nil, bad("cannot write its YAML: %v", err)
	}
	return yaml, scripts, diags
}
