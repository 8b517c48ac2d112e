package dataworkstest

import (
	"net/http"
	"strings"
	"time"

	"github.com/wfc-dev/wfc/internal/apitest"
)

// Fault changes how the emulator answers one request of an action. Faults queued with Fail are
// used in order, one per request.
type Fault struct {
	Status     int    // answer this status instead of the real answer (0: the real answer)
	Code       string // the error code for Status; empty: InternalError
	Message    string // the error message for Status; empty: the service's generic one
	RetryAfter string // a Retry-After header for Status
	Redirect   string // answer 302 with this Location, applying nothing
	Drop       bool   // close the connection without answering
	// Hang holds the request unanswered until the client gives up (its attempt timeout or
	// context), then closes the connection: a timeout, as the client sees it.
	Hang  bool
	Delay time.Duration // wait before answering; a client that gives up meanwhile gets nothing
	// Truncate sends the answer's headers with its full Content-Length but only half its body,
	// then closes the connection: an answer lost on its way.
	Truncate bool
	// Commit applies the request's effect (e.g. the import) before the fault, so the client
	// cannot tell whether it happened: the ambiguous case.
	Commit bool
}

// Action names for Fail, Applied and LoggedRequest.Action.
const (
	ActionListWorkflowDefinitions  = "ListWorkflowDefinitions"
	ActionGetWorkflowDefinition    = "GetWorkflowDefinition"
	ActionImportWorkflowDefinition = "ImportWorkflowDefinition"
	ActionGetJobStatus             = "GetJobStatus"
	ActionCreatePipelineRun        = "CreatePipelineRun"
	ActionGetPipelineRun           = "GetPipelineRun"
	ActionExecPipelineRunStage     = "ExecPipelineRunStage"
)

// FailStage makes the stage code fail, with message, in every pipeline run created afterwards.
func (e *Emulator) FailStage(code, message string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.failStages[code] = message
}

// Applied counts the requests of action whose effect was applied (an import, a pipeline run, a
// stage start), faulted or not.
func (e *Emulator) Applied(action string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.applied[action]
}

// LoggedRequest is one request as the emulator saw it. Credential headers are replaced by ***.
type LoggedRequest struct {
	apitest.Request
	Action string // x-acs-action
}

// play states f the way apitest plays it; rid is the request id of an injected error body.
func (e *Emulator) play(f Fault, rid string) apitest.Fault {
	p := apitest.Fault{Commit: f.Commit, Delay: f.Delay, Hang: f.Hang, Drop: f.Drop, Truncate: f.Truncate}
	switch {
	case f.Redirect != "":
		p.Injected = &apitest.Answer{Status: http.StatusFound, Header: http.Header{"Location": {f.Redirect}}}
	case f.Status != 0:
		code, msg := f.Code, f.Message
		if code == "" {
			code = "InternalError"
		}
		if msg == "" {
			msg = "The request processing has failed due to some unknown error (injected fault)."
		}
		a := e.errorAnswer(rid, &apiError{Status: f.Status, Code: code, Msg: msg})
		if f.RetryAfter != "" {
			a.Header.Set("Retry-After", f.RetryAfter)
		}
		p.Injected = &a
	}
	return p
}

// errorBodyOf is the Alibaba Cloud error answer.
type errorBodyOf struct {
	RequestID string `json:"RequestId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	HostID    string `json:"HostId"`
	Recommend string `json:"Recommend"`
}

func (e *Emulator) errorBody(rid string, err *apiError) errorBodyOf {
	return errorBodyOf{
		RequestID: rid,
		Code:      err.Code,
		Message:   err.Msg,
		HostID:    e.opts.HostID,
		Recommend: "https://api.aliyun.com/troubleshoot?q=" + strings.ReplaceAll(err.Code, " ", "") + "&product=dataworks-public&requestId=" + rid,
	}
}
