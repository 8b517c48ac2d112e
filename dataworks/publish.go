package dataworks

import (
	"context"
	"errors"
	"fmt"
)

// PipelineError is a pipeline run that ended without success.
type PipelineError struct {
	RunID     ID
	Status    string // Fail, Termination or Cancel
	StageCode string // the stage that failed, when one did
	StageName string
	Message   string // the stage's message, else the run's
}

func (e *PipelineError) Error() string {
	msg := fmt.Sprintf("pipeline run %s ended with status %s", e.RunID, e.Status)
	if e.StageCode != "" {
		msg += fmt.Sprintf(" at stage %s (%s)", e.StageCode, e.StageName)
	}
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// WaitPipelineRun polls a pipeline run every Poll.Interval until it ends, and starts each stage
// that waits for a manual start (Init, every earlier stage Success) with ExecPipelineRunStage, as
// Alibaba's deploy guide describes. Each stage is started at most once: an unknown outcome is
// resolved by the next polls, never by resending. progress, when not nil, sees every poll.
// Success returns the run; Fail, Termination and Cancel return a *PipelineError with the failing
// stage's message; a run still going after Poll.MaxAttempts polls is an error naming the stage
// it waits on.
func (c *Client) WaitPipelineRun(ctx context.Context, id ID, progress func(*PipelineRun)) (*PipelineRun, error) {
	interval, maxPolls := c.pollPolicy()
	started := map[string]error{} // stage code → what starting it answered (nil: accepted)
	for poll := 1; ; poll++ {
		run, err := c.GetPipelineRun(ctx, id)
		if err != nil {
			return nil, err
		}
		if progress != nil {
			progress(run)
		}
		switch run.Status {
		case StatusSuccess:
			return run, nil
		case StatusFail, StatusTermination, StatusCancel:
			return run, redact(c.pipelineError(id, run), c.secrets)
		}
		waiting := waitingStage(run)
		if waiting != nil {
			if _, tried := started[waiting.Code]; !tried {
				started[waiting.Code] = c.ExecPipelineRunStage(ctx, id, waiting.Code)
			}
		}
		if poll >= maxPolls {
			return run, c.stillRunning(id, run, waiting, started, poll)
		}
		if err := c.sleep(ctx, interval); err != nil {
			return nil, fmt.Errorf("waiting for pipeline run %s: %w", id, err)
		}
	}
}

// waitingStage is the first stage that has not succeeded when it is Init (all earlier ones
// succeeded), else nil.
func waitingStage(run *PipelineRun) *PipelineStage {
	for i := range run.Stages {
		s := &run.Stages[i]
		if s.Status == StatusSuccess {
			continue
		}
		if s.Status == StatusInit {
			return s
		}
		return nil
	}
	return nil
}

func (c *Client) pipelineError(id ID, run *PipelineRun) *PipelineError {
	pe := &PipelineError{RunID: id, Status: run.Status, Message: cleanMessage(run.Message, c.secrets)}
	for _, s := range run.Stages {
		if s.Status == StatusFail || s.Status == StatusTermination || s.Status == StatusCancel {
			pe.StageCode, pe.StageName = cleanMessage(s.Code, c.secrets), cleanMessage(s.Name, c.secrets)
			if s.Message != "" {
				pe.Message = cleanMessage(s.Message, c.secrets)
			}
			break
		}
	}
	return pe
}

// stillRunning explains a run that outlived the poll budget, with what starting its waiting stage
// answered: a stage that needs an approval cannot be started through the API.
func (c *Client) stillRunning(id ID, run *PipelineRun, waiting *PipelineStage, started map[string]error, polls int) error {
	msg := fmt.Sprintf("pipeline run %s is still %s after %d polls", id, run.Status, polls)
	if waiting != nil {
		msg += fmt.Sprintf("; stage %s (%s) waits to be started", waiting.Code, waiting.Name)
		if err := started[waiting.Code]; err != nil && !errors.Is(err, ErrAmbiguous) {
			msg += fmt.Sprintf(" and starting it failed (%v): it may need an approval in the DataWorks console", err)
		}
	}
	return redact(errors.New(msg+"; check the run again with GetPipelineRun"), c.secrets)
}
