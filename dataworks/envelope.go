package dataworks

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/wfc-dev/wfc/internal/apiclient"
)

// errorBody is the Alibaba Cloud error answer.
type errorBody struct {
	RequestID string `json:"RequestId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	HostID    string `json:"HostId"`
	Recommend string `json:"Recommend"`
}

// errorFromBody builds the *APIError for a non-2xx answer. The body is never echoed unless it is
// the JSON error shape, and then only its fields, redacted and bounded.
func (c *Client) errorFromBody(action string, r *response) *APIError {
	e := &APIError{Action: action, HTTPStatus: r.Status, RequestID: cleanMessage(r.RequestID, c.secrets)}
	var b errorBody
	if err := json.Unmarshal(r.Body, &b); err != nil {
		e.Message = r.NotJSONMessage()
		return e
	}
	e.Code = cleanMessage(b.Code, c.secrets)
	e.Message = cleanMessage(b.Message, c.secrets)
	if e.Message == "" {
		e.Message = apiclient.StatusText(r.Status)
	}
	if b.RequestID != "" {
		e.RequestID = cleanMessage(b.RequestID, c.secrets)
	}
	e.Recommend = cleanMessage(b.Recommend, c.secrets)
	return e
}

// decode unmarshals a 2xx body into out.
func (c *Client) decode(action string, r *response, out any) error {
	return redact(decodeBody(action, r, out), c.secrets)
}

func decodeBody(action string, r *response, out any) error {
	if err := json.Unmarshal(r.Body, out); err != nil {
		rid := r.RequestID
		var b errorBody
		if rid == "" && json.Unmarshal(r.Body, &b) == nil {
			rid = b.RequestID
		}
		return fmt.Errorf("%s: the server answered HTTP %d with a body that is not the expected JSON (%d bytes%s): %v",
			action, r.Status, len(r.Body), apiclient.RequestIDNote(truncate(rid, 64)), err)
	}
	return nil
}

// readField runs a read action (GET) and decodes the named top-level field of its answer, e.g.
// "PagingInfo" or "JobStatus". An answer without the field is an error, not an empty value.
func readField[T any](ctx context.Context, c *Client, action string, q url.Values, field string) (*T, error) {
	r, err := c.do(ctx, call{action: action, method: "GET", query: q})
	if err != nil {
		return nil, err
	}
	var fields map[string]json.RawMessage
	if err := c.decode(action, r, &fields); err != nil {
		return nil, err
	}
	raw, ok := fields[field]
	if !ok || string(raw) == "null" {
		return nil, fmt.Errorf("%s: the answer (HTTP %d%s) has no %s", action, r.Status, apiclient.RequestIDNote(truncate(r.RequestID, 64)), field)
	}
	part := *r
	part.Body = raw
	out := new(T)
	if err := c.decode(action, &part, out); err != nil {
		return nil, err
	}
	return out, nil
}
