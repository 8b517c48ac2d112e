package dataworks

// Documented facts about node types beyond CodeProgramType.java. Every entry has a source;
// what is inferred instead lives in nodetypes_inferred.go.

// scriptLanguages is the script.language DataWorks' own migration tool writes for a node type:
// BasicNodeSpecHandler.getScriptLanguage in aliyun/dataworks-spec @ b5d8136
// (client/migrationx/migrationx-domain/migrationx-domain-dataworks/.../spec/handler/
// BasicNodeSpecHandler.java), with LanguageEnum's identifiers. The server-shape specs in
// testdata/server agree (ODPS_SQL "odps-sql", PYODPS3 "python3"). Types it maps to nothing
// get no language.
var scriptLanguages = map[string]string{
	"SHELL":           "shell-script",
	"DIDE_SHELL":      "shell-script",
	"CDH_SHELL":       "shell-script",
	"EMR_SPARK_SHELL": "shell-script",
	"CDH_SPARK_SHELL": "shell-script",
	"EMR_SHELL":       "shell-script",
	"EMR_HIVE_CLI":    "shell-script",
	"PERL":            "shell-script",
	"EMR_SPARK_SQL":   "spark-sql",
	"CDH_HIVE":        "hive-sql",
	"HIVE":            "hive-sql",
	"EMR_HIVE":        "hive-sql",
	"EMR_IMPALA":      "impala-sql",
	"CDH_IMPALA":      "impala-sql",
	"CLICK_SQL":       "clickhouse-sql",
	"ODPS_SQL":        "odps-sql",
	"ODPS_PERL":       "odps-sql",
	"ODPS_SCRIPT":     "odps-script",
	"EMR_PRESTO":      "presto-sql",
	"CDH_PRESTO":      "presto-sql",
	"PYODPS":          "python2",
	"PYODPS3":         "python3",
	"DATAX2":          "json",
	"DATAX":           "json",
	"RI":              "json",
	"DI":              "json",
	"HOLOGRES_SQL":    "hologres-sql",
}

// documentedDatasourceTypes is the data source type each node type must name, "" for none:
// the "Data source type" line of Alibaba's per-type documentation in its DataWorks agent
// skill (github.com/aliyun/alibabacloud-aiops-skills @ 1202ecc,
// skills/analyticscomputing/dide/alibabacloud-dataworks-datastudio-develop/references/
// nodetypes/<category>/<COMMAND>.md; its flowspec-guide.md: "Node types that require a data
// source must configure this field. Whether a data source is needed is determined by the
// datasourceType"). A documented type without that line needs none (e.g. DI: "No node-level
// datasource", di-guide.md).
var documentedDatasourceTypes = map[string]string{
	// GENERAL engine (references/nodetypes/general, controller, custom): none.
	"DIDE_SHELL": "", "PERL": "", "COMBINED_NODE": "", "VIRTUAL": "",
	"CONTROLLER_ASSIGNMENT": "", "CONTROLLER_BRANCH": "", "CONTROLLER_JOIN": "",
	"CONTROLLER_CYCLE": "", "CONTROLLER_CYCLE_START": "", "CONTROLLER_CYCLE_END": "",
	"CONTROLLER_TRAVERSE": "", "CONTROLLER_TRAVERSE_START": "", "CONTROLLER_TRAVERSE_END": "",
	"SCHEDULER_TRIGGER": "", "PARAM_HUB": "", "FTP_CHECK": "", "SSH": "", "CHECK": "",
	"OSS_INSPECT": "", "CROSS_TENANTS": "", "PYTHON": "", "DATA_PUSH": "",
	"DATA_QUALITY_MONITOR": "", "CUSTOM": "",
	// Data Integration (references/nodetypes/data_integration): data sources live in the job.
	"DATAX": "", "DI": "",
	// MaxCompute (references/nodetypes/maxcompute).
	"YSF_DESEN": "odps", "ODPS_XLIB": "odps", "ODPS_PERL": "odps", "ODPS_SQL": "odps",
	"EXTREME_STORAGE": "odps", "ODPS_MR": "odps", "PYODPS3": "odps", "ODPS_SCRIPT": "odps",
	"PYODPS": "odps", "ODPS_SHARK": "odps", "ODPS_SPARK": "odps", "COMPONENT_SQL": "odps",
	"SQL_COMPONENT": "odps", "ODPS_PYTHON": "odps", "ODPS_JAR": "odps", "ODPS_ARCHIVE": "odps",
	"ODPS_FILE": "odps", "ODPS_DDL": "odps", "ODPS_TABLE": "odps", "ODPS_FUNCTION": "odps",
	"DATASERVICE_STUDIO": "odps",
	// EMR (references/nodetypes/emr).
	"EMR_HIVE": "emr", "EMR_SPARK": "emr", "EMR_SPARK_SQL": "emr", "EMR_MR": "emr",
	"EMR_SHELL": "emr", "EMR_SPARK_SHELL": "emr", "EMR_PRESTO": "emr", "EMR_IMPALA": "emr",
	"EMR_SCOOP": "emr", "EMR_SPARK_STREAMING": "emr", "EMR_HIVE_CLI": "emr",
	"EMR_STREAMING_SQL": "emr", "EMR_TRINO": "emr", "EMR_KYUUBI": "emr", "EMR_JAR": "emr",
	"EMR_FILE": "emr", "EMR_TABLE": "emr", "EMR_FUNCTION": "emr",
	// CDH (references/nodetypes/cdh).
	"CDH_HIVE": "cdh", "CDH_SPARK": "cdh", "CDH_SPARK_SQL": "cdh", "CDH_MR": "cdh",
	"CDH_SHELL": "cdh", "CDH_SPARK_SHELL": "cdh", "CDH_PRESTO": "cdh", "CDH_IMPALA": "cdh",
	"CDH_JAR": "cdh", "CDH_FILE": "cdh", "CDH_TABLE": "cdh", "CDH_FUNCTION": "cdh",
	// Algorithms (references/nodetypes/ai).
	"PAI": "pai", "PAI_STUDIO": "pai", "RECOMMEND_PLUS": "pai", "PAI_DLC": "pai",
	"ALINK": "pai", "XLAB": "pai",
	// Hologres (references/nodetypes/hologres).
	"HOLOGRES_DEVELOP": "hologres", "HOLOGRES_SYNC": "hologres", "HOLOGRES_SQL": "hologres",
	"HOLOGRES_SYNC_DDL": "hologres", "HOLOGRES_SYNC_DATA": "hologres",
	// Flink (references/nodetypes/flink).
	"BLINK_SQL": "flink", "FLINK_SQL_BATCH": "flink", "FLINK_SQL_STREAM": "flink",
	"BLINK_BATCH_SQL": "flink", "BLINK_DATASTREAM": "flink",
	// Databases (references/nodetypes/database).
	"CLICK_SQL": "clickhouse", "POSTGRESQL": "postgresql", "MYSQL": "mysql",
	"SQLSERVER": "sqlserver", "Oracle": "oracle", "StarRocks": "starrocks", "DRDS": "drds",
	"Doris": "doris", "Mariadb": "mariadb", "Selectdb": "selectdb", "Redshift": "redshift",
	"Saphana": "saphana", "Vertica": "vertica", "OceanBase": "oceanbase", "DB2": "db2",
	"ADB_for_PostgreSQL": "adb_pg", "ADB_for_MySQL": "adb_mysql",
}
