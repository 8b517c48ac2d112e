package secmaster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/wfc-dev/wfc/internal/apiclient"
	"github.com/wfc-dev/wfc/secmaster/exportfile"
)

// Response size limits: an export file may be large, every other answer is small JSON.
const (
	MaxExportBytes   = exportfile.MaxBytes
	MaxResponseBytes = 8 << 20
)

const jsonContentType = "application/json;charset=UTF-8"

// Client calls the SecMaster workflow APIs of one workspace. It is safe for concurrent use.
type Client struct {
	cfg     Config
	base    *url.URL
	api     *apiclient.Client
	signer  *Signer
	secrets []string
}

// String keeps credentials out of %v output.
func (c *Client) String() string { return "secmaster.Client{" + c.base.String() + "}" }

// GoString keeps credentials out of %#v output.
func (c *Client) GoString() string { return c.String() }

// New checks cfg and returns a client. It makes no network calls.
func New(cfg Config) (*Client, error) {
	c, err := newClient(cfg)
	return c, apiclient.Redact(err, cfg.Credentials.secrets())
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
	c := &Client{cfg: cfg, base: base, secrets: cr.secrets()}
	if hasKey {
		c.signer = &Signer{AccessKey: cr.AccessKey, SecretKey: cr.SecretKey, SecurityToken: cr.SecurityToken, Now: cfg.Now}
	}
	c.api = apiclient.New(apiclient.Options{
		API:             "SecMaster",
		HTTP:            cfg.HTTPClient,
		UserAgent:       cfg.UserAgent,
		RequestIDHeader: "X-Request-Id",
		Secrets:         c.secrets,
		AttemptTimeout:  cfg.AttemptTimeout,
		Timeout:         cfg.Timeout,
		Retry:           cfg.Retry,
		Judge:           c.judge,
		Now:             cfg.Now,
		Logf:            c.logf,
		Sleep:           cfg.Sleep,
	})
	return c, nil
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

// response is a complete answer.
type response = apiclient.Response

// do runs cl with retries and returns a 2xx response, an *APIError, or another error.
func (c *Client) do(ctx context.Context, cl call) (*response, error) {
	body, err := c.encodeBody(cl)
	if err != nil {
		return nil, apiclient.Redact(err, c.secrets)
	}
	limit := cl.maxBytes
	if limit == 0 {
		limit = MaxResponseBytes
	}
	u := c.url(cl)
	path, _, _ := strings.Cut(strings.TrimPrefix(u, c.base.String()), "?")
	return c.api.Do(ctx, apiclient.Call{
		Op:       cl.op,
		Label:    path,
		Method:   cl.method,
		URL:      u,
		Body:     body,
		Prepare:  func(req *http.Request) { c.prepare(req, cl, body) },
		Safe:     cl.idempotent,
		MaxBytes: limit,
	})
}

// judge reads a complete answer: a 2xx whose envelope says it failed, or an error status. A 429
// is throttled at the gateway: the service never saw the request.
func (c *Client) judge(op string, r *response) (throttled bool, err error) {
	if r.Status/100 == 2 {
		if apiErr := envelopeError(op, r, c.secrets); apiErr != nil {
			return false, apiErr
		}
		return false, nil
	}
	return r.Status == http.StatusTooManyRequests, errorFromBody(op, r, c.secrets)
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

// prepare sets the headers of one attempt and signs it (or adds the token).
func (c *Client) prepare(req *http.Request, cl call, body []byte) {
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
}

func (c *Client) logf(format string, args ...any) {
	if c.cfg.Logf == nil {
		return
	}
	c.cfg.Logf("secmaster: "+format, args...)
}

// MaxRetryAfter caps how long a server's Retry-After can make the client wait before one retry.
const MaxRetryAfter = apiclient.MaxRetryAfter
