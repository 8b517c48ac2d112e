package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/config"
	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/deploy"
	"github.com/wfc-dev/wfc/lint/driver"
	"github.com/wfc-dev/wfc/secmaster"
	dwtarget "github.com/wfc-dev/wfc/target/dataworks"
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
		return fail(e, exitUsage, "pull: %s", explainDataWorks(err))
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
	return pullAll(ctx, e, cfg, items, func(it *pulledWorkflow) { it.fetchDefinition(ctx, client, f) })
}

// fetchDefinition reads the workflow's definition, decompiles it (its scripts to files of
// --scripts DIR/NAME/ when given) and decides what to do with the files.
func (it *pulledWorkflow) fetchDefinition(ctx context.Context, c *dataworks.Client, f *pullFlags) {
	def, err := c.GetWorkflowDefinition(ctx, dataworks.ID(it.wf.ID), true)
	if err != nil {
		it.status, it.err = pullFailed, errors.New(explainDataWorks(err))
		return
	}
	place, err := it.scriptPlace(f.scripts)
	if err != nil {
		it.status, it.err = pullFailed, err
		return
	}
	// The file says each dependency once: kept in a step's platform block, the copy the
	// service mirrors into a node's inputs would name a deployed id that pushing the file
	// back would send as one more dependency.
	spec, err := deploy.WithoutMirroredInputs([]byte(def.Spec))
	if err != nil {
		it.status, it.err = pullFailed, err
		return
	}
	pulled := *def
	pulled.Spec = string(spec)
	src, scripts, err := dwDecompiledYAML(&pulled, place)
	if err != nil {
		it.status, it.err = pullFailed, err
		return
	}
	it.yaml, it.scripts = stampPulled(src, scripts, place.YAMLDir), scripts
	it.decideDefinition(def, f.force)
}

// scriptPlace is where the workflow's scripts go with --scripts DIR: DIR/NAME/, NAME being its
// YAML file's name without the extension, so that two workflows' steps never share a file.
func (it *pulledWorkflow) scriptPlace(dir string) (scriptPlace, error) {
	if dir == "" {
		return scriptPlace{}, nil
	}
	yamlDir, err := filepath.Abs(filepath.Dir(it.path))
	if err != nil {
		return scriptPlace{}, err
	}
	base := strings.TrimSuffix(filepath.Base(it.path), filepath.Ext(it.path))
	scripts, err := filepath.Abs(filepath.Join(dir, base))
	return scriptPlace{Dir: scripts, YAMLDir: yamlDir}, err
}

// decideDefinition is decide for a DataWorks workflow, whose definition has no versions to
// find the one an earlier pull wrote: the file's first line records the hash of the rest and
// of the scripts it names, as pull wrote them (stampPulled), which tells whether they were
// edited since, and whether the workflow changed since.
func (it *pulledWorkflow) decideDefinition(def *dataworks.WorkflowDefinition, force bool) {
	local, decided := it.compareLocal(func(local []byte) bool { return sameAsDefinition(it.path, local, def) })
	if it.status == pullNew && !force {
		if taken := it.scriptTaken(); taken != "" {
			it.status, it.note = pullKept, "the script file "+displayPath(taken)+" is there already, with other text; --force overwrites it"
		}
	}
	edited := "edited locally since it was pulled; the workflow has not changed since; 'wfc diff --remote " + it.path + "' shows the edits"
	if decided {
		if it.status == pullUnchanged && it.note == "" && len(it.scripts) > 0 && !unedited(it.yaml, it.path) {
			it.note = edited // the YAML is as pulled, a script is not
		}
		return
	}
	defer func() {
		if it.status == pullUpdated {
			it.stale = staleScripts(it.path, local, it.scripts)
		}
	}()
	switch {
	case unedited(local, it.path):
		it.status, it.note = pullUpdated, "changed in DataWorks since it was pulled"
	case force:
		it.status, it.note = pullUpdated, overwrittenNote
	case recordedStamp(local) != "" && recordedStamp(local) == recordedStamp(it.yaml):
		it.status, it.note = pullUnchanged, edited
	default:
		it.status, it.note = pullKept, "edited locally since it was pulled, or not from wfc pull, and the workflow changed in DataWorks; --force overwrites it, 'wfc diff --remote "+it.path+"' shows the difference"
	}
}

// scriptTaken is the first script file of a new workflow that exists with other text: pull
// did not write it, so it is not overwritten.
func (it *pulledWorkflow) scriptTaken() string {
	for _, s := range it.scripts {
		text, err := os.ReadFile(s.Path)
		if err == nil && string(text) != s.Text {
			return s.Path
		}
	}
	return ""
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
// digits of the SHA-256 of the rest of the file and of the scripts it names, as pull wrote
// them (contentHash).
var stampPattern = regexp.MustCompile(` \(pulled: sha256 ([0-9a-f]{16})\)$`)

// stampPulled adds the stamp to the first line of the decompiled YAML (its "# Decompiled by
// wfc from ..." comment), or adds a first line for it. yamlDir is where the YAML goes, which
// the script files are named from.
func stampPulled(yaml []byte, scripts []scriptFile, yamlDir string) []byte {
	head, rest, ok := bytes.Cut(yaml, []byte("\n"))
	if !ok || !bytes.HasPrefix(head, []byte("# ")) {
		head, rest = []byte("# Pulled by wfc"), yaml
	}
	texts := map[string]string{}
	for _, s := range scripts {
		if rel, err := filepath.Rel(yamlDir, s.Path); err == nil {
			texts[filepath.ToSlash(rel)] = s.Text
		}
	}
	return fmt.Appendf(nil, "%s (pulled: sha256 %s)\n%s", head, contentHash(rest, texts), rest)
}

// recordedStamp is the hash a file's first line records, "" when it has none.
func recordedStamp(file []byte) string {
	head, _, _ := bytes.Cut(file, []byte("\n"))
	if m := stampPattern.FindSubmatch(head); m != nil {
		return string(m[1])
	}
	return ""
}

// unedited reports whether the file at path (whose bytes are file) and the scripts it names
// still have the hash its first line records: no one edited them since pull wrote them.
func unedited(file []byte, path string) bool {
	stamp := recordedStamp(file)
	if stamp == "" {
		return false
	}
	_, rest, _ := bytes.Cut(file, []byte("\n"))
	texts := map[string]string{}
	for _, name := range scriptFilesNamed(rest) {
		text, err := dwtarget.ReadScript(path, name)
		if err != nil {
			return false
		}
		texts[name] = string(text)
	}
	return contentHash(rest, texts) == stamp
}

// scriptFilesNamed lists the file of every run step of a workflow's YAML (none when it does
// not parse).
func scriptFilesNamed(src []byte) []string {
	var root yaml.Node
	if yaml.Unmarshal(src, &root) != nil {
		return nil
	}
	var out []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		for i, c := range n.Content {
			if n.Kind == yaml.MappingNode && i%2 == 0 && c.Value == "run" && i+1 < len(n.Content) {
				run := n.Content[i+1]
				for j := 0; j+1 < len(run.Content); j += 2 {
					if run.Content[j].Value == "file" {
						out = append(out, run.Content[j+1].Value)
					}
				}
			}
			walk(c)
		}
	}
	walk(&root)
	return out
}

// contentHash is the stamp of a file's text after its first line and of the scripts it names
// (by the name the file gives them).
func contentHash(rest []byte, scripts map[string]string) string {
	h := sha256.New()
	h.Write(rest)
	for _, name := range slices.Sorted(maps.Keys(scripts)) {
		fmt.Fprintf(h, "\x00%s\x00%s", name, scripts[name])
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}
