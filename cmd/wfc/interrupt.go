package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// interruption is what a remote command learns of the SIGINT or SIGTERM that stopped it.
type interruption struct {
	mu      sync.Mutex
	sig     os.Signal // nil until a signal arrives
	summary string    // the line printed after "wfc: "; push says what it did so far
}

type interruptionKey struct{}

// interruptible runs a remote command with a context that SIGINT or SIGTERM cancels. A command
// stopped that way ends with one line instead of the errors of its cancelled calls (anything it
// writes to stderr after the signal is dropped) and the shell's exit code for a death by that
// signal, 128+N: 130 for SIGINT, 143 for SIGTERM. atomicfile still holds a signal that
// arrives during a write, and ends the process by it once the temporary file is removed.
func interruptible(e *env, run func(ctx context.Context, e *env) int) int {
	in := &interruption{summary: "interrupted; nothing more was sent"}
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), interruptionKey{}, in))
	defer cancel()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		select {
		case s := <-sigs:
			in.mu.Lock()
			in.sig = s
			in.mu.Unlock()
			cancel()
		case <-ctx.Done():
		}
	}()
	quiet := *e
	quiet.stderr = &gatedWriter{w: e.stderr, in: in}
	code := run(ctx, &quiet)
	in.mu.Lock()
	defer in.mu.Unlock()
	s, ok := in.sig.(syscall.Signal)
	if !ok {
		return code
	}
	fmt.Fprintln(e.stderr, "wfc: "+in.summary)
	return 128 + int(s)
}

// interrupted reports whether a signal has stopped ctx's command; summary, when not empty,
// replaces the line it ends with.
func interrupted(ctx context.Context, summary string) bool {
	in, _ := ctx.Value(interruptionKey{}).(*interruption)
	if in == nil || ctx.Err() == nil {
		return false
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.sig != nil && summary != "" {
		in.summary = summary
	}
	return in.sig != nil
}

// gatedWriter passes writes through until a signal arrives, then drops them: the messages of
// calls the signal cancelled would only repeat it.
type gatedWriter struct {
	w  io.Writer
	in *interruption
}

func (g *gatedWriter) Write(p []byte) (int, error) {
	g.in.mu.Lock()
	defer g.in.mu.Unlock()
	if g.in.sig != nil {
		return len(p), nil
	}
	return g.w.Write(p)
}
