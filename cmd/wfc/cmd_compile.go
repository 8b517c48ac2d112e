package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/atomicfile"
	"github.com/wfc-dev/wfc/internal/readlimit"
	"github.com/wfc-dev/wfc/lint/driver"
	"github.com/wfc-dev/wfc/report"
	smtarget "github.com/wfc-dev/wfc/target/secmaster"
	"github.com/wfc-dev/wfc/workflow"
)

const compileUsage = `usage: wfc compile [-o FILE|DIR] [--emit request|taskflow|taskconfig|xml|tree] FILE...

Compiles YAML workflows (FILE "-" is standard input) into what SecMaster's create-version API
takes, and prints it; --emit chooses what:
  request     the create-version request body as indented JSON (the default)
  taskflow    the base64 taskflow alone
  taskconfig  the taskconfig as indented JSON
  xml         the BPMN 2.0 XML
  tree        the xml-js element tree inside the taskflow, as indented JSON

compile does not lint: it reports only what stops a workflow from compiling (schema and
compiler errors), so a workflow that lint rejects (a literal secret, an unreachable step)
still compiles. Run 'wfc lint' for the rules; 'wfc push' and 'wfc package' lint before they
publish anything.

-o FILE writes the output there instead. When -o names a directory (one that exists, or
any name ending in /), each workflow is written to DIR/NAME.EXT, NAME being the input's base
name without extension and EXT request.json, taskflow.txt, taskconfig.json, bpmn or
tree.json; several input files need such a directory. Without -o, several workflows are
printed as one JSON array in input order (request, taskconfig and tree; xml and taskflow
need -o DIR), and only when every one compiled. Files are
written atomically (umask for new files, an existing file's mode kept); an output that would
overwrite an input is refused. Problems are printed to standard error as
file:line:col: message [rule].

Exit status: 0 when every workflow compiled, 1 when one has errors, 2 on bad usage or when a
file cannot be read or written. The other files are still compiled after one fails.
`

// compileEmitForms are the --emit values, in the order help shows them: the SecMaster
// artifact's forms.
var compileEmitForms = smtarget.Forms

// compileEmitSuffix is the file name suffix each --emit form gets in an output directory.
var compileEmitSuffix = map[string]string{
	"request":    ".request.json",
	"taskflow":   ".taskflow.txt",
	"taskconfig": ".taskconfig.json",
	"xml":        ".bpmn",
	"tree":       ".tree.json",
}

func runCompile(e *env, args []string) int {
	fs := newFlagSet(e, "compile", compileUsage)
	out := fs.String("o", "", "write to FILE, or to one file per workflow in DIR")
	emit := enumVar(fs, "emit", "request", "what to write: request, taskflow, taskconfig, xml or tree", compileEmitForms...)
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
	written := map[string]string{} // output path → the input written there
	for _, file := range files {
		path := dest.path(file, *emit)
		if err := refuseInputAsOutput(path, files); err != nil {
			return fail(e, exitUsage, "compile: %v (nothing was written)", err)
		}
		if prev, dup := written[path]; dup && path != "" {
			return fail(e, exitUsage, "compile: %s and %s would both be written to %s; compile them separately (nothing was written)", prev, file, path)
		}
		written[path] = file
	}
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
		_, body, c := compileOne(e, file, *emit)
		if c != exitOK {
			worse(c)
			continue
		}
		path := dest.path(file, *emit)
		if path == "" {
			_, err = e.stdout.Write(body)
		} else {
			err = atomicfile.WriteFile(path, body)
		}
		if err != nil {
			fail(e, exitUsage, "compile: %v", err)
			worse(exitUsage)
		}
	}
	return code
}

// compileWorkflow is the driver every command that reads a YAML workflow calls (a variable
// so a test can count calls: each file is loaded and compiled once).
var compileWorkflow = driver.Workflow

// compileOne reads and compiles one file and renders its --emit form. Problems are printed;
// the code is exitOK when body is the output.
func compileOne(e *env, file, emit string) (name string, body []byte, code int) {
	name, src, err := readCompileInput(e, file)
	if err != nil {
		return name, nil, fail(e, exitUsage, "%v", err)
	}
	u := compileWorkflow(name, src, driver.Options{})
	printCompileDiagnostics(e, u.Diags, name, src)
	if u.Artifact == nil || u.Diags.HasErrors() {
		return name, nil, exitProblems
	}
	body, err = u.Artifact.Emit(emit)
	if err != nil {
		return name, nil, fail(e, exitProblems, "%s: cannot write as %s: %v", name, emit, err)
	}
	return name, body, exitOK
}

// compileEmitIsJSON reports whether an --emit form is one JSON value, so that several can
// be written to standard output as one JSON array.
func compileEmitIsJSON(emit string) bool {
	return emit == "request" || emit == "taskconfig" || emit == "tree"
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
		_, body, c := compileOne(e, file, emit)
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
