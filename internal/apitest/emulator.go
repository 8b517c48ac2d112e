package apitest

import (
	"fmt"
	"net/http"
	"strings"
)

// Error is an error an emulator answers: the HTTP status, the platform's code and a message.
// Each emulator renders it in its platform's error body.
type Error struct {
	Status int
	Code   string
	Msg    string
}

func (e *Error) Error() string { return e.Code + ": " + e.Msg }

// Errorf builds an *Error with a formatted message.
func Errorf(status int, code, format string, args ...any) *Error {
	return &Error{Status: status, Code: code, Msg: fmt.Sprintf(format, args...)}
}

// Faults queues an emulator's faults per route or action name, to be used in order, one per
// request. It does no locking: the emulator holds its own lock around Push and Pop.
type Faults[F any] map[string][]F

// Push queues fs after the faults already waiting for name.
func (q Faults[F]) Push(name string, fs ...F) { q[name] = append(q[name], fs...) }

// Pop takes the next fault queued for name, if any.
func (q Faults[F]) Pop(name string) (F, bool) {
	fs := q[name]
	if len(fs) == 0 {
		var zero F
		return zero, false
	}
	q[name] = fs[1:]
	return fs[0], true
}

// HijackClose takes over the connection of w, writes data (if any) and closes it: a dropped
// connection (no data) or a cut-off answer.
func HijackClose(w http.ResponseWriter, data []byte) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("apitest: the server does not support hijacking, which Drop and Truncate faults need")
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	if len(data) > 0 {
		buf.Write(data)
		buf.Flush()
	}
}

// RedactHeader copies h with the values of the named headers replaced by ***, so an emulator's
// request log never holds a credential.
func RedactHeader(h http.Header, names ...string) http.Header {
	out := h.Clone()
	for _, k := range names {
		if out.Get(k) != "" {
			out.Set(k, "***")
		}
	}
	return out
}

// Matching returns the elements of all for which keep holds, in order: the requests of one
// route or action in an emulator's log.
func Matching[R any](all []R, keep func(R) bool) []R {
	var out []R
	for _, r := range all {
		if keep(r) {
			out = append(out, r)
		}
	}
	return out
}

// TB is the part of testing.TB that the test helpers here and in the emulators use: they are
// linked into wfc dev-server, which must not link package testing.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatal(args ...any)
}

// AssertNoSecret fails t when s, the text of what, holds any of secrets or the first 10
// characters of one: a credential must not appear in any error, log line or output, not even in
// part.
func AssertNoSecret(t TB, what, s string, secrets ...string) {
	t.Helper()
	for _, c := range secrets {
		if c != "" && strings.Contains(s, c[:min(len(c), 10)]) {
			t.Errorf("%s contains a credential: %s", what, s)
		}
	}
}
