package dataworks

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"time"

	"github.com/wfc-dev/wfc/internal/apiclient"
)

// Environment variables read by CredentialsFromEnv and ConfigFromEnv. The ALIBABA_CLOUD_* names
// are the ones the Alibaba Cloud SDKs and CLI read (notes §3); the WFC_* ones are ours, named like
// the SecMaster ones.
const (
	EnvAccessKeyID     = "ALIBABA_CLOUD_ACCESS_KEY_ID"
	EnvAccessKeySecret = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"
	EnvSecurityToken   = "ALIBABA_CLOUD_SECURITY_TOKEN"
	EnvRegion          = "ALIBABA_CLOUD_REGION_ID"
	EnvEndpoint        = "WFC_DATAWORKS_ENDPOINT"
	EnvProjectID       = "WFC_DATAWORKS_PROJECT_ID"
)

// Credentials are an AccessKey pair, with a security token for STS credentials. Printing them
// with any verb shows *** only.
type Credentials struct {
	AccessKeyID     string
	AccessKeySecret string
	SecurityToken   string
}

func (c Credentials) String() string   { return "***" }
func (c Credentials) GoString() string { return "dataworks.Credentials{***}" }

// secrets lists the non-empty credential values, for redaction.
func (c Credentials) secrets() []string {
	return apiclient.Secrets(c.AccessKeyID, c.AccessKeySecret, c.SecurityToken)
}

// CredentialsFromEnv reads ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET and the optional
// ALIBABA_CLOUD_SECURITY_TOKEN.
func CredentialsFromEnv(getenv func(string) string) (Credentials, error) {
	id, secret := getenv(EnvAccessKeyID), getenv(EnvAccessKeySecret)
	switch {
	case id != "" && secret != "":
		return Credentials{AccessKeyID: id, AccessKeySecret: secret, SecurityToken: getenv(EnvSecurityToken)}, nil
	case id != "" || secret != "":
		return Credentials{}, fmt.Errorf("only one of %s and %s is set: set both", EnvAccessKeyID, EnvAccessKeySecret)
	}
	return Credentials{}, fmt.Errorf("no credentials: set %s and %s (and %s for STS credentials)", EnvAccessKeyID, EnvAccessKeySecret, EnvSecurityToken)
}

// ConfigFromEnv fills a Config from the environment: credentials as CredentialsFromEnv, the
// endpoint from WFC_DATAWORKS_ENDPOINT or ALIBABA_CLOUD_REGION_ID, the project id.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	creds, err := CredentialsFromEnv(getenv)
	if err != nil {
		return Config{}, err
	}
	return Config{Endpoint: getenv(EnvEndpoint), Region: getenv(EnvRegion), ProjectID: getenv(EnvProjectID), Credentials: creds}, nil
}

// Config describes how to reach one DataWorks workspace (a "project").
type Config struct {
	Endpoint    string // e.g. https://dataworks.cn-hangzhou.aliyuncs.com; empty: derived from Region
	Region      string // e.g. cn-hangzhou
	ProjectID   string // the workspace id, decimal digits (an int64 in the API)
	Credentials Credentials
	HTTPClient  *http.Client // nil: a client with sane transport timeouts; redirects are refused either way
	UserAgent   string       // empty: "wfc"

	// AttemptTimeout bounds one HTTP attempt including reading the body (0: 60 s). The caller's
	// context bounds the whole call, retries included.
	AttemptTimeout time.Duration
	Retry          RetryPolicy
	Poll           PollPolicy
	Now            func() time.Time                                 // signing clock; nil: time.Now
	Nonce          func() string                                    // signature nonces; nil: random
	Logf           func(format string, args ...any)                 // optional request log; never given credentials
	Sleep          func(ctx context.Context, d time.Duration) error // between retries and polls; nil: a timer that honours ctx
}

// RetryPolicy bounds retries of reads: MaxAttempts (0: 4), BaseDelay (0: 200 ms, doubled each
// time), MaxDelay (0: 5 s; it also caps a server's Retry-After), Jitter (nil: math/rand; the
// delay is d/2 + Jitter()*d/2).
type RetryPolicy = apiclient.RetryPolicy

// PollPolicy paces WaitJob and the pipeline polling of callers. Zero values take the defaults.
type PollPolicy struct {
	Interval    time.Duration // between polls (0: 2 s)
	MaxAttempts int           // polls before giving up (0: 300)
}

var (
	regionPattern    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	projectIDPattern = regexp.MustCompile(`^[1-9][0-9]{0,18}$`)
)

// OfficialDomain is the DNS domain of Alibaba Cloud's API endpoints, the one the SDK's endpoint
// map gives DataWorks (https://dataworks.{region}.aliyuncs.com).
const OfficialDomain = "aliyuncs.com"

// IsTrustedEndpoint reports whether credentials may go to endpoint even though only a file in a
// repository names it: an https URL on a host under OfficialDomain, or a loopback host (the
// emulator); see apiclient.IsTrustedEndpoint.
func IsTrustedEndpoint(endpoint string) bool {
	return apiclient.IsTrustedEndpoint(endpoint, OfficialDomain)
}

// baseURL checks the endpoint: https, or http on a loopback host only (the dev server).
func (cfg *Config) baseURL() (*url.URL, error) {
	ep := cfg.Endpoint
	if ep == "" {
		if cfg.Region == "" {
			return nil, fmt.Errorf("no endpoint: set a region (e.g. cn-hangzhou, or %s) or an endpoint URL", EnvRegion)
		}
		if !regionPattern.MatchString(cfg.Region) {
			return nil, fmt.Errorf("region %q is not a region id like cn-hangzhou", cfg.Region)
		}
		ep = "https://dataworks." + cfg.Region + ".aliyuncs.com"
	}
	u, err := apiclient.CheckEndpoint(ep, "https://dataworks.cn-hangzhou.aliyuncs.com")
	if err != nil {
		return nil, err
	}
	u.Path = "/"
	return u, nil
}
