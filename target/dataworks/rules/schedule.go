package rules

import (
	"errors"
	"strings"
	"time"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/target/dataworks"
	"github.com/wfc-dev/wfc/workflow"
)

var schedule = &lint.Rule{
	ID:          "dataworks-schedule",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       lint.ScopeWorkflow,
	Target:      Target,
	Summary:     "the schedule's cron is a Quartz expression DataWorks accepts, and its start comes before its end",
	Doc: "DataWorks schedules with Quartz cron expressions, which are not Unix cron: seconds come " +
		"first (`seconds minutes hours day-of-month month day-of-week [year]`), and exactly one of " +
		"day-of-month and day-of-week must be `?`. `00 30 02 * * ?` runs at 02:30 every day; the " +
		"Unix `30 2 * * *` has one field too few. DataWorks refuses an expression it cannot read " +
		"only when the workflow is deployed, so each problem is reported here, at the field in the " +
		"cron string, with what to write instead. `start` and `end` must be real dates and times " +
		"(`yyyy-MM-dd HH:mm:ss`), and a schedule that ends before it starts never runs.",
	Check: func(p *lint.Pass) {
		s := p.Input.Workflow.Schedule
		if s == nil {
			return
		}
		for _, prob := range dataworks.ValidateCron(s.Cron.Value) {
			p.Report(s.Cron.Span(prob.Offset, prob.Offset+prob.Length), "%s", prob.Message)
		}
		checkScheduleBounds(p, s)
	},
}

// scheduleTimeLayout is FlowSpec's trigger startTime and endTime: yyyy-MM-dd HH:mm:ss.
const scheduleTimeLayout = "2006-01-02 15:04:05"

// checkScheduleBounds reports a start or end that is not a date and time, and an end before
// the start. Both are in the schedule's one time zone, so they compare as written.
func checkScheduleBounds(p *lint.Pass, s *workflow.Schedule) {
	start, startOK := scheduleTime(p, "start", s.Start)
	end, endOK := scheduleTime(p, "end", s.End)
	if startOK && endOK && end.Before(start) {
		p.Report(s.End.Range, "the schedule ends (%s) before it starts (%s, line %d), so it never runs; swap start and end",
			s.End.Value, s.Start.Value, s.Start.Pos().Line)
	}
}

// scheduleTime reads a schedule bound; ok is false when it is absent or reported.
func scheduleTime(p *lint.Pass, key string, v workflow.String) (time.Time, bool) {
	if !v.IsSet() {
		return time.Time{}, false
	}
	t, err := time.Parse(scheduleTimeLayout, v.Value)
	if err != nil {
		p.Report(v.Range, "schedule %s %q is not a date and time DataWorks can read (yyyy-MM-dd HH:mm:ss, e.g. 2026-01-01 00:00:00): %s",
			key, v.Value, timeProblem(err))
		return time.Time{}, false
	}
	return t, true
}

// timeProblem is the part of a time.Parse error that says what is wrong ("month out of
// range"), without Go's layout.
func timeProblem(err error) string {
	var pe *time.ParseError
	if errors.As(err, &pe) && pe.Message != "" {
		return strings.TrimPrefix(pe.Message, ": ") // Message is ": month out of range"
	}
	return "it does not have that form"
}
