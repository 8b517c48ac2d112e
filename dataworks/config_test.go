package dataworks_test

import (
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/dataworks"
)

func TestEndpointFromRegionAndOverride(t *testing.T) {
	creds := dataworks.Credentials{AccessKeyID: testAK, AccessKeySecret: testSecret}
	cases := []struct {
		cfg  dataworks.Config
		want string // the client's String(), or the error's distinctive part
	}{
		{dataworks.Config{Region: "cn-hangzhou"}, "dataworks.Client{https://dataworks.cn-hangzhou.aliyuncs.com/}"},
		{dataworks.Config{Region: "cn-hangzhou", Endpoint: "http://127.0.0.1:8444"}, "dataworks.Client{http://127.0.0.1:8444/}"},
		{dataworks.Config{Endpoint: "http://[::1]:8444/"}, "dataworks.Client{http://[::1]:8444/}"},
		{dataworks.Config{Endpoint: "http://dataworks.cn-hangzhou.aliyuncs.com"}, "refusing plain http endpoint"},
		{dataworks.Config{Endpoint: "https://u:p@dataworks.example"}, "must not contain a user name"},
		{dataworks.Config{Endpoint: "https://h.example/api"}, "scheme://host[:port] only"},
		{dataworks.Config{Region: "cn hangzhou"}, "not a region id"},
		{dataworks.Config{}, "no endpoint"},
	}
	for _, tc := range cases {
		tc.cfg.ProjectID, tc.cfg.Credentials = "10000", creds
		c, err := dataworks.New(tc.cfg)
		got := ""
		if err != nil {
			got = err.Error()
		} else {
			got = c.String()
		}
		if !strings.Contains(got, tc.want) {
			t.Errorf("%+v: got %q, want %q", tc.cfg, got, tc.want)
		}
	}
}

func TestNewChecksProjectAndCredentials(t *testing.T) {
	base := dataworks.Config{Region: "cn-hangzhou", ProjectID: "10000", Credentials: dataworks.Credentials{AccessKeyID: testAK, AccessKeySecret: testSecret}}
	noProject := base
	noProject.ProjectID = "12.5"
	noSecret := base
	noSecret.Credentials.AccessKeySecret = ""
	for _, tc := range []struct {
		cfg  dataworks.Config
		want string
	}{{noProject, "is not a DataWorks workspace id"}, {noSecret, "no credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET"}} {
		if _, err := dataworks.New(tc.cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("err = %v, want %q", err, tc.want)
		}
	}
}

func TestConfigFromEnv(t *testing.T) {
	env := map[string]string{
		"ALIBABA_CLOUD_ACCESS_KEY_ID":     testAK,
		"ALIBABA_CLOUD_ACCESS_KEY_SECRET": testSecret,
		"ALIBABA_CLOUD_SECURITY_TOKEN":    testToken,
		"ALIBABA_CLOUD_REGION_ID":         "cn-shanghai",
		"WFC_DATAWORKS_PROJECT_ID":        "10000",
	}
	cfg, err := dataworks.ConfigFromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	cr := cfg.Credentials
	if cr.AccessKeyID != testAK || cr.AccessKeySecret != testSecret || cr.SecurityToken != testToken || cfg.Region != "cn-shanghai" || cfg.ProjectID != "10000" {
		t.Errorf("config %+v", cfg)
	}
	delete(env, "ALIBABA_CLOUD_ACCESS_KEY_SECRET")
	_, err = dataworks.ConfigFromEnv(func(k string) string { return env[k] })
	if err == nil || !strings.Contains(err.Error(), "set both") {
		t.Errorf("half a key pair: %v", err)
	}
	assertNoCredential(t, "env error", err.Error())
}

// TestTrustedEndpoints: the hosts a repository file (wfc.yaml) may name and still get
// credentials, as for SecMaster (issue 10, client; issue 8, item 4).
func TestTrustedEndpoints(t *testing.T) {
	for endpoint, want := range map[string]bool{
		"https://dataworks.cn-hangzhou.aliyuncs.com":     true,
		"https://DATAWORKS.ap-southeast-1.AliyunCS.com.": true,
		"http://127.0.0.1:8787":                          true,
		"http://[::1]:1":                                 true,
		"http://dataworks.cn-hangzhou.aliyuncs.com":      false, // plain http off loopback
		"https://aliyuncs.com.evil.example":              false,
		"https://evilaliyuncs.com":                       false,
		"https://secmaster.cn-north-4.myhuaweicloud.com": false, // another platform's host
		"https://10.0.0.1":                               false,
		"not a url":                                      false,
	} {
		if got := dataworks.IsTrustedEndpoint(endpoint); got != want {
			t.Errorf("IsTrustedEndpoint(%q) = %v, want %v", endpoint, got, want)
		}
	}
}
