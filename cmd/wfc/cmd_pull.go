package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/wfc-dev/wfc/config"
	"github.com/wfc-dev/wfc/decompile"
	"github.com/wfc-dev/wfc/internal/readlimit"
	"github.com/wfc-dev/wfc/lint/driver"
	"github.com/wfc-dev/wfc/publish"
	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/workflow"
)

const pullUsage = `usage: wfc pull [--target T] [-o DIR] [--scripts DIR] [--force]

Fetches every workflow of the SecMaster workspace (its newest version), decompiles each into
a YAML file, and maps each file to its workflow in wfc.yaml's workflows:, so a team adopts
wfc in one command. A workflow wfc.yaml already maps goes to its mapped file; a new one to
DIR/NAME.yaml (DIR defaults to the current directory; NAME is made from the workflow's name,
with its id's first characters added when two names give the same file).

Running it again changes only what changed remotely. A file is rewritten only when it is
what wfc pull wrote before: byte for byte the decompiled form of an older version of its
workflow. A file that already says what the newest version says (as after 'wfc push') is
left as it is, formatting and comments included. Any other file was edited locally (or is
not from wfc pull) and is not overwritten unless --force: when its first line still names
the newest version (pulled from it and edited since; the remote has not changed) it is left
with a note, otherwise it is "kept" as a conflict, exit 1.

The entries are added to the wfc.yaml found from the current directory (or --config), every
other line kept as it is, or to a new ./wfc.yaml; when the file's workflows: cannot be
extended by adding lines (flow style), the entries are printed for you to add. Files are
written atomically. Nothing is sent that writes.

DataWorks: with --target naming a target with platform: dataworks, or without --target when
only DataWorks has a default target or a workspace in the environment (WFC_DATAWORKS_ENDPOINT
or ALIBABA_CLOUD_REGION_ID; credentials from ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET), pull reads
every workflow of that workspace (both kinds, every page), each definition with its scripts'
contents, decompiled with the scripts inline, or with --scripts DIR in files
DIR/NAME/STEP.EXT (.sql, .sh, .py, ...) that the steps name. A definition has no versions,
so the first line of each file pull writes ends with "(pulled: sha256 HASH)", the hash of
the rest of the file and of its script files: a file that still has it is rewritten when the
workflow changed; an edited one is left with a note while the workflow has not changed
since, and is kept (exit 1) unless --force when it has. A script file the rewritten YAML no
longer names (its step was removed in DataWorks) is removed when pull wrote it and neither
it nor the YAML was edited since (a "removed" line); otherwise it is left, and listed on
stderr for you to delete.

Prints one line per workflow: new, updated, unchanged, kept (edited locally), skipped (no
version) or FAIL. Exit status 1 when a workflow could not be pulled or a local edit was kept,
2 on bad usage or configuration or when the workspace cannot be read.

`

// pullFlags are pull's options.
type pullFlags struct {
	remote  remoteFlags
	outDir  string
	scripts string // DataWorks: where script files go; "" keeps scripts inline
	force   bool
}

func runPull(e *env, args []string) int {
	return interruptible(e, func(ctx context.Context, e *env) int { return pull(ctx, e, args) })
}

func pull(ctx context.Context, e *env, args []string) int {
	var f pullFlags
	fs := newFlagSet(e, "pull", pullUsage+remoteFlagsHelp)
	f.remote.register(fs)
	fs.StringVar(&f.outDir, "o", ".", "the directory new workflows are written to")
	fs.BoolVar(&f.force, "force", false, "overwrite files edited locally since they were pulled")
	fs.StringVar(&f.scripts, "scripts", "", "DataWorks: write each workflow's scripts to files in DIR/NAME/ rather than inline")
	rest, code, done := parseCommandFlags(e, fs, args)
	if done {
		return code
	}
	if len(rest) > 0 {
		return fail(e, exitUsage, "pull: takes no arguments, got %q; -o DIR says where new files go", rest[0])
	}
	if st, err := os.Stat(f.outDir); err == nil && !st.IsDir() {
		return fail(e, exitUsage, "pull: -o %s is a file, not a directory", f.outDir)
	}
	cfg, err := f.remote.loadConfig(e, ".")
	if err != nil {
		return fail(e, exitUsage, "pull: %v", err)
	}
	if f.remote.pullsDataWorks(e, cfg) {
		return pullDataWorks(ctx, e, &f, cfg)
	}
	if f.scripts != "" {
		return fail(e, exitUsage, "pull: --scripts is for DataWorks workflows, whose nodes run scripts; a SecMaster workflow has none")
	}
	client, cfg, err := f.remote.client(e, ".")
	if err != nil {
		return fail(e, exitUsage, "pull: %v", err)
	}
	all, err := client.AllWorkflows(ctx, "")
	if err != nil {
		return fail(e, exitUsage, "pull: %s", explainRemote(err))
	}
	if len(all) == 0 {
		fmt.Fprintln(e.stderr, "wfc: pull: the workspace has no workflows; nothing was written")
		return exitOK
	}
	items := placeWorkflows(cfg, all, f.outDir)
	return pullAll(ctx, e, cfg, items, func(it *pulledWorkflow) { it.fetch(ctx, client, f.force) })
}

// pullAll fetches each workflow that has no status yet, writes its file, prints its line, and
// maps the files in wfc.yaml; the exit status is 1 when a workflow failed or a local edit was
// kept.
func pullAll(ctx context.Context, e *env, cfg *config.Config, items []pulledWorkflow, fetch func(*pulledWorkflow)) int {
	for i := range items {
		it := &items[i]
		if it.status == "" {
			fetch(it)
		}
		if interrupted(ctx, fmt.Sprintf("pull interrupted after %d of %d workflows; every file written is whole", i, len(items))) {
			return exitProblems
		}
		it.write()
		printPulled(e, it)
		reportStale(e, it)
	}
	if err := mapPulled(e, cfg, items); err != nil {
		return fail(e, exitUsage, "pull: %v", err)
	}
	for _, it := range items {
		if it.status == pullFailed || it.status == pullKept {
			return exitProblems
		}
	}
	return exitOK
}

// pullStatus is what pull did with one workflow.
type pullStatus string

const (
	pullNew       pullStatus = "new"
	pullUpdated   pullStatus = "updated"
	pullUnchanged pullStatus = "unchanged"
	pullKept      pullStatus = "kept"    // the file was edited locally: not overwritten
	pullSkipped   pullStatus = "skipped" // the workflow has no version
	pullFailed    pullStatus = "FAIL"
)

// pulledWorkflow is one remote workflow and its file.
type pulledWorkflow struct {
	wf     secmaster.Workflow
	path   string // where its YAML goes, as the user names it (relative to the current directory)
	mapped bool   // wfc.yaml already maps path to wf
	latest *secmaster.WorkflowVersion
	yaml   []byte // the decompiled newest version
	// scripts are the script files the YAML names (DataWorks, with --scripts), written
	// before it.
	scripts []scriptFile
	// stale are the script files the replaced YAML named and the pulled one does not
	// (cmd_pull_stale.go).
	stale  []staleScript
	status pullStatus
	was    string // for updated: the version the file was pulled from
	note   string
	err    error
}

// placeWorkflows orders the workflows by name and id and gives each its file: the one
// wfc.yaml maps to it (by id, else by name), else DIR/NAME.yaml, unique among them all.
func placeWorkflows(cfg *config.Config, all []secmaster.Workflow, dir string) []pulledWorkflow {
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].Name != all[j].Name {
			return all[i].Name < all[j].Name
		}
		return all[i].ID < all[j].ID
	})
	byID, byName := map[string]string{}, map[string]string{}
	taken := map[string]bool{}
	for _, m := range cfg.Workflows() {
		file := filepath.Join(cfg.Dir, filepath.FromSlash(m.File))
		if m.ID != "" {
			byID[m.ID] = file
		} else {
			byName[m.Name] = file
		}
		taken[file] = true
	}
	items := make([]pulledWorkflow, len(all))
	for i, wf := range all {
		it := pulledWorkflow{wf: wf}
		if file, ok := byID[wf.ID]; ok {
			it.path, it.mapped = file, true
		} else if file, ok := byName[wf.Name]; ok {
			it.path, it.mapped = file, true
			delete(byName, wf.Name) // a name maps one workflow; a second is a new file
		} else {
			it.path = freePath(dir, wf, taken)
		}
		taken[it.path] = true
		if rel, err := filepath.Rel(cfg.Dir, it.path); it.mapped && (err != nil || !filepath.IsLocal(rel)) {
			// wfc.yaml comes with the repository: a pull request must not aim pull's writes elsewhere.
			it.status, it.err = pullFailed, fmt.Errorf("%s maps it to a file outside its own directory; pull writes only below it, so map the workflow to a file there", config.FileName)
		}
		it.path = displayPath(it.path)
		items[i] = it
	}
	return items
}

// freePath is DIR/NAME.yaml, or DIR/NAME-IDPREFIX.yaml when that is taken.
func freePath(dir string, wf secmaster.Workflow, taken map[string]bool) string {
	base := decompile.FileName(wf.Name)
	p, _ := filepath.Abs(filepath.Join(dir, base+".yaml"))
	for n := 8; taken[p] && n <= len(wf.ID); n++ {
		p, _ = filepath.Abs(filepath.Join(dir, base+"-"+wf.ID[:n]+".yaml"))
	}
	return p
}

// displayPath is p relative to the current directory when it is below it.
func displayPath(p string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, p); err == nil && filepath.IsLocal(rel) {
			return rel
		}
	}
	return p
}

// fetch reads the newest version, decompiles it and decides what to do with the file.
func (it *pulledWorkflow) fetch(ctx context.Context, api publish.API, force bool) {
	vs, err := api.ListVersions(ctx, it.wf.ID, secmaster.ListVersionsOptions{})
	if err == nil && len(vs) > 0 {
		it.latest, err = publish.WithContent(ctx, api, publish.Newest(vs))
	}
	switch {
	case err != nil:
		it.status, it.err = pullFailed, errors.New(explainRemote(err))
		return
	case it.latest == nil:
		it.status, it.note = pullSkipped, "no version to pull"
		return
	}
	if it.yaml, err = decompiledYAML(&it.wf, it.latest); err != nil {
		it.status, it.err = pullFailed, err
		return
	}
	it.decide(ctx, api, vs, force)
}

// decide sets what to do with the file: write it when it is new or is what an older version
// decompiles to (pull wrote it and no one edited it since), leave it when it already says
// what the newest version says, keep it (unless force) otherwise.
func (it *pulledWorkflow) decide(ctx context.Context, api publish.API, vs []secmaster.WorkflowVersion, force bool) {
	local, decided := it.compareLocal(func(local []byte) bool { return sameWorkflow(it.path, local, it.yaml) })
	if decided {
		return
	}
	if label, ok := pulledFrom(ctx, api, &it.wf, vs, it.latest, local); ok {
		it.status, it.was = pullUpdated, label
		return
	}
	if force {
		it.status, it.note = pullUpdated, overwrittenNote
		return
	}
	if sameHeader(local, it.yaml) {
		it.status, it.note = pullUnchanged, "edited locally since it was pulled from this version, still the newest; 'wfc diff --remote "+it.path+"' shows the edits"
		return
	}
	it.status, it.note = pullKept, "edited locally since it was pulled, or not from wfc pull: it is no version's decompiled form; --force overwrites it, 'wfc diff --remote "+it.path+"' shows the difference"
}

const overwrittenNote = "local edits overwritten (--force)"

// compareLocal settles what both platforms decide from the file alone: write it when there
// is none, leave it when it is the decompiled YAML or says what the deployed workflow says
// (same, as after 'wfc push'), fail when it cannot be read. decided is false otherwise,
// with the file's bytes.
func (it *pulledWorkflow) compareLocal(same func(local []byte) bool) (local []byte, decided bool) {
	local, err := readlimit.File(it.path, workflow.MaxFileSize, "workflow files")
	switch {
	case errors.Is(err, fs.ErrNotExist):
		it.status = pullNew
	case err != nil:
		it.status, it.err = pullFailed, err
	case bytes.Equal(local, it.yaml):
		it.status = pullUnchanged
	case same(local):
		it.status, it.note = pullUnchanged, "the file says what this version says; its formatting is kept"
	default:
		return local, false
	}
	return nil, true
}

// sameHeader reports whether local starts with the comment line the decompiled YAML starts
// with, which names the version it was decompiled from: a file pulled from the newest
// version and edited since, its first line kept, when the remote has not changed.
func sameHeader(local, decompiled []byte) bool {
	head, _, _ := bytes.Cut(decompiled, []byte("\n"))
	return bytes.HasPrefix(head, []byte("# ")) && bytes.HasPrefix(local, append(head, '\n'))
}

// sameWorkflow reports whether the local file says what the decompiled YAML says, in the
// language's terms (as wfc diff --remote compares them); false when either does not compile.
func sameWorkflow(path string, local, decompiled []byte) bool {
	a := compileWorkflow(path, local, driver.Options{})
	b := compileWorkflow(path, decompiled, driver.Options{})
	if a.Program == nil || b.Program == nil || a.Diags.HasErrors() || b.Diags.HasErrors() {
		return false
	}
	return len(localChanges(b.Program, localWorkflowOf(a))) == 0
}

// pulledFrom finds the older version whose decompiled form is local byte for byte, newest
// first: the version an earlier pull wrote, with no edit since.
func pulledFrom(ctx context.Context, api publish.API, wf *secmaster.Workflow, vs []secmaster.WorkflowVersion, latest *secmaster.WorkflowVersion, local []byte) (string, bool) {
	older := make([]secmaster.WorkflowVersion, 0, len(vs))
	for _, v := range vs {
		if v.ID != latest.ID {
			older = append(older, v)
		}
	}
	for len(older) > 0 {
		v := publish.Newest(older)
		full, err := publish.WithContent(ctx, api, v)
		if err == nil {
			if src, err := decompiledYAML(wf, full); err == nil && bytes.Equal(src, local) {
				return full.Version, true
			}
		}
		older = removeVersion(older, v.ID)
	}
	return "", false
}

func removeVersion(vs []secmaster.WorkflowVersion, id string) []secmaster.WorkflowVersion {
	out := vs[:0]
	for _, v := range vs {
		if v.ID != id {
			out = append(out, v)
		}
	}
	return out
}

// write writes the file of a new or updated workflow, atomically.
func (it *pulledWorkflow) write() {
	if it.status != pullNew && it.status != pullUpdated {
		return
	}
	for _, s := range it.scripts {
		if err := writeOutputFile(s.Path, []byte(s.Text)); err != nil {
			it.status, it.err = pullFailed, err
			return
		}
	}
	if err := writeOutputFile(it.path, it.yaml); err != nil {
		it.status, it.err = pullFailed, err
		return
	}
	it.removeStale()
}

// printPulled writes one line: status, file, workflow, version, and why.
func printPulled(e *env, it *pulledWorkflow) {
	line := fmt.Sprintf("%-9s  %s  workflow %s %q", it.status, it.path, it.wf.ID, it.wf.Name)
	if it.latest != nil {
		ver := it.latest.Version
		if it.was != "" {
			ver = it.was + " → " + ver
		}
		line += "  " + ver
	}
	switch {
	case it.err != nil:
		line += "  " + it.err.Error()
	case it.note != "":
		line += "  " + it.note
	}
	fmt.Fprintln(e.stdout, line)
}

// mapPulled adds the wfc.yaml entries of the files pulled that it does not map yet, to the
// config found (keeping every other line) or to a new wfc.yaml in the current directory, and
// prints them instead when the config's workflows: cannot be extended by adding lines.
func mapPulled(e *env, cfg *config.Config, items []pulledWorkflow) error {
	var entries []workflowEntry
	for _, it := range items {
		if it.mapped || (it.status != pullNew && it.status != pullUpdated && it.status != pullUnchanged) {
			continue
		}
		abs, err := filepath.Abs(it.path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(cfg.Dir, abs)
		if err != nil {
			return err
		}
		entries = append(entries, workflowEntry{File: filepath.ToSlash(rel), ID: it.wf.ID})
	}
	if len(entries) == 0 {
		return nil
	}
	path := cfg.Path
	if path == "" {
		path = config.FileName
	}
	src, err := readlimit.File(path, readlimit.Config, config.FileName+" files")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	out, ok := addWorkflowEntries(src, entries)
	if ok {
		ok = mapsAll(path, out, entries)
	}
	if !ok {
		fmt.Fprintf(e.stdout, "%s: its workflows: cannot be extended by adding lines; add these entries to it:\n%s", displayPath(mustAbs(path)), entryLines(entries, "  ", "\n"))
		return nil
	}
	if err := writeOutputFile(path, out); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %d %s added to workflows:\n", displayPath(mustAbs(path)), len(entries), plural(len(entries), "entry", "entries"))
	return nil
}

// mapsAll reports whether the new config loads without error and maps every entry: a last
// check that adding lines did not change what the file says.
func mapsAll(path string, src []byte, entries []workflowEntry) bool {
	cfg, diags := config.Parse(path, src)
	if diags.HasErrors() {
		return false
	}
	for _, en := range entries {
		id, _, ok := cfg.WorkflowRef(filepath.Join(cfg.Dir, filepath.FromSlash(en.File)))
		if !ok || id != en.ID {
			return false
		}
	}
	return true
}

func mustAbs(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}
