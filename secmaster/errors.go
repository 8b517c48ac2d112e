package secmaster

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrAmbiguous marks a call that acts (create workflow or version, import, a version status
// change such as submit, an instance retry, terminate or debug) which failed after the request
// was sent (a timeout, a dropped connection, a cut-off answer or a 5xx): the server may or may
// not have applied it. Such a call is never sent again by the client; the caller resolves it by
// reading state back (for a version: ListVersions and look for its content).
var ErrAmbiguous = errors.New("the request was sent but its outcome is unknown")

// ErrTimeout marks a call stopped by Config.Timeout, the overall time budget of a client.
var ErrTimeout = errors.New("the overall time limit ran out")

// timeoutError is the cause of the client's own deadline; it is also a
// context.DeadlineExceeded, so callers that test for that keep working.
type timeoutError struct{ limit time.Duration }

func (e *timeoutError) Error() string {
	return fmt.Sprintf("%v (%s for the whole command, retries included)", ErrTimeout, e.limit)
}

func (e *timeoutError) Unwrap() []error { return []error{ErrTimeout, context.DeadlineExceeded} }

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
// The cause's message already starts with the operation, which is not repeated.
type ambiguousError struct {
	cause error
}

// AmbiguousAdvice ends the message of every ErrAmbiguous error; a caller that gives its own
// advice may cut it off.
const AmbiguousAdvice = "; the request may have been applied: read the state back before retrying"

func (e *ambiguousError) Error() string { return e.cause.Error() + AmbiguousAdvice }

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
	msg, changed := redactString(err.Error(), secrets)
	if !changed {
		return err
	}
	return &redactedError{msg: msg, cause: err}
}

// redactString replaces every occurrence of each secret (of 4 bytes or more) in s by ***.
func redactString(s string, secrets []string) (string, bool) {
	changed := false
	for _, sec := range secrets {
		if len(sec) >= 4 && strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, "***")
			changed = true
		}
	}
	return s, changed
}
