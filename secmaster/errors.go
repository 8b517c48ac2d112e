package secmaster

import (
	"errors"
	"fmt"
	"strings"
)

// ErrAmbiguous marks a call that changes state (a POST such as create version) which failed after
// the request was sent (a timeout, a dropped connection, a cut-off answer or a 5xx): the server
// may or may not have applied it. It is never retried blindly;
// the caller resolves it by reading state back (for a version: ListVersions and look for its name).
var ErrAmbiguous = errors.New("the request was sent but its outcome is unknown")

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
	var b strings.Builder
	fmt.Fprintf(&b, "%s: HTTP %d", e.Op, e.HTTPStatus)
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request id %s)", e.RequestID)
	}
	return b.String()
}

// IsNotFound reports whether err says the workflow or version does not exist.
func IsNotFound(err error) bool {
	var ae *APIError
	if !errors.As(err, &ae) {
		return false
	}
	return ae.HTTPStatus == 404 || ae.Code == CodeWorkflowNotFound || ae.Code == CodeVersionNotFound
}

// ambiguousError carries the cause of an ambiguous failure; errors.Is(err, ErrAmbiguous) holds.
type ambiguousError struct {
	op    string
	cause error
}

func (e *ambiguousError) Error() string {
	return fmt.Sprintf("%s: %v; the request may have been applied: read the state back before retrying", e.op, e.cause)
}

func (e *ambiguousError) Unwrap() []error { return []error{ErrAmbiguous, e.cause} }

// redactedError replaces a message that contains a credential; it still unwraps to the cause so
// errors.Is/As keep working.
type redactedError struct {
	msg   string
	cause error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.cause }

// redact returns err unchanged unless its message contains one of secrets, in which case every
// occurrence is replaced by ***. This is a second line of defence: no code path should put a
// credential into an error in the first place.
func redact(err error, secrets []string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	changed := false
	for _, s := range secrets {
		if len(s) >= 4 && strings.Contains(msg, s) {
			msg = strings.ReplaceAll(msg, s, "***")
			changed = true
		}
	}
	if !changed {
		return err
	}
	return &redactedError{msg: msg, cause: err}
}
