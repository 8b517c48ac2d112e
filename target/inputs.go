package target

import "github.com/wfc-dev/wfc/workflow"

// InputReader is implemented by a target whose platform reads a workflow's inputs in text
// the language does not parse: a DataWorks script or node parameter reads the workflow
// parameter NAME as ${NAME}. The driver passes what it reports to lint, so unused-input does
// not call such an input unused.
type InputReader interface {
	// InputsRead are the names of the inputs the program's platform text reads.
	InputsRead(prog *workflow.Program) map[string]bool
	// InputSpelling is how that text reads an input, a format for the input's name:
	// "${%s} in a node's script or parameters".
	InputSpelling() string
}

// InputsRead is what t reads of prog's inputs outside expressions, and how (InputSpelling);
// nil and "" when t reads none.
func InputsRead(t Target, prog *workflow.Program) (map[string]bool, string) {
	if r, ok := t.(InputReader); ok && prog != nil {
		return r.InputsRead(prog), r.InputSpelling()
	}
	return nil, ""
}
