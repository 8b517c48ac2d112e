package dataworks

// INFERRED, NOT DOCUMENTED. The node types below are in CodeProgramType.java but have no page
// in Alibaba's per-type documentation (see documentedDatasourceTypes), so whether they need a
// data source is inferred from their calculation engine: every documented type of engine ODPS
// needs an odps data source, and no documented type of engine GENERAL or DI needs one. Replace
// an entry with a documented fact when one turns up; TestNodeTypeFactsHaveOneSource keeps each
// type in exactly one of the two maps.
var inferredDatasourceTypes = map[string]string{
	"HIVE":           "odps", // engine ODPS in CodeProgramType, extension .sql
	"ODPS_SPARK_SQL": "odps", // engine ODPS
	// Engine GENERAL: the legacy shell type, a virtual workflow, the wait controller.
	"SHELL": "", "VIRTUAL_WORKFLOW": "", "CONTROLLER_WAIT": "",
	// Engine DI: older synchronisation types; like DI, their data sources live in the job.
	"DATAX2": "", "DT": "", "CDP": "", "RI": "", "DD_MERGE": "", "TT_MERGE": "",
}
