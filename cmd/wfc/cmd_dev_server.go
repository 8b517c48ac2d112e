package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/secmaster/secmastertest"
)

// runDevServer runs the in-memory SecMaster emulator until SIGINT or SIGTERM.
func runDevServer(e *env, args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveDev(ctx, e, args, nil)
}

// envDevServerSK holds the secret key the dev server accepts with --ak. It comes from the
// environment, not a flag: a command line shows in ps and in shell history.
const envDevServerSK = "WFC_DEV_SERVER_SK"

const devServerUsage = `usage: wfc dev-server [--addr 127.0.0.1:PORT] [--token T] [--ak AK] [--auto-approve]

Runs an in-memory SecMaster emulator on a loopback address, for trying push, export, import
and instance without an account; its state is lost when it stops (Ctrl-C). It prints the
environment variables that point the other commands at it. With --ak, the secret key is read
from ` + envDevServerSK + ` and never printed.

A submitted version waits for a reviewer, as on SecMaster, so push --activate refuses it;
with --auto-approve every version is approved as soon as it is submitted, and
'wfc push --submit --activate' goes all the way to an activated version.
`

// devServerFlags are the dev-server options after parsing and checking.
type devServerFlags struct {
	addr, token, ak, sk string
	autoApprove         bool
}

func parseDevServerFlags(e *env, args []string) (*devServerFlags, int) {
	fs := newFlagSet(e, "dev-server", devServerUsage)
	f := &devServerFlags{}
	var skFlag string
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8787", "loopback `host:port` to listen on")
	fs.StringVar(&f.token, "token", "", "accept this X-Auth-Token (default "+secmastertest.DefaultToken+" when no --ak is given)")
	fs.StringVar(&f.ak, "ak", "", "accept AK/SK-signed requests with this access key; the secret key comes from "+envDevServerSK)
	fs.StringVar(&skFlag, "sk", "", "not accepted: set "+envDevServerSK+" instead")
	fs.BoolVar(&f.autoApprove, "auto-approve", false, "approve every version as soon as it is submitted")
	rest, code, done := parseCommandFlags(e, fs, args)
	if done {
		return nil, code
	}
	if len(rest) > 0 {
		return nil, fail(e, exitUsage, "dev-server takes no arguments, got %q; run 'wfc dev-server -h' for usage", rest[0])
	}
	if skFlag != "" {
		return nil, fail(e, exitUsage, "dev-server: --sk is not accepted, since a command line shows in ps and shell history: set %s instead", envDevServerSK)
	}
	f.sk = e.getenv(envDevServerSK)
	if f.ak != "" && f.sk == "" {
		return nil, fail(e, exitUsage, "dev-server: --ak needs its secret key: set %s", envDevServerSK)
	}
	host, _, err := net.SplitHostPort(f.addr)
	if err != nil {
		return nil, fail(e, exitUsage, "dev-server: --addr %q is not host:port (e.g. 127.0.0.1:8787)", f.addr)
	}
	if !secmaster.IsLoopbackHost(host) {
		return nil, fail(e, exitUsage, "dev-server: --addr %s is not a loopback address: the emulator accepts made-up credentials, so it listens on 127.0.0.1, ::1 or localhost only", f.addr)
	}
	if f.token == "" && f.ak == "" {
		f.token = secmastertest.DefaultToken
	}
	return f, exitOK
}

// serveDev starts the emulator, reports how to reach it, calls ready (tests) and serves until
// ctx ends.
func serveDev(ctx context.Context, e *env, args []string, ready func(*secmastertest.Server)) int {
	f, code := parseDevServerFlags(e, args)
	if f == nil {
		return code
	}
	var mu sync.Mutex // handlers log concurrently
	opts := secmastertest.Options{Logf: func(format string, a ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(e.stderr, "dev-server: "+format+"\n", a...)
	}, AutoApprove: f.autoApprove}
	if f.token != "" {
		opts.Tokens = []string{f.token}
	}
	if f.ak != "" {
		opts.Keys = map[string]secmastertest.Key{f.ak: {SecretKey: f.sk}}
	}
	srv, err := secmastertest.NewServer(f.addr, opts)
	if errors.Is(err, syscall.EADDRINUSE) {
		return fail(e, exitProblems, "dev-server: %s is already in use; pass --addr 127.0.0.1:0 to listen on any free port", f.addr)
	}
	if err != nil {
		return fail(e, exitProblems, "dev-server: %v", err)
	}
	defer srv.Close()
	srv.SeedExamples()

	mu.Lock()
	w := e.stderr
	fmt.Fprintf(w, "wfc dev-server: SecMaster emulator on %s (in memory; Ctrl-C stops it)\n", srv.URL)
	fmt.Fprintf(w, "  project id:   %s\n  workspace id: %s\n", srv.ProjectID(), srv.WorkspaceID())
	if f.autoApprove {
		fmt.Fprintln(w, "  submitted versions are approved at once (--auto-approve)")
	}
	fmt.Fprintf(w, "\nin another shell:\n")
	fmt.Fprintf(w, "  export %s=%s\n  export %s=%s\n  export %s=%s\n", secmaster.EnvEndpoint, srv.URL,
		secmaster.EnvProjectID, srv.ProjectID(), secmaster.EnvWorkspaceID, srv.WorkspaceID())
	if f.ak != "" {
		// The secret itself is never printed: the shell copies it from the variable.
		fmt.Fprintf(w, "  export %s=%s\n  export %s=\"$%s\"\n", secmaster.EnvAccessKey, f.ak, secmaster.EnvSecretKey, envDevServerSK)
	} else {
		fmt.Fprintf(w, "  export %s=%s\n", secmaster.EnvAuthToken, f.token)
	}
	mu.Unlock()

	if ready != nil {
		ready(srv)
	}
	<-ctx.Done()
	mu.Lock()
	fmt.Fprintln(w, "wfc dev-server: stopped")
	mu.Unlock()
	return exitOK
}
