package apiclient

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// CheckEndpoint parses an endpoint given as scheme://host[:port] and returns it as such. It
// must be https, or plain http on a loopback host only (an emulator): credentials never cross a
// network in clear. example is a valid endpoint of the platform, shown when ep is no URL.
func CheckEndpoint(ep, example string) (*url.URL, error) {
	u, err := url.Parse(ep)
	if err != nil || u.Host == "" {
		return nil, errors.New("endpoint is not an absolute URL like " + example)
	}
	if u.User != nil {
		return nil, errors.New("endpoint must not contain a user name or password; pass credentials separately")
	}
	if u.RawQuery != "" || u.Fragment != "" || strings.Trim(u.Path, "/") != "" {
		return nil, fmt.Errorf("endpoint %s must be scheme://host[:port] only", u.Scheme+"://"+u.Host+u.Path)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !IsLoopbackHost(u.Hostname()) {
			return nil, fmt.Errorf("refusing plain http endpoint %s: http is allowed only for loopback hosts (127.0.0.1, ::1, localhost); use https", u.Host)
		}
	default:
		return nil, fmt.Errorf("endpoint scheme %q is not supported: use https", u.Scheme)
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host}, nil
}

// IsLoopbackHost reports whether host (no port) is localhost or a loopback IP address.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// IsTrustedEndpoint reports whether credentials may go to endpoint even though only a file in a
// repository names it: an https URL on a host under officialDomain (the platform's own API
// hosts), or a loopback host (an emulator). Any other endpoint must come from the person
// running wfc (a flag or the environment), or a pull request that edits the file could send
// CI's credentials elsewhere.
func IsTrustedEndpoint(endpoint, officialDomain string) bool {
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" {
		return false
	}
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	if IsLoopbackHost(host) {
		return true
	}
	return u.Scheme == "https" && strings.HasSuffix(host, "."+officialDomain)
}
