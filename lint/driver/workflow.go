package driver

import (
	"bytes"
	"errors"
	"io"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/target"
	"github.com/wfc-dev/wfc/workflow"
)

// Options say how far Workflow takes a workflow file.
type Options struct {
	// Target names the target to compile to: "" is the workflow's own (its target key,
	// target.Default without one); a command that serves one platform names it, and a
	// workflow for another target is then an error at its target key (target.BuildFor).
	Target string
	// Lint runs the lint rules, with Settings, on a workflow that compiles.
	Lint     bool
	Settings lint.Settings
	// Repository indexes the workflows linted with this one, for the workflow-call rules;
	// nil when the file is linted alone (see Paths).
	Repository *lint.Repository
	// Compile tunes the target: ModelOnly when only the rules read the result.
	Compile target.Options
}

// Workflow is the one driver behind lint, compile, render, package and push: it loads a YAML
// workflow, resolves it, has its target check and compile it (target.Build), then runs the
// lint rules when asked, in the order a user fixes a workflow: YAML and schema first; when
// those hold, Resolve's and the target's checks; when those hold too, the workflow rules over
// the AST and, when the target compiles to BPMN (target.Modeler), the BPMN rules over the
// compiled model (which carries YAML positions, so both report in the YAML). Rules do not
// run on a workflow with errors: they would restate them (a next naming no step is also a
// step with no path to the end). The unit's Diags hold every phase's, sorted; a panic is one
// internal diagnostic, as in File.
func Workflow(path string, src []byte, opts Options) (u *target.Unit) {
	defer recoverInternal(path, func(d diag.List) { u = &target.Unit{Diags: d} })
	u = target.BuildFor(opts.Target, path, src, opts.Compile)
	if opts.Lint {
		lintUnit(u, path, src, opts)
	}
	return u
}

// lintUnit runs the lint rules on a built unit that compiled, adding their diagnostics to its
// own: the last phase of Workflow, which Paths runs later for a file that calls workflows.
func lintUnit(u *target.Unit, path string, src []byte, opts Options) {
	if u.Artifact == nil {
		return
	}
	readElsewhere, spelling := target.InputsRead(u.Target, u.Program)
	u.Diags = append(u.Diags, lint.Run(&lint.Input{File: path, Source: src, Workflow: u.Workflow,
		Program: u.Program, Defs: target.ModelOf(u.Artifact), Settings: opts.Settings, Target: u.Target.Name(),
		Repository: opts.Repository, InputsReadElsewhere: readElsewhere, InputSpelling: spelling})...)
	u.Diags.Sort()
}

// lintWorkflow lints a YAML workflow alone: Workflow, stopping at what the rules read.
func lintWorkflow(path string, src []byte, s lint.Settings) diag.List {
	return lintWorkflowJob(path, src, s, nil)
}

// lintOptions are the Options of lint: every rule, the compiled model only as far as the
// rules read it.
func lintOptions(s lint.Settings) Options {
	return Options{Lint: true, Settings: s, Compile: target.Options{ModelOnly: true}}
}

// yamlRole is what a YAML file is to a directory walk or a hook passing every YAML file.
type yamlRole int

const (
	yamlOther       yamlRole = iota // decodes, but no document is a mapping with a top-level wfc key: skipped
	yamlWorkflow                    // a document is a mapping with a top-level wfc key: linted
	yamlUndecodable                 // not UTF-8, not YAML, or too large to decode: linted, so the problem is reported
)

// classifyYAML decides whether src is a wfc workflow by parsing it, as workflow.Load will:
// a file is a workflow when one of its documents is a mapping with a top-level `wfc` key,
// in any style (block, flow, quoted key). A file wfc cannot decode is not quietly skipped,
// since it may be a workflow nobody can see: compile and push would fail on it.
//
// A file whose first line of content is `wfc:` is taken as a workflow without the parse (the
// parse would only start the block mapping with that key): Load parses it next anyway, and
// reports it the same way if the rest does not decode.
func classifyYAML(src []byte) yamlRole {
	if len(src) > workflow.MaxFileSize {
		return yamlUndecodable // Load says the file is too large; parsing it to find out would cost more
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if startsWithWfcKey(src) {
		return yamlWorkflow
	}
	return parseYAMLRole(src)
}

// parseYAMLRole classifies src by decoding every document of it.
func parseYAMLRole(src []byte) yamlRole {
	if bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}) || !utf8.Valid(src) {
		return yamlUndecodable // yaml.v3 reads UTF-16, but wfc reads workflows as UTF-8 only
	}
	role := yamlOther
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return role
		}
		if err != nil {
			return yamlUndecodable
		}
		if hasTopLevelKey(&doc, "wfc") {
			role = yamlWorkflow
		}
	}
}

// startsWithWfcKey reports whether the first line of src that is not blank, a comment, a
// directive or a bare document start is the plain key `wfc:` in column 1: the start of a
// block mapping with that key at the top level, as every workflow written by hand begins.
func startsWithWfcKey(src []byte) bool {
	for len(src) > 0 {
		line, rest, _ := bytes.Cut(src, []byte("\n"))
		src = rest
		trimmed := bytes.TrimLeft(line, " \t\r")
		switch {
		case len(trimmed) == 0, trimmed[0] == '#', line[0] == '%':
			continue
		case bytes.HasPrefix(line, []byte("---")) && (len(line) == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r'):
			if after := bytes.TrimSpace(line[3:]); len(after) == 0 || after[0] == '#' {
				continue
			}
			return false
		}
		after, ok := bytes.CutPrefix(line, []byte("wfc:"))
		return ok && (len(after) == 0 || after[0] == ' ' || after[0] == '\t' || after[0] == '\r')
	}
	return false
}

// hasTopLevelKey reports whether a YAML document is a mapping with key at its top level.
func hasTopLevelKey(doc *yaml.Node, key string) bool {
	if len(doc.Content) == 0 {
		return false
	}
	top := doc.Content[0]
	if top.Kind == yaml.AliasNode && top.Alias != nil {
		top = top.Alias
	}
	if top.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		if k := top.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return true
		}
	}
	return false
}
