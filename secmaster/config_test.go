package secmaster_test

import (
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/secmaster"
)

func TestEndpointRules(t *testing.T) {
	base := secmaster.Config{ProjectID: "p", WorkspaceID: "w", Credentials: secmaster.Credentials{Token: "t"}}
	cases := []struct {
		endpoint, region string
		wantErr          string // empty: accepted
	}{
		{"", "cn-north-4", ""},
		{"https://secmaster.ap-southeast-1.myhuaweicloud.com", "", ""},
		{"https://secmaster.example/", "", ""},
		{"http://127.0.0.1:8443", "", ""},
		{"http://[::1]:8443", "", ""},
		{"http://localhost:1", "", ""},
		{"http://secmaster.cn-north-4.myhuaweicloud.com", "", "refusing plain http endpoint secmaster.cn-north-4.myhuaweicloud.com: http is allowed only for loopback hosts"},
		{"http://10.0.0.1:80", "", "refusing plain http endpoint"},
		{"ftp://127.0.0.1", "", `endpoint scheme "ftp" is not supported`},
		{"https://h.example/v1", "", "must be scheme://host[:port] only"},
		{"secmaster.example", "", "not an absolute URL"},
		{"", "", "no endpoint: set a region"},
		{"", "cn north", `region "cn north" is not a region id`},
	}
	for _, tc := range cases {
		cfg := base
		cfg.Endpoint, cfg.Region = tc.endpoint, tc.region
		_, err := secmaster.New(cfg)
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("New(%q, %q): %v", tc.endpoint, tc.region, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("New(%q, %q) = %v, want %q", tc.endpoint, tc.region, err, tc.wantErr)
		}
	}
}

func TestCredentialsFromEnv(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	c, err := secmaster.CredentialsFromEnv(env(map[string]string{"HUAWEICLOUD_SDK_AK": "a", "HUAWEICLOUD_SDK_SK": "s", "HUAWEICLOUD_SDK_SECURITY_TOKEN": "st", "HUAWEICLOUD_SDK_AUTH_TOKEN": "t"}))
	if err != nil || c != (secmaster.Credentials{AccessKey: "a", SecretKey: "s", SecurityToken: "st"}) {
		t.Fatalf("AK/SK wins over a token: %+v, %v", c.AccessKey, err)
	}
	c, err = secmaster.CredentialsFromEnv(env(map[string]string{"HUAWEICLOUD_SDK_AUTH_TOKEN": "t"}))
	if err != nil || c.Token != "t" {
		t.Fatalf("token: %v", err)
	}
	if _, err := secmaster.CredentialsFromEnv(env(map[string]string{"HUAWEICLOUD_SDK_SK": "s"})); err == nil || !strings.Contains(err.Error(), "only one of HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK is set") {
		t.Fatalf("half a pair: %v", err)
	}
	if _, err := secmaster.CredentialsFromEnv(env(nil)); err == nil || !strings.Contains(err.Error(), "no credentials") {
		t.Fatalf("none: %v", err)
	}
}

// TestTrustedEndpoints: the hosts a repository file may name and still get credentials
// (issue 8, item 4).
func TestTrustedEndpoints(t *testing.T) {
	for endpoint, want := range map[string]bool{
		"https://secmaster.cn-north-4.myhuaweicloud.com":      true,
		"https://SECMASTER.ap-southeast-1.MyHuaweiCloud.com.": true,
		"https://sa.myhuaweicloud.com:443":                    true,
		"http://127.0.0.1:8787":                               true,
		"http://[::1]:1":                                      true,
		"https://localhost":                                   true,
		"http://secmaster.cn-north-4.myhuaweicloud.com":       false, // plain http off loopback
		"https://myhuaweicloud.com.evil.example":              false,
		"https://evilmyhuaweicloud.com":                       false,
		"https://secmaster.example":                           false,
		"https://10.0.0.1":                                    false,
		"not a url":                                           false,
		"":                                                    false,
	} {
		if got := secmaster.IsTrustedEndpoint(endpoint); got != want {
			t.Errorf("IsTrustedEndpoint(%q) = %v, want %v", endpoint, got, want)
		}
	}
}
