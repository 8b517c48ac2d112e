package apiclient

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const testSecret = "SECRET-apiclient-0042"

// script answers the i-th request with the i-th handler, and the last one after that.
type script struct {
	hits     atomic.Int32
	handlers []http.HandlerFunc
}

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	i := int(s.hits.Add(1)) - 1
	s.handlers[min(i, len(s.handlers)-1)](w, r)
}

func status(code int, header ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(code)
	}
}

// drop reads the request, then closes the connection without an answer.
func drop(w http.ResponseWriter, r *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}

// waits records the client's waits instead of sleeping (apitest.Sleeps would import this
// package back).
type waits []time.Duration

func (w *waits) all() []time.Duration { return *w }

// judgeStatus: 2xx succeeds; any other status is an error, 429 throttled.
func judgeStatus(op string, r *Response) (bool, error) {
	if r.Status/100 == 2 {
		return false, nil
	}
	return r.Status == http.StatusTooManyRequests, &statusError{op: op, status: r.Status}
}

type statusError struct {
	op     string
	status int
}

func (e *statusError) Error() string { return e.op + ": HTTP " + http.StatusText(e.status) }

// testClient starts the script on loopback and returns a client for it with recorded sleeps
// and no jitter (full delays).
func testClient(t *testing.T, s *script, mut func(*Options)) (*Client, string, *waits) {
	t.Helper()
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	sl := &waits{}
	var mu sync.Mutex // a Config.Sleep may be called from several goroutines
	record := func(_ context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		*sl = append(*sl, d)
		return nil
	}
	opts := Options{API: "Test", Secrets: []string{testSecret}, Judge: judgeStatus, Sleep: record,
		Retry: RetryPolicy{Jitter: func() float64 { return 1 }}}
	if mut != nil {
		mut(&opts)
	}
	return New(opts), srv.URL, sl
}

func call(url string, safe bool) Call {
	return Call{Op: "do thing", Label: "/thing", Method: http.MethodPost, URL: url, Body: []byte("{}"), Safe: safe, MaxBytes: 1 << 20}
}
