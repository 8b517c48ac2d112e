package dataworks

// The FlowSpec document, in the form DataWorks' 2024-05-18 API takes and returns: the Spec
// string of ImportWorkflowDefinition and of GetWorkflowDefinition's answer. Field names, nesting
// and types follow the server shape (the SDK's ImportWorkflowDefinition example, copied to
// testdata/server/sdk-import-example.json) and the Java model of aliyun/dataworks-spec
// (domain/ref/Spec*.java). Struct field order is the order the server writes members in, so
// that a compiled document reads like an exported one; members a type does not model are kept
// verbatim in its Extra and written after the modelled ones, in key order.
//
// Strings are omitted when empty (the server writes "description": "" as often as it leaves
// it out, and both mean the same), except those the schemas require. Optional numbers are
// pointers: the server writes "timeout": 0 and a zero must survive a
// round trip as present, while an absent member must stay absent. Optional objects are
// pointers for the same reason ("inputs": {} is not the same document as no inputs).

// Kinds of FlowSpec document a workflow compiles to (the schema's flow kind enum).
const (
	KindCycleWorkflow  = "CycleWorkflow"
	KindManualWorkflow = "ManualWorkflow"
)

// SpecVersion is the FlowSpec version wfc writes: the one the API documentation and the
// SDK example use.
const SpecVersion = "1.1.0"

// CommandWorkflow is the script.runtime.command of a workflow itself; without it
// CreateWorkflowDefinition fails with "script.runtime.command is empty".
const CommandWorkflow = "WORKFLOW"

// Trigger types (schema trigger.schema.json).
const (
	TriggerScheduler = "Scheduler"
	TriggerManual    = "Manual"
)

// Failure strategies: what the workflow does when a node fails (Java FailureStrategy).
const (
	FailureContinue = "Continue"
	FailureBreak    = "Break"
)

// Commands of the control nodes the compiler writes.
const (
	CommandBranch = "CONTROLLER_BRANCH"
	CommandJoin   = "CONTROLLER_JOIN"
)

// DependNormal is the dependency type for "runs after the upstream node's instance of the
// same cycle" (schema flow.schema.json, Edge.NodeDepend.type).
const DependNormal = "Normal"

// ArtifactNodeOutput is the artifactType of a node output.
const ArtifactNodeOutput = "NodeOutput"

// Document is a whole FlowSpec document: {version, kind, spec}.
type Document struct {
	Version string `json:"version"`
	Kind    string `json:"kind"`
	Spec    Spec   `json:"spec"`
	Extra   Extra  `json:"-"`
}

// Spec is the document's spec member. The API form holds exactly one workflow.
type Spec struct {
	Name      string     `json:"name,omitempty"`
	ID        string     `json:"id,omitempty"`
	Type      string     `json:"type,omitempty"`
	Workflows []Workflow `json:"workflows,omitempty"`
	Extra     Extra      `json:"-"`
}

// Workflow is spec.workflows[i]: the workflow's own script (command WORKFLOW, path = the Data
// Studio folder and name), its trigger and default strategy, its nodes and the dependencies
// between them.
type Workflow struct {
	Script       *Script      `json:"script,omitempty"`
	ID           string       `json:"id,omitempty"`
	Trigger      *Trigger     `json:"trigger,omitempty"`
	Strategy     *Strategy    `json:"strategy,omitempty"`
	Name         string       `json:"name,omitempty"`
	Description  string       `json:"description,omitempty"`
	Inputs       *IO          `json:"inputs,omitempty"`
	Outputs      *IO          `json:"outputs,omitempty"`
	Nodes        []Node       `json:"nodes,omitempty"`
	Dependencies []Dependency `json:"dependencies,omitempty"`
	Extra        Extra        `json:"-"`
}

// Node is one task of a workflow. Timeout is in seconds, RerunInterval in milliseconds
// (schema node.schema.json; the server's default interval is 180000).
type Node struct {
	Recurrence      string           `json:"recurrence,omitempty"`
	ID              string           `json:"id,omitempty"`
	Priority        *int             `json:"priority,omitempty"`
	Timeout         *int             `json:"timeout,omitempty"`
	InstanceMode    string           `json:"instanceMode,omitempty"`
	RerunMode       string           `json:"rerunMode,omitempty"`
	RerunTimes      *int             `json:"rerunTimes,omitempty"`
	RerunInterval   *int             `json:"rerunInterval,omitempty"`
	Datasource      *Datasource      `json:"datasource,omitempty"`
	Script          *Script          `json:"script,omitempty"`
	Trigger         *Trigger         `json:"trigger,omitempty"`
	RuntimeResource *RuntimeResource `json:"runtimeResource,omitempty"`
	Name            string           `json:"name,omitempty"`
	Description     string           `json:"description,omitempty"`
	Inputs          *IO              `json:"inputs,omitempty"`
	Outputs         *IO              `json:"outputs,omitempty"`
	Branch          *Branch          `json:"branch,omitempty"`
	Join            *Join            `json:"join,omitempty"`
	// Strategy carries what a node sets of its strategy beside the members above (Java
	// SpecNode.strategy): wfc writes only failureStrategy there.
	Strategy *Strategy `json:"strategy,omitempty"`
	Extra    Extra     `json:"-"`
}

// Script is what a node or workflow runs: Runtime.Command is the node type (a name from
// NodeTypes, or WORKFLOW), Content the code, Path the Data Studio path ending in the name.
type Script struct {
	Language   string     `json:"language,omitempty"`
	Path       string     `json:"path,omitempty"`
	Runtime    *Runtime   `json:"runtime,omitempty"`
	ID         string     `json:"id,omitempty"`
	Content    string     `json:"content,omitempty"`
	Parameters []Variable `json:"parameters,omitempty"`
	Extra      Extra      `json:"-"`
}

// Runtime is script.runtime. CommandTypeID is the numeric code of Command (NodeType.Code),
// which the server writes back.
type Runtime struct {
	Engine        string `json:"engine,omitempty"`
	Command       string `json:"command"`
	CommandTypeID int    `json:"commandTypeId,omitempty"`
	Extra         Extra  `json:"-"`
}

// Trigger is when a workflow or node runs. Cron is Quartz with seconds ("00 30 02 * * ?",
// see ValidateCron); StartTime and EndTime are "yyyy-MM-dd HH:mm:ss"; DelaySeconds in seconds.
type Trigger struct {
	Type         string `json:"type"`
	ID           string `json:"id,omitempty"`
	Cron         string `json:"cron,omitempty"`
	StartTime    string `json:"startTime,omitempty"`
	EndTime      string `json:"endTime,omitempty"`
	Timezone     string `json:"timezone,omitempty"`
	DelaySeconds *int   `json:"delaySeconds,omitempty"`
	Extra        Extra  `json:"-"`
}

// Strategy is a workflow's default scheduling strategy (Java SpecScheduleStrategy). Timeout
// in seconds, RerunInterval in milliseconds.
type Strategy struct {
	Priority        *int   `json:"priority,omitempty"`
	Timeout         *int   `json:"timeout,omitempty"`
	InstanceMode    string `json:"instanceMode,omitempty"`
	RerunMode       string `json:"rerunMode,omitempty"`
	RerunTimes      *int   `json:"rerunTimes,omitempty"`
	RerunInterval   *int   `json:"rerunInterval,omitempty"`
	FailureStrategy string `json:"failureStrategy,omitempty"`
	Extra           Extra  `json:"-"`
}

// Datasource names the data source a node runs against (e.g. {odps_first, odps}).
type Datasource struct {
	Name  string `json:"name"`
	Type  string `json:"type,omitempty"`
	Extra Extra  `json:"-"`
}

// RuntimeResource names the resource group a node runs on.
type RuntimeResource struct {
	ResourceGroup   string `json:"resourceGroup,omitempty"`
	ID              string `json:"id,omitempty"`
	ResourceGroupID string `json:"resourceGroupId,omitempty"`
	Extra           Extra  `json:"-"`
}

// IO is a node's or workflow's inputs or outputs. Tables are left in Extra.
type IO struct {
	Variables   []Variable   `json:"variables,omitempty"`
	NodeOutputs []NodeOutput `json:"nodeOutputs,omitempty"`
	Extra       Extra        `json:"-"`
}

// NodeOutput is an output other nodes depend on: Data is its identifier (by default the
// node's id, or "<project>.<name>"), RefTableName the node's name.
type NodeOutput struct {
	Data         string `json:"data"`
	ArtifactType string `json:"artifactType,omitempty"`
	RefTableName string `json:"refTableName,omitempty"`
	IsDefault    *bool  `json:"isDefault,omitempty"`
	Extra        Extra  `json:"-"`
}

// Variable is a parameter (script.parameters) or an input/output variable.
type Variable struct {
	Name         string `json:"name"`
	ArtifactType string `json:"artifactType,omitempty"`
	Scope        string `json:"scope,omitempty"`
	Type         string `json:"type,omitempty"`
	Value        string `json:"value"`
	Description  string `json:"description,omitempty"`
	Extra        Extra  `json:"-"`
}

// Dependency says that node NodeID runs after everything in Depends.
type Dependency struct {
	NodeID  string   `json:"nodeId"`
	Depends []Depend `json:"depends"`
	Extra   Extra    `json:"-"`
}

// Depend is one upstream of a Dependency: an upstream node's Output (its NodeOutput.Data)
// or, in the older form, its NodeID.
type Depend struct {
	Type         string `json:"type"`
	Output       string `json:"output,omitempty"`
	RefTableName string `json:"refTableName,omitempty"`
	NodeID       string `json:"nodeId,omitempty"`
	Extra        Extra  `json:"-"`
}

// Branch is the branch member of a CONTROLLER_BRANCH node: conditions evaluated in order,
// the first that holds activates its output.
type Branch struct {
	Branches []BranchCase `json:"branches"`
	Extra    Extra        `json:"-"`
}

// BranchCase is one arm of a Branch. Downstream nodes depend on Output.Data.
type BranchCase struct {
	When   string      `json:"when"`
	Desc   string      `json:"desc,omitempty"`
	Output *NodeOutput `json:"output,omitempty"`
	Extra  Extra       `json:"-"`
}

// Join is the join member of a CONTROLLER_JOIN node, which lets a step after a switch run
// whichever arm ran: each branch watches the output of a node on one arm, its assertion says
// which run statuses satisfy it, and Logic combines the branch names ("b_1 and b_2").
// Shape: Java SpecJoin/SpecJoinBranch/SpecLogic/SpecAssertion of aliyun/dataworks-spec, and
// Alibaba's CONTROLLER_JOIN node documentation (its agent skill), which gives the status codes
// "1" (ran), "2" (not run: its arm was not selected), "3" (failed).
type Join struct {
	Branches []JoinBranch `json:"branches"`
	Logic    *JoinLogic   `json:"logic,omitempty"`
	Extra    Extra        `json:"-"`
}

// JoinBranch is one watched upstream of a Join.
type JoinBranch struct {
	Name      string         `json:"name"`
	Output    *NodeOutput    `json:"output,omitempty"`
	Assertion *JoinAssertion `json:"assertion,omitempty"`
	Extra     Extra          `json:"-"`
}

// JoinAssertion says which values of Field ("status") satisfy a JoinBranch.
type JoinAssertion struct {
	Field string   `json:"field"`
	In    []string `json:"in"`
	Extra Extra    `json:"-"`
}

// JoinLogic is the boolean expression over JoinBranch names that decides the join.
type JoinLogic struct {
	Expression string `json:"expression"`
	Extra      Extra  `json:"-"`
}

// Int returns a pointer to n, for the optional numbers above.
func Int(n int) *int { return &n }

// Bool returns a pointer to b.
func Bool(b bool) *bool { return &b }

// Variables: the artifactType, scopes and types wfc writes (schema artifact.schema.json).
const (
	ArtifactVariable   = "Variable"
	ScopeWorkflow      = "Workflow"
	ScopeNodeParameter = "NodeParameter"
	VariableConstant   = "Constant"
	VariableSystem     = "System" // a scheduling parameter DataWorks fills in: $bizdate, $[yyyymmdd-1]
)

// JoinStatusRan is the status a join branch asserts: its upstream ran and succeeded (see Join).
const JoinStatusRan = "1"
