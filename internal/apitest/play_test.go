package apitest

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// playServer plays the fault f on every request; applied counts the effects applied and
// played receives the status Play said it was sending.
type playServer struct {
	*httptest.Server
	applied chan struct{}
	played  chan int
}

func newPlayServer(t *testing.T, f Fault) *playServer {
	t.Helper()
	s := &playServer{applied: make(chan struct{}, 10), played: make(chan int, 10)}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.Play(w, r, func() Answer {
			s.applied <- struct{}{}
			return Answer{Status: 200, Header: http.Header{"X-Real": {"yes"}}, Body: []byte("the real answer")}
		}, func(status int) { s.played <- status })
	}))
	t.Cleanup(s.Close)
	return s
}

func TestPlayAppliesOnlyWhatTheFaultSays(t *testing.T) {
	injected := &Answer{Status: 503, Header: http.Header{"X-Injected": {"yes"}}, Body: []byte("injected")}
	for name, tc := range map[string]struct {
		f        Fault
		applied  int
		status   int // 0: no answer
		body     string
		readErr  error
		header   string // a header the client must see
		notSeen  string // a header the client must not see
		returned int
	}{
		"real answer":           {f: Fault{}, applied: 1, status: 200, body: "the real answer", header: "X-Real", returned: 200},
		"injected":              {f: Fault{Injected: injected}, applied: 0, status: 503, body: "injected", header: "X-Injected", notSeen: "X-Real", returned: 503},
		"injected after commit": {f: Fault{Injected: injected, Commit: true}, applied: 1, status: 503, body: "injected", notSeen: "X-Real", returned: 503},
		"drop":                  {f: Fault{Drop: true}, applied: 0},
		"drop after commit":     {f: Fault{Drop: true, Commit: true}, applied: 1},
		"truncate":              {f: Fault{Truncate: true}, applied: 1, status: 200, body: "the rea", readErr: io.ErrUnexpectedEOF, header: "X-Real", returned: 200},
		"truncate injected":     {f: Fault{Truncate: true, Injected: injected}, applied: 0, status: 503, body: "inje", readErr: io.ErrUnexpectedEOF, returned: 503},
		"header on real":        {f: Fault{Header: http.Header{"retry-after": {"3"}}}, applied: 1, status: 200, body: "the real answer", header: "Retry-After", returned: 200},
		"short delay":           {f: Fault{Delay: time.Nanosecond}, applied: 1, status: 200, body: "the real answer", returned: 200},
	} {
		s := newPlayServer(t, tc.f)
		resp, err := http.Get(s.URL)
		if tc.status == 0 {
			if err == nil {
				resp.Body.Close()
				t.Errorf("%s: answered %d, want no answer", name, resp.StatusCode)
			}
		} else {
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			body, rerr := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status || string(body) != tc.body || !errors.Is(rerr, tc.readErr) {
				t.Errorf("%s: %d %q %v, want %d %q %v", name, resp.StatusCode, body, rerr, tc.status, tc.body, tc.readErr)
			}
			if tc.header != "" && resp.Header.Get(tc.header) == "" || tc.notSeen != "" && resp.Header.Get(tc.notSeen) != "" {
				t.Errorf("%s: header %v", name, resp.Header)
			}
		}
		if got := <-s.played; got != tc.returned {
			t.Errorf("%s: Play returned %d, want %d", name, got, tc.returned)
		}
		if len(s.applied) != tc.applied {
			t.Errorf("%s: applied %d times, want %d", name, len(s.applied), tc.applied)
		}
	}
}

// TestPlayWaitsUntilTheClientGivesUp: a hung or delayed answer never comes; when the client
// gives up, Play ends with nothing sent, the effect applied only when committed.
func TestPlayWaitsUntilTheClientGivesUp(t *testing.T) {
	for name, f := range map[string]Fault{
		"hang":            {Hang: true, Commit: true},
		"delay":           {Delay: time.Hour, Commit: true},
		"hang injected":   {Hang: true, Commit: true, Injected: &Answer{Status: 500}},
		"delay then drop": {Delay: time.Hour, Commit: true, Drop: true},
	} {
		s := newPlayServer(t, f)
		ctx, cancel := context.WithCancel(context.Background())
		req, _ := http.NewRequestWithContext(ctx, "GET", s.URL, nil)
		go func() {
			<-s.applied // the request arrived and its effect was applied before the wait
			cancel()
		}()
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			t.Errorf("%s: answered %d", name, resp.StatusCode)
		} else if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: %v, want the client's own cancellation", name, err)
		}
		if got := <-s.played; got != 0 {
			t.Errorf("%s: Play returned %d, want 0", name, got)
		}
		cancel()
	}
}
