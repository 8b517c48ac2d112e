package dataworks

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// javaEnumRow matches one constant of CodeProgramType:
// NAME(code, "label", CalcEngineType.ENGINE, LabelType.X|null, ".ext"|null),
var javaEnumRow = regexp.MustCompile(`(?m)^\s+([A-Za-z_0-9]+)\((\d+),\s*"([^"]*)",\s*CalcEngineType\.(\w+),\s*(?:LabelType\.\w+|null),\s*(?:"([^"]*)"|null)\)`)

// javaEnumStart matches anything that looks like the start of a constant, so that a row the
// precise pattern cannot read is noticed rather than skipped.
var javaEnumStart = regexp.MustCompile(`(?m)^\s+[A-Za-z_0-9]+\(\d+,`)

func TestNodeTypeTableMatchesCodeProgramType(t *testing.T) {
	java, err := os.ReadFile("testdata/CodeProgramType.java")
	if err != nil {
		t.Fatal(err)
	}
	rows := javaEnumRow.FindAllStringSubmatch(string(java), -1)
	if starts := len(javaEnumStart.FindAllString(string(java), -1)); starts != len(rows) {
		t.Fatalf("the Java has %d constants but only %d could be read", starts, len(rows))
	}
	if len(rows) != len(codeProgramTypes) {
		t.Errorf("the Java has %d node types, the Go table %d", len(rows), len(codeProgramTypes))
	}
	for i, r := range rows {
		code, _ := strconv.Atoi(r[2])
		want := codeProgramType{command: r[1], code: code, label: r[3], engine: r[4], javaExt: r[5]}
		if i >= len(codeProgramTypes) || codeProgramTypes[i] != want {
			t.Errorf("row %d: Java %+v, Go table %+v", i, want, codeProgramTypes[min(i, len(codeProgramTypes)-1)])
		}
	}
}

// Each type's data-source fact comes from exactly one place, and no fact names a type that
// does not exist (a typo there would silently never apply).
func TestNodeTypeFactsHaveOneSource(t *testing.T) {
	for _, r := range codeProgramTypes {
		_, documented := documentedDatasourceTypes[r.command]
		_, inferred := inferredDatasourceTypes[r.command]
		if documented == inferred {
			t.Errorf("%s: documented %v, inferred %v; want exactly one", r.command, documented, inferred)
		}
	}
	languages := map[string]bool{"shell-script": true, "spark-sql": true, "hive-sql": true, "impala-sql": true,
		"clickhouse-sql": true, "odps-sql": true, "odps-script": true, "presto-sql": true, "python2": true,
		"python3": true, "json": true, "hologres-sql": true} // LanguageEnum identifiers getScriptLanguage uses
	for name, facts := range map[string]map[string]string{
		"documentedDatasourceTypes": documentedDatasourceTypes,
		"inferredDatasourceTypes":   inferredDatasourceTypes,
		"scriptLanguages":           scriptLanguages,
	} {
		for cmd, v := range facts {
			if _, ok := LookupNodeType(cmd); !ok {
				t.Errorf("%s names %q, which is not a node type", name, cmd)
			}
			if name == "scriptLanguages" && !languages[v] {
				t.Errorf("scriptLanguages[%s] = %q, not a LanguageEnum identifier", cmd, v)
			}
		}
	}
}

func TestNodeTypeEntries(t *testing.T) {
	cases := []NodeType{
		{Command: "ODPS_SQL", Code: 10, Engine: "ODPS", JavaExt: ".sql", Ext: ".sql", Language: "odps-sql", DatasourceType: "odps"},
		{Command: "DIDE_SHELL", Code: 6, Engine: "GENERAL", JavaExt: ".sh", Ext: ".sh", Language: "shell-script"},
		{Command: "PYTHON", Code: 1322, Engine: "GENERAL", JavaExt: ".py", Ext: ".py"},
		{Command: "HOLOGRES_SQL", Code: 1093, Engine: "HOLO", JavaExt: ".sql", Ext: ".sql", Language: "hologres-sql", DatasourceType: "hologres"},
		{Command: "DI", Code: 23, Engine: "DI", JavaExt: ".json", Ext: ".json", Language: "json"},
		{Command: "ODPS_SCRIPT", Code: 24, Engine: "ODPS", JavaExt: ".ms", Ext: ".sql", Language: "odps-script", DatasourceType: "odps"},
		{Command: "ODPS_XLIB", Code: 8, Engine: "ODPS", JavaExt: ".mc.xlib.py", Ext: ".py", DatasourceType: "odps"},
		{Command: "CONTROLLER_BRANCH", Code: 1101, Engine: "GENERAL", JavaExt: ".branch.json", Ext: ".json"},
		{Command: "CONTROLLER_CYCLE_START", Code: 1104, Engine: "GENERAL", JavaExt: ".do-while-start"},
		{Command: "VIRTUAL", Code: 99, Engine: "GENERAL", JavaExt: ".vi"},
		{Command: "EMR_HIVE_CLI", Code: 265, Engine: "EMR", Language: "shell-script", DatasourceType: "emr"},
		{Command: "PERL", Code: 31, Engine: "GENERAL", JavaExt: ".pl", Ext: ".pl", Language: "shell-script"},
		{Command: "HIVE", Code: 3, Engine: "ODPS", JavaExt: ".sql", Ext: ".sql", Language: "hive-sql", DatasourceType: "odps"},
		{Command: "StarRocks", Code: 1306, Engine: "DATABASE", JavaExt: ".sql", Ext: ".sql", DatasourceType: "starrocks"},
	}
	for _, want := range cases {
		got, ok := LookupNodeType(want.Command)
		if !ok || got != want {
			t.Errorf("LookupNodeType(%s) = %+v, %v\nwant %+v", want.Command, got, ok, want)
		}
		if byCode, ok := NodeTypeByCode(want.Code); !ok || byCode != want {
			t.Errorf("NodeTypeByCode(%d) = %+v, %v", want.Code, byCode, ok)
		}
		if got.NeedsDatasource() != (want.DatasourceType != "") {
			t.Errorf("%s.NeedsDatasource() = %v", want.Command, got.NeedsDatasource())
		}
	}
	if len(NodeTypes()) != len(codeProgramTypes) {
		t.Errorf("NodeTypes() has %d entries, want %d", len(NodeTypes()), len(codeProgramTypes))
	}
	if _, ok := LookupNodeType("odps_sql"); ok {
		t.Error("LookupNodeType matched a name in the wrong case; wfc asks for the one spelling")
	}
}

// What DataWorks wrote into the server-shape specs agrees with the table: the code of each
// command everywhere, and the language of each script in the specs DataWorks exported itself
// (real-case-*: 19-digit ids, tenant metadata). The others come out of MigrationX's
// DolphinScheduler converter, which writes its own languages ("sql", "shell").
func TestNodeTypesAgreeWithServerSpecs(t *testing.T) {
	seen := 0
	for _, file := range serverShapeFiles(t) {
		text, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Decode(text)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range doc.Spec.Workflows[0].Nodes {
			nt, ok := LookupNodeType(n.Script.Runtime.Command)
			if !ok {
				t.Errorf("%s: node %s has unknown command %q", file, n.Name, n.Script.Runtime.Command)
				continue
			}
			exported := strings.HasPrefix(filepath.Base(file), "real-case-")
			if lang := n.Script.Language; exported && lang != "" && lang != nt.Language {
				t.Errorf("%s: %s script.language %q, table %q", file, nt.Command, lang, nt.Language)
			}
			if id := n.Script.Runtime.CommandTypeID; id != 0 && id != nt.Code {
				t.Errorf("%s: %s commandTypeId %d, table %d", file, nt.Command, id, nt.Code)
			}
			seen++
		}
	}
	if seen < 10 {
		t.Errorf("checked only %d nodes", seen)
	}
}

func TestNodeTypeError(t *testing.T) {
	cases := map[string]string{
		"ODPS_SQLL":   `"ODPS_SQLL" is not a DataWorks node type; did you mean "ODPS_SQL"?`,
		"odps_sql":    `"odps_sql" is not a DataWorks node type; did you mean "ODPS_SQL"?`,
		"DIDE_SEHLL":  `"DIDE_SEHLL" is not a DataWorks node type; did you mean "DIDE_SHELL"?`,
		"HOLOGRESSQL": `"HOLOGRESSQL" is not a DataWorks node type; did you mean "HOLOGRES_SQL"?`,
		"bash":        `"bash" is not a DataWorks node type; use a name from DataWorks' CodeProgramType, such as ODPS_SQL, DIDE_SHELL, PYTHON, HOLOGRES_SQL or DI`,
	}
	for cmd, want := range cases {
		if got := NodeTypeError(cmd); got != want {
			t.Errorf("NodeTypeError(%q) =\n%s\nwant\n%s", cmd, got, want)
		}
	}
	if s := (NodeType{Command: "ODPS_SQL", Code: 10}).String(); !strings.Contains(s, "ODPS_SQL (10)") {
		t.Errorf("String() = %q", s)
	}
}
