package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/secmaster/exportfile"
)

const importUsage = `usage: wfc import [--target T] FILE

Uploads a workflow import file (from 'wfc package' or 'wfc export') to SecMaster. The file is
checked first, so a damaged file is refused before anything is sent. The import is not
retried once sent: when its outcome is unknown, check the workflows before importing again.

`

func runImport(e *env, args []string) int {
	return interruptible(e, func(ctx context.Context, e *env) int { return importFile(ctx, e, args) })
}

func importFile(ctx context.Context, e *env, args []string) int {
	var rf remoteFlags
	fs := newFlagSet(e, "import", importUsage+remoteFlagsHelp)
	rf.register(fs)
	files, code, done := parseCommandFlags(e, fs, args)
	if done {
		return code
	}
	if len(files) != 1 {
		return fail(e, exitUsage, "import: give exactly one import file; run 'wfc import -h' for usage")
	}
	file := files[0]
	data, err := readInputFile(file, secmaster.MaxExportBytes, "export files")
	if err != nil {
		return fail(e, exitUsage, "import: %v", err)
	}
	wfs, err := exportfile.Parse(data)
	if err != nil {
		return fail(e, exitUsage, "import: %s: %v", file, err)
	}
	client, _, err := rf.client(e, ".")
	if err != nil {
		return fail(e, exitUsage, "import: %v", err)
	}
	if err := client.Import(ctx, filepath.Base(file), data); err != nil {
		if errors.Is(err, secmaster.ErrAmbiguous) {
			return fail(e, exitProblems, "import: %v; list the workflows in the console before importing again, or the workflows may be imported twice", err)
		}
		return fail(e, exitProblems, "import: %s", explainRemote(err))
	}
	versions := 0
	for _, w := range wfs {
		versions += len(w.Versions)
	}
	fmt.Fprintf(e.stdout, "imported %s: %d %s, %d %s\n", file, len(wfs), plural(len(wfs), "workflow", "workflows"),
		versions, plural(versions, "version", "versions"))
	return exitOK
}
