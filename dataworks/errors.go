package dataworks

import (
	"errors"
	"fmt"
	"strings"
)

// ErrAmbiguous marks an acting call (ImportWorkflowDefinition, CreatePipelineRun,
// ExecPipelineRunStage) that failed after the request was sent: a dropped connection, a cut-off
// answer or a 5xx. The server may or may not have applied it. It is never resent; the caller
// resolves it by reading state back (for an import: ListWorkflowDefinitions by name).
var ErrAmbiguous = errors.New("the request was sent but its outcome is unknown")

// ErrRedirect marks an answer that tried to send the client elsewhere. Redirects are never
// followed, so signed requests go only to the configured endpoint.
var ErrRedirect = errors.New("redirect refused")

// Error codes the service is known to return.
const (
	CodeSignatureDoesNotMatch = "SignatureDoesNotMatch" // V3 signature docs
	CodeMalformedSpec         = "58014884415"           // a malformed FlowSpec (notes §2, SK SKILL.md)
)

// APIError is a failed call the server answered with an Alibaba Cloud error body
// {RequestId, Code, Message, HostId, Recommend}, or an HTTP error status without one.
type APIError struct {
	Action     string // e.g. "ImportWorkflowDefinition"
	HTTPStatus int
	Code       string // e.g. "SignatureDoesNotMatch"; empty when the body had none
	Message    string
	RequestID  string
	Recommend  string // the service's diagnosis link, when given
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: HTTP %d", e.Action, e.HTTPStatus)
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request id %s)", e.RequestID)
	}
	if hint := codeHints[e.Code]; hint != "" {
		b.WriteString("; " + hint)
	}
	return b.String()
}

// codeHints say what to do about the authentication errors a user can fix.
var codeHints = map[string]string{
	CodeSignatureDoesNotMatch:                    "check " + EnvAccessKeyID + " and " + EnvAccessKeySecret + " (the secret must belong to the key id) and that no proxy rewrites the request",
	"InvalidAccessKeyId.NotFound":                "check " + EnvAccessKeyID,
	"InvalidTimeStamp.Expired":                   "check this machine's clock (the signature date is more than 15 minutes off)",
	"InvalidSecurityToken.MismatchWithAccessKey": "set " + EnvSecurityToken + " to the token issued with this STS key (and only for STS keys)",
}

// IsNotFound reports whether err says the object (workflow, job, run) does not exist. An
// unknown access key is also a 404 "...NotFound" answer, but it is an authentication failure,
// never a sign that the object is missing.
func IsNotFound(err error) bool {
	var ae *APIError
	if !errors.As(err, &ae) || strings.HasPrefix(ae.Code, "InvalidAccessKeyId") {
		return false
	}
	return ae.HTTPStatus == 404 || strings.Contains(ae.Code, "NotFound") || strings.Contains(ae.Code, "NotExist")
}

// ambiguousError carries the cause of an ambiguous failure; errors.Is(err, ErrAmbiguous) holds.
type ambiguousError struct {
	action string
	cause  error
}

func (e *ambiguousError) Error() string {
	return fmt.Sprintf("%s: %v; the request may have been applied: read the state back before retrying", e.action, e.cause)
}

func (e *ambiguousError) Unwrap() []error { return []error{ErrAmbiguous, e.cause} }

// redirectError names where the server tried to send the client.
type redirectError struct{ location string }

func (e *redirectError) Error() string {
	return fmt.Sprintf("the server answered with a redirect to %q; refusing to follow it (credentials go only to the configured endpoint)", e.location)
}

func (e *redirectError) Unwrap() error { return ErrRedirect }

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
	if red := redactString(msg, secrets); red != msg {
		return &redactedError{msg: red, cause: err}
	}
	return err
}

func redactString(s string, secrets []string) string {
	for _, sec := range secrets {
		if len(sec) >= 4 {
			s = strings.ReplaceAll(s, sec, "***")
		}
	}
	return s
}

// maxMessageLen caps a server message in an error (bytes), so a hostile body cannot flood a log.
const maxMessageLen = 512

// cleanMessage keeps a server-supplied string on one line, free of credentials, and bounded. It
// redacts before cutting, so a credential straddling the cut cannot survive in part.
func cleanMessage(s string, secrets []string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, redactString(s, secrets))
	if len(s) > maxMessageLen {
		s = strings.ToValidUTF8(s[:maxMessageLen], "") + "…"
	}
	return s
}
