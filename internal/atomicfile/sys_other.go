//go:build !unix

package atomicfile

import "os"

// syncDir does nothing: Windows has no directory handle to flush, and its renames are
// journaled by NTFS.
func syncDir(string) error { return nil }

// redeliver ends the process with the exit status of an interrupted command: a signal cannot
// be sent to oneself on this platform.
func redeliver(os.Signal) { os.Exit(130) }
