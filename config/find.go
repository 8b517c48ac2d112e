package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/wfc-dev/wfc/diag"
)

// Find looks for wfc.yaml in start (a file's directory, or start itself when it is a
// directory) and then in each parent. It stops at the first wfc.yaml, and after checking a
// directory that holds .git (the repository root), so a config above the repository never
// applies. ok is false when there is none; err is set when a directory cannot be read.
func Find(start string) (path string, ok bool, err error) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", false, fmt.Errorf("cannot find %s from %s: %w", FileName, start, err)
	}
	st, err := os.Stat(dir)
	if err != nil {
		return "", false, fmt.Errorf("cannot find %s from %s: %w", FileName, start, err)
	}
	if !st.IsDir() {
		dir = filepath.Dir(dir)
	}
	for {
		candidate := filepath.Join(dir, FileName)
		switch st, err := os.Stat(candidate); {
		case err == nil && st.Mode().IsRegular():
			return candidate, true, nil
		case err == nil: // a directory or device named wfc.yaml is not a config
		case !errors.Is(err, fs.ErrNotExist):
			return "", false, fmt.Errorf("cannot read %s: %w", candidate, err)
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return "", false, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false, nil
		}
		dir = parent
	}
}

// Resolve loads the config a command should use: explicit (from --config) when set,
// otherwise the wfc.yaml Find finds from start, otherwise Default.
func Resolve(explicit, start string) (*Config, diag.List) {
	if explicit != "" {
		return Load(explicit)
	}
	p, ok, err := Find(start)
	if err != nil {
		return nil, diag.List{{Severity: diag.Error, Rule: diag.RuleIO, Message: err.Error()}}
	}
	if !ok {
		dir := start
		if st, err := os.Stat(start); err == nil && !st.IsDir() {
			dir = filepath.Dir(start)
		}
		return Default(dir), nil
	}
	return Load(p)
}
