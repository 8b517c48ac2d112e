package apiclient

import (
	"strings"
	"testing"
)

func TestCheckEndpoint(t *testing.T) {
	for _, tc := range []struct{ endpoint, want, wantErr string }{
		{"https://api.example.com", "https://api.example.com", ""},
		{"https://api.example.com:8443/", "https://api.example.com:8443", ""},
		{"http://127.0.0.1:8443", "http://127.0.0.1:8443", ""},
		{"http://[::1]:8443", "http://[::1]:8443", ""},
		{"http://LocalHost:1", "http://LocalHost:1", ""},
		{"http://api.example.com", "", "refusing plain http endpoint api.example.com: http is allowed only for loopback hosts"},
		{"http://10.0.0.1", "", "refusing plain http endpoint"},
		{"ftp://127.0.0.1", "", `endpoint scheme "ftp" is not supported`},
		{"https://u:p@api.example.com", "", "must not contain a user name or password"},
		{"https://api.example.com/v1", "", "must be scheme://host[:port] only"},
		{"https://api.example.com?x=1", "", "must be scheme://host[:port] only"},
		{"api.example.com", "", "not an absolute URL like https://example.test"},
	} {
		u, err := CheckEndpoint(tc.endpoint, "https://example.test")
		switch {
		case tc.wantErr == "" && (err != nil || u.String() != tc.want):
			t.Errorf("CheckEndpoint(%q) = %v, %v; want %s", tc.endpoint, u, err, tc.want)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("CheckEndpoint(%q) = %v, want %q", tc.endpoint, err, tc.wantErr)
		}
	}
}

func TestIsLoopbackHost(t *testing.T) {
	for host, want := range map[string]bool{"localhost": true, "127.0.0.1": true, "127.1.2.3": true, "::1": true,
		"10.0.0.1": false, "localhost.example.com": false, "": false, "0.0.0.0": false} {
		if got := IsLoopbackHost(host); got != want {
			t.Errorf("IsLoopbackHost(%q) = %v", host, got)
		}
	}
}
