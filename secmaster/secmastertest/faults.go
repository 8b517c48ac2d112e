package secmastertest

import (
	"encoding/json"
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
	// Hang holds the request unanswered until the client gives up (its attempt timeout or
	// context), then closes the connection: a timeout, as the client sees it.
	Hang bool
	Drop bool // close the connection after reading the request, answering nothing
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

// LoggedRequest is one request as the emulator saw it. Credential headers are replaced by ***.
type LoggedRequest struct {
	apitest.Request
	Route string // one of the Route* names; empty when no route matched
	Auth  string // "token", "aksk" or "" when authentication failed
}

// play states f the way apitest plays it; rid is the request id of an injected error body.
func (f Fault) play(rid string) apitest.Fault {
	p := apitest.Fault{Commit: f.Commit, Delay: f.Delay, Hang: f.Hang, Drop: f.Drop, Truncate: f.Truncate, Header: f.Header}
	if f.Status != 0 {
		body := []byte(f.Body)
		if f.Body == "" {
			body, _ = json.Marshal(map[string]string{"code": "SecMaster.20039999", "message": "injected fault", "request_id": rid})
		}
		p.Injected = &apitest.Answer{Status: f.Status, Header: jsonHeader(rid), Body: body}
	}
	return p
}
