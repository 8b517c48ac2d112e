package dataworkstest

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/dataworks"
)

// workflowRec is a stored workflow: its spec with the server's ids filled in.
type workflowRec struct {
	id, name, typ, path string
	nodeIDs             map[string]bool
	spec                obj
	created, modified   int64
}

// jobRec is an asynchronous import job.
type jobRec struct {
	id, typ    string
	pollsLeft  int    // GetJobStatus answers Running until this reaches 0
	final, err string // the end status and its error message
}

// Workflow is a stored workflow as tests see it.
type Workflow struct {
	ID, Name, Type string
	NodeIDs        map[string]string // node name → id
	Spec           string            // the stored FlowSpec, ids filled in
}

// Workflows returns the stored workflows in creation order.
func (e *Emulator) Workflows() []Workflow {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []Workflow
	for _, w := range e.workflows {
		nodes := map[string]string{}
		for _, n := range workflowOf(w.spec)["nodes"].([]any) {
			node := n.(obj)
			nodes[node["name"].(string)] = node["id"].(string)
		}
		out = append(out, Workflow{ID: w.id, Name: w.name, Type: w.typ, NodeIDs: nodes, Spec: marshal(w.spec)})
	}
	return out
}

func (e *Emulator) listWorkflows(p map[string]string) (map[string]any, *apiError) {
	typ := p["Type"]
	if typ == "" {
		typ = dataworks.TypeCycleWorkflow
	}
	if !contains(workflowKinds, typ) {
		return nil, errf(400, "InvalidParameter", "Type must be %s.", strings.Join(workflowKinds, " or "))
	}
	number, size, aerr := paging(p)
	if aerr != nil {
		return nil, aerr
	}
	var match []any
	for _, w := range e.workflows {
		if w.typ == typ && strings.Contains(w.name, p["Name"]) && (p["Owner"] == "" || p["Owner"] == owner) {
			match = append(match, e.summary(w))
		}
	}
	from := min((number-1)*size, len(match))
	page := match[from:min(from+size, len(match))]
	if page == nil {
		page = []any{}
	}
	return map[string]any{"PagingInfo": map[string]any{
		"PageNumber": number, "PageSize": size, "TotalCount": len(match), "WorkflowDefinitions": page,
	}}, nil
}

// owner is the account every emulated object belongs to.
const owner = "1000000000000001"

func (e *Emulator) summary(w *workflowRec) map[string]any {
	return map[string]any{
		"Id": w.id, "Name": w.name, "Type": w.typ, "Owner": owner, "ProjectId": e.projectNumber(),
		"Description": nested(workflowOf(w.spec), "description"), "CreateTime": w.created, "ModifyTime": w.modified,
		"Script": map[string]any{"Id": w.id, "Path": w.path, "Runtime": map[string]any{"Command": "WORKFLOW"}},
	}
}

// paging reads PageNumber (from 1, default 1) and PageSize (1–100, default 10).
func paging(p map[string]string) (number, size int, err *apiError) {
	number, size = 1, 10
	if s := p["PageNumber"]; s != "" {
		if number, _ = strconv.Atoi(s); number < 1 {
			return 0, 0, errf(400, "InvalidParameter", "PageNumber must be 1 or more.")
		}
	}
	if s := p["PageSize"]; s != "" {
		if size, _ = strconv.Atoi(s); size < 1 || size > dataworks.MaxPageSize {
			return 0, 0, errf(400, "InvalidParameter", "PageSize must be from 1 to %d.", dataworks.MaxPageSize)
		}
	}
	return number, size, nil
}

func (e *Emulator) getWorkflow(p map[string]string) (map[string]any, *apiError) {
	w := e.workflowByID(p["Id"])
	if w == nil {
		return nil, errf(404, "NotFound.WorkflowDefinition", "Workflow definition %s does not exist in workspace %s.", p["Id"], e.opts.ProjectID)
	}
	spec := w.spec
	if p["IncludeScriptContent"] != "true" {
		spec = withoutScriptContent(w.spec)
	}
	def := e.summary(w)
	delete(def, "Script")
	def["Spec"] = marshal(spec)
	def["WorkflowId"] = w.id
	return map[string]any{"WorkflowDefinition": def}, nil
}

// withoutScriptContent is a copy of spec whose nodes carry no script content.
func withoutScriptContent(spec obj) obj {
	var cp obj
	dec := json.NewDecoder(strings.NewReader(marshal(spec)))
	dec.UseNumber()
	dec.Decode(&cp)
	for _, n := range workflowOf(cp)["nodes"].([]any) {
		if script, ok := n.(obj)["script"].(obj); ok {
			delete(script, "content")
		}
	}
	return cp
}

// importWorkflow validates the spec, then creates or updates the workflow and its nodes, at once
// or, with Options.ImportLag, that many requests later; the job only reports the outcome after
// JobPolls polls. A new workflow whose name is taken ends in a failed job, as on the service
// ("target folder already exists").
func (e *Emulator) importWorkflow(p map[string]string) (map[string]any, *apiError) {
	doc, aerr := parseSpec(p["Spec"])
	if aerr != nil {
		return nil, aerr
	}
	wf := workflowOf(doc)
	job := &jobRec{id: e.newID(), typ: "Update", pollsLeft: e.opts.JobPolls, final: dataworks.JobSuccess}
	e.jobs[job.id] = job
	asyncJob := map[string]any{"Id": job.id, "Status": dataworks.JobRunning, "Progress": 0, "Completed": false, "Type": "Create", "CreateTime": e.millis()}
	wfID, _ := wf["id"].(string)
	rec := e.workflowByID(wfID)
	if rec == nil {
		job.typ = "Create"
		if path, taken := e.nameTaken(doc["kind"].(string), wf["name"].(string)); taken {
			job.final, job.err = dataworks.JobFail, "target folder already exists: "+path
			return map[string]any{"AsyncJob": asyncJob}, nil
		}
		rec = &workflowRec{id: e.newID(), nodeIDs: map[string]bool{}, created: e.millis()}
	}
	if out, at := e.outputTaken(wf, rec.id); out != "" {
		job.final, job.err = dataworks.JobFail, fmt.Sprintf("the output name %s is already the output of %s; output names must be unique in the account", out, at)
		return map[string]any{"AsyncJob": asyncJob}, nil
	}
	created, target := job.typ == "Create", rec
	e.later(job.id, created, doc, func() {
		if created {
			e.workflows = append(e.workflows, target)
		}
		e.store(target, doc, wfID)
	})
	asyncJob["Type"], asyncJob["Response"] = job.typ, rec.id
	return map[string]any{"AsyncJob": asyncJob}, nil
}

// outputTaken is the first output name a node of wf declares that a node of another stored
// workflow has, with that node and workflow; "" when there is none. DataWorks requires a
// node's output names to be unique across the account (its dependency FAQ: "the output name
// of each node must be unique under your Alibaba Cloud account"). An output named by its
// node's own id is not checked: the import replaces that id with the node's server id.
func (e *Emulator) outputTaken(wf obj, self string) (out, at string) {
	taken := map[string]string{}
	for _, w := range e.workflows {
		if w.id == self {
			continue
		}
		for _, n := range workflowOf(w.spec)["nodes"].([]any) {
			node := n.(obj)
			for _, data := range outputNames(node) {
				taken[data] = fmt.Sprintf("node %q of workflow %q", node["name"], w.name)
			}
		}
	}
	for _, n := range wf["nodes"].([]any) {
		node := n.(obj)
		for _, data := range outputNames(node) {
			if at, ok := taken[data]; ok && data != node["id"] {
				return data, at
			}
		}
	}
	return "", ""
}

// outputNames are the data of a node's outputs.nodeOutputs.
func outputNames(node obj) []string {
	outs, _ := node["outputs"].(obj)
	list, _ := outs["nodeOutputs"].([]any)
	var names []string
	for _, item := range list {
		if o, ok := item.(obj); ok {
			if data, _ := o["data"].(string); data != "" {
				names = append(names, data)
			}
		}
	}
	return names
}

// pendingImport is an accepted import that lands when the request counter reaches due.
type pendingImport struct {
	due        int
	job        string
	kind, name string // of a workflow it creates; empty for an update
	land       func()
}

// later runs land now, or after Options.ImportLag more requests: an import is a job, and what
// it changes shows in listings only once the job has applied it. Runs under e.mu.
func (e *Emulator) later(job string, creates bool, doc obj, land func()) {
	if e.opts.ImportLag <= 0 {
		land()
		return
	}
	p := pendingImport{due: e.arrived + e.opts.ImportLag, job: job, land: land}
	if creates {
		p.kind, p.name = doc["kind"].(string), workflowOf(doc)["name"].(string)
	}
	e.pending = append(e.pending, p)
}

// nameTaken reports whether a workflow of kind has name, stored or about to land, and its path.
func (e *Emulator) nameTaken(kind, name string) (string, bool) {
	if w := e.workflowNamed(kind, name); w != nil {
		return w.path, true
	}
	for _, p := range e.pending {
		if p.kind == kind && p.name == name {
			return name, true
		}
	}
	return "", false
}

// landDue lands the pending imports that are due, or all of job's when job is not empty (its
// status is about to say it ended). Runs under e.mu.
func (e *Emulator) landDue(job string) {
	keep := e.pending[:0]
	for _, p := range e.pending {
		if p.due <= e.arrived || (job != "" && p.job == job) {
			p.land()
			continue
		}
		keep = append(keep, p)
	}
	e.pending = keep
}

// store gives the workflow and its nodes their server ids (keeping the ids that exist, minting
// new ones for the rest), rewrites references to the old ids wherever they are, fills in what the service adds
// (fillServerDefaults) and saves the spec.
func (e *Emulator) store(rec *workflowRec, doc obj, sentID string) {
	wf := workflowOf(doc)
	remap := map[string]string{}
	if sentID != "" && sentID != rec.id {
		remap[sentID] = rec.id
	}
	wf["id"] = rec.id
	nodeIDs := map[string]bool{}
	for _, n := range wf["nodes"].([]any) {
		node := n.(obj)
		id, _ := node["id"].(string)
		if !rec.nodeIDs[id] {
			fresh := e.newID()
			if id != "" {
				remap[id] = fresh
			}
			id = fresh
		}
		node["id"] = id
		nodeIDs[id] = true
	}
	rewriteReferences(doc, remap)
	if spec, ok := doc["spec"].(obj); ok {
		rewrite(spec, "id", remap)
	}
	e.fillServerDefaults(wf)
	rec.name, rec.typ, rec.path = wf["name"].(string), doc["kind"].(string), nested(wf, "script", "path")
	if rec.path == "" {
		rec.path = rec.name
	}
	rec.nodeIDs, rec.spec, rec.modified = nodeIDs, doc, e.millis()
}

// referenceKeys are the members whose value may be the id of a node or of the workflow: an
// output's data, a dependency's (or an input variable's) nodeId and output.
var referenceKeys = []string{"nodeId", "output", "data"}

// rewriteReferences replaces every reference member anywhere in v whose value is a remapped
// id: dependencies, outputs, inputs and variables all point at nodes this way. It is the
// emulator's own, apart from package deploy's, so that a client's mistake is not mirrored.
func rewriteReferences(v any, remap map[string]string) {
	switch v := v.(type) {
	case obj:
		for _, k := range referenceKeys {
			rewrite(v, k, remap)
		}
		for _, m := range v {
			rewriteReferences(m, remap)
		}
	case []any:
		for _, m := range v {
			rewriteReferences(m, remap)
		}
	}
}

func rewrite(m obj, key string, remap map[string]string) {
	if v, ok := m[key].(string); ok {
		if to, ok := remap[v]; ok {
			m[key] = to
		}
	}
}

func (e *Emulator) getJobStatus(p map[string]string) (map[string]any, *apiError) {
	job := e.jobs[p["JobId"]]
	if job == nil {
		return nil, errf(404, "NotFound.Job", "Job %s does not exist.", p["JobId"])
	}
	st := map[string]any{"JobId": job.id, "JobType": job.typ, "Status": dataworks.JobRunning, "Completed": "False", "CreateTime": strconv.FormatInt(e.millis(), 10)}
	if job.pollsLeft > 0 {
		job.pollsLeft--
		return map[string]any{"JobStatus": st}, nil
	}
	e.landDue(job.id)
	st["Status"], st["Completed"] = job.final, "True"
	if job.err != "" {
		st["Error"] = job.err
	}
	return map[string]any{"JobStatus": st}, nil
}

func (e *Emulator) workflowByID(id string) *workflowRec {
	for _, w := range e.workflows {
		if id != "" && w.id == id {
			return w
		}
	}
	return nil
}

func (e *Emulator) workflowNamed(typ, name string) *workflowRec {
	for _, w := range e.workflows {
		if w.typ == typ && w.name == name {
			return w
		}
	}
	return nil
}

func workflowOf(doc obj) obj {
	return doc["spec"].(obj)["workflows"].([]any)[0].(obj)
}

// projectNumber is the workspace id as the JSON integer the API answers with.
func (e *Emulator) projectNumber() json.Number { return json.Number(e.opts.ProjectID) }

func marshal(v any) string {
	b, err := json.Marshal(v) // sorted keys: deterministic
	if err != nil {
		panic(err) // stored specs were decoded from JSON
	}
	return string(b)
}
