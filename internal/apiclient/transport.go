package apiclient

import (
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// RefuseRedirects returns a copy of hc (or of a client with sane transport timeouts when hc is
// nil) that never follows a redirect: the APIs do not redirect, and following one would send the
// credential headers, and a 307's body, to whatever host the answer names. The 3xx answer comes
// back to the caller, which Client.Do turns into a *RedirectError.
func RefuseRedirects(hc *http.Client) *http.Client {
	if hc == nil {
		hc = &http.Client{Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: 60 * time.Second,
			MaxIdleConnsPerHost:   4,
			IdleConnTimeout:       90 * time.Second,
		}}
	}
	cp := *hc
	cp.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &cp
}

// PreventReplay stops net/http from resending req by itself: its Transport silently repeats a
// body-less request whose reused connection closed, which would reuse a one-time signature
// nonce and send an acting call a second time uncounted. Only Client.Do resends, and it signs
// afresh. A request whose body is non-nil, not http.NoBody and has no GetBody is not
// replayable; an empty reader is still sent as "no body".
func PreventReplay(req *http.Request) {
	req.GetBody = nil
	if req.Body == nil || req.Body == http.NoBody {
		req.Body = io.NopCloser(strings.NewReader(""))
	}
}
