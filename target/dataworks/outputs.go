package dataworks

import "strings"

// A node's output names it for its downstream nodes, and, unlike its id, it survives a
// deploy: DataWorks gives a new node an id of its own (and a default output named by that
// id), but keeps the outputs a spec declares, and a node's output name does not change when
// the node is renamed. DataWorks also requires an output name to be unique across the
// account, so a bare step id ("load") would collide with another workflow's step of that id.
// wfc therefore names every output it writes WORKFLOW.LOCAL, LOCAL being the compiled id of
// what it stands for (a step id, STEP.join, STEP.case1, STEP.default), after the
// "<project>.<node name>" convention DataWorks uses for the outputs it generates: unique in a
// workspace, since workflow names are, and step ids are within a workflow. Decompile reads a
// deployed node's step id back from it (LocalOutput).

// OutputName is the output name of local (a compiled node id or branch output) in the
// workflow named workflow; local itself when the workflow has no name.
func OutputName(workflow, local string) string {
	if workflow == "" {
		return local
	}
	return workflow + "." + local
}

// LocalOutput is the local part of an output name OutputName gave in the workflow named
// workflow, and false when data is not of that form (an output DataWorks made, or one named
// by an older wfc, which wrote the local part alone).
func LocalOutput(workflow, data string) (string, bool) {
	if workflow == "" {
		return "", false
	}
	local, ok := strings.CutPrefix(data, workflow+".")
	return local, ok && local != ""
}
