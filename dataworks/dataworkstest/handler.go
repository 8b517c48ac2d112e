package dataworkstest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/internal/apitest"
)

// maxRequestBytes bounds a request body (a spec with its scripts).
const maxRequestBytes = 16 << 20

// paramKind is a parameter's type as the SDK request models declare it.
type paramKind int

const (
	kindString paramKind = iota
	kindInt64
	kindBool
	kindID     // a 19-digit id string
	kindIDList // one field holding a JSON array of 19-digit id strings
)

// param is one request parameter; inQuery puts a POST parameter in the query string.
type param struct {
	name     string
	kind     paramKind
	required bool
	inQuery  bool
}

// action is one API action with its parameters.
type action struct {
	method string
	params []param
	acting bool // its effect counts in Applied
	handle func(e *Emulator, p map[string]string) (map[string]any, *apiError)
}

var projectParam = param{name: "ProjectId", kind: kindInt64, required: true}

// actions are the ones wfc calls, with the parameters of the SDK request models.
var actions = map[string]action{
	ActionListWorkflowDefinitions: {method: "GET", handle: (*Emulator).listWorkflows, params: []param{
		projectParam, {name: "Type"}, {name: "Name"}, {name: "Owner"},
		{name: "PageNumber", kind: kindInt64}, {name: "PageSize", kind: kindInt64}}},
	ActionGetWorkflowDefinition: {method: "GET", handle: (*Emulator).getWorkflow, params: []param{
		projectParam, {name: "Id", kind: kindID, required: true}, {name: "IncludeScriptContent", kind: kindBool}}},
	ActionImportWorkflowDefinition: {method: "POST", acting: true, handle: (*Emulator).importWorkflow, params: []param{
		projectParam, {name: "Spec", required: true}}},
	ActionGetJobStatus: {method: "GET", handle: (*Emulator).getJobStatus, params: []param{
		{name: "JobId", kind: kindID, required: true}}},
	ActionCreatePipelineRun: {method: "POST", acting: true, handle: (*Emulator).createPipelineRun, params: []param{
		projectParam, {name: "Type", required: true}, {name: "ObjectIds", kind: kindIDList, required: true},
		{name: "Description"}, {name: "RunMode"}, {name: "AutoRunUntilStage"}}},
	ActionGetPipelineRun: {method: "GET", handle: (*Emulator).getPipelineRun, params: []param{
		projectParam, {name: "Id", kind: kindID, required: true}}},
	ActionExecPipelineRunStage: {method: "POST", acting: true, handle: (*Emulator).execStage, params: []param{
		{name: "ProjectId", kind: kindInt64, required: true, inQuery: true},
		{name: "Id", kind: kindID, required: true}, {name: "Code", required: true}}},
}

// ServeHTTP verifies the signature, finds the action, checks its parameters, applies queued
// faults and answers.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBytes))
	name := r.Header.Get(dataworks.HeaderAction)
	x := e.Arrive(r, body, LoggedRequest{Action: name}, name)
	rid, finish := x.ID, x.Finish
	e.mu.Lock()
	e.arrived++
	e.landDue("")
	e.mu.Unlock()
	if err != nil {
		finish(e.writeError(w, rid, errf(413, "InvalidParameter", "The request body is larger than %d MiB.", maxRequestBytes>>20)))
		return
	}
	act, p, aerr := e.admit(r, name, body)
	if aerr != nil {
		finish(e.writeError(w, rid, aerr))
		return
	}
	fault, faulty := x.Fault(name)
	if !faulty {
		finish(e.answer(w, rid, e.apply(name, act, p)))
		return
	}
	e.play(fault, rid).Play(w, r, func() apitest.Answer { return e.render(rid, e.apply(name, act, p)) }, finish)
}

// admit authenticates the request and checks action, version, method and parameters.
func (e *Emulator) admit(r *http.Request, name string, body []byte) (action, map[string]string, *apiError) {
	e.mu.Lock()
	aerr := e.verify(r, body)
	e.mu.Unlock()
	if aerr != nil {
		return action{}, nil, aerr
	}
	act, ok := actions[name]
	if !ok || r.URL.Path != "/" {
		return action{}, nil, errf(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method (action %q).", name)
	}
	if v := r.Header.Get(dataworks.HeaderVersion); v != dataworks.APIVersion {
		return action{}, nil, errf(400, "InvalidVersion", "Specified parameter Version %q is not valid: this API is %s.", v, dataworks.APIVersion)
	}
	if r.Method != act.method {
		return action{}, nil, errf(400, "UnsupportedHTTPMethod", "%s must be called with %s, not %s.", name, act.method, r.Method)
	}
	p, aerr := e.parseParams(r, act, body)
	return act, p, aerr
}

// parseParams reads the query (and, for POST, the form body) and checks every name, place and
// type against the action's parameters.
func (e *Emulator) parseParams(r *http.Request, act action, body []byte) (map[string]string, *apiError) {
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, errf(400, "InvalidParameter", "The query string is malformed.")
	}
	form := url.Values{}
	if act.method == "POST" {
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
			return nil, errf(400, "InvalidParameter", "A POST body must be application/x-www-form-urlencoded, not %q.", ct)
		}
		if form, err = url.ParseQuery(string(body)); err != nil {
			return nil, errf(400, "InvalidParameter", "The form body is malformed.")
		}
	} else if len(body) > 0 {
		return nil, errf(400, "InvalidParameter", "A GET request has no body; send the parameters in the query string.")
	}
	out := map[string]string{}
	for _, pm := range act.params {
		here, there, place := query, form, "query string"
		if act.method == "POST" && !pm.inQuery {
			here, there, place = form, query, "form body"
		}
		if _, wrong := there[pm.name]; wrong {
			return nil, errf(400, "InvalidParameter", "The parameter %s must be sent in the %s.", pm.name, place)
		}
		vs, ok := here[pm.name]
		if !ok {
			if pm.required {
				return nil, errf(400, "MissingParameter", "The input parameter %q that is mandatory for processing this request is not supplied.", pm.name)
			}
			continue
		}
		if len(vs) != 1 {
			return nil, errf(400, "InvalidParameter", "The parameter %s is given %d times.", pm.name, len(vs))
		}
		if aerr := e.checkParam(pm, vs[0]); aerr != nil {
			return nil, aerr
		}
		out[pm.name] = vs[0]
	}
	if aerr := unknownParams(act, query, form); aerr != nil {
		return nil, aerr
	}
	return out, nil
}

var (
	int64Pattern = regexp.MustCompile(`^-?[0-9]{1,19}$`)
	idPattern    = regexp.MustCompile(`^[1-9][0-9]{18}$`)
)

func (e *Emulator) checkParam(pm param, v string) *apiError {
	bad := func(want string) *apiError {
		return errf(400, "InvalidParameter", "The parameter %s must be %s, not %q.", pm.name, want, truncate(v, 40))
	}
	switch pm.kind {
	case kindInt64:
		if _, err := strconv.ParseInt(v, 10, 64); err != nil || !int64Pattern.MatchString(v) {
			return bad("an integer")
		}
		if pm.name == "ProjectId" && v != e.opts.ProjectID {
			return errf(403, "Forbidden.Project", "Workspace %s is not served here.", v)
		}
	case kindBool:
		if v != "true" && v != "false" {
			return bad("true or false")
		}
	case kindID:
		if !idPattern.MatchString(v) {
			return bad("a 19-digit id string")
		}
	case kindIDList:
		var ids []any
		if json.Unmarshal([]byte(v), &ids) != nil || len(ids) == 0 {
			return bad(`one field holding a JSON array of id strings, like ["7000000000000000001"]`)
		}
		for i, id := range ids {
			s, ok := id.(string)
			if !ok || !idPattern.MatchString(s) {
				return errf(400, "InvalidParameter", "%s[%d] must be a 19-digit id string (ids are strings, never numbers).", pm.name, i)
			}
		}
	}
	return nil
}

// unknownParams refuses names the action does not take, so a misspelt field cannot pass.
func unknownParams(act action, sets ...url.Values) *apiError {
	known := map[string]bool{}
	for _, pm := range act.params {
		known[pm.name] = true
	}
	var unknown []string
	for _, set := range sets {
		for k := range set {
			if !known[k] {
				unknown = append(unknown, k)
			}
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	hint := ""
	if strings.HasPrefix(unknown[0], "ObjectIds.") {
		hint = " (send ObjectIds as one field holding a JSON array)"
	}
	return errf(400, "InvalidParameter", "Unknown parameter %s%s.", truncate(unknown[0], 40), hint)
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
