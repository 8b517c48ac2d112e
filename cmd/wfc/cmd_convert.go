package main

import (
	"errors"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/bpmn/layout"
	"github.com/wfc-dev/wfc/internal/readlimit"
	"github.com/wfc-dev/wfc/target"
)

const convertUsage = `usage: wfc convert --to xml|tree|taskflow [--layout] [--workflow W] [--version V] [FILE|-]

Reads a BPMN document in any form (BPMN XML, xml-js tree JSON, taskflow envelope JSON,
base64 taskflow, create-version request or API response JSON, or an export file; the form
is detected) from FILE, or from standard input when FILE is "-" or absent, and writes it in
the form --to names:
  xml       indented BPMN XML with an XML declaration
  tree      the xml-js tree JSON, indented by 2 spaces
  taskflow  the base64 taskflow SecMaster stores

An export file (from 'wfc export' or 'wfc package') holds workflows with their versions:
--workflow picks one by name or id and --version one of its versions by label (v1, v2),
name or id; either may be left out when there is only one to pick.
`

// runConvert converts a BPMN document between its forms.
func runConvert(e *env, args []string) int {
	fs := newFlagSet(e, "convert", convertUsage)
	to := enumVar(fs, "to", "", "output form: xml, tree or taskflow (required)", "xml", "tree", "taskflow")
	doLayout := fs.Bool("layout", false, "lay out processes that have no diagram (adds BPMN DI)")
	var pick exportPick
	fs.StringVar(&pick.workflow, "workflow", "", "in an export file, the workflow to read, by name or id")
	fs.StringVar(&pick.version, "version", "", "in an export file, the version to read, by name or id")
	inputs, code, done := parseCommandFlags(e, fs, args)
	if done {
		return code
	}
	if *to == "" {
		return fail(e, exitUsage, "convert: --to is required (xml, tree or taskflow)")
	}
	if len(inputs) > 1 {
		return fail(e, exitUsage, "convert: takes one input file, got %d", len(inputs))
	}

	name, data, err := readInput(e, firstOrEmpty(inputs))
	if err != nil {
		return fail(e, exitUsage, "%v", err)
	}
	doc, code := decodeConvertInput(e, name, data, pick)
	if doc == nil {
		return code
	}
	if *doLayout {
		if doc, err = applyLayout(doc); err != nil {
			return fail(e, exitProblems, "%s: %v", name, err)
		}
	}

	var out []byte
	switch *to {
	case "xml":
		out, err = bpmn.EncodeXML(doc, bpmn.XMLOptions{Indent: "  ", DefaultDeclaration: true})
	case "tree":
		out, err = bpmn.EncodeTreeJSON(doc, "  ")
		out = append(out, '\n')
	case "taskflow":
		var s string
		s, err = bpmn.EncodeTaskflow(doc)
		out = []byte(s + "\n")
	}
	if err != nil {
		return fail(e, exitProblems, "%s: cannot write as %s: %v", name, *to, err)
	}
	if _, err := e.stdout.Write(out); err != nil {
		return fail(e, exitUsage, "writing output: %v", err)
	}
	return exitOK
}

// decodeConvertInput decodes any BPMN form, or the picked version of an export file. On
// failure it prints why and returns a nil document and the exit code.
func decodeConvertInput(e *env, name string, data []byte, pick exportPick) (*bpmn.Document, int) {
	if isExportFile(data) {
		doc, err := decodeExportVersion(data, pick)
		var pe *pickError
		if errors.As(err, &pe) {
			return nil, fail(e, exitUsage, "convert: %s: %v", name, err)
		}
		if err != nil {
			return nil, fail(e, exitProblems, "%s: %v", name, err)
		}
		return doc, exitOK
	}
	if pick != (exportPick{}) {
		return nil, fail(e, exitUsage, "convert: --workflow and --version pick from an export file, and %s is not one", name)
	}
	doc, _, err := bpmn.DecodeAny(data, target.BPMNWrappers()...)
	if err != nil {
		return nil, fail(e, exitProblems, "%s", positioned(name, err))
	}
	return doc, exitOK
}

// readInput reads the named file, or standard input for "" and "-", refusing inputs
// larger than the decoders accept.
func readInput(e *env, path string) (name string, data []byte, err error) {
	const what = "BPMN inputs"
	if path == "" || path == "-" {
		data, err = readlimit.Read(e.stdin, "<stdin>", bpmn.MaxInputSize, what)
		return "<stdin>", data, err
	}
	data, err = readlimit.File(path, bpmn.MaxInputSize, what)
	return path, data, err
}

// positioned prefixes err with the input name: "name:line:col: msg" when err is a
// positioned syntax error in the input itself, "name: msg" otherwise.
func positioned(name string, err error) string {
	if se, ok := err.(*bpmn.SyntaxError); ok {
		return name + ":" + se.Error()
	}
	return name + ": " + err.Error()
}

// applyLayout draws every process that has no diagram, going through the typed model.
func applyLayout(doc *bpmn.Document) (*bpmn.Document, error) {
	defs, err := bpmn.Read(doc)
	if err != nil {
		return nil, err
	}
	if err := layout.Apply(defs); err != nil {
		return nil, err
	}
	out, err := bpmn.Write(defs)
	if err != nil {
		return nil, err
	}
	if out.Declaration == nil {
		out.Declaration = doc.Declaration
	}
	return out, nil
}

// firstOrEmpty is the one input file named, or "" (standard input) when none is.
func firstOrEmpty(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}
