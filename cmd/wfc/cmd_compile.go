package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/atomicfile"
	"github.com/wfc-dev/wfc/internal/readlimit"
	"github.com/wfc-dev/wfc/internal/startheap"
	"github.com/wfc-dev/wfc/lint/driver"
	"github.com/wfc-dev/wfc/report"
	"github.com/wfc-dev/wfc/target"
	dwtarget "github.com/wfc-dev/wfc/target/dataworks"
	smtarget "github.com/wfc-dev/wfc/target/secmaster"
	"github.com/wfc-dev/wfc/workflow"
)

const compileUsage = `usage: wfc compile [-o FILE|DIR] [--emit FORM] FILE...

Compiles YAML workflows (FILE "-" is standard input) for the platform each names with its
target key, and prints the result; --emit chooses what (default: the target's first form).
For SecMaster (target: secmaster, the default), what its create-version API takes:
  request     the create-version request body as indented JSON (the default)
  taskflow    the base64 taskflow alone
  taskconfig  the taskconfig as indented JSON
  xml         the BPMN 2.0 XML
  tree        the xml-js element tree inside the taskflow, as indented JSON
For DataWorks (target: dataworks), what ImportWorkflowDefinition takes:
  spec        the FlowSpec document as indented JSON (the default)
  request     the request's form fields but ProjectId, as JSON: {"Spec": "<the document>"}

compile does not lint: it reports only what stops a workflow from compiling (schema and
compiler errors), so a workflow that lint rejects (a literal secret, an unreachable step)
still compiles. Run 'wfc lint' for the rules; 'wfc push' and 'wfc package' lint before they
publish anything.

-o FILE writes the output there instead. When -o names a directory (one that exists, or
any name ending in /), each workflow is written to DIR/NAME.EXT, NAME being the input's base
name without extension and EXT request.json, taskflow.txt, taskconfig.json, bpmn,
tree.json or flowspec.json; several input files need such a directory. Without -o, several
workflows are printed as one JSON array in input order (every form but xml and taskflow,
which need -o DIR), and only when every one compiled. Files are
written atomically (umask for new files, an existing file's mode kept); an output that would
overwrite an input is refused. A form the workflow's target does not have is an error for
that workflow. Problems are printed to standard error as file:line:col: message [rule].

Exit status: 0 when every workflow compiled, 1 when one has errors, 2 on bad usage or when a
file cannot be read or written. The other files are still compiled after one fails.
`

// compileTargetForms are the --emit forms of each target compile serves, the default first.
var compileTargetForms = [][]string{smtarget.Forms, dwtarget.Forms}

// compileEmitForms are the --emit values, in the order help shows them: every target's
// forms, each name once.
var compileEmitForms = func() []string {
	var out []string
	for _, forms := range compileTargetForms {
		for _, f := range forms {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}()

// compileDefaultForms are the targets' default forms: what --emit means when not given.
var compileDefaultForms = func() []string {
	var out []string
	for _, forms := range compileTargetForms {
		out = append(out, forms[0])
	}
	return out
}()

// compileEmitSuffix is the file name suffix each --emit form gets in an output directory. A
// form name means the same kind of file on every target (request: the API request as JSON).
var compileEmitSuffix = map[string]string{
	"request":    ".request.json",
	"taskflow":   ".taskflow.txt",
	"taskconfig": ".taskconfig.json",
	"xml":        ".bpmn",
	"tree":       ".tree.json",
	"spec":       ".flowspec.json",
}

// The first garbage collection of a compile (see internal/startheap), in bytes: a compile's
// heap grows with its workflow until the output is written, so the first goal is what it
// will allocate. Compiling and writing a generated workflow allocates 104 bytes per byte of
// YAML at 1,000 steps and 98 at 10,000 (69 MB; the taskflow is encoded as it is written, so
// it never adds to this), so at 128 a whole compile fits under the goal and never collects,
// and its peak memory is what it allocated (82 MB at 10,000 steps). The floor keeps small and
// unknown inputs (a pipe) where they were; past the ceiling (2 MB of YAML, 30,000 steps) a
// first collection finds most of the heap live, so it costs little, and memory goes back to
// the collector's bound sooner. Only compile raises it: lint reads many small files and keeps
// its peak memory (30 MiB for bpmnlint's 202 fixtures, issue 8, item 19) with Go's default.
const (
	compileHeapPerInputByte = 128
	compileMinFirstHeapGoal = 24 << 20
	compileMaxFirstHeapGoal = 256 << 20
)

// compileFirstHeapGoal is the first collection's goal for compiling files: in proportion to
// the largest, since each workflow's garbage dies once it is written. Standard input counts
// when it is a file (wfc compile - < big.yaml); a file that cannot be read counts as empty and
// is reported when it is read.
func compileFirstHeapGoal(e *env, files []string) uint64 {
	var largest int64
	for _, file := range files {
		var info os.FileInfo
		var err error
		if file == "-" {
			stat, ok := e.stdin.(interface{ Stat() (os.FileInfo, error) })
			if !ok {
				continue
			}
			info, err = stat.Stat()
		} else {
			info, err = os.Stat(file)
		}
		if err == nil && info.Mode().IsRegular() {
			largest = max(largest, info.Size())
		}
	}
	return startheap.Proportional(uint64(largest), compileHeapPerInputByte, compileMinFirstHeapGoal, compileMaxFirstHeapGoal)
}

func runCompile(e *env, args []string) int {
	fs := newFlagSet(e, "compile", compileUsage)
	out := fs.String("o", "", "write to FILE, or to one file per workflow in DIR")
	emit := enumVar(fs, "emit", "", "what to write: "+strings.Join(compileEmitForms, ", ")+" (default: the target's first form)", compileEmitForms...)
	files, code, done := parseCommandFlags(e, fs, args)
	if done {
		return code
	}
	if len(files) == 0 {
		return fail(e, exitUsage, "compile: no workflow files given; run 'wfc compile -h' for usage")
	}
	if *out == "" && len(files) > 1 && !compileEmitIsJSON(*emit) {
		return fail(e, exitUsage, "compile: --emit %s of %d workflows cannot share standard output; pass -o DIR for one file per workflow", *emit, len(files))
	}
	dest, err := compileDestination(*out, len(files))
	if err != nil {
		return fail(e, exitUsage, "compile: %v", err)
	}
	if code := checkCompileDestinations(e, dest, files, *emit); code != exitOK {
		return code
	}
	startheap.Raise(compileFirstHeapGoal(e, files), e.getenv)
	if *out == "" && len(files) > 1 {
		return compileToArray(e, files, *emit)
	}

	code = exitOK
	worse := func(c int) {
		if c > code {
			code = c
		}
	}
	for _, file := range files {
		name, art, form, c := compileOne(e, file, *emit)
		if c == exitOK {
			c = writeCompiled(e, name, art, form, dest.path(file, form))
		}
		worse(c)
	}
	return code
}

// compileWorkflow is the driver every command that reads a YAML workflow calls (a variable
// so a test can count calls: each file is loaded and compiled once).
var compileWorkflow = driver.Workflow

// checkCompileDestinations refuses, before anything is compiled, an output that would
// overwrite an input or that two inputs would share. Without --emit the form is each
// workflow's target's default, known only once it is loaded, so every default's path is
// checked.
func checkCompileDestinations(e *env, dest compileDest, files []string, emit string) int {
	forms := []string{emit}
	if emit == "" {
		forms = compileDefaultForms
	}
	for _, form := range forms {
		written := map[string]string{} // output path → the input written there
		for _, file := range files {
			path := dest.path(file, form)
			if err := refuseInputAsOutput(path, files); err != nil {
				return fail(e, exitUsage, "compile: %v (nothing was written)", err)
			}
			if prev, dup := written[path]; dup && path != "" {
				return fail(e, exitUsage, "compile: %s and %s would both be written to %s; compile them separately (nothing was written)", prev, file, path)
			}
			written[path] = file
		}
	}
	return exitOK
}

// compileOne reads and compiles one file for its target and chooses the form to write: the
// --emit form, or the target's default when emit is "". Problems are printed; the code is
// exitOK when art is the compiled workflow and has that form.
func compileOne(e *env, file, emit string) (name string, art target.Artifact, form string, code int) {
	name, src, err := readCompileInput(e, file)
	if err != nil {
		return name, nil, emit, fail(e, exitUsage, "%v", err)
	}
	u := compileWorkflow(name, src, driver.Options{})
	printCompileDiagnostics(e, u.Diags, name, src)
	if u.Artifact == nil || u.Diags.HasErrors() {
		return name, nil, emit, exitProblems
	}
	form = emit
	if form == "" {
		form = u.Artifact.Forms()[0]
	}
	if !slices.Contains(u.Artifact.Forms(), form) {
		return name, nil, form, fail(e, exitProblems, "%s: target %s has no form %s; its forms are %s",
			name, u.Target.Name(), form, strings.Join(u.Artifact.Forms(), ", "))
	}
	return name, u.Artifact, form, exitOK
}

// writeCompiled writes form of the compiled workflow name to path, or to standard output
// when path is "", as it is rendered (target.EmitTo): a 10,000-step request is 24 MB that
// need not be in memory at once. A file is written atomically, so a failure leaves none
// half-written; on standard output a failed write is reported, and what went out stays.
func writeCompiled(e *env, name string, art target.Artifact, form, path string) int {
	var rendering error // the artifact's own error, not the destination's
	emit := func(w io.Writer) error {
		dw := &destWriter{w: w}
		err := target.EmitTo(art, dw, form)
		if err != nil && dw.err == nil {
			rendering = err
		}
		return err
	}
	var err error
	if path == "" {
		err = emit(e.stdout)
	} else {
		err = atomicfile.WriteWith(path, emit)
	}
	switch {
	case rendering != nil:
		return fail(e, exitProblems, "%s: cannot write as %s: %v", name, form, rendering)
	case err != nil && path == "":
		return fail(e, exitUsage, "compile: cannot write to standard output: %v", err)
	case err != nil:
		return fail(e, exitUsage, "compile: %v", err)
	}
	return exitOK
}

// destWriter passes writes on to w and keeps w's first error, so that a failed write is told
// apart from an artifact that cannot be rendered. It passes strings on too, so that a
// taskflow's megabytes reach a file without a copy.
type destWriter struct {
	w   io.Writer
	err error
}

func (d *destWriter) Write(p []byte) (int, error) {
	n, err := d.w.Write(p)
	d.keep(err)
	return n, err
}

func (d *destWriter) WriteString(s string) (int, error) {
	n, err := io.WriteString(d.w, s)
	d.keep(err)
	return n, err
}

func (d *destWriter) keep(err error) {
	if d.err == nil {
		d.err = err
	}
}

// compileEmitIsJSON reports whether an --emit form is one JSON value, so that several can
// be written to standard output as one JSON array ("" is a target's default form, which is
// JSON on every target).
func compileEmitIsJSON(emit string) bool {
	return emit != "taskflow" && emit != "xml"
}

// compileToArray compiles every file and writes one JSON array of their outputs, in input
// order, to standard output. Every workflow is compiled and its problems printed, but the
// array is written only when all compiled: a pipeline must not take a partial array for the
// whole.
func compileToArray(e *env, files []string, emit string) int {
	code := exitOK
	var buf bytes.Buffer
	buf.WriteString("[")
	for i, file := range files {
		name, art, form, c := compileOne(e, file, emit)
		var body []byte
		if c == exitOK {
			var err error
			if body, err = art.Emit(form); err != nil {
				c = fail(e, exitProblems, "%s: cannot write as %s: %v", name, form, err)
			}
		}
		if c != exitOK {
			code = max(code, c)
			continue
		}
		if i > 0 {
			buf.WriteString(",")
		}
		buf.WriteString("\n  ")
		if err := json.Indent(&buf, bytes.TrimSpace(body), "  ", "  "); err != nil {
			return fail(e, exitProblems, "compile: %s: %v", file, err)
		}
	}
	if code != exitOK {
		return fail(e, code, "compile: nothing was written to standard output, since not every workflow compiled (it gets one JSON array of all of them)")
	}
	buf.WriteString("\n]\n")
	if _, err := e.stdout.Write(buf.Bytes()); err != nil {
		return fail(e, exitUsage, "compile: %v", err)
	}
	return exitOK
}

// compileDest is where compiled output goes: stdout (both empty), one file, or a directory.
type compileDest struct {
	file, dir string
}

// path is where the output of compiling file goes: the -o file, DIR/NAME.EXT, or "" for
// standard output.
func (d compileDest) path(file, emit string) string {
	if d.dir == "" {
		return d.file
	}
	return filepath.Join(d.dir, compileOutputBase(file)+compileEmitSuffix[emit])
}

// compileDestination reads -o: a directory when it is one or ends in a separator (it is
// created if needed), a file otherwise. Several inputs need a directory: a file name is
// refused rather than silently made a directory.
func compileDestination(o string, inputs int) (compileDest, error) {
	if o == "" {
		return compileDest{}, nil
	}
	info, err := os.Stat(o)
	isDir := err == nil && info.IsDir()
	switch {
	case isDir || strings.HasSuffix(o, "/") || strings.HasSuffix(o, string(filepath.Separator)):
	case inputs > 1:
		return compileDest{}, fmt.Errorf("-o %s names a file, but there are %d workflows; with several inputs -o names a directory: write %s%c to make one", o, inputs, o, filepath.Separator)
	default:
		return compileDest{file: o}, nil
	}
	if !isDir {
		if err := os.MkdirAll(o, 0o755); err != nil {
			return compileDest{}, fmt.Errorf("cannot create output directory: %v", err)
		}
	}
	return compileDest{dir: o}, nil
}

// compileOutputBase is the NAME of NAME.request.json: the input's base name without extension.
func compileOutputBase(file string) string {
	if file == "-" {
		return "stdin"
	}
	base := filepath.Base(file)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// readCompileInput reads a workflow file, or standard input for "-", up to the size
// workflow.Load accepts.
func readCompileInput(e *env, file string) (string, []byte, error) {
	const what = "workflow files"
	if file == "-" {
		src, err := readlimit.Read(e.stdin, "<stdin>", workflow.MaxFileSize, what)
		return "<stdin>", src, err
	}
	src, err := readlimit.File(file, workflow.MaxFileSize, what)
	return file, src, err
}

// printCompileDiagnostics writes diagnostics as text with source snippets.
func printCompileDiagnostics(e *env, diags diag.List, name string, src []byte) {
	if len(diags) == 0 {
		return
	}
	sources := func(file string) ([]byte, bool) { return src, file == name }
	if err := report.Write(e.stderr, report.Text, diags, report.Options{Sources: sources}); err != nil {
		fmt.Fprintln(e.stderr, diags.Error())
	}
}
