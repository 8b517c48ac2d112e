package secmaster

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"time"

	"github.com/wfc-dev/wfc/internal/apiclient"
)

// Environment variables read by CredentialsFromEnv and ConfigFromEnv. The HUAWEICLOUD_SDK_* names
// are the ones the Huawei Cloud SDKs read; the WFC_* ones are ours.
const (
	EnvAccessKey     = "HUAWEICLOUD_SDK_AK"
	EnvSecretKey     = "HUAWEICLOUD_SDK_SK"
	EnvSecurityToken = "HUAWEICLOUD_SDK_SECURITY_TOKEN"
	EnvAuthToken     = "HUAWEICLOUD_SDK_AUTH_TOKEN"
	EnvProjectID     = "HUAWEICLOUD_SDK_PROJECT_ID"
	EnvRegion        = "HUAWEICLOUD_SDK_REGION"
	EnvEndpoint      = "WFC_SECMASTER_ENDPOINT"
	EnvWorkspaceID   = "WFC_SECMASTER_WORKSPACE_ID"
)

// Credentials authenticate requests: either an IAM token, or an AK/SK pair (with a security token
// for temporary credentials). Printing them with any verb shows *** only.
type Credentials struct {
	Token         string
	AccessKey     string
	SecretKey     string
	SecurityToken string
}

func (c Credentials) String() string   { return "***" }
func (c Credentials) GoString() string { return "secmaster.Credentials{***}" }

// secrets lists the non-empty credential values, for redaction.
func (c Credentials) secrets() []string {
	return apiclient.Secrets(c.Token, c.AccessKey, c.SecretKey, c.SecurityToken)
}

// CredentialsFromEnv reads HUAWEICLOUD_SDK_AK/SK (+ SECURITY_TOKEN) or, when no key pair is set,
// HUAWEICLOUD_SDK_AUTH_TOKEN.
func CredentialsFromEnv(getenv func(string) string) (Credentials, error) {
	ak, sk := getenv(EnvAccessKey), getenv(EnvSecretKey)
	switch {
	case ak != "" && sk != "":
		return Credentials{AccessKey: ak, SecretKey: sk, SecurityToken: getenv(EnvSecurityToken)}, nil
	case ak != "" || sk != "":
		return Credentials{}, fmt.Errorf("only one of %s and %s is set: set both", EnvAccessKey, EnvSecretKey)
	case getenv(EnvAuthToken) != "":
		return Credentials{Token: getenv(EnvAuthToken)}, nil
	}
	return Credentials{}, fmt.Errorf("no credentials: set %s and %s, or %s", EnvAccessKey, EnvSecretKey, EnvAuthToken)
}

// ConfigFromEnv fills a Config from the environment: credentials as CredentialsFromEnv, the
// endpoint from WFC_SECMASTER_ENDPOINT or HUAWEICLOUD_SDK_REGION, the project and workspace ids.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	creds, err := CredentialsFromEnv(getenv)
	if err != nil {
		return Config{}, err
	}
	return Config{
		Endpoint:    getenv(EnvEndpoint),
		Region:      getenv(EnvRegion),
		ProjectID:   getenv(EnvProjectID),
		WorkspaceID: getenv(EnvWorkspaceID),
		Credentials: creds,
	}, nil
}

// Config describes how to reach one SecMaster workspace.
type Config struct {
	Endpoint    string // e.g. https://secmaster.cn-north-4.myhuaweicloud.com; empty: derived from Region
	Region      string // e.g. cn-north-4
	ProjectID   string
	WorkspaceID string
	Credentials Credentials
	HTTPClient  *http.Client // nil: a client with sane transport timeouts; redirects are never followed either way
	UserAgent   string       // empty: "wfc"

	// AttemptTimeout bounds one HTTP attempt including reading the body (0: 60 s). The caller's
	// context bounds the whole call, retries included.
	AttemptTimeout time.Duration
	// Timeout bounds every call of the client together, retries and waits included, counted
	// from New (0: no bound beyond the caller's context). A command sets it so that a server
	// that never answers costs at most this long, not attempts × AttemptTimeout per call.
	Timeout time.Duration
	Retry   RetryPolicy
	Now     func() time.Time                                 // signing clock, also for Retry-After dates; nil: time.Now
	Logf    func(format string, args ...any)                 // optional request log; never given credentials
	Sleep   func(ctx context.Context, d time.Duration) error // between retries; nil: a timer that honours ctx
}

// RetryPolicy bounds retries of safe calls: MaxAttempts (0: 4), BaseDelay (0: 200 ms, doubled
// each time), MaxDelay (0: 5 s), Jitter (nil: math/rand; the delay is d/2 + Jitter()*d/2). A
// server's Retry-After replaces the computed delay, capped at MaxRetryAfter.
type RetryPolicy = apiclient.RetryPolicy

var regionPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// baseURL checks the endpoint: https, or http on a loopback host only (the dev server).
func (cfg *Config) baseURL() (*url.URL, error) {
	ep := cfg.Endpoint
	if ep == "" {
		if cfg.Region == "" {
			return nil, errors.New("no endpoint: set a region (e.g. cn-north-4) or an endpoint URL")
		}
		if !regionPattern.MatchString(cfg.Region) {
			return nil, fmt.Errorf("region %q is not a region id like cn-north-4", cfg.Region)
		}
		ep = "https://secmaster." + cfg.Region + ".myhuaweicloud.com"
	}
	return apiclient.CheckEndpoint(ep, "https://secmaster.cn-north-4.myhuaweicloud.com")
}

// OfficialDomain is the DNS domain of Huawei Cloud's regional API endpoints, the one documented
// for SecMaster (https://secmaster.{region}.myhuaweicloud.com).
const OfficialDomain = "myhuaweicloud.com"

// IsTrustedEndpoint reports whether credentials may go to endpoint even though only a file in a
// repository names it: an https URL on a host under OfficialDomain, or a loopback host (the
// emulator); see apiclient.IsTrustedEndpoint.
func IsTrustedEndpoint(endpoint string) bool {
	return apiclient.IsTrustedEndpoint(endpoint, OfficialDomain)
}

// IsLoopbackHost reports whether host (no port) is localhost or a loopback IP address.
func IsLoopbackHost(host string) bool { return apiclient.IsLoopbackHost(host) }
