package secmastertest

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"

	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/secmaster/exportfile"
)

type exportBody struct {
	ID []string `json:"id"`
}

// exportWorkflows answers the export file (secmaster/exportfile.go) of the given workflows.
func (e *Emulator) exportWorkflows(rq *request) (reply, *apiError) {
	var b exportBody
	if err := decodeBody(rq, &b); err != nil {
		return reply{}, err
	}
	if len(b.ID) == 0 {
		return reply{}, badRequest("id must list at least one workflow id")
	}
	var out []exportfile.Workflow
	for _, id := range b.ID {
		w, err := e.workflow(id)
		if err != nil {
			return reply{}, err
		}
		ew := exportfile.Workflow{Workflow: *w}
		for _, vid := range e.versionsOf[id] {
			ew.Versions = append(ew.Versions, *e.versions[vid])
		}
		out = append(out, ew)
	}
	data, err := exportfile.Marshal(out)
	if err != nil {
		return reply{}, errf(500, "SecMaster.20039999", "encoding the export: %v", err)
	}
	return reply{raw: data, contentType: "application/octet-stream"}, nil
}

// importWorkflows reads multipart field uploadFile. Each workflow is created, or joined by name
// when one exists; its versions arrive as new drafts (pending_submit) — an assumption, as the
// real behaviour is not documented.
func (e *Emulator) importWorkflows(rq *request) (reply, *apiError) {
	file, aerr := uploadedFile(rq)
	if aerr != nil {
		return reply{}, aerr
	}
	wfs, err := exportfile.Parse(file)
	if err != nil {
		return reply{}, badRequest("%v", err)
	}
	// Check everything before changing anything, so a bad file imports nothing.
	for _, w := range wfs {
		if !oneOf(w.AopType, secmaster.AopTypes...) {
			return reply{}, badRequest("workflow %q: aop_type must be one of NORMAL, SURVEY, HEMOSTASIS, EASE", w.Name)
		}
		for _, v := range w.Versions {
			if err := checkVersionFields(v); err != nil {
				err.Msg = "workflow " + w.Name + ", version " + v.Name + ": " + err.Msg
				return reply{}, err
			}
		}
	}
	for _, w := range wfs {
		target := e.workflowByName(w.Name)
		if target == nil {
			target, _ = e.addWorkflow(secmaster.Workflow{Name: w.Name, Description: w.Description, AopType: w.AopType, DataclassID: w.DataclassID, Labels: w.Labels})
		}
		for _, v := range w.Versions {
			e.addVersion(target, secmaster.WorkflowVersion{Name: v.Name, Description: v.Description, Taskconfig: v.Taskconfig,
				Taskflow: v.Taskflow, TaskflowType: v.TaskflowType, AopType: v.AopType, Input: v.Input, Output: v.Output})
		}
	}
	return reply{envelope: true}, nil
}

func (e *Emulator) workflowByName(name string) *secmaster.Workflow {
	for _, w := range e.workflows {
		if w.Name == name {
			return w
		}
	}
	return nil
}

// uploadedFile returns the content of the multipart field uploadFile.
func uploadedFile(rq *request) ([]byte, *apiError) {
	mt, params, err := mime.ParseMediaType(rq.header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return nil, badRequest("import needs a multipart/form-data body with field %s", secmaster.ImportFieldName)
	}
	mr := multipart.NewReader(bytes.NewReader(rq.body), params["boundary"])
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, badRequest("the multipart body has no %s field", secmaster.ImportFieldName)
		}
		if err != nil {
			return nil, badRequest("the multipart body is malformed: %v", err)
		}
		if part.FormName() == secmaster.ImportFieldName {
			data, err := io.ReadAll(part)
			if err != nil {
				return nil, badRequest("the multipart body is malformed: %v", err)
			}
			return data, nil
		}
	}
}
