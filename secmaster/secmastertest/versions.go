package secmastertest

import (
	"fmt"
	"strings"

	"github.com/wfc-dev/wfc/secmaster"
)

var versionStatuses = []string{
	secmaster.StatusPendingSubmit, secmaster.StatusPendingApproval, secmaster.StatusPublishing,
	secmaster.StatusPublishFailed, secmaster.StatusNotActivated, secmaster.StatusActivated, secmaster.StatusRejected,
}

func (e *Emulator) listVersions(rq *request) (reply, *apiError) {
	w, err := e.workflow(rq.params[0])
	if err != nil {
		return reply{}, err
	}
	offset, limit, err := paging(rq.query)
	if err != nil {
		return reply{}, err
	}
	status := rq.query.Get("status")
	if status != "" && !oneOf(status, versionStatuses...) {
		return reply{}, badRequest("status must be one of %s", strings.Join(versionStatuses, ", "))
	}
	ids := e.versionsOf[w.ID]
	ids = ids[:max(0, len(ids)-rq.hideNewest)]
	var out []secmaster.WorkflowVersion
	for _, id := range ids {
		if v := e.versions[id]; status == "" || v.Status == status {
			out = append(out, *v)
		}
	}
	return listReply(out, offset, limit), nil
}

type createVersionBody struct {
	Name         *string `json:"name"`
	Description  *string `json:"description"`
	Taskconfig   *string `json:"taskconfig"`
	Input        string  `json:"input"`
	Output       string  `json:"output"`
	Taskflow     *string `json:"taskflow"`
	TaskflowType *string `json:"taskflow_type"`
	AopType      *string `json:"aop_type"`
}

func (e *Emulator) createVersion(rq *request) (reply, *apiError) {
	w, err := e.workflow(rq.params[0])
	if err != nil {
		return reply{}, err
	}
	var b createVersionBody
	if err := decodeBody(rq, &b); err != nil {
		return reply{}, err
	}
	for _, f := range []struct {
		name string
		v    *string
	}{{"name", b.Name}, {"description", b.Description}, {"taskconfig", b.Taskconfig}, {"taskflow", b.Taskflow}, {"taskflow_type", b.TaskflowType}, {"aop_type", b.AopType}} {
		if f.v == nil {
			return reply{}, badRequest("%s is required", f.name)
		}
	}
	v := secmaster.WorkflowVersion{
		Name: *b.Name, Description: *b.Description, Taskconfig: *b.Taskconfig, Taskflow: *b.Taskflow,
		TaskflowType: *b.TaskflowType, AopType: *b.AopType, Input: b.Input, Output: b.Output,
	}
	if err := checkVersionFields(v); err != nil {
		return reply{}, err
	}
	return dataReply(e.addVersion(w, v)), nil
}

// checkVersionFields enforces the enums and the taskflow/taskconfig shapes.
func checkVersionFields(v secmaster.WorkflowVersion) *apiError {
	switch {
	case strings.TrimSpace(v.Name) == "":
		return badRequest("name must not be empty")
	case v.TaskflowType != secmaster.TaskflowTypeJSON:
		return badRequest("taskflow_type must be %s", secmaster.TaskflowTypeJSON)
	case !oneOf(v.AopType, secmaster.AopTypes...):
		return badRequest("aop_type must be one of %s", strings.Join(secmaster.AopTypes, ", "))
	}
	if err := checkTaskconfig(v.Taskconfig); err != nil {
		return err
	}
	_, err := decodeTaskflow(v.Taskflow)
	return err
}

// addVersion stores a new draft version of w.
func (e *Emulator) addVersion(w *secmaster.Workflow, v secmaster.WorkflowVersion) *secmaster.WorkflowVersion {
	now := e.timestamp()
	v.ID = e.newID()
	v.VersionID = v.ID
	v.WorkflowID = w.ID
	v.ProjectID, v.WorkspaceID = e.opts.ProjectID, e.opts.WorkspaceID
	v.Status = secmaster.StatusPendingSubmit
	v.CreateTime, v.UpdateTime = now, now
	v.CreatorName = "emulator"
	v.Enabled = false
	v.DataclassID = w.DataclassID
	e.verCount[w.ID]++
	v.Version = fmt.Sprintf("v%d", e.verCount[w.ID])
	p := &v
	e.versions[v.ID] = p
	e.versionsOf[w.ID] = append(e.versionsOf[w.ID], v.ID)
	return p
}

func (e *Emulator) version(id string) (*secmaster.WorkflowVersion, *apiError) {
	v, ok := e.versions[id]
	if !ok {
		return nil, errf(400, codeVersionNotFound, "workflow version not found")
	}
	return v, nil
}

func (e *Emulator) showVersion(rq *request) (reply, *apiError) {
	v, err := e.version(rq.params[0])
	if err != nil {
		return reply{}, err
	}
	return dataReply(v), nil
}

type updateVersionBody struct {
	Name         *string `json:"name"`
	Description  *string `json:"description"`
	Status       *string `json:"status"`
	Taskconfig   *string `json:"taskconfig"`
	Taskflow     *string `json:"taskflow"`
	TaskflowType *string `json:"taskflow_type"`
	AopType      *string `json:"aop_type"`
	Input        *string `json:"input"`
	Output       *string `json:"output"`
}

func (b *updateVersionBody) hasFields() bool {
	return b.Name != nil || b.Description != nil || b.Taskconfig != nil || b.Taskflow != nil ||
		b.TaskflowType != nil || b.AopType != nil || b.Input != nil || b.Output != nil
}

// updateVersion edits a draft or changes its status. Status actions (notes §1):
// pending_approval submits a draft or rejected version, activated activates a not_activated one
// (deactivating the workflow's other activated version), not_activated deactivates, and
// pending_submit (the default) edits fields of a draft or rejected version.
func (e *Emulator) updateVersion(rq *request) (reply, *apiError) {
	v, err := e.version(rq.params[0])
	if err != nil {
		return reply{}, err
	}
	var b updateVersionBody
	if err := decodeBody(rq, &b); err != nil {
		return reply{}, err
	}
	action := secmaster.StatusPendingSubmit
	if b.Status != nil {
		action = *b.Status
	}
	if action != secmaster.StatusPendingSubmit && b.hasFields() {
		return reply{}, badRequest("status cannot be changed together with other fields")
	}
	from := v.Status
	switch action {
	case secmaster.StatusPendingSubmit:
		if !oneOf(from, secmaster.StatusPendingSubmit, secmaster.StatusRejected) {
			return reply{}, errf(400, codeBadTransition, "a %s version cannot be edited; only pending_submit or rejected ones can", from)
		}
		next := *v
		set := func(dst *string, src *string) {
			if src != nil {
				*dst = *src
			}
		}
		set(&next.Name, b.Name)
		set(&next.Description, b.Description)
		set(&next.Taskconfig, b.Taskconfig)
		set(&next.Taskflow, b.Taskflow)
		set(&next.TaskflowType, b.TaskflowType)
		set(&next.AopType, b.AopType)
		set(&next.Input, b.Input)
		set(&next.Output, b.Output)
		if err := checkVersionFields(next); err != nil {
			return reply{}, err
		}
		next.Status = secmaster.StatusPendingSubmit
		*v = next
	case secmaster.StatusPendingApproval:
		if !oneOf(from, secmaster.StatusPendingSubmit, secmaster.StatusRejected) {
			return reply{}, errf(400, codeBadTransition, "cannot submit a %s version; only pending_submit or rejected ones can be submitted", from)
		}
		v.Status = action
		if e.opts.AutoApprove {
			v.Status = secmaster.StatusNotActivated
		}
	case secmaster.StatusActivated:
		if !oneOf(from, secmaster.StatusNotActivated, secmaster.StatusActivated) {
			return reply{}, errf(400, codeBadTransition, "cannot activate a %s version; it must be approved (not_activated) first", from)
		}
		for _, id := range e.versionsOf[v.WorkflowID] {
			if o := e.versions[id]; o != v && o.Status == secmaster.StatusActivated {
				o.Status = secmaster.StatusNotActivated
			}
		}
		v.Status = action
		if w := e.wfByID[v.WorkflowID]; w.Enabled {
			w.VersionID = v.ID
		}
	case secmaster.StatusNotActivated:
		if !oneOf(from, secmaster.StatusActivated, secmaster.StatusNotActivated) {
			return reply{}, errf(400, codeBadTransition, "cannot deactivate a %s version", from)
		}
		v.Status = action
	default:
		return reply{}, badRequest("status must be pending_submit, pending_approval, activated or not_activated")
	}
	v.Enabled = v.Status == secmaster.StatusActivated
	v.UpdateTime = e.timestamp()
	return dataReply(v), nil
}

func (e *Emulator) deleteVersion(rq *request) (reply, *apiError) {
	v, err := e.version(rq.params[0])
	if err != nil {
		return reply{}, err
	}
	if v.Status == secmaster.StatusActivated {
		return reply{}, errf(400, codeBadTransition, "an activated version cannot be deleted; deactivate it first")
	}
	ids := e.versionsOf[v.WorkflowID]
	for i, id := range ids {
		if id == v.ID {
			e.versionsOf[v.WorkflowID] = append(ids[:i:i], ids[i+1:]...)
			break
		}
	}
	delete(e.versions, v.ID)
	return dataReply(v), nil
}
