// Package apitest starts the API emulators (secmastertest, dataworkstest) on loopback and holds
// what their tests share. The emulators accept made-up credentials, so they listen on loopback
// only.
package apitest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/wfc-dev/wfc/internal/apiclient"
)

// Listener is a running HTTP server; an emulator's Server embeds it.
type Listener struct {
	URL  string // http://127.0.0.1:PORT
	stop func()
}

// Close stops the server and waits for handlers to finish.
func (l Listener) Close() { l.stop() }

// ServeTest serves h on a random loopback port (httptest.Server).
func ServeTest(h http.Handler) Listener {
	ts := httptest.NewServer(h)
	return Listener{URL: ts.URL, stop: ts.Close}
}

// ServeLoopback serves h on addr, which must be a loopback host:port; example is such an
// address for the error message. Serving errors go to logf (may be nil).
func ServeLoopback(addr, example string, h http.Handler, logf func(format string, args ...any)) (Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return Listener{}, fmt.Errorf("address %q is not host:port: %v", addr, err)
	}
	if !apiclient.IsLoopbackHost(host) {
		return Listener{}, fmt.Errorf("refusing to listen on %s: the emulator serves loopback addresses only (e.g. %s)", addr, example)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return Listener{}, err
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) && logf != nil {
			logf("dev-server: %v", err)
		}
	}()
	return Listener{URL: "http://" + ln.Addr().String(), stop: func() {
		hs.Close()
		<-done
	}}, nil
}

// Sleeps records a client's waits instead of sleeping: its Record is a Config.Sleep.
type Sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

// Record notes d and returns at once.
func (s *Sleeps) Record(_ context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return nil
}

// All returns the waits so far, in order.
func (s *Sleeps) All() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}
