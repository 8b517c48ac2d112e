package secmaster

import (
	"bytes"
	"context"
	"encoding/json"
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

	"github.com/wfc-dev/wfc/internal/readlimit"
)

// Response size limits: an export file may be large, every other answer is small JSON.
const (
	MaxExportBytes   = readlimit.BPMN
	MaxResponseBytes = 8 << 20
)

const jsonContentType = "application/json;charset=UTF-8"

// Client calls the SecMaster workflow APIs of one workspace. It is safe for concurrent use.
type Client struct {
	cfg     Config
	base    *url.URL
	http    *http.Client
	signer  *Signer
	secrets []string
	// deadline ends every call of this client: New's time plus Config.Timeout; zero: none.
	deadline time.Time
}

// String keeps credentials out of %v output.
func (c *Client) String() string { return "secmaster.Client{" + c.base.String() + "}" }

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
	if cfg.ProjectID == "" || cfg.WorkspaceID == "" {
		return nil, fmt.Errorf("project id and workspace id are required (set %s and %s)", EnvProjectID, EnvWorkspaceID)
	}
	cr := cfg.Credentials
	hasKey := cr.AccessKey != "" || cr.SecretKey != ""
	switch {
	case cr.Token != "" && hasKey:
		return nil, errors.New("credentials hold both a token and an AK/SK pair: use one")
	case hasKey && (cr.AccessKey == "" || cr.SecretKey == ""):
		return nil, errors.New("an AK/SK pair needs both the access key and the secret key")
	case !hasKey && cr.Token == "":
		return nil, fmt.Errorf("no credentials: set %s and %s, or %s", EnvAccessKey, EnvSecretKey, EnvAuthToken)
	case cr.Token != "" && cr.SecurityToken != "":
		return nil, errors.New("a security token goes with an AK/SK pair, not with a token")
	}
	c := &Client{cfg: cfg, base: base, http: noRedirects(cfg.HTTPClient), secrets: cr.secrets()}
	if cfg.Timeout > 0 {
		c.deadline = time.Now().Add(cfg.Timeout)
	}
	if hasKey {
		c.signer = &Signer{AccessKey: cr.AccessKey, SecretKey: cr.SecretKey, SecurityToken: cr.SecurityToken, Now: cfg.Now}
	}
	if c.cfg.UserAgent == "" {
		c.cfg.UserAgent = "wfc"
	}
	if c.cfg.AttemptTimeout <= 0 {
		c.cfg.AttemptTimeout = 60 * time.Second
	}
	return c, nil
}

// noRedirects returns a copy of hc (or of a client with sane transport timeouts when hc is nil)
// that never follows a redirect: the SecMaster API does not redirect, and following one would
// send the credential headers, and a 307's body, to whatever host the answer names.
func noRedirects(hc *http.Client) *http.Client {
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

// call describes one API operation.
type call struct {
	op          string   // for errors, e.g. "create version"
	method      string   // GET, POST, PUT, DELETE
	path        []string // segments after /soc/, unescaped
	query       url.Values
	body        any    // JSON-encoded when non-nil
	raw         []byte // a pre-encoded body (multipart) with contentType
	contentType string
	unsigned    bool // send X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD
	// idempotent: safe to send again after an unknown outcome (reads, read-only POSTs, edits
	// that set the same value). Calls that act (create, import, submit, instance commands)
	// are not: their failures after sending are ErrAmbiguous.
	idempotent bool
	maxBytes   int64 // response size limit; 0: MaxResponseBytes
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
	fatal   error     // a failure no retry can fix (e.g. an oversized answer)
}

// do runs c with retries and returns a 2xx response, an *APIError, or a transport error.
func (c *Client) do(ctx context.Context, cl call) (*response, error) {
	if !c.deadline.IsZero() {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadlineCause(ctx, c.deadline, &timeoutError{limit: c.cfg.Timeout})
		defer cancel()
	}
	resp, err := c.doRetry(ctx, cl)
	return resp, redact(err, c.secrets)
}

func (c *Client) doRetry(ctx context.Context, cl call) (*response, error) {
	body, err := c.encodeBody(cl)
	if err != nil {
		return nil, err
	}
	maxAttempts := c.cfg.Retry.MaxAttempts
	if maxAttempts <= 0 {
		maxAttempts = 4
	}
	for attempt := 1; ; attempt++ {
		res := c.attempt(ctx, cl, body)
		retry, final := c.classify(ctx, cl, res)
		if !retry || attempt >= maxAttempts || ctx.Err() != nil {
			return res.successOrNil(), final
		}
		wait := c.backoff(attempt, res)
		if err := c.waitFits(ctx, wait, final); err != nil {
			return nil, err
		}
		if err := c.sleep(ctx, wait); err != nil {
			if cause := context.Cause(ctx); cause != nil {
				err = cause
			}
			return nil, fmt.Errorf("%s: %w after %s; the last one: %s", cl.op, err, attempts(attempt), withoutOp(cl.op, final))
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
		cause = &timeoutError{limit: c.cfg.Timeout}
	}
	return fmt.Errorf("%w; not retried: waiting %s for the next attempt would pass the deadline: %w", final, d, cause)
}

func attempts(n int) string {
	if n == 1 {
		return "1 attempt"
	}
	return strconv.Itoa(n) + " attempts"
}

// withoutOp drops the "op: " prefix of an error message that repeats the operation.
func withoutOp(op string, err error) string {
	return strings.TrimPrefix(err.Error(), op+": ")
}

func (r attemptResult) successOrNil() *response {
	if r.err == nil && r.resp != nil && r.resp.status/100 == 2 {
		return r.resp
	}
	return nil
}

// classify decides whether to retry and what error the call ends with if it does not.
func (c *Client) classify(ctx context.Context, cl call, res attemptResult) (retry bool, final error) {
	if res.fatal != nil {
		return false, fmt.Errorf("%s: %w", cl.op, res.fatal)
	}
	if res.err != nil {
		var err error
		if ctx.Err() != nil {
			err = fmt.Errorf("%s: %w", cl.op, context.Cause(ctx))
		} else {
			err = fmt.Errorf("%s: %w", cl.op, res.err)
		}
		if !cl.idempotent && res.written {
			return false, &ambiguousError{cause: err}
		}
		// A safe call, or a request that never fully left: repeating it cannot apply it twice.
		return ctx.Err() == nil, err
	}
	r := res.resp
	if r.status/100 == 2 {
		if apiErr := envelopeError(cl.op, r, c.secrets); apiErr != nil {
			return false, apiErr
		}
		return false, nil
	}
	apiErr := errorFromBody(cl.op, r, c.secrets)
	switch {
	case r.status == http.StatusTooManyRequests:
		// Throttled at the gateway: the service never saw the request.
		return true, apiErr
	case r.status >= 500 && cl.idempotent:
		return true, apiErr
	case r.status >= 500:
		return false, &ambiguousError{cause: apiErr}
	}
	return false, apiErr
}

func (c *Client) encodeBody(cl call) ([]byte, error) {
	switch {
	case cl.raw != nil:
		return cl.raw, nil
	case cl.body != nil:
		b, err := json.Marshal(cl.body)
		if err != nil {
			return nil, fmt.Errorf("%s: encoding the request: %w", cl.op, err)
		}
		return b, nil
	}
	return nil, nil
}

// url builds /v1/{project}/workspaces/{workspace}/soc/<path>, escaping every segment.
func (c *Client) url(cl call) string {
	segs := []string{"v1", c.cfg.ProjectID, "workspaces", c.cfg.WorkspaceID, "soc"}
	segs = append(segs, cl.path...)
	var b strings.Builder
	b.WriteString(c.base.String())
	for _, s := range segs {
		b.WriteString("/" + url.PathEscape(s))
	}
	if len(cl.query) > 0 {
		b.WriteString("?" + cl.query.Encode())
	}
	return b.String()
}

// attempt performs one HTTP exchange under AttemptTimeout and reads the whole body.
func (c *Client) attempt(ctx context.Context, cl call, body []byte) attemptResult {
	actx, cancel := context.WithTimeout(ctx, c.cfg.AttemptTimeout)
	defer cancel()
	var written atomic.Bool
	actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{
		WroteRequest: func(i httptrace.WroteRequestInfo) { written.Store(i.Err == nil) },
	})
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(actx, cl.method, c.url(cl), rd)
	if err != nil {
		return attemptResult{err: err}
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.Header.Set(HeaderProjectID, c.cfg.ProjectID)
	switch {
	case cl.contentType != "":
		req.Header.Set("Content-Type", cl.contentType)
	case body != nil:
		req.Header.Set("Content-Type", jsonContentType)
	}
	if cl.unsigned {
		req.Header.Set(HeaderContentSha256, UnsignedPayload)
	}
	if c.signer != nil {
		c.signer.Sign(req, body)
	} else {
		req.Header.Set(HeaderAuthToken, c.cfg.Credentials.Token)
	}
	start := time.Now()
	hr, err := c.http.Do(req)
	if err != nil {
		c.logf("%s %s: %v", cl.method, req.URL.Path, errors.Unwrap(err))
		return attemptResult{err: err, written: written.Load()}
	}
	defer hr.Body.Close()
	if hr.StatusCode/100 == 3 {
		// Not followed (noRedirects) and not retried: the API never redirects, so the endpoint
		// or something between is wrong, and asking again would get the same answer.
		c.logf("%s %s -> %d (redirect refused)", cl.method, req.URL.Path, hr.StatusCode)
		return attemptResult{fatal: redirectRefused(hr, c.secrets), written: true}
	}
	limit := cl.maxBytes
	if limit == 0 {
		limit = MaxResponseBytes
	}
	data, err := io.ReadAll(io.LimitReader(hr.Body, limit+1))
	reqID := hr.Header.Get("X-Request-Id")
	c.logf("%s %s -> %d (%d bytes, %s)", cl.method, req.URL.Path, hr.StatusCode, len(data), time.Since(start).Round(time.Millisecond))
	if err != nil {
		return attemptResult{err: fmt.Errorf("reading the response (HTTP %d, %d bytes received, request id %q): %w", hr.StatusCode, len(data), reqID, err), written: true}
	}
	if int64(len(data)) > limit {
		// Not retried: the next answer would be just as large.
		return attemptResult{fatal: fmt.Errorf("the response (HTTP %d, request id %q) is larger than %d MiB", hr.StatusCode, reqID, limit>>20), written: true}
	}
	return attemptResult{resp: &response{status: hr.StatusCode, header: hr.Header, body: data, requestID: reqID}, written: true}
}

func (c *Client) logf(format string, args ...any) {
	if c.cfg.Logf == nil {
		return
	}
	c.cfg.Logf("secmaster: "+format, args...)
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.cfg.Sleep != nil {
		return c.cfg.Sleep(ctx, d)
	}
	return Sleep(ctx, d)
}

// redirectRefused describes a 3xx answer: where it pointed, without the location's query and
// user info (they may carry a token) and with secrets redacted, and what to do.
func redirectRefused(hr *http.Response, secrets []string) error {
	where := "no location"
	if loc, err := hr.Location(); err == nil {
		where = loc.Scheme + "://" + loc.Host + loc.EscapedPath()
		if loc.RawQuery != "" {
			where += "?… (query not shown)"
		}
	}
	return fmt.Errorf("the server answered HTTP %d, a redirect to %s; the SecMaster API does not redirect, so wfc did not follow it and sent nothing there: check the endpoint (and any proxy between)",
		hr.StatusCode, cleanMessage(where, secrets))
}

// MaxRetryAfter caps how long a server's Retry-After can make the client wait before one retry.
// Longer answers are more likely a misconfigured gateway than advice worth holding a CI job
// for; the overall Config.Timeout still bounds the total.
const MaxRetryAfter = 60 * time.Second

// retryAfter reads a Retry-After header in either form, delay-seconds or an HTTP-date (which is
// compared with now), clamped to [0, MaxRetryAfter].
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	var d time.Duration
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			return 0, false
		}
		d = time.Duration(min(s, int64(MaxRetryAfter/time.Second))) * time.Second
	} else if at, err := http.ParseTime(v); err == nil {
		d = at.Sub(now)
	} else {
		return 0, false
	}
	return min(max(d, 0), MaxRetryAfter), true
}

// backoff is BaseDelay·2^(attempt-1) capped at MaxDelay, with equal jitter; a Retry-After from
// the server replaces the computed value (capped at MaxRetryAfter).
func (c *Client) backoff(attempt int, res attemptResult) time.Duration {
	p := c.cfg.Retry
	base, maxD := p.BaseDelay, p.MaxDelay
	if base <= 0 {
		base = 200 * time.Millisecond
	}
	if maxD <= 0 {
		maxD = 5 * time.Second
	}
	d := base << min(attempt-1, 20)
	if d > maxD || d <= 0 {
		d = maxD
	}
	if res.resp != nil {
		now := time.Now
		if c.cfg.Now != nil {
			now = c.cfg.Now
		}
		if d, ok := retryAfter(res.resp.header, now()); ok {
			return d
		}
	}
	jitter := p.Jitter
	if jitter == nil {
		jitter = rand.Float64
	}
	return d/2 + time.Duration(jitter()*float64(d/2))
}
