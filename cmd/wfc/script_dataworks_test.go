package main

import (
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/dataworkstest"
)

// The dw-* script commands drive a dataworkstest emulator started for one script, as the sm-*
// commands (script_emulator_test.go) drive the SecMaster one:
//
//	dw-start [-ak AK -sk SK [-sectoken ST]] [-lag N]
//	    start an emulator on loopback and set WFC_DATAWORKS_ENDPOINT, WFC_DATAWORKS_PROJECT_ID
//	    and the ALIBABA_CLOUD_* credentials (default: the emulator's made-up pair); -lag N
//	    lands an accepted import N requests later
//	dw-fault ACTION KIND [xN] [commit] [code=CODE] [msg=TEXT]
//	    queue N (default 1) faults for ACTION (e.g. ImportWorkflowDefinition): KIND is an HTTP
//	    status, drop (close the connection), hang (a timeout) or truncate (half the answer,
//	    then a closed connection); commit applies the request first (the ambiguous case)
//	dw-fail-stage CODE MESSAGE...  pipeline runs created from now on fail at stage CODE
//	dw-workflows N             the emulator holds N workflows
//	dw-workflow-id NAME VAR    set $VAR to the id of the one workflow named NAME
//	dw-node-id NAME NODE VAR   set $VAR to the id of node NODE of workflow NAME
//	dw-workflow-is NAME ID     the one workflow named NAME has the id ID
//	dw-node-is NAME NODE ID    node NODE of workflow NAME has the id ID
//	dw-applied ACTION N        N requests of ACTION took effect (faulted or not)
//	dw-requests ACTION N       the emulator saw N requests of ACTION
//	dw-writes N                N requests of actions that change state were received
var dataWorksCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"dw-start":       dwStart,
	"dw-fault":       dwFault,
	"dw-fail-stage":  dwFailStage,
	"dw-workflows":   dwWorkflows,
	"dw-workflow-id": dwWorkflowID,
	"dw-node-id":     dwNodeID,
	"dw-workflow-is": dwWorkflowIs,
	"dw-node-is":     dwNodeIs,
	"dw-applied":     dwApplied,
	"dw-requests":    dwRequests,
	"dw-writes":      dwWrites,
}

func init() {
	for name, cmd := range dataWorksCmds {
		emulatorCmds[name] = cmd
	}
}

// dataWorksEnv are the variables that point wfc at a DataWorks workspace; scripts start
// with them empty, whatever the machine running the tests has set.
var dataWorksEnv = []string{dataworks.EnvAccessKeyID, dataworks.EnvAccessKeySecret, dataworks.EnvSecurityToken,
	dataworks.EnvRegion, dataworks.EnvEndpoint, dataworks.EnvProjectID, envPollInterval}

// dataWorksKey holds the script's *dataworkstest.Server slot in testscript's values.
type dataWorksKey struct{}

type dataWorksSlot struct{ srv *dataworkstest.Server }

func setupDataWorksSlot(e *testscript.Env) {
	for _, k := range dataWorksEnv {
		e.Setenv(k, "")
	}
	slot := &dataWorksSlot{}
	e.Values[dataWorksKey{}] = slot
	e.Defer(func() {
		if slot.srv != nil {
			slot.srv.Close()
		}
	})
}

func dwServer(ts *testscript.TestScript) *dataworkstest.Server {
	slot := ts.Value(dataWorksKey{}).(*dataWorksSlot)
	if slot.srv == nil {
		ts.Fatalf("no DataWorks emulator: run dw-start first")
	}
	return slot.srv
}

func dwStart(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "dw-start")
	slot := ts.Value(dataWorksKey{}).(*dataWorksSlot)
	if slot.srv != nil {
		ts.Fatalf("dw-start: an emulator is already running")
	}
	ak, sk, st := dataworkstest.DefaultAccessKeyID, dataworkstest.DefaultAccessKeySecret, ""
	opts := dataworkstest.Options{}
	for i := 0; i < len(args); i++ {
		if i+1 >= len(args) {
			ts.Fatalf("dw-start: %s needs a value", args[i])
		}
		val := args[i+1]
		switch args[i] {
		case "-ak":
			ak = val
		case "-sk":
			sk = val
		case "-sectoken":
			st = val
		case "-lag":
			opts.ImportLag = atoi(ts, val)
		default:
			ts.Fatalf("dw-start: unknown option %q", args[i])
		}
		i++
	}
	opts.Keys = map[string]dataworkstest.Key{ak: {Secret: sk, SecurityToken: st}}
	slot.srv = dataworkstest.NewTestServer(opts)
	ts.Setenv(dataworks.EnvEndpoint, slot.srv.URL)
	ts.Setenv(dataworks.EnvProjectID, slot.srv.ProjectID())
	ts.Setenv(dataworks.EnvAccessKeyID, ak)
	ts.Setenv(dataworks.EnvAccessKeySecret, sk)
	ts.Setenv(dataworks.EnvSecurityToken, st)
}

func dwFault(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "dw-fault")
	if len(args) < 2 {
		ts.Fatalf("usage: dw-fault ACTION KIND [xN] [commit] [code=CODE] [msg=TEXT]")
	}
	var f dataworkstest.Fault
	switch kind := args[1]; kind {
	case "drop":
		f.Drop = true
	case "hang":
		f.Hang = true
	case "truncate":
		f.Truncate = true
	default:
		status, err := strconv.Atoi(kind)
		if err != nil || status < 100 || status > 599 {
			ts.Fatalf("dw-fault: kind %q is not an HTTP status, drop, hang or truncate", kind)
		}
		f.Status = status
	}
	count := 1
	for _, opt := range args[2:] {
		switch {
		case opt == "commit":
			f.Commit = true
		case strings.HasPrefix(opt, "x"):
			count = atoi(ts, opt[1:])
		case strings.HasPrefix(opt, "code="):
			f.Code = strings.TrimPrefix(opt, "code=")
		case strings.HasPrefix(opt, "msg="):
			f.Message = strings.TrimPrefix(opt, "msg=")
		default:
			ts.Fatalf("dw-fault: unknown option %q", opt)
		}
	}
	faults := make([]dataworkstest.Fault, count)
	for i := range faults {
		faults[i] = f
	}
	dwServer(ts).Fail(args[0], faults...)
}

func dwFailStage(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "dw-fail-stage")
	if len(args) < 2 {
		ts.Fatalf("usage: dw-fail-stage CODE MESSAGE...")
	}
	dwServer(ts).FailStage(args[0], strings.Join(args[1:], " "))
}

func dwWorkflows(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "dw-workflows")
	if len(args) != 1 {
		ts.Fatalf("usage: dw-workflows N")
	}
	got := dwServer(ts).Workflows()
	if want := atoi(ts, args[0]); len(got) != want {
		ts.Fatalf("the emulator holds %d workflows (%v), want %d", len(got), got, want)
	}
}

// dwWorkflow is the one stored workflow named name.
func dwWorkflow(ts *testscript.TestScript, name string) dataworkstest.Workflow {
	var found []dataworkstest.Workflow
	for _, w := range dwServer(ts).Workflows() {
		if w.Name == name {
			found = append(found, w)
		}
	}
	if len(found) != 1 {
		ts.Fatalf("%d workflows are named %q, want 1", len(found), name)
	}
	return found[0]
}

func dwWorkflowID(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "dw-workflow-id")
	if len(args) != 2 {
		ts.Fatalf("usage: dw-workflow-id NAME VAR")
	}
	ts.Setenv(args[1], dwWorkflow(ts, args[0]).ID)
}

func dwNodeID(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "dw-node-id")
	if len(args) != 3 {
		ts.Fatalf("usage: dw-node-id NAME NODE VAR")
	}
	id, ok := dwWorkflow(ts, args[0]).NodeIDs[args[1]]
	if !ok {
		ts.Fatalf("workflow %q has no node %q", args[0], args[1])
	}
	ts.Setenv(args[2], id)
}

func dwWorkflowIs(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "dw-workflow-is")
	if len(args) != 2 {
		ts.Fatalf("usage: dw-workflow-is NAME ID")
	}
	if got := dwWorkflow(ts, args[0]).ID; got != args[1] {
		ts.Fatalf("workflow %q has the id %s, want %s", args[0], got, args[1])
	}
}

func dwNodeIs(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "dw-node-is")
	if len(args) != 3 {
		ts.Fatalf("usage: dw-node-is NAME NODE ID")
	}
	if got := dwWorkflow(ts, args[0]).NodeIDs[args[1]]; got != args[2] {
		ts.Fatalf("node %q of workflow %q has the id %q, want %s", args[1], args[0], got, args[2])
	}
}

func dwApplied(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "dw-applied")
	if len(args) != 2 {
		ts.Fatalf("usage: dw-applied ACTION N")
	}
	if got, want := dwServer(ts).Applied(args[0]), atoi(ts, args[1]); got != want {
		ts.Fatalf("%d %s requests took effect, want %d", got, args[0], want)
	}
}

func dwRequests(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "dw-requests")
	if len(args) != 2 {
		ts.Fatalf("usage: dw-requests ACTION N")
	}
	if got, want := len(dwServer(ts).RequestsTo(args[0])), atoi(ts, args[1]); got != want {
		ts.Fatalf("the emulator saw %d %s requests, want %d", got, args[0], want)
	}
}

// actingActions are the DataWorks actions that change state.
var actingActions = map[string]bool{dataworkstest.ActionImportWorkflowDefinition: true,
	dataworkstest.ActionCreatePipelineRun: true, dataworkstest.ActionExecPipelineRunStage: true}

func dwWrites(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "dw-writes")
	if len(args) != 1 {
		ts.Fatalf("usage: dw-writes N")
	}
	var writes []string
	for _, r := range dwServer(ts).Requests() {
		if actingActions[r.Action] {
			writes = append(writes, r.Action)
		}
	}
	if want := atoi(ts, args[0]); len(writes) != want {
		ts.Fatalf("the emulator received %d requests that change state (%s), want %d", len(writes), strings.Join(writes, ", "), want)
	}
}
