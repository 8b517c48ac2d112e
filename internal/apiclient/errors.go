package apiclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// ErrAmbiguous marks a call that acts which failed after the request was sent (a timeout, a
// dropped connection, a cut-off answer or a 5xx): the server may or may not have applied it.
// Such a call is never sent again; the caller resolves it by reading state back.
var ErrAmbiguous = errors.New("the request was sent but its outcome is unknown")

// AmbiguousAdvice ends the message of every ErrAmbiguous error; a caller that gives its own
// advice may cut it off.
const AmbiguousAdvice = "; the request may have been applied: read the state back before retrying"

// AmbiguousError carries the cause of an ambiguous failure; errors.Is(err, ErrAmbiguous) holds.
// The cause's message starts with the operation, which is not repeated.
type AmbiguousError struct{ Cause error }

func (e *AmbiguousError) Error() string { return e.Cause.Error() + AmbiguousAdvice }

func (e *AmbiguousError) Unwrap() []error { return []error{ErrAmbiguous, e.Cause} }

// ErrTimeout marks a call stopped by Options.Timeout, the overall time budget of a client.
var ErrTimeout = errors.New("the overall time limit ran out")

// timeoutError is the cause of the client's own deadline; it is also a
// context.DeadlineExceeded, so callers that test for that keep working.
type timeoutError struct{ limit time.Duration }

func (e *timeoutError) Error() string {
	return fmt.Sprintf("%v (%s for the whole command, retries included)", ErrTimeout, e.limit)
}

func (e *timeoutError) Unwrap() []error { return []error{ErrTimeout, context.DeadlineExceeded} }

// ErrRedirect marks an answer that tried to send the client elsewhere. Redirects are never
// followed, so signed requests go only to the configured endpoint.
var ErrRedirect = errors.New("redirect refused")

// RedirectError is a 3xx answer: where it pointed, without the location's query and user info
// (they may carry a token) and with secrets redacted, and what to do.
type RedirectError struct {
	API      string // "SecMaster", "DataWorks": whose API does not redirect
	Status   int
	Location string // scheme://host/path, cleaned; "no location" when the answer had none
}

func (e *RedirectError) Error() string {
	return fmt.Sprintf("the server answered HTTP %d, a redirect to %s; the %s API does not redirect, so wfc did not follow it and sent nothing there: check the endpoint (and any proxy between)",
		e.Status, e.Location, e.API)
}

func (e *RedirectError) Unwrap() error { return ErrRedirect }

// redirectRefused describes the 3xx answer hr.
func redirectRefused(api string, hr *http.Response, secrets []string) *RedirectError {
	where := "no location"
	if loc, err := hr.Location(); err == nil {
		where = loc.Scheme + "://" + loc.Host + loc.EscapedPath()
		if loc.RawQuery != "" {
			where += "?… (query not shown)"
		}
	}
	return &RedirectError{API: api, Status: hr.StatusCode, Location: CleanMessage(where, secrets)}
}
