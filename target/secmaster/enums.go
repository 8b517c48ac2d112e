package secmaster

import "github.com/wfc-dev/wfc/workflow"

// aopTypes spells each workflow type as the create-version aop_type.
var aopTypes = map[string]string{
	"general":       "NORMAL",
	"investigation": "SURVEY",
	"containment":   "HEMOSTASIS",
	"mitigation":    "EASE",
}

// logLevels spells each log level as taskconfig.trigger.advanced.log_level.
var logLevels = map[string]string{"debug": "Debug", "info": "Info", "warn": "Warn", "error": "Error"}

// AopType is the create-version aop_type of w: NORMAL (general, and when w has no type),
// SURVEY, HEMOSTASIS or EASE; "" for a type the schema has reported.
func AopType(w *workflow.Workflow) string { return aopTypes[w.TypeName()] }

// LogLevel is the taskconfig log_level of w: Debug, Info (the default), Warn or Error; ""
// for a level the schema has reported.
func LogLevel(w *workflow.Workflow) string { return logLevels[w.LogLevelName()] }
