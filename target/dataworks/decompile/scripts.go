package decompile

import (
	"fmt"
	"path/filepath"

	lang "github.com/wfc-dev/wfc/decompile"
	dw "github.com/wfc-dev/wfc/target/dataworks"
)

// Script is one script file `wfc decompile --scripts DIR` writes.
type Script struct {
	Path string // where to write it
	Text string
	Step string // the step whose run names it
}

// MoveScripts takes each run step's code out of w into a file of dir named after the step,
// with its node type's extension (ODPS_SQL → .sql, PYODPS3 → .py; dataworks.NodeType.Ext),
// and points the step's file at it, relative to yamlDir (the directory the YAML is written
// to). A step with no code, or whose node type has no extension (a node that carries no
// code), keeps its code inline.
func MoveScripts(w *lang.Workflow, dir, yamlDir string) ([]Script, error) {
	var out []Script
	var walk func([]*lang.Step) error
	walk = func(steps []*lang.Step) error {
		for _, s := range steps {
			for _, b := range s.Branches {
				if err := walk(b); err != nil {
					return err
				}
			}
			if s.Run == nil || s.Run.Code == "" {
				continue
			}
			t, known := dw.LookupNodeType(s.Run.Command)
			if !known || t.Ext == "" {
				continue
			}
			path := filepath.Join(dir, s.ID+t.Ext)
			rel, err := filepath.Rel(yamlDir, path)
			if err != nil {
				return fmt.Errorf("script of step %s: %s cannot be named relative to %s: %v", s.ID, path, yamlDir, err)
			}
			out = append(out, Script{Path: path, Text: s.Run.Code, Step: s.ID})
			s.Run.File, s.Run.Code = filepath.ToSlash(rel), ""
		}
		return nil
	}
	return out, walk(w.Steps)
}
