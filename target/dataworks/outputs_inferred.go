package dataworks

// INFERRED, NOT DOCUMENTED. No DataWorks document, FlowSpec schema (artifact.schema.json
// types nodeOutput's output as a bare string) or SDK model says what characters an output
// name may hold beyond the separator (outputs.go). The limit below is inferred: every output
// name the documents show or DataWorks generates is one line of printable text
// ("project.table", "project.node name", "project.123_out"), the console adds one by typing
// it into an input field and clicking Add (the batch-synchronisation dependency guide,
// https://www.alibabacloud.com/help/en/dataworks/user-guide/scenario-1-configure-scheduling-dependencies-for-batch-synchronization-nodes-in-a-workflow),
// and the API field that lists output names (ListNodesByOutput's Outputs) is one line of
// comma-separated names. Replace it with a documented fact when one turns up.

// controlCharacterProblem is a control character (a line break, a tab) in an output name.
var controlCharacterProblem = &OutputNameProblem{
	What: "a control character (a line break or tab)",
	Why:  "DataWorks shows and edits an output name as one line of text (inferred: no document allows more)",
	Fix:  "write the name on one line, with spaces instead of tabs",
}
