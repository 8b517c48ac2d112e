package apitest

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestFaultsAreUsedInOrderPerName(t *testing.T) {
	q := Faults[int]{}
	q.Push("a", 1, 2)
	q.Push("b", 9)
	q.Push("a", 3)
	var got []int
	for {
		f, ok := q.Pop("a")
		if !ok {
			break
		}
		got = append(got, f)
	}
	if fmt.Sprint(got) != "[1 2 3]" {
		t.Errorf("a's faults came out as %v", got)
	}
	if f, ok := q.Pop("b"); !ok || f != 9 {
		t.Errorf("b's fault: %v %v", f, ok)
	}
	if _, ok := q.Pop("c"); ok {
		t.Error("a fault for a name nothing was queued for")
	}
}

// TestHijackCloseCutsTheAnswer: with no data the client gets no answer at all; with data it
// gets those bytes, then a closed connection before the announced length.
func TestHijackCloseCutsTheAnswer(t *testing.T) {
	serve := func(data string) *httptest.Server {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { HijackClose(w, []byte(data)) }))
		t.Cleanup(srv.Close)
		return srv
	}
	if resp, err := http.Get(serve("").URL); err == nil {
		resp.Body.Close()
		t.Errorf("a dropped connection answered HTTP %d", resp.StatusCode)
	}
	resp, err := http.Get(serve("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf").URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if string(body) != "half" || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("read %q, %v; want half the answer, then an unexpected EOF", body, err)
	}
}

func TestRedactHeaderCopies(t *testing.T) {
	h := http.Header{"Authorization": {"secret"}, "X-Other": {"kept"}}
	got := RedactHeader(h, "Authorization", "X-Missing")
	if got.Get("Authorization") != "***" || got.Get("X-Other") != "kept" || got.Get("X-Missing") != "" {
		t.Errorf("got %v", got)
	}
	if h.Get("Authorization") != "secret" {
		t.Error("the original header was changed")
	}
}

func TestMatchingKeepsOrder(t *testing.T) {
	got := Matching([]string{"a1", "b", "a2"}, func(s string) bool { return s[0] == 'a' })
	if fmt.Sprint(got) != "[a1 a2]" {
		t.Errorf("got %v", got)
	}
}

func TestErrorf(t *testing.T) {
	e := Errorf(404, "NotFound.Workflow", "workflow %s does not exist", "w-1")
	if e.Status != 404 || e.Error() != "NotFound.Workflow: workflow w-1 does not exist" {
		t.Errorf("got %+v", e)
	}
}

// errorsOf records what AssertNoSecret reports.
type errorsOf struct {
	testing.TB
	got []string
}

func (e *errorsOf) Errorf(format string, args ...any) {
	e.got = append(e.got, fmt.Sprintf(format, args...))
}

func TestAssertNoSecretFindsWholeAndPartSecrets(t *testing.T) {
	for s, want := range map[string]int{
		"all clear":                          0,
		"key LTAI5tClientTestKeyId01 leaked": 1,
		"a prefix LTAI5tClie… leaked":        1,
		"short s3 leaked":                    1,
		"LTAI5tClien and s3":                 2,
	} {
		rec := &errorsOf{TB: t}
		AssertNoSecret(rec, "output", s, "LTAI5tClientTestKeyId01", "s3", "")
		if len(rec.got) != want {
			t.Errorf("%q: reported %q, want %d reports", s, rec.got, want)
		}
	}
}
