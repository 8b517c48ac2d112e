package dataworks

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// The trigger times a Scheduler trigger has when the schedule gives none: DataWorks' own
// defaults, as the server writes them (sdk-import-example.json).
const (
	DefaultStartTime = "1970-01-01 00:00:00"
	DefaultEndTime   = "9999-01-01 00:00:00"
)

// compile builds the FlowSpec document of a program that has no errors. readFiles says
// whether to read the run steps' script files; the diagnostics are those it cannot read.
func compile(prog *workflow.Program, readFiles bool) (*Document, diag.List) {
	w := prog.Workflow
	kind, trigger := KindManualWorkflow, &Trigger{Type: TriggerManual}
	if w.Schedule != nil {
		kind, trigger = KindCycleWorkflow, schedulerTrigger(w.Schedule)
	}
	c := newCompiler(prog, readFiles)
	c.build()
	wf := Workflow{
		Script:       &Script{Path: c.wfPath, Runtime: &Runtime{Command: CommandWorkflow}},
		Trigger:      trigger,
		Strategy:     workflowStrategy(w.Retry),
		Name:         w.Name.Value,
		Description:  w.Description.Value,
		Inputs:       workflowInputs(w.Inputs),
		Nodes:        c.nodes,
		Dependencies: c.deps,
	}
	doc := &Document{Version: SpecVersion, Kind: kind,
		Spec: Spec{Name: w.Name.Value, Type: kind, Workflows: []Workflow{wf}}}
	return doc, c.diags
}

// schedulerTrigger is the trigger of a scheduled workflow.
func schedulerTrigger(s *workflow.Schedule) *Trigger {
	t := &Trigger{Type: TriggerScheduler, Cron: s.Cron.Value, StartTime: DefaultStartTime,
		EndTime: DefaultEndTime, Timezone: s.Timezone.Value, DelaySeconds: Int(0)}
	if s.Start.IsSet() {
		t.StartTime = s.Start.Value
	}
	if s.End.IsSet() {
		t.EndTime = s.End.Value
	}
	if s.Delay.IsSet() {
		t.DelaySeconds = Int(int(s.Delay.Seconds))
	}
	return t
}

// workflowStrategy is the workflow's default rerun policy, from its retry; nil without one.
func workflowStrategy(r *workflow.Retry) *Strategy {
	times, interval := rerun(r)
	if times == nil {
		return nil
	}
	return &Strategy{RerunTimes: times, RerunInterval: interval}
}

// rerun is FlowSpec's rerunTimes and rerunInterval (milliseconds) of a retry; nil, nil
// without one, and a nil interval when the retry gives none (DataWorks' default applies).
func rerun(r *workflow.Retry) (times, intervalMS *int) {
	if r == nil {
		return nil, nil
	}
	times = Int(int(r.Times.Value))
	if r.Interval.IsSet() {
		intervalMS = Int(int(r.Interval.Seconds * 1000))
	}
	return times, intervalMS
}

// workflowInputs are the workflow's inputs as workflow parameters (scope Workflow), each
// with its default as text ("" without one); nil without inputs.
func workflowInputs(params []*workflow.Param) *IO {
	if len(params) == 0 {
		return nil
	}
	io := &IO{}
	for _, p := range params {
		io.Variables = append(io.Variables, Variable{Name: p.Name.Value, ArtifactType: ArtifactVariable,
			Scope: ScopeWorkflow, Type: VariableConstant, Value: defaultText(p.Default), Description: p.Description.Value})
	}
	return io
}

// defaultText is an input's default as a parameter's text: a scalar as written, a list or
// mapping as JSON.
func defaultText(v *workflow.Value) string {
	if v == nil {
		return ""
	}
	if v.IsScalar() {
		return v.Text()
	}
	b, err := encode(v.JSON(), "")
	if err != nil {
		return ""
	}
	return string(b)
}
