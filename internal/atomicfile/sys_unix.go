//go:build unix

package atomicfile

import (
	"errors"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// syncDir flushes a directory, so that a rename in it survives a crash. A file system that
// cannot sync directories (EINVAL) has nothing more to do.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) {
		return nil
	}
	return err
}

// redeliver ends the process by sig, as the signal would have ended it had wfc not held it:
// every handler of sig is removed (a remote command's context would only have stopped its
// work), the signal is sent again, and this goroutine waits for it, so that the caller does
// not go on to the next file.
func redeliver(sig os.Signal) {
	s, ok := sig.(syscall.Signal)
	if !ok {
		return
	}
	signal.Reset(s)
	if syscall.Kill(syscall.Getpid(), s) != nil {
		return
	}
	for {
		time.Sleep(time.Hour) // delivery is asynchronous; a sleeping goroutine is not a deadlock
	}
}
