package dataworks

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A node's output names it for its downstream nodes, and, unlike its id, it survives a
// deploy: DataWorks gives a new node an id of its own (and a default output named by that
// id), but keeps the outputs a spec declares, and a node's output name does not change when
// the node is renamed. wfc therefore names every output it writes WORKFLOW.LOCAL, LOCAL being
// the compiled id of what it stands for (a step id, STEP.join, STEP.case1, STEP.default),
// after the "<project>.<node name>" convention DataWorks uses for the outputs it generates.
// Decompile reads a deployed node's step id back from it (LocalOutput).
//
// Uniqueness is per Alibaba Cloud account, not per workspace: "the output name of each node
// must be unique under your Alibaba Cloud account" (DataWorks scheduling-dependency FAQ,
// https://www.alibabacloud.com/help/doc-detail/146666.htm), and a deploy that breaks it fails
// with "the output name of current workspace:X node:Y and that of workspace:X node:Z are the
// same one ..., can not exported multiple nodes into the same output" (Alibaba's DataWorks
// agent skill, troubleshooting 11b). WORKFLOW.LOCAL is unique in a workspace, since workflow
// names are, and step ids are within a workflow; two workspaces of one account holding a
// workflow of the same name still collide, which no check on one file can see. What else
// DataWorks accepts in an output name is in CheckOutputName; docs/language.md lists what is
// documented and what is not.

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

// OutputNameSeparator separates output names where DataWorks takes several in one field, so
// an output name cannot hold it: ListNodesByOutput's Outputs is "The output name of the
// node. You can specify multiple output names. Separate them with commas (,)."
// (https://www.alibabacloud.com/help/en/dataworks/api-listnodesbyoutput). Documented.
const OutputNameSeparator = ','

// An OutputNameProblem is why DataWorks cannot take a string as a node output name.
type OutputNameProblem struct {
	Offset, Length int    // the offending characters, in bytes of the checked string
	What           string // what the name holds, e.g. "a comma"
	Why            string // why DataWorks minds, for a message
	Fix            string // what to do instead, imperative
}

// CheckOutputName is the first reason DataWorks cannot take data as an output name, or nil.
// Only the separator is documented; the rest is inferred (outputs_inferred.go). What is
// deliberately not checked, for want of any source: a length limit, a character set (dots
// and Chinese are in names DataWorks generates itself, "project.node name"), case.
func CheckOutputName(data string) *OutputNameProblem {
	if i := strings.IndexRune(data, OutputNameSeparator); i >= 0 {
		return &OutputNameProblem{Offset: i, Length: 1,
			What: "a comma",
			Why:  "DataWorks separates output names with commas where it takes several (ListNodesByOutput), so it would read two names",
			Fix:  "remove the comma",
		}
	}
	if i := strings.IndexFunc(data, unicode.IsControl); i >= 0 {
		prob := *controlCharacterProblem
		_, prob.Length = utf8.DecodeRuneInString(data[i:])
		prob.Offset = i
		return &prob
	}
	return nil
}
