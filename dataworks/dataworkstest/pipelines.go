package dataworkstest

import (
	"encoding/json"
	"strings"

	"github.com/wfc-dev/wfc/dataworks"
)

// runRec is a pipeline run; it advances one stage step per GetPipelineRun.
type runRec struct {
	id, objectID, typ, desc string
	status, message         string
	stages                  []*stageRec
	created                 int64
}

type stageRec struct {
	Stage
	status, message string
	failWith        string // the message this stage fails with; empty: it succeeds
}

func (e *Emulator) createPipelineRun(p map[string]string) (map[string]any, *apiError) {
	if typ := p["Type"]; typ != dataworks.PipelineOnline && typ != dataworks.PipelineOffline {
		return nil, errf(400, "InvalidParameter", "Type must be %s or %s.", dataworks.PipelineOnline, dataworks.PipelineOffline)
	}
	var ids []string
	json.Unmarshal([]byte(p["ObjectIds"]), &ids) // checked in parseParams
	if e.workflowByID(ids[0]) == nil {
		return nil, errf(404, "NotFound.Object", "Object %s does not exist in workspace %s.", ids[0], e.opts.ProjectID)
	}
	run := &runRec{id: e.newID(), objectID: ids[0], typ: p["Type"], desc: p["Description"], status: dataworks.StatusRunning, created: e.millis()}
	stages := e.opts.Stages
	if run.typ == dataworks.PipelineOffline {
		stages = e.opts.Offline
	}
	for _, s := range stages {
		run.stages = append(run.stages, &stageRec{Stage: s, status: dataworks.StatusInit, failWith: e.failStages[s.Code]})
	}
	e.runs[run.id] = run
	return map[string]any{"Id": run.id}, nil
}

func (e *Emulator) getPipelineRun(p map[string]string) (map[string]any, *apiError) {
	run := e.runs[p["Id"]]
	if run == nil {
		return nil, errf(404, "NotFound.PipelineRun", "Pipeline run %s does not exist.", p["Id"])
	}
	run.advance()
	stages := []any{}
	for i, s := range run.stages {
		stages = append(stages, map[string]any{
			"Code": s.Code, "Name": s.Name, "Type": s.Type, "Status": s.status, "Message": s.message,
			"Description": s.Name, "Step": i + 1, "Detail": map[string]any{},
		})
	}
	return map[string]any{"Pipeline": map[string]any{
		"Id": run.id, "ProjectId": e.projectNumber(), "Status": run.status, "Message": run.message, "Creator": owner,
		"CreateTime": run.created, "ModifyTime": e.millis(), "Stages": stages,
	}}, nil
}

// current is the first stage that has not succeeded, or nil when all have.
func (r *runRec) current() *stageRec {
	for _, s := range r.stages {
		if s.status != dataworks.StatusSuccess {
			return s
		}
	}
	return nil
}

// advance moves the run one step: an automatic stage goes Init → Running → Success (or Fail);
// a manual stage stays Init until ExecPipelineRunStage.
func (r *runRec) advance() {
	if r.status != dataworks.StatusRunning {
		return
	}
	s := r.current()
	switch {
	case s == nil:
		r.status = dataworks.StatusSuccess
	case s.status == dataworks.StatusInit && !s.Manual:
		s.status = dataworks.StatusRunning
	case s.status == dataworks.StatusRunning && s.failWith != "":
		s.status, s.message = dataworks.StatusFail, s.failWith
		r.status, r.message = dataworks.StatusFail, "stage "+s.Code+" failed: "+s.failWith
	case s.status == dataworks.StatusRunning:
		s.status = dataworks.StatusSuccess
		if r.current() == nil {
			r.status = dataworks.StatusSuccess
		}
	}
}

func (e *Emulator) execStage(p map[string]string) (map[string]any, *apiError) {
	run := e.runs[p["Id"]]
	if run == nil {
		return nil, errf(404, "NotFound.PipelineRun", "Pipeline run %s does not exist.", p["Id"])
	}
	var target *stageRec
	var codes []string
	for _, s := range run.stages {
		codes = append(codes, s.Code)
		if s.Code == p["Code"] {
			target = s
		}
	}
	if target == nil {
		return nil, errf(400, "InvalidStage", "The run has no stage %q; its stages are %s.", truncate(p["Code"], 40), strings.Join(codes, ", "))
	}
	if cur := run.current(); run.status != dataworks.StatusRunning || cur != target || !target.Manual || target.status != dataworks.StatusInit {
		return nil, errf(400, "InvalidStage", "Stage %s is %s in a run that is %s; only the current stage, when it waits for a manual start, can be executed.", target.Code, target.status, run.status)
	}
	target.status = dataworks.StatusRunning
	return map[string]any{"Success": true}, nil
}
