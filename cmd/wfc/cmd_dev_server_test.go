package main

import (
	"bytes"
	"context"
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/dataworkstest"
	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/secmaster/secmastertest"
)

// syncBuffer is a bytes.Buffer safe for the server's concurrent log writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestDevServerServesUntilCancelled(t *testing.T) {
	const secretKey = "SKdevSECRET0123456789" // from WFC_DEV_SERVER_SK; must never be printed
	defaultDW := dataworks.Credentials{AccessKeyID: dataworkstest.DefaultAccessKeyID, AccessKeySecret: dataworkstest.DefaultAccessKeySecret}
	for name, tc := range map[string]struct {
		args   []string
		creds  secmaster.Credentials
		dw     dataworks.Credentials
		want   string
		wantDW string
	}{
		"token": {[]string{"--addr", "127.0.0.1:0"}, secmaster.Credentials{Token: secmastertest.DefaultToken}, defaultDW,
			"export HUAWEICLOUD_SDK_AUTH_TOKEN=dev-token",
			"export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIwfcDevServerKey\n  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=wfc-dev-server-secret\n"},
		"ak/sk": {[]string{"--addr", "127.0.0.1:0", "--ak", "AK1"}, secmaster.Credentials{AccessKey: "AK1", SecretKey: secretKey}, dataworks.Credentials{AccessKeyID: "AK1", AccessKeySecret: secretKey},
			"export HUAWEICLOUD_SDK_AK=AK1\n  export HUAWEICLOUD_SDK_SK=\"$WFC_DEV_SERVER_SK\"\n",
			"export ALIBABA_CLOUD_ACCESS_KEY_ID=AK1\n  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=\"$WFC_DEV_SERVER_SK\"\n"},
		"custom": {[]string{"--addr", "localhost:0", "--token", "t0k"}, secmaster.Credentials{Token: "t0k"}, defaultDW,
			"export HUAWEICLOUD_SDK_AUTH_TOKEN=t0k", "export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIwfcDevServerKey"},
	} {
		t.Run(name, func(t *testing.T) {
			stderr := &syncBuffer{}
			e := &env{stdout: &bytes.Buffer{}, stderr: stderr, getenv: func(k string) string {
				if k == envDevServerSK {
					return secretKey
				}
				return ""
			}}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var components []secmaster.Component
			var page *dataworks.WorkflowDefinitionPage
			var smErr, dwErr error
			ready := func(srv *devServer) {
				defer cancel()
				components, smErr = listComponents(srv.URL, tc.creds)
				page, dwErr = listDataWorks(srv.URL, tc.dw)
			}
			if code := serveDev(ctx, e, tc.args, ready); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if smErr != nil || len(components) == 0 || components[0].Name != "secmaster" {
				t.Errorf("ListComponents against the dev server = %d components, %v", len(components), smErr)
			}
			if dwErr != nil || page.TotalCount != 0 {
				t.Errorf("ListWorkflowDefinitions against the dev server = %+v, %v", page, dwErr)
			}
			out := stderr.String()
			if strings.Contains(out+e.stdout.(*bytes.Buffer).String(), secretKey) {
				t.Errorf("the secret key was printed:\n%s", out)
			}
			for _, want := range []string{"SecMaster emulator on http://", "project id:   " + secmastertest.DefaultProjectID, "export WFC_SECMASTER_ENDPOINT=http://", tc.want,
				"DataWorks emulator on http://", "project id:   " + dataworkstest.DefaultProjectID, "export WFC_DATAWORKS_ENDPOINT=http://", "export WFC_DATAWORKS_PROJECT_ID=10000", tc.wantDW,
				"GET /v1/", "GET ListWorkflowDefinitions -> 200", "stopped"} {
				if !strings.Contains(out, want) {
					t.Errorf("stderr lacks %q:\n%s", want, out)
				}
			}
		})
	}
}

func listComponents(url string, creds secmaster.Credentials) ([]secmaster.Component, error) {
	c, err := secmaster.New(secmaster.Config{Endpoint: url, ProjectID: secmastertest.DefaultProjectID, WorkspaceID: secmastertest.DefaultWorkspaceID, Credentials: creds})
	if err != nil {
		return nil, err
	}
	return c.ListComponents(context.Background())
}

func listDataWorks(url string, creds dataworks.Credentials) (*dataworks.WorkflowDefinitionPage, error) {
	c, err := dataworks.New(dataworks.Config{Endpoint: url, ProjectID: dataworkstest.DefaultProjectID, Credentials: creds})
	if err != nil {
		return nil, err
	}
	return c.ListWorkflowDefinitions(context.Background(), dataworks.ListWorkflowDefinitionsOptions{})
}

// TestDevServerAddressInUse: a taken port is named, with the flag that picks a free one.
func TestDevServerAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	stderr := &syncBuffer{}
	e := &env{stdout: &bytes.Buffer{}, stderr: stderr, getenv: func(string) string { return "" }}
	addr := ln.Addr().String()
	want := "wfc: dev-server: " + addr + " is already in use; pass --addr 127.0.0.1:0 to listen on any free port\n"
	if code := serveDev(context.Background(), e, []string{"--addr", addr}, nil); code != exitProblems || stderr.String() != want {
		t.Errorf("exit %d, stderr %q, want %q", code, stderr, want)
	}
}

func TestDevServerRefusesBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--addr", "0.0.0.0:8787"}, "wfc: dev-server: --addr 0.0.0.0:8787 is not a loopback address"},
		{[]string{"--addr", "192.168.1.2:80"}, "wfc: dev-server: --addr 192.168.1.2:80 is not a loopback address"},
		{[]string{"--addr", "8787"}, `wfc: dev-server: --addr "8787" is not host:port`},
		{[]string{"--ak", "A"}, "dev-server: --ak needs its secret key: set WFC_DEV_SERVER_SK"},
		{[]string{"--ak", "A", "--sk", "S"}, "dev-server: --sk is not accepted, since a command line shows in ps and shell history: set WFC_DEV_SERVER_SK instead"},
		{[]string{"extra"}, "takes no arguments"},
	} {
		stderr := &syncBuffer{}
		e := &env{stdout: &bytes.Buffer{}, stderr: stderr, getenv: func(string) string { return "" }}
		if code := serveDev(context.Background(), e, tc.args, nil); code != exitUsage || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tc.args, code, stderr, tc.want)
		}
	}
}
