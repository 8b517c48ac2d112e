package secmastertest

import (
	"net/http"
	"time"

	"github.com/wfc-dev/wfc/internal/apitest"
)

// Fault changes how the emulator answers one request on a route. Faults queued with Fail are used
// in order, one per request.
type Fault struct {
	Status int    // answer this status with Body instead of the real answer (0: the real answer)
	Body   string // raw body for Status; empty: a SecMaster-style error JSON
	// Header is added to the answer: a Location with a 3xx Status makes a redirect, a
	// Retry-After with a 429 or 503 asks the client to wait.
	Header http.Header

	Delay time.Duration // wait before answering; a client that gives up meanwhile gets nothing
	Drop  bool          // close the connection after reading the request, answering nothing
	// Truncate sends the answer's headers with its full Content-Length but only half its body,
	// then closes the connection.
	Truncate bool
	// Commit applies the request's effect (e.g. creates the version) before the fault, so the
	// client cannot tell whether it happened: the ambiguous case.
	Commit bool
	// HideNewest answers a ListVersions as if the workflow's HideNewest most recently created
	// versions were not stored yet, as a replica that lags behind the write does: a version
	// whose create timed out may become visible only some listings later.
	HideNewest int
}

// Route names for Fail and LoggedRequest.Route.
const (
	RouteListWorkflows        = "ListWorkflows"
	RouteCreateWorkflow       = "CreateWorkflow"
	RouteShowWorkflow         = "ShowWorkflow"
	RouteUpdateWorkflow       = "UpdateWorkflow"
	RouteListVersions         = "ListVersions"
	RouteCreateVersion        = "CreateVersion"
	RouteShowVersion          = "ShowVersion"
	RouteUpdateVersion        = "UpdateVersion"
	RouteDeleteVersion        = "DeleteVersion"
	RouteValidate             = "Validate"
	RouteImport               = "Import"
	RouteExport               = "Export"
	RouteListInstances        = "ListInstances"
	RouteShowInstance         = "ShowInstance"
	RouteUpdateInstance       = "UpdateInstance"
	RouteListComponents       = "ListComponents"
	RouteListComponentActions = "ListComponentActions"
)

// Fail queues faults for the next requests on route.
func (e *Emulator) Fail(route string, faults ...Fault) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.faults.Push(route, faults...)
}

func (e *Emulator) popFault(route string) (Fault, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.faults.Pop(route)
}

// LoggedRequest is one request as the emulator saw it. Credential headers are replaced by ***.
type LoggedRequest struct {
	Route  string // one of the Route* names; empty when no route matched
	Method string
	Path   string
	Query  string
	Header http.Header
	Body   []byte
	Auth   string // "token", "aksk" or "" when authentication failed
	Status int    // status answered; 0 when the connection was dropped
}

// Requests returns a copy of the request log.
func (e *Emulator) Requests() []LoggedRequest {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]LoggedRequest(nil), e.log...)
}

// RequestsTo returns the logged requests for one route.
func (e *Emulator) RequestsTo(route string) []LoggedRequest {
	return apitest.Matching(e.Requests(), func(r LoggedRequest) bool { return r.Route == route })
}

// redactedHeader copies h with credential values replaced.
func redactedHeader(h http.Header) http.Header {
	return apitest.RedactHeader(h, "Authorization", "X-Auth-Token", "X-Security-Token")
}
