//go:build unix

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wfc-dev/wfc/secmaster/secmastertest"
)

// TestInterruptibleExitCodes checks that a signal ends a remote command with one line and the
// shell's code for it, and that what the cancelled command wrote afterwards is dropped.
func TestInterruptibleExitCodes(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		want int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		var stderr bytes.Buffer
		e := &env{stdout: &bytes.Buffer{}, stderr: &stderr, getenv: func(string) string { return "" }}
		code := interruptible(e, func(ctx context.Context, e *env) int {
			fmt.Fprintln(e.stderr, "wfc: export: progress before the signal")
			if err := syscall.Kill(syscall.Getpid(), tc.sig); err != nil {
				t.Fatal(err)
			}
			<-ctx.Done()
			return fail(e, exitProblems, "export: %v", context.Cause(ctx))
		})
		if code != tc.want {
			t.Errorf("%v: exit code %d, want %d", tc.sig, code, tc.want)
		}
		want := "wfc: export: progress before the signal\nwfc: interrupted; nothing more was sent\n"
		if got := stderr.String(); got != want {
			t.Errorf("%v: stderr %q, want %q", tc.sig, got, want)
		}
	}
}

// TestPushInterruptedSaysWhatWasDone stops push while it looks up the second workflow: the first is reported, the second is not, and the last line counts them.
func TestPushInterruptedSaysWhatWasDone(t *testing.T) {
	srv, wfc := cliAgainst(t)
	dir := t.TempDir()
	var files []string
	for _, name := range []string{"One", "Two"} {
		p := filepath.Join(dir, strings.ToLower(name)+".yaml")
		src := "wfc: 1\nname: " + name + "\ndescription: d\ndataclass: dc-alert\nsteps:\n  - id: close\n    name: Close it\n    action: secmaster/close_alert\n    with: { alert_id: \"x\" }\n"
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	// The lookup of "Two" by name, the fifth workflow listing (after the conflict check's two
	// and "One"'s two), hangs until the client gives up, so the signal arrives mid-request.
	var none secmastertest.Fault
	srv.Fail(secmastertest.RouteListWorkflows, none, none, none, none, secmastertest.Fault{Delay: time.Minute})
	go func() {
		for len(srv.RequestsTo(secmastertest.RouteListWorkflows)) < 5 {
			time.Sleep(time.Millisecond) // polls for the request; asserts nothing about time
		}
		syscall.Kill(syscall.Getpid(), syscall.SIGTERM)
	}()
	code, stdout, stderr := wfc(append([]string{"push", "--create"}, files...)...)
	if code != 143 {
		t.Errorf("exit code %d, want 143", code)
	}
	if !strings.Contains(stdout, "one.yaml") || strings.Contains(stdout, "two.yaml") {
		t.Errorf("stdout should report one.yaml only:\n%s", stdout)
	}
	if want := "wfc: push interrupted after 1 of 2 workflows; nothing more was sent\n"; !strings.HasSuffix(stderr, want) || strings.Count(stderr, "wfc: ") != 1 {
		t.Errorf("stderr %q, want it to end with only %q", stderr, want)
	}
}
