package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/dataworkstest"
	"github.com/wfc-dev/wfc/internal/apitest"
	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/secmaster/secmastertest"
)

// runDevServer runs the in-memory SecMaster and DataWorks emulators until SIGINT or SIGTERM.
func runDevServer(e *env, args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveDev(ctx, e, args, nil)
}

// envDevServerSK holds the secret key the dev server accepts with --ak. It comes from the
// environment, not a flag: a command line shows in ps and in shell history.
const envDevServerSK = "WFC_DEV_SERVER_SK"

const devServerUsage = `usage: wfc dev-server [--addr 127.0.0.1:PORT] [--token T] [--ak AK] [--auto-approve]

Runs in-memory emulators of SecMaster and DataWorks on one loopback address, for trying push,
export, import and instance (SecMaster) and the DataWorks API without an account; their state
is lost when it stops (Ctrl-C). A request with an x-acs-action header goes to DataWorks, any
other to SecMaster. It prints the environment variables that point the other commands at it.

Without --ak, SecMaster accepts the token (dev-token by default) and DataWorks the made-up
AccessKey pair ` + dataworkstest.DefaultAccessKeyID + ` / ` + dataworkstest.DefaultAccessKeySecret + `. With --ak, both accept that
access key with the secret read from ` + envDevServerSK + `, which is never printed.

A submitted SecMaster version waits for a reviewer, as on SecMaster, so push --activate
refuses it; with --auto-approve every version is approved as soon as it is submitted, and
'wfc push --submit --activate' goes all the way to an activated version. DataWorks publish
runs go through their stages as clients start them.
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

// devServer is the two emulators behind one loopback listener.
type devServer struct {
	URL       string
	secmaster *secmastertest.Emulator
	dataworks *dataworkstest.Emulator
}

// ServeHTTP routes on the header every DataWorks call carries: x-acs-action names the action of
// an RPC-style call to path /, which no SecMaster route uses.
func (d *devServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get(dataworks.HeaderAction) != "" {
		d.dataworks.ServeHTTP(w, r)
		return
	}
	d.secmaster.ServeHTTP(w, r)
}

// serveDev starts the emulators, reports how to reach them, calls ready (tests) and serves
// until ctx ends.
func serveDev(ctx context.Context, e *env, args []string, ready func(*devServer)) int {
	f, code := parseDevServerFlags(e, args)
	if f == nil {
		return code
	}
	var mu sync.Mutex // handlers log concurrently
	logf := func(format string, a ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(e.stderr, "dev-server: "+format+"\n", a...)
	}
	srv := &devServer{secmaster: secmastertest.NewEmulator(secmasterOptions(f, logf)), dataworks: dataworkstest.NewEmulator(dataworksOptions(f, logf))}
	l, err := apitest.ServeLoopback(f.addr, "127.0.0.1:8787", srv, logf)
	if errors.Is(err, syscall.EADDRINUSE) {
		return fail(e, exitProblems, "dev-server: %s is already in use; pass --addr 127.0.0.1:0 to listen on any free port", f.addr)
	}
	if err != nil {
		return fail(e, exitProblems, "dev-server: %v", err)
	}
	defer l.Close()
	srv.URL = l.URL
	srv.secmaster.SeedExamples()

	mu.Lock()
	printDevServerSettings(e.stderr, f, srv)
	mu.Unlock()

	if ready != nil {
		ready(srv)
	}
	<-ctx.Done()
	mu.Lock()
	fmt.Fprintln(e.stderr, "wfc dev-server: stopped")
	mu.Unlock()
	return exitOK
}

func secmasterOptions(f *devServerFlags, logf func(string, ...any)) secmastertest.Options {
	opts := secmastertest.Options{Logf: logf, AutoApprove: f.autoApprove}
	if f.token != "" {
		opts.Tokens = []string{f.token}
	}
	if f.ak != "" {
		opts.Keys = map[string]secmastertest.Key{f.ak: {SecretKey: f.sk}}
	}
	return opts
}

// dataworksOptions accepts the --ak pair when given, else the emulator's made-up default pair.
func dataworksOptions(f *devServerFlags, logf func(string, ...any)) dataworkstest.Options {
	opts := dataworkstest.Options{Logf: logf}
	if f.ak != "" {
		opts.Keys = map[string]dataworkstest.Key{f.ak: {Secret: f.sk}}
	}
	return opts
}

// printDevServerSettings writes where the emulators listen and the lines that point wfc at
// them, ready to paste into a shell. A secret from WFC_DEV_SERVER_SK is never printed: the
// shell copies it from the variable.
func printDevServerSettings(w io.Writer, f *devServerFlags, srv *devServer) {
	sm, dw := srv.secmaster, srv.dataworks
	fmt.Fprintf(w, "wfc dev-server: SecMaster emulator on %s (in memory; Ctrl-C stops it)\n", srv.URL)
	fmt.Fprintf(w, "  project id:   %s\n  workspace id: %s\n", sm.ProjectID(), sm.WorkspaceID())
	if f.autoApprove {
		fmt.Fprintln(w, "  submitted versions are approved at once (--auto-approve)")
	}
	fmt.Fprintf(w, "wfc dev-server: DataWorks emulator on %s too (requests with an %s header)\n", srv.URL, dataworks.HeaderAction)
	fmt.Fprintf(w, "  project id:   %s\n", dw.ProjectID())
	fmt.Fprintf(w, "\nin another shell:\n  # SecMaster\n")
	fmt.Fprintf(w, "  export %s=%s\n  export %s=%s\n  export %s=%s\n", secmaster.EnvEndpoint, srv.URL,
		secmaster.EnvProjectID, sm.ProjectID(), secmaster.EnvWorkspaceID, sm.WorkspaceID())
	if f.ak != "" {
		fmt.Fprintf(w, "  export %s=%s\n  export %s=\"$%s\"\n", secmaster.EnvAccessKey, f.ak, secmaster.EnvSecretKey, envDevServerSK)
	} else {
		fmt.Fprintf(w, "  export %s=%s\n", secmaster.EnvAuthToken, f.token)
	}
	fmt.Fprintf(w, "  # DataWorks\n  export %s=%s\n  export %s=%s\n", dataworks.EnvEndpoint, srv.URL, dataworks.EnvProjectID, dw.ProjectID())
	if f.ak != "" {
		fmt.Fprintf(w, "  export %s=%s\n  export %s=\"$%s\"\n", dataworks.EnvAccessKeyID, f.ak, dataworks.EnvAccessKeySecret, envDevServerSK)
	} else {
		// The emulator's own made-up pair, like dev-token: printing it gives nothing away.
		fmt.Fprintf(w, "  export %s=%s\n  export %s=%s\n", dataworks.EnvAccessKeyID, dataworkstest.DefaultAccessKeyID, dataworks.EnvAccessKeySecret, dataworkstest.DefaultAccessKeySecret)
	}
}
