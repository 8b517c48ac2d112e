package dataworks

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/wfc-dev/wfc/internal/apiclient"
)

// MaxResponseBytes bounds an answer; the largest is a workflow spec with its scripts.
const MaxResponseBytes = 16 << 20

const formContentType = "application/x-www-form-urlencoded"

// Client calls the DataWorks actions of one workspace. It is safe for concurrent use.
type Client struct {
	cfg     Config
	base    *url.URL
	api     *apiclient.Client
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
	c.signer = &Signer{AccessKeyID: cr.AccessKeyID, AccessKeySecret: cr.AccessKeySecret, SecurityToken: cr.SecurityToken, Now: cfg.Now, Nonce: cfg.Nonce}
	c.api = apiclient.New(apiclient.Options{
		API:             "DataWorks",
		HTTP:            cfg.HTTPClient,
		UserAgent:       cfg.UserAgent,
		RequestIDHeader: "x-acs-request-id",
		Secrets:         c.secrets,
		AttemptTimeout:  cfg.AttemptTimeout,
		Retry:           cfg.Retry,
		RetryAfterCap:   cfg.Retry.EffectiveMaxDelay(),
		Judge:           c.judge,
		Now:             cfg.Now,
		Logf:            c.logf,
		Sleep:           cfg.Sleep,
	})
	return c, nil
}

// call describes one RPC-style action: POST with a form body, or GET with a query.
type call struct {
	action string
	method string     // GET or POST
	query  url.Values // the query string (GET parameters; a few POST actions take some here)
	form   url.Values // the POST body
	acting bool       // changes state: sent once, an unknown outcome is ErrAmbiguous
}

// response is a complete answer.
type response = apiclient.Response

// do runs cl (with retries for reads) and returns a 2xx response, an *APIError or another error.
func (c *Client) do(ctx context.Context, cl call) (*response, error) {
	var body []byte
	if cl.method == http.MethodPost {
		body = []byte(cl.form.Encode())
	}
	u := *c.base
	u.RawQuery = cl.query.Encode()
	return c.api.Do(ctx, apiclient.Call{
		Op:       cl.action,
		Label:    cl.action,
		Method:   cl.method,
		URL:      u.String(),
		Body:     body,
		Prepare:  func(req *http.Request) { c.prepare(req, cl, body) },
		Safe:     !cl.acting,
		Once:     cl.acting, // sent once, whatever happens
		MaxBytes: MaxResponseBytes,
	})
}

// judge reads a complete answer: any 2xx is a success (a few actions add Success=false, which
// their callers check); a 429 or a Throttling* code was turned away before the service acted.
func (c *Client) judge(action string, r *response) (throttled bool, err error) {
	if r.Status/100 == 2 {
		return false, nil
	}
	apiErr := c.errorFromBody(action, r)
	return r.Status == http.StatusTooManyRequests || strings.HasPrefix(apiErr.Code, "Throttling"), apiErr
}

// prepare sets the headers of one attempt and signs it.
func (c *Client) prepare(req *http.Request, cl call, body []byte) {
	req.Header.Set("Accept", "application/json")
	req.Header.Set(HeaderAction, cl.action)
	req.Header.Set(HeaderVersion, APIVersion)
	if cl.method == http.MethodPost {
		req.Header.Set("Content-Type", formContentType)
	}
	c.signer.Sign(req, body)
}

func (c *Client) logf(format string, args ...any) {
	if c.cfg.Logf != nil {
		c.cfg.Logf("dataworks: "+format, args...)
	}
}

// ProjectID is the workspace the client acts on (Config.ProjectID).
func (c *Client) ProjectID() string { return c.cfg.ProjectID }

// Sleep waits d, or until ctx ends, on the client's clock (Config.Sleep when set): callers that
// poll on top of the client (package deploy) pause the same way its retries do, so tests that
// inject Config.Sleep see every wait.
func (c *Client) Sleep(ctx context.Context, d time.Duration) error { return c.sleep(ctx, d) }

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.cfg.Sleep != nil {
		return c.cfg.Sleep(ctx, d)
	}
	return apiclient.Sleep(ctx, d)
}
