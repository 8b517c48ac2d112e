package secmastertest

import (
	"strings"

	"github.com/wfc-dev/wfc/secmaster"
)

func (e *Emulator) listWorkflows(rq *request) (reply, *apiError) {
	offset, limit, err := paging(rq.query)
	if err != nil {
		return reply{}, err
	}
	name := rq.query.Get("name")
	aop := rq.query.Get("aop_type")
	var out []secmaster.Workflow
	for _, w := range e.workflows {
		// The service's name filter is a fuzzy match; a substring match is the closest stand-in.
		if (name == "" || strings.Contains(w.Name, name)) && (aop == "" || w.AopType == aop) {
			out = append(out, *w)
		}
	}
	return listReply(out, offset, limit), nil
}

type createWorkflowBody struct {
	Name        *string `json:"name"`
	Description string  `json:"description"`
	EngineType  *string `json:"engine_type"`
	AopType     *string `json:"aop_type"`
	DataclassID *string `json:"dataclass_id"`
	Labels      string  `json:"labels"`
}

func (e *Emulator) createWorkflow(rq *request) (reply, *apiError) {
	var b createWorkflowBody
	if err := decodeBody(rq, &b); err != nil {
		return reply{}, err
	}
	switch {
	case b.Name == nil || strings.TrimSpace(*b.Name) == "":
		return reply{}, badRequest("name is required")
	case b.EngineType == nil || *b.EngineType != secmaster.EnginePublic:
		return reply{}, badRequest("engine_type is required and must be %s", secmaster.EnginePublic)
	case b.AopType == nil || !oneOf(*b.AopType, secmaster.AopTypes...):
		return reply{}, badRequest("aop_type is required and must be one of %s", strings.Join(secmaster.AopTypes, ", "))
	case b.DataclassID == nil || *b.DataclassID == "":
		return reply{}, badRequest("dataclass_id is required")
	case b.Labels != "" && !oneOf(b.Labels, "IP", "ACCOUNT", "DOMAIN"):
		return reply{}, badRequest("labels must be IP, ACCOUNT or DOMAIN")
	}
	w, err := e.addWorkflow(secmaster.Workflow{Name: *b.Name, Description: b.Description, AopType: *b.AopType, DataclassID: *b.DataclassID, Labels: b.Labels})
	if err != nil {
		return reply{}, err
	}
	return dataReply(w), nil
}

// addWorkflow stores a new workflow; names are unique within the workspace (an assumption: the
// console refuses duplicates).
func (e *Emulator) addWorkflow(w secmaster.Workflow) (*secmaster.Workflow, *apiError) {
	for _, o := range e.workflows {
		if o.Name == w.Name {
			return nil, errf(400, codeDuplicateName, "a workflow named %q already exists", w.Name)
		}
	}
	now := e.timestamp()
	w.ID = e.newID()
	w.ProjectID, w.WorkspaceID = e.opts.ProjectID, e.opts.WorkspaceID
	w.EngineType = secmaster.EnginePublic
	w.CreateTime, w.UpdateTime = now, now
	w.Enabled, w.VersionID = false, ""
	w.CreatorName = "emulator"
	p := &w
	e.workflows = append(e.workflows, p)
	e.wfByID[w.ID] = p
	return p, nil
}

func (e *Emulator) workflow(id string) (*secmaster.Workflow, *apiError) {
	w, ok := e.wfByID[id]
	if !ok {
		return nil, errf(400, codeWorkflowNotFound, "workflow not found")
	}
	return w, nil
}

func (e *Emulator) showWorkflow(rq *request) (reply, *apiError) {
	w, err := e.workflow(rq.params[0])
	if err != nil {
		return reply{}, err
	}
	return dataReply(w), nil
}

type updateWorkflowBody struct {
	Name        *string `json:"name"`
	Description *string `json:"description"`
	Enabled     *bool   `json:"enabled"`
	VersionID   *string `json:"version_id"`
	Labels      *string `json:"labels"`
}

func (e *Emulator) updateWorkflow(rq *request) (reply, *apiError) {
	w, err := e.workflow(rq.params[0])
	if err != nil {
		return reply{}, err
	}
	var b updateWorkflowBody
	if err := decodeBody(rq, &b); err != nil {
		return reply{}, err
	}
	if b.Name != nil && strings.TrimSpace(*b.Name) == "" {
		return reply{}, badRequest("name must not be empty")
	}
	if b.Labels != nil && *b.Labels != "" && !oneOf(*b.Labels, "IP", "ACCOUNT", "DOMAIN") {
		return reply{}, badRequest("labels must be IP, ACCOUNT or DOMAIN")
	}
	if b.Enabled != nil && *b.Enabled {
		// Enabling needs the activated version (notes §1 lifecycle).
		if b.VersionID == nil || *b.VersionID == "" {
			return reply{}, badRequest("version_id is required when enabling a workflow")
		}
		v, ok := e.versions[*b.VersionID]
		if !ok || v.WorkflowID != w.ID {
			return reply{}, errf(400, codeVersionNotFound, "workflow version not found")
		}
		if v.Status != secmaster.StatusActivated {
			return reply{}, errf(400, codeBadTransition, "version %s is %s; activate it before enabling the workflow", v.ID, v.Status)
		}
	}
	if b.Name != nil {
		w.Name = *b.Name
	}
	if b.Description != nil {
		w.Description = *b.Description
	}
	if b.Labels != nil {
		w.Labels = *b.Labels
	}
	if b.Enabled != nil {
		w.Enabled = *b.Enabled
		if *b.Enabled {
			w.VersionID = *b.VersionID
		}
	}
	w.UpdateTime = e.timestamp()
	return dataReply(w), nil
}
