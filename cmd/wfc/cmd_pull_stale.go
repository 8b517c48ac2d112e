package main

import (
	"fmt"
	"os"
	"path/filepath"

	dwtarget "github.com/wfc-dev/wfc/target/dataworks"
)

// A DataWorks pull with --scripts writes a step's script to a file the step names. When the
// step is removed in DataWorks (or renamed, or the scripts move inline or to another --scripts
// DIR), the updated YAML no longer names that file. Pull removes it only when it is sure the
// file is its own and unedited: the old YAML still has the stamp pull gave it (stampPulled),
// which covers the text of every script file it names. Any other file no longer named is
// left and listed on stderr, since it may hold the user's work.

// staleScript is a script file the replaced YAML named and the pulled one does not.
type staleScript struct {
	path    string // absolute
	remove  bool   // pull wrote it and no one edited it since
	removed bool
	err     error // why removing it failed
}

// staleScripts lists the existing script files that local, the file at path about to be
// replaced by a pull, names and that scripts (the pulled YAML's) do not; each is to be
// removed when local and its scripts are as pull wrote them.
func staleScripts(path string, local []byte, scripts []scriptFile) []staleScript {
	yamlPath, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	named := map[string]bool{}
	for _, s := range scripts {
		named[filepath.Clean(s.Path)] = true
	}
	pulledUnedited := unedited(local, path)
	var out []staleScript
	for _, name := range scriptFilesNamed(local) {
		p := filepath.Clean(dwtarget.ScriptPath(yamlPath, name))
		if named[p] {
			continue
		}
		named[p] = true // listed once, however many steps named it
		if info, err := os.Lstat(p); err == nil && info.Mode().IsRegular() {
			out = append(out, staleScript{path: p, remove: pulledUnedited})
		}
	}
	return out
}

// removeStale removes the stale scripts pull wrote, once the YAML that no longer names them
// is written.
func (it *pulledWorkflow) removeStale() {
	for i := range it.stale {
		s := &it.stale[i]
		if !s.remove {
			continue
		}
		if err := os.Remove(s.path); err != nil {
			s.err = err
			continue
		}
		s.removed = true
	}
}

// reportStale prints, after a workflow's line, each script file its YAML no longer names:
// "removed" on stdout when pull removed it, else a warning on stderr saying what to do.
func reportStale(e *env, it *pulledWorkflow) {
	if it.status != pullUpdated {
		return // the YAML was not replaced: it still names them
	}
	for _, s := range it.stale {
		p := displayPath(s.path)
		switch {
		case s.removed:
			fmt.Fprintf(e.stdout, "%-9s  %s  no step of %s names it any more; pull wrote it and it was not edited\n", "removed", p, it.path)
		case s.err != nil:
			fmt.Fprintf(e.stderr, "wfc: pull: %s: no step of %s names it any more, and removing it failed: %v; delete it yourself\n", p, it.path, s.err)
		default:
			fmt.Fprintf(e.stderr, "wfc: pull: %s: no step of %s names it any more (the step is gone in DataWorks); it is left in place, since %s or its scripts were edited after pull wrote them (or not written by pull): delete it if you do not need it\n", p, it.path, it.path)
		}
	}
}
