package secmaster

import (
	"errors"

	"github.com/wfc-dev/wfc/internal/apiclient"
)

// ErrAmbiguous marks a call that acts (create workflow or version, import, a version status
// change such as submit, an instance retry, terminate or debug) which failed after the request
// was sent (a timeout, a dropped connection, a cut-off answer or a 5xx): the server may or may
// not have applied it. Such a call is never sent again by the client; the caller resolves it by
// reading state back (for a version: ListVersions and look for its content). It is the same
// sentinel for every API client of wfc.
var ErrAmbiguous = apiclient.ErrAmbiguous

// AmbiguousAdvice ends the message of every ErrAmbiguous error; a caller that gives its own
// advice may cut it off.
const AmbiguousAdvice = apiclient.AmbiguousAdvice

// ErrTimeout marks a call stopped by Config.Timeout, the overall time budget of a client.
var ErrTimeout = apiclient.ErrTimeout

// SuccessCode is the code every successful SecMaster response body carries.
const SuccessCode = "00000000"

// Error codes the service is known to return (notes §4).
const (
	CodeWorkflowNotFound  = "SecMaster.20040611"
	CodeVersionNotFound   = "SecMaster.20040605"
	CodeWorkspaceNotFound = "SecMaster.20010001"
)

// APIError is a failed call the server answered: an HTTP error status, or a 200 whose body carries
// a code other than SuccessCode.
type APIError struct {
	Op         string // what the client was doing, e.g. "create version"
	HTTPStatus int
	Code       string // "SecMaster.20040605", "APIGW.0301", ...; empty when the body had none
	Message    string
	RequestID  string
}

func (e *APIError) Error() string {
	return apiclient.FormatAPIError(e.Op, e.HTTPStatus, e.Code, e.Message, e.RequestID)
}

// IsNotFound reports whether err says the workflow or version does not exist.
func IsNotFound(err error) bool {
	var ae *APIError
	if !errors.As(err, &ae) {
		return false
	}
	return ae.HTTPStatus == 404 || ae.Code == CodeWorkflowNotFound || ae.Code == CodeVersionNotFound
}
