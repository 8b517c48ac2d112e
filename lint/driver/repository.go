package driver

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/target"
	"github.com/wfc-dev/wfc/workflow"
)

// The files of one Paths run are one repository: a workflow: step naming a workflow of the
// run is checked against that workflow's inputs (lint.Repository, the workflow-call rules).
//
// Every file is read and parsed once. A workflow's lint.Signature is taken from the unit its
// lint builds; a file that calls workflows by name has its rules held back, its unit and
// bytes kept, until every file has been read; then the index is built in one pass, in job
// order, and the held files are linted with it, in parallel. Memory: the held files' units,
// so a run holds at most the files that call workflows at once, not every file.
//
// A YAML file named on the command line brings the workflows of its directory (not of its
// subdirectories) into the index: they are parsed for their signatures only, never linted or
// counted, and one that cannot be read is left out silently (it was not asked for). So a
// hook passing only the files a commit changes still checks a call against an unchanged
// workflow beside it. A file linted alone (File, standard input) has no repository.

// repoPart is what one job gives the repository: its workflow's signature, and, when its
// rules are held back, what linting it later takes.
type repoPart struct {
	sig  *lint.Signature
	held *target.Unit // nil: linted already (or not a workflow)
	path string
	src  []byte
}

// indexed is the outcome of a job read only for the index: a workflow beside a named file.
const indexed outcome = -1

// lintWorkflowJob lints a YAML workflow; in a Paths run (part not nil) it fills part, and a
// file that calls workflows by name is only built: its diagnostics come from lintHeld.
func lintWorkflowJob(path string, src []byte, s lint.Settings, part *repoPart) (out diag.List) {
	defer recoverInternal(path, func(d diag.List) {
		out = d
		if part != nil {
			*part = repoPart{}
		}
	})
	opts := lintOptions(s)
	opts.Lint = false
	u := Workflow(path, src, opts)
	if part == nil {
		lintUnit(u, path, src, lintOptions(s))
		return u.Diags
	}
	part.sig = lint.SignatureOf(u.Workflow)
	if u.Artifact != nil && lint.CallsWorkflows(u.Workflow) {
		part.held, part.path, part.src = u, path, src
		return nil
	}
	lintUnit(u, path, src, lintOptions(s))
	return u.Diags
}

// indexSibling reads a workflow beside a named file for its signature alone.
func indexSibling(j job, part *repoPart) {
	src, err := readFile(j.path)
	if err != nil || classifyYAML(src) != yamlWorkflow {
		return
	}
	w, _ := workflow.Load(j.path, src)
	part.sig = lint.SignatureOf(w)
}

// lintHeld indexes the signatures of parts in job order and lints the held files with the
// index. It returns each held file's diagnostics at its job's index (nil elsewhere), and
// nil when no file was held.
func lintHeld(parts []repoPart, s lint.Settings) []diag.List {
	sigs := make([]*lint.Signature, 0, len(parts))
	var held []int
	for i := range parts {
		if parts[i].sig != nil {
			sigs = append(sigs, parts[i].sig)
		}
		if parts[i].held != nil {
			held = append(held, i)
		}
	}
	if len(held) == 0 {
		return nil
	}
	opts := lintOptions(s)
	opts.Repository = lint.NewRepository(sigs)
	out := make([]diag.List, len(parts))
	parallel(len(held), func(k int) {
		p := &parts[held[k]]
		out[held[k]] = lintHeldOne(p, opts)
		*p = repoPart{} // let the unit go
	})
	return out
}

// lintHeldOne runs the rules on one held unit.
func lintHeldOne(p *repoPart, opts Options) (out diag.List) {
	defer recoverInternal(p.path, func(d diag.List) { out = d })
	lintUnit(p.held, p.path, p.src, opts)
	return p.held.Diags
}

// siblingJobs are the YAML files beside the YAML files named in jobs that jobs do not hold,
// directory by directory in the order named, each directory in lexical order: read for the
// index only.
func siblingJobs(jobs []job) []job {
	have := make(map[string]bool, len(jobs))
	for _, j := range jobs {
		have[filepath.Clean(j.path)] = true
	}
	var out []job
	seenDir := map[string]bool{}
	for _, j := range jobs {
		if !j.explicit || !isYAMLName(j.path) {
			continue
		}
		dir := filepath.Dir(filepath.Clean(j.path))
		if seenDir[dir] {
			continue
		}
		seenDir[dir] = true
		entries, _ := os.ReadDir(dir) // unreadable: nothing beside the file joins the index
		for _, e := range entries {
			p := filepath.Join(dir, e.Name())
			if e.Type().IsRegular() && isYAMLName(p) && !have[p] {
				have[p] = true
				out = append(out, job{path: p, indexOnly: true})
			}
		}
	}
	return out
}

// isYAMLName reports whether a path ends in .yaml or .yml.
func isYAMLName(p string) bool {
	ext := strings.ToLower(filepath.Ext(p))
	return ext == ".yaml" || ext == ".yml"
}

// parallel calls do(0) … do(n-1) on a pool of GOMAXPROCS workers and returns when all are
// done. Each call must write only its own slot of any shared result.
func parallel(n int, do func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				do(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
