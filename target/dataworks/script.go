package dataworks

import (
	"errors"
	"fmt"
	"path/filepath"
	"unicode/utf8"

	"github.com/wfc-dev/wfc/internal/readlimit"
)

// MaxScriptBytes is the largest script file a run step may name (1 MiB): a node's script is
// stored in its FlowSpec as one string, and real SQL or shell scripts are kilobytes.
const MaxScriptBytes = 1 << 20

// ScriptPath is where a run step's file is: relative to the directory of the workflow file.
// An absolute file is refused by ReadScript, so a workflow reads the same in every checkout.
func ScriptPath(workflowFile, file string) string {
	return filepath.Join(filepath.Dir(workflowFile), filepath.FromSlash(file))
}

// ReadScript reads the script a run step names with file: at most MaxScriptBytes of UTF-8,
// from a regular file relative to the workflow file. The error says what is wrong in words a
// user can act on (it is shown at the step's file key).
func ReadScript(workflowFile, file string) ([]byte, error) {
	if filepath.IsAbs(filepath.FromSlash(file)) || filepath.VolumeName(file) != "" {
		return nil, fmt.Errorf("file %q is an absolute path; write it relative to the workflow file, so that it reads the same in every checkout", file)
	}
	path := ScriptPath(workflowFile, file)
	src, err := readlimit.File(path, MaxScriptBytes, "DataWorks script files")
	var tooLarge *readlimit.TooLargeError
	switch {
	case errors.As(err, &tooLarge):
		return nil, fmt.Errorf("file %q is larger than %s, the limit for a node's script; split it into several nodes", file, readlimit.Size(MaxScriptBytes))
	case err != nil:
		return nil, fmt.Errorf("file %q (%s): %w", file, path, errors.Unwrap(err))
	case !utf8.Valid(src):
		return nil, fmt.Errorf("file %q is not UTF-8 text; DataWorks stores a script as text, so save it as UTF-8", file)
	}
	return src, nil
}
