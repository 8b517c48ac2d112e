package dataworkstest

import (
	"encoding/json"
	"net/http"
	"strconv"

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

func (e *Emulator) answerWithFault(w http.ResponseWriter, r *http.Request, rid, name string, act action, p map[string]string, f Fault) int {
	res := result{}
	if f.Commit {
		res = e.apply(name, act, p)
	}
	switch {
	case f.Hang:
		<-r.Context().Done() // the client went away, or the server is closing
		apitest.HijackClose(w, nil)
		return 0
	case f.Drop:
		apitest.HijackClose(w, nil)
		return 0
	case f.Redirect != "":
		w.Header().Set("Location", f.Redirect)
		w.WriteHeader(http.StatusFound)
		return http.StatusFound
	case f.Status != 0:
		code := f.Code
		if code == "" {
			code = "InternalError"
		}
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		msg := f.Message
		if msg == "" {
			msg = "The request processing has failed due to some unknown error (injected fault)."
		}
		return e.writeError(w, rid, &apiError{Status: f.Status, Code: code, Msg: msg})
	case !f.Commit:
		res = e.apply(name, act, p)
	}
	return e.answer(w, rid, res)
}

func (e *Emulator) answer(w http.ResponseWriter, rid string, res result) int {
	if res.err != nil {
		return e.writeError(w, rid, res.err)
	}
	fields := map[string]any{"RequestId": rid}
	for k, v := range res.body {
		fields[k] = v
	}
	b, err := json.Marshal(fields) // encoding/json sorts map keys: deterministic bytes
	if err != nil {
		panic(err) // handlers only build marshalable values
	}
	return writeJSON(w, rid, http.StatusOK, b)
}

func (e *Emulator) writeError(w http.ResponseWriter, rid string, err *apiError) int {
	b, _ := json.Marshal(e.errorBody(rid, err))
	return writeJSON(w, rid, err.Status, b)
}

func writeJSON(w http.ResponseWriter, rid string, status int, payload []byte) int {
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.Header().Set("x-acs-request-id", rid)
	w.Header().Set("Content-Length", strconv.Itoa(len(payload)))
	w.WriteHeader(status)
	w.Write(payload)
	return status
}
