package secmastertest

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/internal/apitest"
	"github.com/wfc-dev/wfc/secmaster"
)

// maxRequestBytes bounds a request body (an import file may be large).
const maxRequestBytes = secmaster.MaxExportBytes + 1<<20

// request is what a route handler sees.
type request struct {
	method string
	params []string // path parameters in route order
	query  url.Values
	header http.Header
	body   []byte
	// hideNewest is Fault.HideNewest of the fault being applied.
	hideNewest int
}

// reply is a handler's successful answer: a JSON value, or raw bytes with a content type.
type reply struct {
	status      int
	envelope    bool // wrap as {code, message, success, request_id, ...body fields}
	body        any
	raw         []byte
	contentType string
}

type handlerFunc func(e *Emulator, rq *request) (reply, *apiError)

// route matches the path segments after /soc/; "*" is a parameter.
type route struct {
	name    string
	method  string
	pattern []string
	handle  handlerFunc
}

// routes are tried in order, so literal segments ("versions", "instances") win over parameters.
var routes = []route{
	{RouteListWorkflows, "GET", []string{"workflows"}, (*Emulator).listWorkflows},
	{RouteCreateWorkflow, "POST", []string{"workflows"}, (*Emulator).createWorkflow},
	{RouteValidate, "POST", []string{"workflows", "validation"}, (*Emulator).validate},
	{RouteImport, "POST", []string{"workflows", "import"}, (*Emulator).importWorkflows},
	{RouteExport, "POST", []string{"workflows", "export"}, (*Emulator).exportWorkflows},
	{RouteListInstances, "GET", []string{"workflows", "instances"}, (*Emulator).listInstances},
	{RouteShowInstance, "GET", []string{"workflows", "instances", "*"}, (*Emulator).showInstance},
	{RouteUpdateInstance, "PUT", []string{"workflows", "instances", "*"}, (*Emulator).updateInstance},
	{RouteShowVersion, "GET", []string{"workflows", "versions", "*"}, (*Emulator).showVersion},
	{RouteUpdateVersion, "PUT", []string{"workflows", "versions", "*"}, (*Emulator).updateVersion},
	{RouteDeleteVersion, "DELETE", []string{"workflows", "versions", "*"}, (*Emulator).deleteVersion},
	{RouteShowWorkflow, "GET", []string{"workflows", "*"}, (*Emulator).showWorkflow},
	{RouteUpdateWorkflow, "PUT", []string{"workflows", "*"}, (*Emulator).updateWorkflow},
	{RouteListVersions, "GET", []string{"workflows", "*", "versions"}, (*Emulator).listVersions},
	{RouteCreateVersion, "POST", []string{"workflows", "*", "versions"}, (*Emulator).createVersion},
	{RouteListComponents, "GET", []string{"components"}, (*Emulator).listComponents},
	{RouteListComponentActions, "GET", []string{"components", "*", "action"}, (*Emulator).listComponentActions},
}

// match finds the route for segs; a path that matches with another method is reported as such.
func match(method string, segs []string) (*route, []string, bool) {
	pathKnown := false
	for i := range routes {
		rt := &routes[i]
		if len(rt.pattern) != len(segs) {
			continue
		}
		var params []string
		ok := true
		for j, p := range rt.pattern {
			switch {
			case p == "*" && segs[j] != "":
				params = append(params, segs[j])
			case p != segs[j]:
				ok = false
			}
			if !ok {
				break
			}
		}
		if !ok {
			continue
		}
		pathKnown = true
		if rt.method == method {
			return rt, params, true
		}
	}
	return nil, nil, pathKnown
}

// ServeHTTP authenticates, routes, applies queued faults and answers.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBytes))
	x := e.Arrive(r, body, LoggedRequest{}, r.URL.Path)
	rid, finish := x.ID, x.Finish
	if err != nil {
		finish(e.writeError(w, rid, errf(413, codeBadRequest, "request body larger than %d MiB", maxRequestBytes>>20)))
		return
	}
	segs, perr := e.splitPath(r)
	if perr != nil {
		finish(e.writeError(w, rid, perr))
		return
	}
	rt, params, pathKnown := match(r.Method, segs)
	if rt == nil {
		if pathKnown {
			finish(e.writeError(w, rid, errf(405, codeNoSuchRoute, "method %s is not allowed here", r.Method)))
		} else {
			finish(e.writeError(w, rid, errf(404, codeNoSuchRoute, "no such API: %s", r.URL.Path)))
		}
		return
	}
	x.Note(func(l *LoggedRequest) { l.Route = rt.name })
	mode, aerr := e.authenticate(r, body)
	if aerr != nil {
		finish(e.writeError(w, rid, aerr))
		return
	}
	x.Note(func(l *LoggedRequest) { l.Auth = mode })
	if got := r.Header.Get(secmaster.HeaderProjectID); got != e.opts.ProjectID {
		finish(e.writeError(w, rid, errf(400, codeProjectMismatch, "the X-Project-Id header must equal the project id in the path")))
		return
	}
	rq := &request{method: r.Method, params: params, query: r.URL.Query(), header: r.Header, body: body}
	fault, faulty := x.Fault(rt.name)
	if !faulty {
		finish(e.answer(w, rid, e.handle(rt, rq)))
		return
	}
	rq.hideNewest = fault.HideNewest
	fault.play(rid).Play(w, r, func() apitest.Answer { return e.render(rid, e.handle(rt, rq)) }, finish)
}

// splitPath checks /v1/{project}/workspaces/{workspace}/soc/ and returns the rest.
func (e *Emulator) splitPath(r *http.Request) ([]string, *apiError) {
	segs := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(segs) < 6 || segs[0] != "v1" || segs[2] != "workspaces" || segs[4] != "soc" {
		return nil, errf(404, codeNoSuchRoute, "no such API: %s", r.URL.Path)
	}
	if segs[1] != e.opts.ProjectID {
		return nil, errf(403, codeProjectMismatch, "project %s is not served here", segs[1])
	}
	if segs[3] != e.opts.WorkspaceID {
		return nil, errf(403, codeWorkspaceNotFound, "workspace ID not found")
	}
	return segs[5:], nil
}

// handle runs a route handler under the state lock.
func (e *Emulator) handle(rt *route, rq *request) result {
	e.mu.Lock()
	defer e.mu.Unlock()
	rep, err := rt.handle(e, rq)
	return result{rep: rep, err: err}
}

type result struct {
	rep reply
	err *apiError
}

func (e *Emulator) answer(w http.ResponseWriter, rid string, res result) int {
	return e.render(rid, res).Write(w)
}

func (e *Emulator) writeError(w http.ResponseWriter, rid string, err *apiError) int {
	return e.answer(w, rid, result{err: err})
}

// jsonHeader is the header of every JSON answer to the request rid.
func jsonHeader(rid string) http.Header {
	return http.Header{"Content-Type": {"application/json;charset=UTF-8"}, "X-Request-Id": {rid}}
}

// render turns a handler result into an answer.
func (e *Emulator) render(rid string, res result) apitest.Answer {
	hdr := jsonHeader(rid)
	if res.err != nil {
		var body any
		if strings.HasPrefix(res.err.Code, "APIGW.") {
			body = map[string]string{"error_code": res.err.Code, "error_msg": res.err.Msg, "request_id": rid}
		} else {
			body = map[string]string{"code": res.err.Code, "message": res.err.Msg, "request_id": rid}
		}
		b, _ := json.Marshal(body)
		return apitest.Answer{Status: res.err.Status, Header: hdr, Body: b}
	}
	rep := res.rep
	status := rep.status
	if status == 0 {
		status = http.StatusOK
	}
	if rep.raw != nil {
		hdr.Set("Content-Type", rep.contentType)
		return apitest.Answer{Status: status, Header: hdr, Body: rep.raw}
	}
	if !rep.envelope {
		b, err := json.Marshal(rep.body)
		if err != nil {
			panic(err) // handlers only build marshalable values
		}
		return apitest.Answer{Status: status, Header: hdr, Body: b}
	}
	fields := map[string]any{"code": secmaster.SuccessCode, "message": "", "success": true, "request_id": rid}
	if m, ok := rep.body.(map[string]any); ok {
		for k, v := range m {
			fields[k] = v
		}
	}
	b, err := json.Marshal(fields) // encoding/json sorts map keys: deterministic bytes
	if err != nil {
		panic(err)
	}
	return apitest.Answer{Status: status, Header: hdr, Body: b}
}

// authenticate accepts a known X-Auth-Token or a valid SDK-HMAC-SHA256 signature.
func (e *Emulator) authenticate(r *http.Request, body []byte) (string, *apiError) {
	authFail := func(why string) (string, *apiError) {
		return "", errf(401, codeAuth, "Incorrect IAM authentication information: %s", why)
	}
	if strings.HasPrefix(r.Header.Get("Authorization"), secmaster.SignAlgorithm) {
		var key Key
		secretFor := func(ak string) (string, bool) {
			k, ok := e.opts.Keys[ak]
			key = k
			return k.SecretKey, ok
		}
		if err := secmaster.Verify(r, body, secretFor, e.opts.Now(), e.opts.MaxSkew); err != nil {
			return authFail(err.Error())
		}
		got := r.Header.Get(secmaster.HeaderSecurityToken)
		if key.SecurityToken != "" && subtle.ConstantTimeCompare([]byte(got), []byte(key.SecurityToken)) != 1 {
			return authFail("temporary access key needs its security token")
		}
		if key.SecurityToken == "" && got != "" {
			return authFail("a security token was sent with a permanent access key")
		}
		return "aksk", nil
	}
	tok := r.Header.Get(secmaster.HeaderAuthToken)
	if tok == "" {
		return authFail("send X-Auth-Token or an " + secmaster.SignAlgorithm + " Authorization header")
	}
	valid := 0
	for _, t := range e.opts.Tokens {
		valid |= subtle.ConstantTimeCompare([]byte(tok), []byte(t))
	}
	if valid != 1 {
		return authFail("the token is invalid or expired")
	}
	return "token", nil
}

// decodeBody unmarshals a JSON request body.
func decodeBody(rq *request, v any) *apiError {
	if len(bytes.TrimSpace(rq.body)) == 0 {
		return badRequest("the request body is empty; send a JSON object")
	}
	if err := json.Unmarshal(rq.body, v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return badRequest("field %s must be a %s, not %s", te.Field, te.Type, te.Value)
		}
		return badRequest("the request body is not valid JSON: %v", err)
	}
	return nil
}

// paging reads offset (0–10000, default 0) and limit (1–100, default 10).
func paging(q url.Values) (offset, limit int, err *apiError) {
	offset, limit = 0, 10
	if s := q.Get("offset"); s != "" {
		n, cerr := strconv.Atoi(s)
		if cerr != nil || n < 0 || n > 10000 {
			return 0, 0, badRequest("offset must be an integer from 0 to 10000")
		}
		offset = n
	}
	if s := q.Get("limit"); s != "" {
		n, cerr := strconv.Atoi(s)
		if cerr != nil || n < 1 || n > 100 {
			return 0, 0, badRequest("limit must be an integer from 1 to 100")
		}
		limit = n
	}
	return offset, limit, nil
}

// page cuts items[offset:offset+limit].
func page[T any](items []T, offset, limit int) []T {
	if offset >= len(items) {
		return []T{}
	}
	return items[offset:min(offset+limit, len(items))]
}

// listReply is the envelope of a list answer.
func listReply[T any](all []T, offset, limit int) reply {
	p := page(all, offset, limit)
	return reply{envelope: true, body: map[string]any{"data": p, "total": len(all), "offset": offset, "limit": limit, "size": len(p)}}
}

func dataReply(v any) reply {
	return reply{envelope: true, body: map[string]any{"data": v}}
}

func oneOf(v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}
