package apitest

import (
	"fmt"
	"net/http"
	"sync"
)

// Request is what an emulator logs of every request. Each emulator's LoggedRequest embeds it and
// adds the route or action the request matched.
type Request struct {
	Method string
	Path   string
	Query  string
	Header http.Header // credential values replaced by ***
	Body   []byte
	Status int // status answered; 0 when the connection was dropped or the client gave up
}

func (r *Request) request() *Request { return r }

// Entry is a pointer to an emulator's log entry type R, which embeds Request.
type Entry[R any] interface {
	*R
	request() *Request
}

// Traffic is an emulator's request log and its queued faults: what its tests inspect and inject.
// A lock of its own guards them, apart from the emulator's state, so that a test can read the log
// while a handler holds the state lock. F is the emulator's Fault type.
type Traffic[F, R any, P Entry[R]] struct {
	nameOf      func(R) string // the route or action of an entry
	credentials []string       // header names logged as ***
	logf        func(format string, args ...any)

	mu     sync.Mutex
	n      int // requests arrived, numbering their ids
	log    []R
	faults Faults[F]
}

// NewTraffic returns an empty log and fault queue. nameOf tells an entry's route or action;
// credentials are the headers whose values are never logged; logf (may be nil) gets one line per
// answered request.
func NewTraffic[F, R any, P Entry[R]](nameOf func(R) string, logf func(format string, args ...any), credentials ...string) *Traffic[F, R, P] {
	return &Traffic[F, R, P]{nameOf: nameOf, credentials: credentials, logf: logf, faults: Faults[F]{}}
}

// Fail queues faults for the next requests of the named route or action; they are used in order,
// one per request.
func (t *Traffic[F, R, P]) Fail(name string, faults ...F) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.faults.Push(name, faults...)
}

// Requests returns a copy of the request log, in order of arrival.
func (t *Traffic[F, R, P]) Requests() []R {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]R(nil), t.log...)
}

// RequestsTo returns the logged requests of one route or action.
func (t *Traffic[F, R, P]) RequestsTo(name string) []R {
	return Matching(t.Requests(), func(r R) bool { return t.nameOf(r) == name })
}

// Arrive logs a request as it arrives, so that a client that gives up or is cut off still finds
// it logged. entry holds the emulator's own fields (its action, when known already); label names
// the request in the Logf line.
func (t *Traffic[F, R, P]) Arrive(r *http.Request, body []byte, entry R, label string) *Exchange[F, R, P] {
	*P(&entry).request() = Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery,
		Header: RedactHeader(r.Header, t.credentials...), Body: body}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n++
	t.log = append(t.log, entry)
	return &Exchange[F, R, P]{t: t, idx: len(t.log) - 1, ID: fmt.Sprintf("00000000-0000-4000-9000-%012d", t.n), method: r.Method, label: label}
}

// Exchange is one request in flight: its log entry and its id.
type Exchange[F, R any, P Entry[R]] struct {
	t             *Traffic[F, R, P]
	idx           int
	ID            string // the request id answered, numbered in order of arrival
	method, label string
}

// Note changes the request's log entry, e.g. to add its route once it is known.
func (x *Exchange[F, R, P]) Note(change func(P)) {
	x.t.mu.Lock()
	defer x.t.mu.Unlock()
	change(&x.t.log[x.idx])
}

// Fault takes the next fault queued for name, if any.
func (x *Exchange[F, R, P]) Fault(name string) (F, bool) {
	x.t.mu.Lock()
	defer x.t.mu.Unlock()
	return x.t.faults.Pop(name)
}

// Finish logs the status answered (0: none reached the client) and writes the Logf line.
func (x *Exchange[F, R, P]) Finish(status int) {
	x.Note(func(e P) { e.request().Status = status })
	if x.t.logf != nil {
		x.t.logf("%s %s -> %d", x.method, x.label, status)
	}
}
