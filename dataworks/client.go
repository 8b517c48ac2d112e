package dataworks

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// MaxResponseBytes bounds an answer; the largest is a workflow spec with its scripts.
const MaxResponseBytes = 16 << 20

const formContentType = "application/x-www-form-urlencoded"

// Client calls the DataWorks actions of one workspace. It is safe for concurrent use.
type Client struct {
	cfg     Config
	base    *url.URL
	http    *http.Client
	signer  *Signer
	secrets []string
}

// String keeps credentials out of %v output.
func (c *Client) String() string { return "dataworks.Client{" + c.base.String() + "}" }

// GoString keeps credentials out of %#v output.
func (c *Client) GoString() string { return c.String() }

// New checks cfg and returns a client. It makes no network calls.
func New(cfg Config) (*Client, error) {
	c, err := newClient(cfg)
	return c, redact(err, cfg.Credentials.secrets())
}

func newClient(cfg Config) (*Client, error) {
	base, err := cfg.baseURL()
	if err != nil {
		return nil, err
	}
	if !projectIDPattern.MatchString(cfg.ProjectID) {
		return nil, fmt.Errorf("project id %q is not a DataWorks workspace id (decimal digits; set --project-id or %s)", truncate(cfg.ProjectID, 40), EnvProjectID)
	}
	cr := cfg.Credentials
	if cr.AccessKeyID == "" || cr.AccessKeySecret == "" {
		return nil, fmt.Errorf("no credentials: set %s and %s", EnvAccessKeyID, EnvAccessKeySecret)
	}
	c := &Client{cfg: cfg, base: base, secrets: cr.secrets()}
	c.http = refuseRedirects(cfg.HTTPClient)
	c.signer = &Signer{AccessKeyID: cr.AccessKeyID, AccessKeySecret: cr.AccessKeySecret, SecurityToken: cr.SecurityToken, Now: cfg.Now, Nonce: cfg.Nonce}
	if c.cfg.UserAgent == "" {
		c.cfg.UserAgent = "wfc"
	}
	if c.cfg.AttemptTimeout <= 0 {
		c.cfg.AttemptTimeout = 60 * time.Second
	}
	return c, nil
}

// refuseRedirects returns a copy of hc (or a default client) that never follows a redirect: a
// signed request must not be replayed to a host nobody configured.
func refuseRedirects(hc *http.Client) *http.Client {
	var out http.Client
	if hc != nil {
		out = *hc
	} else {
		out.Transport = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: 60 * time.Second,
			MaxIdleConnsPerHost:   4,
			IdleConnTimeout:       90 * time.Second,
		}
	}
	out.CheckRedirect = func(req *http.Request, _ []*http.Request) error {
		return &redirectError{location: req.URL.Redacted()}
	}
	return &out
}

// call describes one RPC-style action: POST with a form body, or GET with a query.
type call struct {
	action string
	method string     // GET or POST
	query  url.Values // the query string (GET parameters; a few POST actions take some here)
	form   url.Values // the POST body
	acting bool       // changes state: sent once, an unknown outcome is ErrAmbiguous
}

// response is a complete answer with a 2xx status.
type response struct {
	status    int
	header    http.Header
	body      []byte
	requestID string
}

// attemptResult is what one HTTP exchange produced.
type attemptResult struct {
	resp    *response // non-nil when a full response was read (any status)
	err     error     // transport or read error
	written bool      // the request reached the wire in full before err
	fatal   error     // a failure no retry can fix (an oversized answer, a redirect)
}

// do runs cl (with retries for reads) and returns a 2xx response, an *APIError or another error.
func (c *Client) do(ctx context.Context, cl call) (*response, error) {
	resp, err := c.doRetry(ctx, cl)
	return resp, redact(err, c.secrets)
}

func (c *Client) doRetry(ctx context.Context, cl call) (*response, error) {
	var body []byte
	if cl.method == http.MethodPost {
		body = []byte(cl.form.Encode())
	}
	maxAttempts := c.cfg.Retry.MaxAttempts
	if maxAttempts <= 0 {
		maxAttempts = 4
	}
	if cl.acting {
		maxAttempts = 1 // sent once, whatever happens
	}
	for attempt := 1; ; attempt++ {
		res := c.attempt(ctx, cl, body)
		retry, final := c.classify(ctx, cl, res)
		if !retry || attempt >= maxAttempts || ctx.Err() != nil {
			return res.successOrNil(), final
		}
		if err := c.sleep(ctx, c.backoff(attempt, res)); err != nil {
			return nil, fmt.Errorf("%s: %w (after %d attempts; last: %v)", cl.action, err, attempt, final)
		}
	}
}

func (r attemptResult) successOrNil() *response {
	if r.err == nil && r.fatal == nil && r.resp != nil && r.resp.status/100 == 2 {
		return r.resp
	}
	return nil
}

// classify decides whether to retry and what error the call ends with if it does not.
func (c *Client) classify(ctx context.Context, cl call, res attemptResult) (retry bool, final error) {
	if res.fatal != nil {
		return false, fmt.Errorf("%s: %w", cl.action, res.fatal)
	}
	if res.err != nil {
		cause := res.err
		if ctx.Err() != nil {
			cause = ctx.Err()
		}
		if cl.acting && res.written {
			return false, &ambiguousError{action: cl.action, cause: cause}
		}
		// A read, or a request that never fully left: repeating a read cannot apply anything.
		return !cl.acting && ctx.Err() == nil, fmt.Errorf("%s: %w", cl.action, cause)
	}
	r := res.resp
	if r.status/100 == 2 {
		return false, nil
	}
	apiErr := c.errorFromBody(cl.action, r)
	switch {
	case cl.acting && r.status >= 500:
		return false, &ambiguousError{action: cl.action, cause: apiErr}
	case cl.acting:
		return false, apiErr
	case r.status >= 500 || r.status == http.StatusTooManyRequests || strings.HasPrefix(apiErr.Code, "Throttling"):
		return true, apiErr
	}
	return false, apiErr
}

// attempt performs one signed HTTP exchange under AttemptTimeout and reads the whole body.
func (c *Client) attempt(ctx context.Context, cl call, body []byte) attemptResult {
	actx, cancel := context.WithTimeout(ctx, c.cfg.AttemptTimeout)
	defer cancel()
	var written atomic.Bool
	actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{
		WroteRequest: func(i httptrace.WroteRequestInfo) { written.Store(i.Err == nil) },
	})
	u := *c.base
	u.RawQuery = cl.query.Encode()
	req, err := http.NewRequestWithContext(actx, cl.method, u.String(), strings.NewReader(string(body)))
	if err != nil {
		return attemptResult{err: err}
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.Header.Set("Accept", "application/json")
	req.Header.Set(HeaderAction, cl.action)
	req.Header.Set(HeaderVersion, APIVersion)
	if cl.method == http.MethodPost {
		req.Header.Set("Content-Type", formContentType)
	}
	c.signer.Sign(req, body)
	preventReplay(req)
	hr, err := c.http.Do(req)
	if err != nil {
		var re *redirectError
		if errors.As(err, &re) {
			c.logf("%s: refused a redirect", cl.action)
			return attemptResult{fatal: re, written: true}
		}
		c.logf("%s: %v", cl.action, errors.Unwrap(err))
		return attemptResult{err: err, written: written.Load()}
	}
	defer hr.Body.Close()
	data, err := io.ReadAll(io.LimitReader(hr.Body, MaxResponseBytes+1))
	reqID := hr.Header.Get("x-acs-request-id")
	c.logf("%s %s -> %d (%d bytes)", cl.method, cl.action, hr.StatusCode, len(data))
	if err != nil {
		return attemptResult{err: fmt.Errorf("reading the response (HTTP %d, %d bytes received): %w", hr.StatusCode, len(data), err), written: true}
	}
	if len(data) > MaxResponseBytes {
		// Not retried: the next answer would be just as large.
		return attemptResult{fatal: fmt.Errorf("the response (HTTP %d) is larger than %d MiB", hr.StatusCode, MaxResponseBytes>>20), written: true}
	}
	return attemptResult{resp: &response{status: hr.StatusCode, header: hr.Header, body: data, requestID: reqID}, written: true}
}

// preventReplay stops net/http from resending req by itself: its Transport silently repeats a
// body-less GET whose reused connection closed, with the same one-time nonce, which the service
// refuses (SignatureNonceUsed). Only doRetry resends, and it signs afresh. A request whose body
// is non-nil, not http.NoBody and has no GetBody is not replayable; an empty reader is still sent
// as "no body".
func preventReplay(req *http.Request) {
	req.GetBody = nil
	if req.Body == nil || req.Body == http.NoBody {
		req.Body = io.NopCloser(strings.NewReader(""))
	}
}

func (c *Client) logf(format string, args ...any) {
	if c.cfg.Logf != nil {
		c.cfg.Logf("dataworks: "+format, args...)
	}
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.cfg.Sleep != nil {
		return c.cfg.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// backoff is BaseDelay·2^(attempt-1) capped at MaxDelay, with equal jitter; a Retry-After in
// seconds replaces the computed value (still capped).
func (c *Client) backoff(attempt int, res attemptResult) time.Duration {
	p := c.cfg.Retry
	base, maxD := p.BaseDelay, p.MaxDelay
	if base <= 0 {
		base = 200 * time.Millisecond
	}
	if maxD <= 0 {
		maxD = 5 * time.Second
	}
	if res.resp != nil {
		if s, err := strconv.Atoi(res.resp.header.Get("Retry-After")); err == nil && s >= 0 {
			return min(time.Duration(s)*time.Second, maxD)
		}
	}
	d := base << min(attempt-1, 20)
	if d > maxD || d <= 0 {
		d = maxD
	}
	jitter := p.Jitter
	if jitter == nil {
		jitter = rand.Float64
	}
	return d/2 + time.Duration(jitter()*float64(d/2))
}
