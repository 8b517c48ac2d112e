package secmaster

import (
	"encoding/json"
	"fmt"

	"github.com/wfc-dev/wfc/internal/apiclient"
)

// envelope is the common SecMaster answer: {code, message, success, request_id, data} plus paging
// counters on lists.
type envelope struct {
	Code      string          `json:"code"`
	Message   string          `json:"message"`
	Success   *bool           `json:"success"`
	RequestID string          `json:"request_id"`
	Data      json.RawMessage `json:"data"`
	Total     int             `json:"total"`
}

// errorBody covers both error shapes: SecMaster's {code, message} and the gateway's
// {error_code, error_msg}.
type errorBody struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	ErrorCode string `json:"error_code"`
	ErrorMsg  string `json:"error_msg"`
	RequestID string `json:"request_id"`
}

// errorFromBody builds the *APIError for a non-2xx answer. The body is never echoed unless it is
// the JSON error shape, and then only its code and message, with secrets redacted.
func errorFromBody(op string, r *response, secrets []string) *APIError {
	e := &APIError{Op: op, HTTPStatus: r.Status, RequestID: r.RequestID}
	var b errorBody
	if err := json.Unmarshal(r.Body, &b); err != nil {
		e.Message = r.NotJSONMessage()
		return e
	}
	e.Code = firstNonEmpty(b.Code, b.ErrorCode)
	e.Message = cleanMessage(firstNonEmpty(b.Message, b.ErrorMsg, apiclient.StatusText(r.Status)), secrets)
	if e.RequestID == "" {
		e.RequestID = cleanMessage(b.RequestID, secrets)
	}
	e.Code = cleanMessage(e.Code, secrets)
	return e
}

// envelopeError reports a 2xx answer whose JSON body still says it failed. Bodies that are not a
// JSON object (export files) are left to the caller.
func envelopeError(op string, r *response, secrets []string) *APIError {
	var env envelope
	if json.Unmarshal(r.Body, &env) != nil {
		return nil
	}
	failed := (env.Code != "" && env.Code != SuccessCode) || (env.Success != nil && !*env.Success)
	if !failed {
		return nil
	}
	rid := r.RequestID
	if rid == "" {
		rid = cleanMessage(env.RequestID, secrets)
	}
	return &APIError{Op: op, HTTPStatus: r.Status, Code: cleanMessage(env.Code, secrets), Message: cleanMessage(env.Message, secrets), RequestID: rid}
}

// decodeData unmarshals the envelope's data into out (when out is non-nil) and returns the
// envelope for its paging counters.
func decodeData(op string, r *response, out any) (*envelope, error) {
	var env envelope
	if err := json.Unmarshal(r.Body, &env); err != nil {
		return nil, invalidJSON(op, r, err)
	}
	if out != nil && len(env.Data) > 0 && string(env.Data) != "null" {
		if err := json.Unmarshal(env.Data, out); err != nil {
			return nil, invalidJSON(op, r, err)
		}
	}
	return &env, nil
}

// decodeJSON unmarshals a whole body (the answers that have no envelope) into out.
func decodeJSON(op string, r *response, out any) error {
	if err := json.Unmarshal(r.Body, out); err != nil {
		return invalidJSON(op, r, err)
	}
	return nil
}

// invalidJSON cleans the decoder's message too: encoding/json quotes a number it cannot store
// in full ("cannot unmarshal number 1000...0"), so the server chose its length.
func invalidJSON(op string, r *response, err error) error {
	return fmt.Errorf("%s: the server answered HTTP %d with a body that is not the expected JSON (%d bytes%s): %s",
		op, r.Status, len(r.Body), apiclient.RequestIDNote(r.RequestID), cleanMessage(err.Error(), nil))
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// cleanMessage keeps a server-supplied string on one line, free of credentials, and bounded.
func cleanMessage(s string, secrets []string) string { return apiclient.CleanMessage(s, secrets) }
