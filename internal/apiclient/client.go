package apiclient

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Options configure a Client. The platform's client fills them from its own Config.
type Options struct {
	API             string       // the platform's name in messages: "SecMaster", "DataWorks"
	HTTP            *http.Client // nil: a default one; redirects are refused either way
	UserAgent       string       // empty: "wfc"
	RequestIDHeader string       // the answer header that carries the request id
	Secrets         []string     // credential values, redacted from every error

	// AttemptTimeout bounds one HTTP attempt including reading the body (0: 60 s).
	AttemptTimeout time.Duration
	// Timeout bounds every call of the client together, retries and waits included, counted
	// from New (0: no bound beyond the caller's context).
	Timeout time.Duration
	Retry   RetryPolicy
	// RetryAfterCap caps a server's Retry-After (0 or more than MaxRetryAfter: MaxRetryAfter).
	RetryAfterCap time.Duration
	// Judge turns a complete answer into the call's error (nil: success), and says whether it
	// was throttled before the service saw it (then even an acting call may be sent again).
	Judge func(op string, r *Response) (throttled bool, err error)
	Now   func() time.Time                                 // for Retry-After dates; nil: time.Now
	Logf  func(format string, args ...any)                 // optional request log; never given credentials
	Sleep func(ctx context.Context, d time.Duration) error // between retries; nil: Sleep
}

// Client sends calls with the shared retry and safety rules. It is safe for concurrent use.
type Client struct {
	opts     Options
	http     *http.Client
	deadline time.Time // ends every call: New's time plus Timeout; zero: none
}

// New returns a client for opts. It makes no network calls.
func New(opts Options) *Client {
	c := &Client{opts: opts, http: RefuseRedirects(opts.HTTP)}
	if opts.Timeout > 0 {
		c.deadline = time.Now().Add(opts.Timeout)
	}
	if c.opts.UserAgent == "" {
		c.opts.UserAgent = "wfc"
	}
	if c.opts.AttemptTimeout <= 0 {
		c.opts.AttemptTimeout = 60 * time.Second
	}
	if c.opts.RetryAfterCap <= 0 {
		c.opts.RetryAfterCap = MaxRetryAfter
	}
	if c.opts.Now == nil {
		c.opts.Now = time.Now
	}
	if c.opts.Sleep == nil {
		c.opts.Sleep = Sleep
	}
	return c
}

// Call is one API operation.
type Call struct {
	Op     string // for errors, e.g. "create version"
	Label  string // for the log after the method, e.g. the path or the action
	Method string
	URL    string
	Body   []byte // nil: none
	// Prepare sets the headers of each attempt's fresh request and signs it.
	Prepare func(req *http.Request)
	// Safe: may be sent again after an unknown outcome (reads, edits that set the same value).
	// A call that acts is not: a failure after it was sent is an *AmbiguousError.
	Safe bool
	// Once: never sent a second time, not even when it never reached the wire or was throttled.
	Once     bool
	MaxBytes int64 // the answer's size limit (bytes); required
}

// Response is a complete answer.
type Response struct {
	Status    int
	Header    http.Header
	Body      []byte
	RequestID string
}

// attemptResult is what one HTTP exchange produced.
type attemptResult struct {
	resp    *Response // non-nil when a full response was read (any status)
	err     error     // transport or read error
	written bool      // the request reached the wire in full before err
	fatal   error     // a failure no retry can fix (an oversized answer, a redirect)
}

// Do runs cl with retries and returns the successful answer, or the error: the platform's
// (Judge), an *AmbiguousError, a *RedirectError or a transport error, with secrets redacted.
func (c *Client) Do(ctx context.Context, cl Call) (*Response, error) {
	if !c.deadline.IsZero() {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadlineCause(ctx, c.deadline, &timeoutError{limit: c.opts.Timeout})
		defer cancel()
	}
	resp, err := c.doRetry(ctx, cl)
	return resp, Redact(err, c.opts.Secrets)
}

func (c *Client) doRetry(ctx context.Context, cl Call) (*Response, error) {
	maxAttempts := c.opts.Retry.maxAttempts()
	if cl.Once {
		maxAttempts = 1
	}
	for attempt := 1; ; attempt++ {
		res := c.attempt(ctx, cl)
		retry, final := c.classify(ctx, cl, res)
		if !retry || attempt >= maxAttempts || ctx.Err() != nil {
			if final != nil {
				return nil, final
			}
			return res.resp, nil
		}
		wait := c.backoff(attempt, res)
		if err := c.waitFits(ctx, wait, final); err != nil {
			return nil, err
		}
		if err := c.opts.Sleep(ctx, wait); err != nil {
			if cause := context.Cause(ctx); cause != nil {
				err = cause
			}
			return nil, fmt.Errorf("%s: %w after %s; the last one: %s", cl.Op, err, attempts(attempt), strings.TrimPrefix(final.Error(), cl.Op+": "))
		}
	}
}

// waitFits stops the retries when waiting d would pass ctx's deadline: the next attempt could
// not finish in time, so the caller learns now rather than after the wait.
func (c *Client) waitFits(ctx context.Context, d time.Duration, final error) error {
	deadline, ok := ctx.Deadline()
	if !ok || !time.Now().Add(d).After(deadline) {
		return nil
	}
	var cause error = context.DeadlineExceeded
	if deadline.Equal(c.deadline) {
		cause = &timeoutError{limit: c.opts.Timeout}
	}
	return fmt.Errorf("%w; not retried: waiting %s for the next attempt would pass the deadline: %w", final, d, cause)
}

func attempts(n int) string {
	if n == 1 {
		return "1 attempt"
	}
	return strconv.Itoa(n) + " attempts"
}

// backoff is the policy's delay, or the server's Retry-After when it gave one.
func (c *Client) backoff(attempt int, res attemptResult) time.Duration {
	if res.resp != nil {
		if d, ok := RetryAfter(res.resp.Header, c.opts.Now(), c.opts.RetryAfterCap); ok {
			return d
		}
	}
	return c.opts.Retry.Backoff(attempt)
}

// classify decides whether to retry and what error the call ends with if it does not.
func (c *Client) classify(ctx context.Context, cl Call, res attemptResult) (retry bool, final error) {
	if res.fatal != nil {
		return false, fmt.Errorf("%s: %w", cl.Op, res.fatal)
	}
	if res.err != nil {
		cause := res.err
		if ctx.Err() != nil {
			cause = context.Cause(ctx)
		}
		err := fmt.Errorf("%s: %w", cl.Op, cause)
		if !cl.Safe && res.written {
			return false, &AmbiguousError{Cause: err}
		}
		// A safe call, or a request that never fully left: repeating it cannot apply it twice.
		return ctx.Err() == nil, err
	}
	throttled, err := c.opts.Judge(cl.Op, res.resp)
	switch {
	case err == nil:
		return false, nil
	case res.resp.Status >= 500 && !cl.Safe:
		return false, &AmbiguousError{Cause: err}
	case res.resp.Status >= 500 || throttled:
		return true, err
	}
	return false, err
}

// attempt performs one HTTP exchange under AttemptTimeout and reads the whole body.
func (c *Client) attempt(ctx context.Context, cl Call) attemptResult {
	actx, cancel := context.WithTimeout(ctx, c.opts.AttemptTimeout)
	defer cancel()
	var written atomic.Bool
	actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{
		WroteRequest: func(i httptrace.WroteRequestInfo) { written.Store(i.Err == nil) },
	})
	var rd io.Reader
	if cl.Body != nil {
		rd = bytes.NewReader(cl.Body)
	}
	req, err := http.NewRequestWithContext(actx, cl.Method, cl.URL, rd)
	if err != nil {
		return attemptResult{err: err}
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	if cl.Prepare != nil {
		cl.Prepare(req)
	}
	PreventReplay(req)
	start := time.Now()
	hr, err := c.http.Do(req)
	if err != nil {
		c.logf("%s %s: %v", cl.Method, cl.Label, errors.Unwrap(err))
		return attemptResult{err: err, written: written.Load()}
	}
	defer hr.Body.Close()
	if hr.StatusCode/100 == 3 {
		// Not followed (RefuseRedirects) and not retried: the API never redirects, so the
		// endpoint or something between is wrong, and asking again would get the same answer.
		c.logf("%s %s -> %d (redirect refused)", cl.Method, cl.Label, hr.StatusCode)
		return attemptResult{fatal: redirectRefused(c.opts.API, hr, c.opts.Secrets), written: true}
	}
	return c.readAnswer(cl, hr, start)
}

// readAnswer reads hr's body up to cl.MaxBytes.
func (c *Client) readAnswer(cl Call, hr *http.Response, start time.Time) attemptResult {
	data, err := io.ReadAll(io.LimitReader(hr.Body, cl.MaxBytes+1))
	reqID := cleanRequestID(hr.Header.Get(c.opts.RequestIDHeader), c.opts.Secrets)
	c.logf("%s %s -> %d (%d bytes, %s)", cl.Method, cl.Label, hr.StatusCode, len(data), time.Since(start).Round(time.Millisecond))
	if err != nil {
		return attemptResult{err: fmt.Errorf("reading the response (HTTP %d, %d bytes received%s): %w", hr.StatusCode, len(data), RequestIDNote(reqID), err), written: true}
	}
	if int64(len(data)) > cl.MaxBytes {
		// Not retried: the next answer would be just as large.
		return attemptResult{fatal: fmt.Errorf("the response (HTTP %d%s) is larger than %d MiB", hr.StatusCode, RequestIDNote(reqID), cl.MaxBytes>>20), written: true}
	}
	return attemptResult{resp: &Response{Status: hr.StatusCode, Header: hr.Header, Body: data, RequestID: reqID}, written: true}
}

// maxRequestIDLen bounds the request id quoted in errors, in bytes: real ids are 32-36
// characters, and the header is the server's to fill, so it may be long or hold a reflected
// credential.
const maxRequestIDLen = 128

func cleanRequestID(id string, secrets []string) string {
	id = CleanMessage(id, secrets)
	if len(id) > maxRequestIDLen {
		id = strings.ToValidUTF8(id[:maxRequestIDLen], "") + "…"
	}
	return id
}

func (c *Client) logf(format string, args ...any) {
	if c.opts.Logf != nil {
		c.opts.Logf(format, args...)
	}
}
