package apiclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestSafeCallIsRetriedWithBackoff(t *testing.T) {
	s := &script{handlers: []http.HandlerFunc{status(500), drop, status(200)}}
	c, url, sl := testClient(t, s, nil)
	if _, err := c.Do(context.Background(), call(url, true)); err != nil {
		t.Fatalf("a safe call should survive a 500 and a drop: %v", err)
	}
	if n := s.hits.Load(); n != 3 {
		t.Errorf("%d attempts, want 3", n)
	}
	if got := fmt.Sprint(sl.all()); got != "[200ms 400ms]" {
		t.Errorf("waits %s, want the full exponential delays", got)
	}
}

func TestRetriesStopAtMaxAttempts(t *testing.T) {
	s := &script{handlers: []http.HandlerFunc{status(503)}}
	c, url, _ := testClient(t, s, func(o *Options) { o.Retry.MaxAttempts = 2 })
	_, err := c.Do(context.Background(), call(url, true))
	var se *statusError
	if !errors.As(err, &se) || se.status != 503 || s.hits.Load() != 2 {
		t.Errorf("err = %v after %d attempts, want the last 503 after 2", err, s.hits.Load())
	}
}

// TestActingCallIsSentOnce: a 5xx or a drop after the request left is ambiguous, never resent.
func TestActingCallIsSentOnce(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{"500": status(500), "drop": drop} {
		s := &script{handlers: []http.HandlerFunc{h, status(200)}}
		c, url, sl := testClient(t, s, nil)
		_, err := c.Do(context.Background(), call(url, false))
		if !errors.Is(err, ErrAmbiguous) || !strings.HasPrefix(err.Error(), "do thing: ") || !strings.HasSuffix(err.Error(), AmbiguousAdvice) {
			t.Errorf("%s: err = %v, want ErrAmbiguous naming the operation and saying what to do", name, err)
		}
		if strings.Contains(err.Error(), "do thing: do thing") {
			t.Errorf("%s: the operation is named twice: %v", name, err)
		}
		if n := s.hits.Load(); n != 1 || len(sl.all()) != 0 {
			t.Errorf("%s: sent %d times with waits %v, want once and no wait", name, n, sl.all())
		}
	}
}

// TestThrottledActingCallIsResentUnlessOnce: a throttled answer never reached the service, so
// an acting call may go again, except when the platform says it goes once whatever happens.
func TestThrottledActingCallIsResentUnlessOnce(t *testing.T) {
	for _, once := range []bool{false, true} {
		s := &script{handlers: []http.HandlerFunc{status(429), status(200)}}
		c, url, _ := testClient(t, s, nil)
		cl := call(url, false)
		cl.Once = once
		_, err := c.Do(context.Background(), cl)
		want := map[bool]int32{false: 2, true: 1}[once]
		if n := s.hits.Load(); n != want || errors.Is(err, ErrAmbiguous) {
			t.Errorf("Once %v: %d attempts (want %d), err %v", once, n, want, err)
		}
	}
}

// TestRedirectIsRefused: the target gets nothing, the error names the location without its
// query and with secrets redacted, and the call is not repeated.
func TestRedirectIsRefused(t *testing.T) {
	var elsewhere atomic.Int32
	target := &script{handlers: []http.HandlerFunc{func(http.ResponseWriter, *http.Request) { elsewhere.Add(1) }}}
	_, targetURL, _ := testClient(t, target, nil)
	for _, code := range []int{301, 302, 303, 307, 308} {
		for _, safe := range []bool{true, false} {
			s := &script{handlers: []http.HandlerFunc{status(code, "Location", targetURL+"/a/"+testSecret+"?token=QUERYSECRET")}}
			c, url, _ := testClient(t, s, func(o *Options) { o.HTTP = &http.Client{} }) // follows by default
			_, err := c.Do(context.Background(), call(url, safe))
			want := fmt.Sprintf("do thing: the server answered HTTP %d, a redirect to %s/a/***?… (query not shown); the Test API does not redirect", code, targetURL)
			if !errors.Is(err, ErrRedirect) || errors.Is(err, ErrAmbiguous) || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("HTTP %d: err = %v\nwant prefix %s", code, err, want)
			}
			if strings.Contains(err.Error(), "QUERYSECRET") || strings.Contains(err.Error(), testSecret) {
				t.Errorf("HTTP %d: the error shows a secret: %v", code, err)
			}
			if n := s.hits.Load(); n != 1 {
				t.Errorf("HTTP %d: sent %d times, want 1", code, n)
			}
		}
	}
	if n := elsewhere.Load(); n != 0 {
		t.Errorf("the redirect target received %d requests", n)
	}
}

func TestRetryAfterReplacesTheBackoff(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tc := range []struct {
		header string
		cap    time.Duration
		want   time.Duration
	}{
		{"7", 0, 7 * time.Second},
		{"3600", 0, MaxRetryAfter},
		{"3600", 10 * time.Second, 10 * time.Second},
		{"3600", 2 * MaxRetryAfter, MaxRetryAfter},
		{now.Add(20 * time.Second).Format(http.TimeFormat), 0, 20 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, 0},
		{"soon", 0, 200 * time.Millisecond}, // not a Retry-After: the computed backoff
		{"-1", 0, 200 * time.Millisecond},
	} {
		s := &script{handlers: []http.HandlerFunc{status(503, "Retry-After", tc.header), status(200)}}
		c, url, sl := testClient(t, s, func(o *Options) { o.RetryAfterCap = tc.cap; o.Now = func() time.Time { return now } })
		if _, err := c.Do(context.Background(), call(url, true)); err != nil {
			t.Fatalf("Retry-After %q: %v", tc.header, err)
		}
		if got := sl.all(); len(got) != 1 || got[0] != tc.want {
			t.Errorf("Retry-After %q (cap %v): waited %v, want [%v]", tc.header, tc.cap, got, tc.want)
		}
	}
}

func TestBackoffIsCappedWithEqualJitter(t *testing.T) {
	p := RetryPolicy{BaseDelay: time.Second, MaxDelay: 3 * time.Second, Jitter: func() float64 { return 0 }}
	var got []time.Duration
	for attempt := 1; attempt <= 4; attempt++ {
		got = append(got, p.Backoff(attempt))
	}
	if fmt.Sprint(got) != "[500ms 1s 1.5s 1.5s]" {
		t.Errorf("backoff %v, want half of 1 s, 2 s, then 3 s capped", got)
	}
}

// TestTimeoutStopsBeforeAWaitItCannotAfford: a wait that would pass the overall deadline ends
// the call at once, with the last answer and ErrTimeout reachable.
func TestTimeoutStopsBeforeAWaitItCannotAfford(t *testing.T) {
	s := &script{handlers: []http.HandlerFunc{status(503, "Retry-After", "60"), status(200)}}
	c, url, sl := testClient(t, s, func(o *Options) { o.Timeout = 30 * time.Second })
	_, err := c.Do(context.Background(), call(url, true))
	var se *statusError
	if !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &se) {
		t.Fatalf("err = %v", err)
	}
	if s.hits.Load() != 1 || len(sl.all()) != 0 {
		t.Errorf("%d attempts, waits %v; want 1 and none", s.hits.Load(), sl.all())
	}
}

func TestOversizedAnswerIsNotRetried(t *testing.T) {
	s := &script{handlers: []http.HandlerFunc{func(w http.ResponseWriter, r *http.Request) { w.Write(make([]byte, 2<<20)) }}}
	c, url, _ := testClient(t, s, nil)
	_, err := c.Do(context.Background(), call(url, true))
	if err == nil || !strings.Contains(err.Error(), "larger than 1 MiB") || s.hits.Load() != 1 {
		t.Errorf("err = %v after %d attempts", err, s.hits.Load())
	}
}

// TestErrorsAreRedacted: a credential in any error message comes out as ***.
func TestErrorsAreRedacted(t *testing.T) {
	s := &script{handlers: []http.HandlerFunc{status(400)}}
	c, url, _ := testClient(t, s, func(o *Options) {
		o.Judge = func(op string, r *Response) (bool, error) { return false, errors.New(op + ": bad key " + testSecret) }
	})
	_, err := c.Do(context.Background(), call(url, true))
	if err == nil || err.Error() != "do thing: bad key ***" {
		t.Errorf("err = %v", err)
	}
}

// TestRequestsAreNotReplayable: net/http must never resend a request by itself.
func TestRequestsAreNotReplayable(t *testing.T) {
	var seen []*http.Request
	s := &script{handlers: []http.HandlerFunc{status(200)}}
	c, url, _ := testClient(t, s, nil)
	for _, body := range [][]byte{nil, []byte("x")} {
		cl := call(url, true)
		cl.Body = body
		cl.Prepare = func(req *http.Request) { seen = append(seen, req) }
		if _, err := c.Do(context.Background(), cl); err != nil {
			t.Fatal(err)
		}
	}
	for i, req := range seen {
		if req.GetBody != nil || req.Body == nil || req.Body == http.NoBody {
			t.Errorf("request %d can be replayed by net/http (GetBody %v, body %v)", i, req.GetBody != nil, req.Body)
		}
	}
}

// TestRequestIDIsBoundedAndRedacted: the request id header is the server's to fill; a long
// one holding a credential is cut and redacted before it reaches an error.
func TestRequestIDIsBoundedAndRedacted(t *testing.T) {
	long := strings.Repeat("r", 5000) + testSecret
	s := &script{handlers: []http.HandlerFunc{func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", testSecret+long)
		w.Write(make([]byte, 2<<20))
	}}}
	c, url, _ := testClient(t, s, func(o *Options) { o.RequestIDHeader = "X-Request-Id" })
	_, err := c.Do(context.Background(), call(url, true))
	if err == nil {
		t.Fatal("no error for an oversized answer")
	}
	if msg := err.Error(); strings.Contains(msg, testSecret[:8]) || len(msg) > 400 {
		t.Errorf("error is %d bytes or holds the secret: %.200s", len(msg), msg)
	}
}

// TestRequestIDLeftOutWhenEmpty: an answer without a request id is described without one,
// not as `request id ""`; one with an id names it.
func TestRequestIDLeftOutWhenEmpty(t *testing.T) {
	for _, tc := range []struct{ id, want string }{
		{"", "the response (HTTP 200) is larger than 1 MiB"},
		{"r-7", `the response (HTTP 200, request id "r-7") is larger than 1 MiB`},
	} {
		s := &script{handlers: []http.HandlerFunc{func(w http.ResponseWriter, r *http.Request) {
			if tc.id != "" {
				w.Header().Set("X-Request-Id", tc.id)
			}
			w.Write(make([]byte, 2<<20))
		}}}
		c, url, _ := testClient(t, s, func(o *Options) { o.RequestIDHeader = "X-Request-Id" })
		_, err := c.Do(context.Background(), call(url, true))
		if err == nil || !strings.HasSuffix(err.Error(), tc.want) {
			t.Errorf("id %q: error %v, want it to end with %q", tc.id, err, tc.want)
		}
	}
}
