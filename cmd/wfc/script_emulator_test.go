package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/secmaster/secmastertest"
	smtarget "github.com/wfc-dev/wfc/target/secmaster"
)

// The sm-* script commands drive a secmastertest emulator started for one script. Scripts use
// them to start it, queue faults and check what the emulator holds afterwards:
//
//	sm-start [-token T | -ak AK -sk SK [-sectoken ST]] [-seed]
//	    start an emulator on loopback; set WFC_TEST_ENDPOINT, WFC_SECMASTER_ENDPOINT, the
//	    project and workspace ids and the credentials in the environment
//	sm-fault ROUTE|METHOD PATH KIND [xN] [commit] [code=CODE] [msg=TEXT] [header=NAME:VALUE]...
//	    queue N (default 1) faults: KIND is an HTTP status, timeout (a 10 s delay), drop,
//	    truncate or stale (a version listing without the newest version, as a lagging replica
//	    answers); commit applies the request first (the ambiguous case); header= adds a header
//	    to the answer (Location for a redirect, Retry-After). PATH is the API path after /soc
//	    with * for ids, e.g. sm-fault POST /workflows/*/versions 500
//	sm-workflow NAME VAR       create a workflow (aop_type NORMAL) and set $VAR to its id
//	sm-versions WF N           WF (id or exact name) has N versions
//	sm-drawn-version WF FILE   create a version of WF whose taskflow is the BPMN XML in FILE,
//	    as a diagram drawn in the console (no taskconfig node settings)
//	sm-version-status WF S     WF's newest version has status S
//	sm-approve WF              approve WF's newest pending_approval version
//	sm-process-id WF LABEL ID  the bpmn2:process of WF's version LABEL (v1, v2) has id ID;
//	    ID workflow-id means Process_N with N derived from WF's id (smtarget.ProcessNumber)
//	sm-requests ROUTE N        the emulator saw N requests on ROUTE (e.g. CreateVersion)
//	sm-writes N                N requests that change state (validation and export excluded)
//	sm-instance NAME STATUS VAR  store an instance and set $VAR to its id
//	sm-instance-status ID S    the instance has status S
//	sm-debug-inputs ID N [TASK]  the instance received N debug inputs (the last for TASK)
//	sm-sink VAR                start a second loopback listener (a redirect target) and set
//	                           $VAR to its URL
//	sm-sink-requests N         the second listener received N requests
//	sm-free-port VAR           set $VAR to a free loopback port (for wfc dev-server scripts)
//	sm-wait-http URL           wait up to 10 s until URL answers
var emulatorCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"sm-start":           smStart,
	"sm-fault":           smFault,
	"sm-workflow":        smWorkflow,
	"sm-versions":        smVersions,
	"sm-drawn-version":   smDrawnVersion,
	"sm-version-status":  smVersionStatus,
	"sm-approve":         smApprove,
	"sm-process-id":      smProcessID,
	"sm-requests":        smRequests,
	"sm-writes":          smWrites,
	"sm-instance":        smInstance,
	"sm-instance-status": smInstanceStatus,
	"sm-debug-inputs":    smDebugInputs,
	"sm-sink":            smSink,
	"sm-sink-requests":   smSinkRequests,
	"sm-free-port":       smFreePort,
	"sm-wait-http":       smWaitHTTP,
}

// emulatorKey holds the script's *emulatorSlot in testscript's per-script values.
type emulatorKey struct{}

type emulatorSlot struct {
	srv      *secmastertest.Server
	sink     *httptest.Server // sm-sink's listener
	sinkHits atomic.Int64
}

func setupEmulatorSlot(e *testscript.Env) {
	slot := &emulatorSlot{}
	e.Values[emulatorKey{}] = slot
	e.Defer(func() {
		if slot.srv != nil {
			slot.srv.Close()
		}
		if slot.sink != nil {
			slot.sink.Close()
		}
	})
}

func server(ts *testscript.TestScript) *secmastertest.Server {
	slot := ts.Value(emulatorKey{}).(*emulatorSlot)
	if slot.srv == nil {
		ts.Fatalf("no emulator: run sm-start first")
	}
	return slot.srv
}

func noNeg(ts *testscript.TestScript, neg bool, name string) {
	if neg {
		ts.Fatalf("unsupported: ! %s", name)
	}
}

func smStart(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "sm-start")
	slot := ts.Value(emulatorKey{}).(*emulatorSlot)
	if slot.srv != nil {
		ts.Fatalf("sm-start: an emulator is already running")
	}
	var token, ak, sk, st string
	seed := false
	for i := 0; i < len(args); i++ {
		val := func() string {
			if i+1 >= len(args) {
				ts.Fatalf("sm-start: %s needs a value", args[i])
			}
			i++
			return args[i]
		}
		switch args[i] {
		case "-token":
			token = val()
		case "-ak":
			ak = val()
		case "-sk":
			sk = val()
		case "-sectoken":
			st = val()
		case "-seed":
			seed = true
		default:
			ts.Fatalf("sm-start: unknown option %q", args[i])
		}
	}
	opts := secmastertest.Options{}
	if ak != "" {
		opts.Keys = map[string]secmastertest.Key{ak: {SecretKey: sk, SecurityToken: st}}
	} else {
		if token == "" {
			token = secmastertest.DefaultToken
		}
		opts.Tokens = []string{token}
	}
	srv := secmastertest.NewTestServer(opts)
	slot.srv = srv
	if seed {
		srv.SeedExamples()
	}
	ts.Setenv("WFC_TEST_ENDPOINT", srv.URL)
	ts.Setenv(secmaster.EnvEndpoint, srv.URL)
	ts.Setenv(secmaster.EnvProjectID, srv.ProjectID())
	ts.Setenv(secmaster.EnvWorkspaceID, srv.WorkspaceID())
	ts.Setenv(secmaster.EnvAuthToken, token)
	ts.Setenv(secmaster.EnvAccessKey, ak)
	ts.Setenv(secmaster.EnvSecretKey, sk)
	ts.Setenv(secmaster.EnvSecurityToken, st)
}

// routeByPath maps "METHOD /path/after/soc" (ids as *) to the emulator's route names.
var routeByPath = map[string]string{
	"GET /workflows":               secmastertest.RouteListWorkflows,
	"POST /workflows":              secmastertest.RouteCreateWorkflow,
	"GET /workflows/*":             secmastertest.RouteShowWorkflow,
	"PUT /workflows/*":             secmastertest.RouteUpdateWorkflow,
	"POST /workflows/validation":   secmastertest.RouteValidate,
	"POST /workflows/import":       secmastertest.RouteImport,
	"POST /workflows/export":       secmastertest.RouteExport,
	"GET /workflows/*/versions":    secmastertest.RouteListVersions,
	"POST /workflows/*/versions":   secmastertest.RouteCreateVersion,
	"GET /workflows/versions/*":    secmastertest.RouteShowVersion,
	"PUT /workflows/versions/*":    secmastertest.RouteUpdateVersion,
	"DELETE /workflows/versions/*": secmastertest.RouteDeleteVersion,
	"GET /workflows/instances":     secmastertest.RouteListInstances,
	"GET /workflows/instances/*":   secmastertest.RouteShowInstance,
	"PUT /workflows/instances/*":   secmastertest.RouteUpdateInstance,
	"GET /components":              secmastertest.RouteListComponents,
	"GET /components/*/action":     secmastertest.RouteListComponentActions,
}

func smFault(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "sm-fault")
	if len(args) < 2 {
		ts.Fatalf("usage: sm-fault ROUTE|METHOD PATH KIND [xN] [commit] [code=CODE] [msg=TEXT]")
	}
	route := args[0]
	rest := args[1:]
	switch args[0] {
	case "GET", "POST", "PUT", "DELETE":
		r, ok := routeByPath[args[0]+" "+args[1]]
		if !ok {
			ts.Fatalf("sm-fault: no route %s %s", args[0], args[1])
		}
		route, rest = r, args[2:]
	}
	if len(rest) == 0 {
		ts.Fatalf("sm-fault: no fault kind given")
	}
	var f secmastertest.Fault
	switch kind := rest[0]; kind {
	case "timeout":
		f.Delay = 10 * time.Second
	case "drop":
		f.Drop = true
	case "truncate":
		f.Truncate = true
	case "stale":
		f.HideNewest = 1
	default:
		status, err := strconv.Atoi(kind)
		if err != nil || status < 100 || status > 599 {
			ts.Fatalf("sm-fault: kind %q is not an HTTP status, timeout, drop, truncate or stale", kind)
		}
		f.Status = status
	}
	count := 1
	var code, msg string
	for _, opt := range rest[1:] {
		switch {
		case opt == "commit":
			f.Commit = true
		case strings.HasPrefix(opt, "x"):
			n, err := strconv.Atoi(opt[1:])
			if err != nil || n < 1 {
				ts.Fatalf("sm-fault: bad count %q", opt)
			}
			count = n
		case strings.HasPrefix(opt, "code="):
			code = strings.TrimPrefix(opt, "code=")
		case strings.HasPrefix(opt, "msg="):
			msg = strings.TrimPrefix(opt, "msg=")
		case strings.HasPrefix(opt, "header="):
			name, value, ok := strings.Cut(strings.TrimPrefix(opt, "header="), ":")
			if !ok {
				ts.Fatalf("sm-fault: %q is not header=NAME:VALUE", opt)
			}
			if f.Header == nil {
				f.Header = http.Header{}
			}
			f.Header.Add(name, value)
		default:
			ts.Fatalf("sm-fault: unknown option %q", opt)
		}
	}
	if code != "" || msg != "" {
		f.Body = fmt.Sprintf(`{"code":%q,"message":%q,"request_id":"req-fault"}`, code, msg)
	}
	faults := make([]secmastertest.Fault, count)
	for i := range faults {
		faults[i] = f
	}
	server(ts).Fail(route, faults...)
}

// scriptClient is a client of the script's emulator, for setting up state.
func scriptClient(ts *testscript.TestScript) *secmaster.Client {
	srv := server(ts)
	creds := secmaster.Credentials{Token: ts.Getenv(secmaster.EnvAuthToken), AccessKey: ts.Getenv(secmaster.EnvAccessKey),
		SecretKey: ts.Getenv(secmaster.EnvSecretKey), SecurityToken: ts.Getenv(secmaster.EnvSecurityToken)}
	c, err := secmaster.New(secmaster.Config{Endpoint: srv.URL, ProjectID: srv.ProjectID(), WorkspaceID: srv.WorkspaceID(), Credentials: creds})
	ts.Check(err)
	return c
}

func smWorkflow(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "sm-workflow")
	if len(args) != 2 {
		ts.Fatalf("usage: sm-workflow NAME VAR")
	}
	w, err := scriptClient(ts).CreateWorkflow(context.Background(), secmaster.CreateWorkflowRequest{Name: args[0], AopType: secmaster.AopTypeNormal, DataclassID: "dc-test"})
	ts.Check(err)
	ts.Setenv(args[1], w.ID)
}

func smDrawnVersion(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "sm-drawn-version")
	if len(args) != 2 {
		ts.Fatalf("usage: sm-drawn-version WF FILE")
	}
	doc, err := bpmn.DecodeXML([]byte(ts.ReadFile(args[1])))
	ts.Check(err)
	taskflow, err := bpmn.EncodeTaskflow(doc)
	ts.Check(err)
	id := workflowID(ts, args[0])
	_, err = scriptClient(ts).CreateVersion(context.Background(), id, secmaster.CreateVersionRequest{Name: args[0], Description: "drawn in the console",
		Taskconfig: "{}", Taskflow: taskflow, TaskflowType: secmaster.TaskflowTypeJSON, AopType: secmaster.AopTypeNormal})
	ts.Check(err)
}

// workflowID resolves an id or exact name.
func workflowID(ts *testscript.TestScript, ref string) string {
	for _, w := range server(ts).Workflows() {
		if w.ID == ref || w.Name == ref {
			return w.ID
		}
	}
	ts.Fatalf("no workflow has the id or name %q", ref)
	return ""
}

func atoi(ts *testscript.TestScript, s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		ts.Fatalf("%q is not a number", s)
	}
	return n
}

func smVersions(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "sm-versions")
	if len(args) != 2 {
		ts.Fatalf("usage: sm-versions WF N")
	}
	got := len(server(ts).Versions(workflowID(ts, args[0])))
	if want := atoi(ts, args[1]); got != want {
		ts.Fatalf("workflow %s has %d versions, want %d", args[0], got, want)
	}
}

func smProcessID(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "sm-process-id")
	if len(args) != 3 {
		ts.Fatalf("usage: sm-process-id WF LABEL ID")
	}
	id := workflowID(ts, args[0])
	want := args[2]
	if want == "workflow-id" {
		want = "Process_" + strconv.FormatInt(smtarget.ProcessNumber(id), 10)
	}
	for _, v := range server(ts).Versions(id) {
		if v.Version != args[1] {
			continue
		}
		doc, err := bpmn.DecodeTaskflow(v.Taskflow)
		ts.Check(err)
		for _, el := range doc.Root().Elements() {
			if bpmn.LocalName(el.Name) == "process" {
				if got, _ := el.Attr("id"); got != want {
					ts.Fatalf("version %s of %s has process id %s, want %s", args[1], args[0], got, want)
				}
				return
			}
		}
		ts.Fatalf("version %s of %s has no process element", args[1], args[0])
	}
	ts.Fatalf("workflow %s has no version %s", args[0], args[1])
}

func newestVersion(ts *testscript.TestScript, wf string) secmaster.WorkflowVersion {
	vs := server(ts).Versions(workflowID(ts, wf))
	if len(vs) == 0 {
		ts.Fatalf("workflow %s has no versions", wf)
	}
	return vs[len(vs)-1]
}

func smVersionStatus(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "sm-version-status")
	if len(args) != 2 {
		ts.Fatalf("usage: sm-version-status WF STATUS")
	}
	if v := newestVersion(ts, args[0]); v.Status != args[1] {
		ts.Fatalf("the newest version of %s is %s, want %s", args[0], v.Status, args[1])
	}
}

func smApprove(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "sm-approve")
	if len(args) != 1 {
		ts.Fatalf("usage: sm-approve WF")
	}
	ts.Check(server(ts).Approve(newestVersion(ts, args[0]).ID))
}

func smRequests(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "sm-requests")
	if len(args) != 2 {
		ts.Fatalf("usage: sm-requests ROUTE N")
	}
	got := len(server(ts).RequestsTo(args[0]))
	if want := atoi(ts, args[1]); got != want {
		ts.Fatalf("the emulator saw %d %s requests, want %d", got, args[0], want)
	}
}

func smWrites(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "sm-writes")
	if len(args) != 1 {
		ts.Fatalf("usage: sm-writes N")
	}
	var writes []string
	for _, r := range server(ts).Requests() {
		readOnly := r.Method == http.MethodGet || r.Route == secmastertest.RouteValidate || r.Route == secmastertest.RouteExport
		if !readOnly {
			writes = append(writes, r.Method+" "+r.Route)
		}
	}
	if want := atoi(ts, args[0]); len(writes) != want {
		ts.Fatalf("the emulator saw %d requests that change state (%s), want %d", len(writes), strings.Join(writes, ", "), want)
	}
}

func smInstance(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "sm-instance")
	if len(args) != 3 {
		ts.Fatalf("usage: sm-instance NAME STATUS VAR")
	}
	id := server(ts).SeedInstance(secmaster.Instance{Name: args[0], Status: args[1], TriggerType: "MANUAL",
		Workflow: &secmaster.InstanceRef{ID: "wf-of-" + args[0], Name: args[0]}})
	ts.Setenv(args[2], id)
}

func smInstanceStatus(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "sm-instance-status")
	if len(args) != 2 {
		ts.Fatalf("usage: sm-instance-status ID STATUS")
	}
	in, _, ok := server(ts).Instance(args[0])
	if !ok {
		ts.Fatalf("no instance %s", args[0])
	}
	if in.Status != args[1] {
		ts.Fatalf("instance %s is %s, want %s", args[0], in.Status, args[1])
	}
}

func smDebugInputs(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "sm-debug-inputs")
	if len(args) != 2 && len(args) != 3 {
		ts.Fatalf("usage: sm-debug-inputs ID N [TASK]")
	}
	_, debugs, ok := server(ts).Instance(args[0])
	if !ok {
		ts.Fatalf("no instance %s", args[0])
	}
	if want := atoi(ts, args[1]); len(debugs) != want {
		ts.Fatalf("instance %s got %d debug inputs, want %d", args[0], len(debugs), want)
	}
	if len(args) == 3 && (len(debugs) == 0 || debugs[len(debugs)-1].TaskID != args[2]) {
		ts.Fatalf("the last debug input of %s is not for task %s: %+v", args[0], args[2], debugs)
	}
}

func smSink(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "sm-sink")
	if len(args) != 1 {
		ts.Fatalf("usage: sm-sink VAR")
	}
	slot := ts.Value(emulatorKey{}).(*emulatorSlot)
	if slot.sink != nil {
		ts.Fatalf("sm-sink: a listener is already running")
	}
	slot.sink = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { slot.sinkHits.Add(1) }))
	ts.Setenv(args[0], slot.sink.URL)
}

func smSinkRequests(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "sm-sink-requests")
	if len(args) != 1 {
		ts.Fatalf("usage: sm-sink-requests N")
	}
	got := ts.Value(emulatorKey{}).(*emulatorSlot).sinkHits.Load()
	if want := atoi(ts, args[0]); got != int64(want) {
		ts.Fatalf("the second listener received %d requests, want %d", got, want)
	}
}

func smFreePort(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "sm-free-port")
	if len(args) != 1 {
		ts.Fatalf("usage: sm-free-port VAR")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	ts.Setenv(args[0], strconv.Itoa(port))
}

func smWaitHTTP(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "sm-wait-http")
	if len(args) != 1 {
		ts.Fatalf("usage: sm-wait-http URL")
	}
	// No deadline of its own: how long a background wfc takes to start says nothing about
	// wfc, and a loaded runner can take seconds. One that never answers ends in go test's
	// -timeout, whose goroutine dump shows this loop.
	for {
		resp, err := http.Get(args[0])
		if err == nil {
			resp.Body.Close()
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}
