package apitest

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
)

// logged is an emulator's log entry: the shared fields and the route.
type logged struct {
	Request
	Route string
}

func newTestTraffic(logf func(string, ...any)) *Traffic[int, logged, *logged] {
	return NewTraffic[int](func(r logged) string { return r.Route }, logf, "Authorization", "X-Auth-Token")
}

func TestTrafficLogsOnArrivalWithoutCredentials(t *testing.T) {
	var lines []string
	tr := newTestTraffic(func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) })
	r := httptest.NewRequest("POST", "/v1/p/things?x=1", nil)
	r.Header.Set("Authorization", "SDK-HMAC-SHA256 Access=AK-1, Signature=s3cret")
	r.Header.Set("X-Auth-Token", "tok-s3cret")
	r.Header.Set("Content-Type", "application/json")
	x := tr.Arrive(r, []byte(`{"a":1}`), logged{Route: "early"}, "/v1/p/things")

	// Logged before any answer, so a client that is cut off still finds its request.
	got := tr.Requests()
	if len(got) != 1 || got[0].Route != "early" || got[0].Method != "POST" || got[0].Path != "/v1/p/things" ||
		got[0].Query != "x=1" || string(got[0].Body) != `{"a":1}` || got[0].Status != 0 {
		t.Fatalf("logged on arrival: %+v", got)
	}
	if h := got[0].Header; h.Get("Authorization") != "***" || h.Get("X-Auth-Token") != "***" || h.Get("Content-Type") != "application/json" {
		t.Errorf("logged header %v", h)
	}
	if strings.Contains(fmt.Sprint(got), "s3cret") {
		t.Errorf("the log holds a credential: %+v", got)
	}
	x.Note(func(l *logged) { l.Route = "Things" })
	x.Finish(201)
	if got := tr.RequestsTo("Things"); len(got) != 1 || got[0].Status != 201 {
		t.Errorf("after Finish: %+v", got)
	}
	if fmt.Sprint(lines) != "[POST /v1/p/things -> 201]" {
		t.Errorf("Logf lines %q", lines)
	}
}

func TestTrafficNumbersRequestsAndQueuesFaultsPerName(t *testing.T) {
	tr := newTestTraffic(nil)
	tr.Fail("a", 1, 2)
	tr.Fail("b", 9)
	var ids []string
	var faults []string
	for _, name := range []string{"a", "b", "a", "a"} {
		x := tr.Arrive(httptest.NewRequest("GET", "/", nil), nil, logged{Route: name}, name)
		ids = append(ids, x.ID[len(x.ID)-3:])
		f, ok := x.Fault(name)
		faults = append(faults, fmt.Sprint(name, f, ok))
		x.Finish(200) // no Logf: nothing to write to
	}
	if fmt.Sprint(ids) != "[001 002 003 004]" {
		t.Errorf("request ids end in %v", ids)
	}
	if fmt.Sprint(faults) != "[a1 true b9 true a2 true a0 false]" {
		t.Errorf("faults taken: %v", faults)
	}
	if n := len(tr.RequestsTo("a")); n != 3 {
		t.Errorf("%d requests to a", n)
	}
}
