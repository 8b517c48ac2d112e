package dataworks

import (
	"fmt"
	"path"

	"github.com/wfc-dev/wfc/internal/suggest"
)

// NodeType is one DataWorks node type: what a `run: {command: …}` step names and what a
// node's script.runtime.command holds.
type NodeType struct {
	Command string // the CodeProgramType enum constant, e.g. ODPS_SQL
	Code    int    // script.runtime.commandTypeId, e.g. 10
	Engine  string // the CalcEngineType constant, e.g. ODPS, GENERAL, HOLO
	// JavaExt is CodeProgramType's extension ("" for null): DataWorks' own local file naming.
	JavaExt string
	// Ext is the extension a decompiler gives the file holding the node's code, "" when the
	// node carries no code (see scriptExt).
	Ext string
	// Language is the script.language FlowSpec writes for this type, "" when it writes none
	// (nodetypes_facts.go).
	Language string
	// DatasourceType is the type of data source the node must name (its datasource.type,
	// e.g. odps, hologres), "" when it needs none (nodetypes_facts.go and, for the few types
	// Alibaba does not document, nodetypes_inferred.go).
	DatasourceType string
}

// NeedsDatasource reports whether DataWorks requires the node to name a data source.
func (t NodeType) NeedsDatasource() bool { return t.DatasourceType != "" }

// codeProgramType is one row of CodeProgramType.java (nodetypes_table.go).
type codeProgramType struct {
	command string
	code    int
	label   string // the Java name field, shown by DataWorks; not used by the API
	engine  string
	javaExt string
}

var (
	nodeTypes      = buildNodeTypes()
	nodeTypeByName = indexNodeTypes(nodeTypes)
	nodeTypeNames  = namesOf(nodeTypes)
)

func buildNodeTypes() []NodeType {
	out := make([]NodeType, 0, len(codeProgramTypes))
	for _, r := range codeProgramTypes {
		ds, documented := documentedDatasourceTypes[r.command]
		if !documented {
			ds = inferredDatasourceTypes[r.command]
		}
		out = append(out, NodeType{
			Command:        r.command,
			Code:           r.code,
			Engine:         r.engine,
			JavaExt:        r.javaExt,
			Ext:            scriptExt(r.javaExt),
			Language:       scriptLanguages[r.command],
			DatasourceType: ds,
		})
	}
	return out
}

func indexNodeTypes(types []NodeType) map[string]NodeType {
	m := make(map[string]NodeType, len(types))
	for _, t := range types {
		m[t.Command] = t
	}
	return m
}

func namesOf(types []NodeType) []string {
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = t.Command
	}
	return names
}

// NodeTypes returns every node type, in CodeProgramType's order.
func NodeTypes() []NodeType { return append([]NodeType(nil), nodeTypes...) }

// LookupNodeType finds a node type by its exact command name. DataWorks itself matches names
// ignoring case, but wfc asks for the one spelling, so that a compiled spec compares equal to
// the deployed one; NodeTypeError suggests it.
func LookupNodeType(command string) (NodeType, bool) {
	t, ok := nodeTypeByName[command]
	return t, ok
}

// NodeTypeByCode finds a node type by its numeric code (script.runtime.commandTypeId).
func NodeTypeByCode(code int) (NodeType, bool) {
	for _, t := range nodeTypes {
		if t.Code == code {
			return t, true
		}
	}
	return NodeType{}, false
}

// NodeTypeError is the message for a command that is not a node type: what is wrong, the
// likely meant name, or else where the names come from.
func NodeTypeError(command string) string {
	msg := fmt.Sprintf("%q is not a DataWorks node type", command)
	if hint := suggest.Hint(command, nodeTypeNames); hint != "" {
		return msg + hint
	}
	return msg + "; use a name from DataWorks' CodeProgramType, such as ODPS_SQL, DIDE_SHELL, PYTHON, HOLOGRES_SQL or DI"
}

// editorExts are the extensions editors recognise that CodeProgramType ends in.
var editorExts = map[string]bool{".sql": true, ".sh": true, ".py": true, ".json": true, ".pl": true}

// scriptExt is the rule for the file a decompiler writes a node's code to:
//   - the last dot-separated part of CodeProgramType's extension when editors know it, so
//     that the file opens with the right highlighting: ".mc.xlib.py" → ".py",
//     ".assign.json" → ".json", ".mr.sql" → ".sql";
//   - ".sql" for ".ms" (ODPS_SCRIPT, MaxCompute script mode, whose content is SQL: "Content
//     format: sql" on its page of Alibaba's node-type documentation, see nodetypes_facts.go);
//   - "" otherwise: no extension in the Java (null), or a marker (".vi", ".do-while-start")
//     for nodes that carry no code, so there is no file to write.
func scriptExt(javaExt string) string {
	if javaExt == ".ms" {
		return ".sql"
	}
	if ext := path.Ext(javaExt); editorExts[ext] {
		return ext
	}
	return ""
}

// String names the node type in messages: its command and code.
func (t NodeType) String() string {
	return fmt.Sprintf("%s (%d)", t.Command, t.Code)
}
