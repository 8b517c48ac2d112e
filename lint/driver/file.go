package driver

import (
	"bytes"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/readlimit"
	"github.com/wfc-dev/wfc/lint"
)

// MaxFileSize is the largest file wfc lints, in bytes (64 MiB): the limit of the BPMN and
// export decoders. YAML workflows have a tighter limit of their own (workflow.MaxFileSize),
// reported as a diagnostic.
const MaxFileSize = readlimit.BPMN

// RuleInternal is the rule id of the diagnostic that stands in for a bug in wfc (a panic while
// linting one file), so one bad file cannot take down a run over a whole repository.
const RuleInternal = "internal"

// Kind is what a file holds, as far as linting goes.
type Kind int

const (
	KindWorkflow Kind = iota + 1 // a wfc YAML workflow
	KindBPMN                     // BPMN 2.0 XML
	KindJSON                     // taskflow envelope, create-version request, API response, xml-js tree or export file
)

func (k Kind) String() string {
	switch k {
	case KindWorkflow:
		return "workflow"
	case KindBPMN:
		return "bpmn"
	case KindJSON:
		return "json"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// DetectKind decides what path holds: by extension first, by the first non-blank byte for
// any other name.
func DetectKind(path string, src []byte) Kind {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		return KindWorkflow
	case ".bpmn", ".xml":
		return KindBPMN
	case ".json":
		return KindJSON
	}
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(src, []byte("\ufeff")))
	if len(trimmed) > 0 {
		switch trimmed[0] {
		case '<':
			return KindBPMN
		case '{', '[':
			return KindJSON
		}
		if isBase64Blob(trimmed) {
			return KindBPMN // a bare taskflow, as SecMaster stores it; bpmn.DecodeAny reads it
		}
	}
	return KindWorkflow
}

// isBase64Blob reports whether b is one long run of base64 (line breaks allowed), which no
// YAML workflow is: a workflow has "key: value" lines.
func isBase64Blob(b []byte) bool {
	const minLen = 64 // bytes; shorter text is more likely a stray word than a taskflow
	if len(b) < minLen {
		return false
	}
	for _, c := range b {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '+', c == '/', c == '=', c == '\n', c == '\r':
		default:
			return false
		}
	}
	return true
}

// TooLargeError says a file is over MaxFileSize.
type TooLargeError struct {
	Path string
	Size int64 // bytes, or MaxFileSize+1 when only "more than the limit" is known
}

// Error says only "larger than the limit": Size is often just the limit plus the one byte
// that told the reader to stop.
func (e *TooLargeError) Error() string {
	return (&readlimit.TooLargeError{Name: e.Path, Limit: MaxFileSize, What: "files wfc lints"}).Error()
}

// File lints one file's bytes; path names it in diagnostics and decides its kind (see the
// package doc). Problems in the file are diagnostics; the error is set only when the file
// cannot be linted at all (it is over MaxFileSize).
func File(path string, src []byte, s lint.Settings) (diag.List, error) {
	if len(src) > MaxFileSize {
		return nil, &TooLargeError{Path: path, Size: int64(len(src))}
	}
	return lintKind(path, src, DetectKind(path, src), s), nil
}

// lintKind runs the linter for kind and turns a panic into a diagnostic: the driver runs
// many files on worker goroutines, where a panic would end the whole process.
func lintKind(path string, src []byte, kind Kind, s lint.Settings) (out diag.List) {
	defer recoverInternal(path, func(d diag.List) { out = d })
	lintFn, ok := linters[kind]
	if !ok {
		lintFn = lintWorkflow
	}
	out = lintFn(path, src, s)
	out.Sort()
	return out
}

// recoverInternal, deferred, turns a panic into one internal diagnostic about path, which it
// hands to set: a bug in wfc costs one file's result, not the whole run.
func recoverInternal(path string, set func(diag.List)) {
	if r := recover(); r != nil {
		d := diag.Errorf(diag.Range{File: path}, RuleInternal,
			"wfc crashed while linting this file (%v); this is a bug in wfc, please report it with the file", r)
		d.Detail = string(debug.Stack())
		set(diag.List{d})
	}
}

// linters maps each kind to its linter; a variable so a test can plant a crashing one.
var linters = map[Kind]func(path string, src []byte, s lint.Settings) diag.List{
	KindWorkflow: lintWorkflow,
	KindBPMN:     lintBPMN,
	KindJSON:     lintJSON,
}
