package dataworkstest

import (
	"encoding/json"
	"net/http"

	"github.com/wfc-dev/wfc/internal/apitest"
)

// apiError is an error answer.
type apiError = apitest.Error

// errf builds an error answer.
func errf(status int, code, format string, args ...any) *apiError {
	return apitest.Errorf(status, code, format, args...)
}

// result is a handler's answer: a body (RequestId is added) or an error.
type result struct {
	body map[string]any
	err  *apiError
}

// apply runs the action's handler under the state lock and counts applied acting calls.
func (e *Emulator) apply(name string, act action, p map[string]string) result {
	e.mu.Lock()
	defer e.mu.Unlock()
	body, err := act.handle(e, p)
	if err == nil && act.acting {
		e.applied[name]++
	}
	return result{body: body, err: err}
}

func (e *Emulator) answer(w http.ResponseWriter, rid string, res result) int {
	return e.render(rid, res).Write(w)
}

// render turns a handler result into an answer: its body with RequestId added, or its error.
func (e *Emulator) render(rid string, res result) apitest.Answer {
	if res.err != nil {
		return e.errorAnswer(rid, res.err)
	}
	fields := map[string]any{"RequestId": rid}
	for k, v := range res.body {
		fields[k] = v
	}
	b, err := json.Marshal(fields) // encoding/json sorts map keys: deterministic bytes
	if err != nil {
		panic(err) // handlers only build marshalable values
	}
	return jsonAnswer(rid, http.StatusOK, b)
}

func (e *Emulator) writeError(w http.ResponseWriter, rid string, err *apiError) int {
	return e.errorAnswer(rid, err).Write(w)
}

func (e *Emulator) errorAnswer(rid string, err *apiError) apitest.Answer {
	b, _ := json.Marshal(e.errorBody(rid, err))
	return jsonAnswer(rid, err.Status, b)
}

func jsonAnswer(rid string, status int, payload []byte) apitest.Answer {
	return apitest.Answer{Status: status, Body: payload, Header: http.Header{
		"Content-Type": {"application/json;charset=utf-8"}, "X-Acs-Request-Id": {rid}}}
}
