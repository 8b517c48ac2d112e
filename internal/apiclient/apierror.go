package apiclient

import (
	"fmt"
	"net/http"
	"strings"
)

// StatusText is an HTTP status in words ("service unavailable"): the message of an error answer
// that gives none itself.
func StatusText(status int) string { return strings.ToLower(http.StatusText(status)) }

// NotJSONMessage is the message of an error answer whose body is not the platform's JSON error
// shape. The body itself is never echoed: it may be a gateway's HTML page or reflect the request.
func (r *Response) NotJSONMessage() string {
	msg := StatusText(r.Status)
	if len(r.Body) > 0 {
		msg += fmt.Sprintf(" (the %d-byte body is not a JSON error)", len(r.Body))
	}
	return msg
}

// RequestIDNote is ", request id \"ID\"" to end a list of an answer's details, or "" when
// the server gave no id: an empty id in a message only looks like a bug.
func RequestIDNote(id string) string {
	if id == "" {
		return ""
	}
	return fmt.Sprintf(", request id %q", id)
}

// FormatAPIError is the message of an error the server answered, the same for every platform:
// "op: HTTP status code: message (request id id)", leaving out what is empty.
func FormatAPIError(op string, status int, code, message, requestID string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: HTTP %d", op, status)
	if code != "" {
		b.WriteString(" " + code)
	}
	if message != "" {
		b.WriteString(": " + message)
	}
	if requestID != "" {
		fmt.Fprintf(&b, " (request id %s)", requestID)
	}
	return b.String()
}
