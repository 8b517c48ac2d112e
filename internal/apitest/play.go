package apitest

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Answer is one HTTP answer, written at once.
type Answer struct {
	Status int
	Header http.Header
	Body   []byte
}

// Write sends a with its Content-Length and returns its status.
func (a Answer) Write(w http.ResponseWriter) int {
	for k, v := range a.Header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(a.Body)))
	w.WriteHeader(a.Status)
	w.Write(a.Body)
	return a.Status
}

// writeCut sends a's status line and headers, with the full Content-Length, and only the first
// half of its body, then closes the connection: an answer cut off on its way.
func (a Answer) writeCut(w http.ResponseWriter) {
	var raw bytes.Buffer
	fmt.Fprintf(&raw, "HTTP/1.1 %d %s\r\n", a.Status, http.StatusText(a.Status))
	h := a.Header.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Set("Content-Length", strconv.Itoa(len(a.Body)))
	h.Write(&raw)
	raw.WriteString("\r\n")
	raw.Write(a.Body[:len(a.Body)/2])
	HijackClose(w, raw.Bytes())
}

// Fault is how both emulators play a fault. Each emulator's own Fault type states a fault in its
// platform's terms (an error code, a raw body) and turns into this one.
type Fault struct {
	// Commit applies the request's effect before the fault, so the client cannot tell whether
	// it happened: the ambiguous case. Without it, a fault that answers anything but the real
	// answer applies nothing.
	Commit bool
	// Delay waits this long before answering; a client that gives up meanwhile gets nothing.
	Delay time.Duration
	// Hang waits until the client gives up (its attempt timeout or context): a timeout, as the
	// client sees it, whatever the client's timeout is.
	Hang bool
	Drop bool // close the connection without answering
	// Truncate sends the answer's headers with its full Content-Length but only half its body,
	// then closes the connection.
	Truncate bool
	// Injected replaces the real answer (an error status, a redirect); nil: the real answer.
	Injected *Answer
	Header   http.Header // set on the answer, injected or real, replacing values of the same name
}

// Play answers r under f. apply applies the request's effect and renders the real answer; it
// runs at most once. sending is called with the status about to be sent, 0 when nothing will
// reach the client, before any byte of the answer leaves: a cut answer reaches the client at
// once, and a test that reads the request log as soon as its client returns must find the
// status there already.
func (f Fault) Play(w http.ResponseWriter, r *http.Request, apply func() Answer, sending func(status int)) {
	var real Answer
	if f.Commit {
		real = apply()
	}
	if !f.wait(r.Context()) || f.Drop {
		sending(0)
		HijackClose(w, nil)
		return
	}
	a := real
	switch {
	case f.Injected != nil:
		a = *f.Injected
	case !f.Commit:
		a = apply()
	}
	a.Header = a.Header.Clone()
	if a.Header == nil {
		a.Header = http.Header{}
	}
	for k, v := range f.Header {
		a.Header[http.CanonicalHeaderKey(k)] = v
	}
	sending(a.Status)
	if f.Truncate {
		a.writeCut(w)
		return
	}
	a.Write(w)
}

// wait holds the answer for Delay, or until the client gives up when Hang; false when the client
// gave up (or the server is closing) meanwhile.
func (f Fault) wait(ctx context.Context) bool {
	if f.Hang {
		<-ctx.Done()
		return false
	}
	if f.Delay <= 0 {
		return true
	}
	t := time.NewTimer(f.Delay)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
