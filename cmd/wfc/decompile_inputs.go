package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/wfc-dev/wfc/decompile"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/atomicfile"
	dwdecompile "github.com/wfc-dev/wfc/target/dataworks/decompile"
	smdecompile "github.com/wfc-dev/wfc/target/secmaster/decompile"
)

// readDecompileInput reads one input of wfc decompile with the reader of its platform: a
// FlowSpec document is DataWorks', anything else SecMaster's. The error is for an input
// that is none of their forms.
func readDecompileInput(name string, data []byte) ([]decompiled, diag.List, error) {
	if dwdecompile.IsFlowSpec(data) {
		src, err := dwdecompile.ReadSource(name, data)
		if err != nil {
			return nil, nil, err
		}
		w, diags := dwdecompile.Read(src)
		if w == nil {
			return nil, diags, nil
		}
		return []decompiled{{name: src.Name, workflow: w}}, diags, nil
	}
	srcs, err := smdecompile.ReadSources(name, data)
	if err != nil {
		return nil, nil, err
	}
	var out []decompiled
	var diags diag.List
	for _, src := range srcs {
		w, ds := smdecompile.Read(src)
		diags = append(diags, ds...)
		if w != nil {
			out = append(out, decompiled{name: src.Name, slug: src.Slug, workflow: w})
		}
	}
	return out, diags, nil
}

// formatDecompiled writes each workflow's YAML, its DataWorks scripts moved to files of
// scriptsDir first when it is not "" (named relative to where the YAML goes). Two
// workflows whose scripts would go to the same file are refused.
func formatDecompiled(all []decompiled, scriptsDir string) error {
	owner := map[string]string{}
	for i := range all {
		d := &all[i]
		if scriptsDir != "" {
			if err := moveScripts(d, scriptsDir); err != nil {
				return err
			}
			for _, s := range d.scripts {
				if prev, dup := owner[s.Path]; dup {
					return fmt.Errorf("the scripts of %s and %s would both be written to %s; decompile them with separate --scripts directories", prev, d.name, s.Path)
				}
				owner[s.Path] = d.name
			}
		}
		body, err := decompile.Format(d.workflow)
		if err != nil {
			return fmt.Errorf("%s: cannot write the YAML: %v", d.name, err)
		}
		d.yaml = body
	}
	return nil
}

func moveScripts(d *decompiled, scriptsDir string) error {
	dir, err := filepath.Abs(scriptsDir)
	if err != nil {
		return err
	}
	yamlDir, err := filepath.Abs(filepath.Dir(d.path)) // "" (standard output): the working directory
	if err != nil {
		return err
	}
	d.scripts, err = dwdecompile.MoveScripts(d.workflow, dir, yamlDir)
	return err
}

// writeDecompiled writes one workflow's scripts and then its YAML.
func writeDecompiled(e *env, d decompiled) error {
	for _, s := range d.scripts {
		if err := os.MkdirAll(filepath.Dir(s.Path), 0o755); err != nil {
			return err
		}
		if err := atomicfile.WriteFile(s.Path, []byte(s.Text)); err != nil {
			return err
		}
	}
	if d.path == "" {
		_, err := e.stdout.Write(d.yaml)
		return err
	}
	return atomicfile.WriteFile(d.path, d.yaml)
}
