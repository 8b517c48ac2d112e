package dataworks

import (
	"regexp"

	"github.com/wfc-dev/wfc/workflow"
)

// parameterRef is a DataWorks parameter reference, ${NAME}: how a node's script and its
// parameters read a workflow parameter, which is what an input compiles to.
var parameterRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// InputSpelling is how a script or node parameter reads an input: as the workflow
// parameter it compiles to.
func (Target) InputSpelling() string { return "${%s} in a node's script or parameters" }

// InputsRead are the inputs the run steps read as ${NAME}: in their inline code, their with
// values, and their script files (a file that cannot be read reads nothing; the
// dataworks-script-file rule reports it).
func (Target) InputsRead(prog *workflow.Program) map[string]bool {
	w := prog.Workflow
	declared := make(map[string]bool, len(w.Inputs))
	for _, in := range w.Inputs {
		declared[in.Name.Value] = true
	}
	read := make(map[string]bool)
	scan := func(text string) {
		for _, m := range parameterRef.FindAllStringSubmatch(text, -1) {
			if declared[m[1]] {
				read[m[1]] = true
			}
		}
	}
	for _, s := range w.AllSteps() {
		run, ok := s.Body.(*workflow.Run)
		if !ok {
			continue
		}
		scan(run.Code.Value)
		for _, e := range run.With {
			if e.Value != nil && e.Value.IsScalar() {
				scan(e.Value.Text())
			}
		}
		if run.File.IsSet() {
			if src, err := ReadScript(w.File, run.File.Value); err == nil {
				scan(string(src))
			}
		}
	}
	return read
}
