package main

import (
	"fmt"
	"os"
	"path/filepath"
)

// refuseInputAsOutput returns an error when writing out would replace one of the input files,
// which `-o` on the input's own name (or a directory holding it) would otherwise do silently.
func refuseInputAsOutput(out string, inputs []string) error {
	if out == "" {
		return nil // standard output
	}
	for _, in := range inputs {
		if in != "-" && sameFile(out, in) {
			return fmt.Errorf("the output %s would overwrite the input %s; give -o another file name", out, in)
		}
	}
	return nil
}

// sameFile reports whether a and b name one file: the same file on disk (through links, or a
// case-insensitive file system) when both exist, else the same cleaned absolute path.
func sameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	switch {
	case errA == nil && errB == nil:
		return os.SameFile(sa, sb)
	case errA == nil || errB == nil:
		return false // one exists and the other does not
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}
