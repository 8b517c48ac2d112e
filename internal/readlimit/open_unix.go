//go:build unix

package readlimit

import "syscall"

// openNonBlock makes opening a FIFO return at once instead of waiting for a writer; it
// changes nothing for the regular files that File goes on to read.
const openNonBlock = syscall.O_NONBLOCK
