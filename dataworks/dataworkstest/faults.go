package dataworkstest

import (
	"net/http"
	"strings"

	"github.com/wfc-dev/wfc/dataworks"
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
	Hang bool
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

// Fail queues faults for the next requests of action.
func (e *Emulator) Fail(action string, faults ...Fault) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.faults.Push(action, faults...)
}

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

func (e *Emulator) popFault(action string) (Fault, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.faults.Pop(action)
}

// LoggedRequest is one request as the emulator saw it. Credential headers are replaced by ***.
type LoggedRequest struct {
	Action string // x-acs-action
	Method string
	Query  string
	Header http.Header
	Body   []byte
	Status int // status answered; 0 when the connection was dropped
}

// Requests returns a copy of the request log.
func (e *Emulator) Requests() []LoggedRequest {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]LoggedRequest(nil), e.log...)
}

// RequestsTo returns the logged requests of one action.
func (e *Emulator) RequestsTo(action string) []LoggedRequest {
	return apitest.Matching(e.Requests(), func(r LoggedRequest) bool { return r.Action == action })
}

// redactedHeader copies h with credential values replaced.
func redactedHeader(h http.Header) http.Header {
	return apitest.RedactHeader(h, dataworks.HeaderAuthorization, dataworks.HeaderSecurityToken, dataworks.HeaderAccessKeyID)
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
