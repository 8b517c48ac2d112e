package atomicfile

import (
	"os"
	"os/signal"
	"syscall"
)

// interrupts holds SIGINT and SIGTERM while a file is written, so that the temporary can be
// removed before the process ends.
type interrupts struct {
	ch  chan os.Signal
	got os.Signal // the first signal received, once pending has seen it
}

// holdInterrupts starts catching SIGINT and SIGTERM, except one the process ignores (nohup):
// catching it would un-ignore it.
func holdInterrupts() *interrupts {
	in := &interrupts{ch: make(chan os.Signal, 1)}
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		if !signal.Ignored(sig) {
			signal.Notify(in.ch, sig)
		}
	}
	return in
}

// pending reports whether an interrupt has arrived.
func (in *interrupts) pending() bool {
	if in.got == nil {
		select {
		case in.got = <-in.ch:
		default:
		}
	}
	return in.got != nil
}

// release stops catching interrupts and, when one arrived, ends the process by it now that no
// temporary is left.
func (in *interrupts) release() {
	signal.Stop(in.ch)
	if in.pending() {
		redeliver(in.got)
	}
}
