package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"

	"github.com/wfc-dev/wfc/config"
	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/deploy"
	"github.com/wfc-dev/wfc/lint/driver"
	"github.com/wfc-dev/wfc/secmaster"
)

// pullDataWorks is 'wfc pull' of a DataWorks workspace: every workflow (both kinds, every
// page), its definition read with the scripts, decompiled, and written as SecMaster's are.
func pullDataWorks(ctx context.Context, e *env, f *pullFlags, cfg *config.Config) int {
	client, err := f.remote.dataWorksClient(e, cfg)
	if err != nil {
		return fail(e, exitUsage, "pull: %v", err)
	}
	ctx, cancel := context.WithTimeout(ctx, f.remote.timeout)
	defer cancel()
	defs, err := deploy.AllWorkflows(ctx, client)
	if err != nil {
		return fail(e, exitUsage, "pull: %v", err)
	}
	if len(defs) == 0 {
		fmt.Fprintln(e.stderr, "wfc: pull: the DataWorks workspace has no workflows; nothing was written")
		return exitOK
	}
	// placeWorkflows reads only a workflow's id and name, which both platforms have.
	all := make([]secmaster.Workflow, len(defs))
	for i, d := range defs {
		all[i] = secmaster.Workflow{ID: string(d.ID), Name: d.Name}
	}
	items := placeWorkflows(cfg, all, f.outDir)
	return pullAll(ctx, e, cfg, items, func(it *pulledWorkflow) { it.fetchDefinition(ctx, client, f.force) })
}

// fetchDefinition reads the workflow's definition, decompiles it and decides what to do with
// the file.
func (it *pulledWorkflow) fetchDefinition(ctx context.Context, c *dataworks.Client, force bool) {
	def, err := c.GetWorkflowDefinition(ctx, dataworks.ID(it.wf.ID), true)
	if err != nil {
		it.status, it.err = pullFailed, err
		return
	}
	src, err := dwDecompiledYAML(def)
	if err != nil {
		it.status, it.err = pullFailed, err
		return
	}
	it.yaml = stampPulled(src)
	it.decideDefinition(def, force)
}

// decideDefinition is decide for a DataWorks workflow, whose definition has no versions to
// find the one an earlier pull wrote: the file's first line records the hash of the rest as
// pull wrote it (stampPulled), which tells whether it was edited since, and whether the
// workflow changed since.
func (it *pulledWorkflow) decideDefinition(def *dataworks.WorkflowDefinition, force bool) {
	local, decided := it.compareLocal(func(local []byte) bool { return sameAsDefinition(it.path, local, def) })
	if decided {
		return
	}
	was, unedited := pulledStamp(local)
	now, _ := pulledStamp(it.yaml)
	switch {
	case unedited:
		it.status, it.note = pullUpdated, "changed in DataWorks since it was pulled"
	case force:
		it.status, it.note = pullUpdated, overwrittenNote
	case was != "" && was == now:
		it.status, it.note = pullUnchanged, "edited locally since it was pulled; the workflow has not changed since; 'wfc diff --remote "+it.path+"' shows the edits"
	default:
		it.status, it.note = pullKept, "edited locally since it was pulled, or not from wfc pull, and the workflow changed in DataWorks; --force overwrites it, 'wfc diff --remote "+it.path+"' shows the difference"
	}
}

// sameAsDefinition reports whether the local file says what the definition says, in the
// language's terms (as wfc diff --remote compares them); false when it does not compile.
func sameAsDefinition(path string, local []byte, def *dataworks.WorkflowDefinition) bool {
	u := compileWorkflow(path, local, driver.Options{})
	if u.Program == nil || u.Diags.HasErrors() {
		return false
	}
	lw := localWorkflowOf(u)
	changes, err := dwChanges(*def, lw)
	return lw.flowSpec != nil && err == nil && len(changes) == 0
}

// stampPattern is how the first line of a file pulled from DataWorks ends: the first 16 hex
// digits of the SHA-256 of the rest of the file as pull wrote it.
var stampPattern = regexp.MustCompile(` \(pulled: sha256 ([0-9a-f]{16})\)$`)

// stampPulled adds the stamp to the first line of the decompiled YAML (its "# Decompiled by
// wfc from ..." comment), or adds a first line for it.
func stampPulled(yaml []byte) []byte {
	head, rest, ok := bytes.Cut(yaml, []byte("\n"))
	if !ok || !bytes.HasPrefix(head, []byte("# ")) {
		head, rest = []byte("# Pulled by wfc"), yaml
	}
	return fmt.Appendf(nil, "%s (pulled: sha256 %s)\n%s", head, bodyHash(rest), rest)
}

// pulledStamp is the hash a file's first line records ("" when it has none), and whether the
// rest of the file still has that hash: no one edited it since pull wrote it.
func pulledStamp(file []byte) (hash string, unedited bool) {
	head, rest, _ := bytes.Cut(file, []byte("\n"))
	m := stampPattern.FindSubmatch(head)
	if m == nil {
		return "", false
	}
	return string(m[1]), string(m[1]) == bodyHash(rest)
}

func bodyHash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}
