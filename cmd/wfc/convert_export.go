package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/secmaster/exportfile"
)

// exportPick names the workflow and version convert reads from an export file; empty picks
// the only one there is.
type exportPick struct {
	workflow, version string
}

// pickError says that the flags do not pick one workflow or version: a usage error.
type pickError struct{ msg string }

func (e *pickError) Error() string { return e.msg }

func pickErrorf(format string, args ...any) error { return &pickError{fmt.Sprintf(format, args...)} }

// isExportFile reports whether data looks like an export file (a JSON array), the one JSON
// form bpmn.DecodeAny does not read.
func isExportFile(data []byte) bool {
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff")))
	return len(trimmed) > 0 && trimmed[0] == '['
}

// decodeExportVersion decodes the taskflow of the picked version of the picked workflow.
func decodeExportVersion(data []byte, pick exportPick) (*bpmn.Document, error) {
	wfs, err := exportfile.Parse(bytes.TrimPrefix(data, []byte("\ufeff")))
	if err != nil {
		return nil, err
	}
	w, err := pickExportWorkflow(wfs, pick.workflow)
	if err != nil {
		return nil, err
	}
	v, err := pickExportVersion(w, pick.version)
	if err != nil {
		return nil, err
	}
	doc, err := bpmn.DecodeTaskflow(v.Taskflow)
	if err != nil {
		return nil, fmt.Errorf("workflow %q version %q: taskflow: %v", w.Name, v.Name, err)
	}
	return doc, nil
}

// pickExportWorkflow finds the workflow whose name or id is want, or the only one when want is
// empty.
func pickExportWorkflow(wfs []exportfile.Workflow, want string) (*exportfile.Workflow, error) {
	names := make([]string, len(wfs))
	for i := range wfs {
		names[i] = wfs[i].Name
		if want != "" && (wfs[i].Name == want || wfs[i].ID == want) {
			return &wfs[i], nil
		}
	}
	switch {
	case len(wfs) == 0:
		return nil, fmt.Errorf("the export file holds no workflows")
	case want != "":
		return nil, pickErrorf("the export file has no workflow named or with id %q; it holds %s", want, quotedList(names))
	case len(wfs) > 1:
		return nil, pickErrorf("the export file holds %d workflows; pick one with --workflow NAME|ID: %s", len(wfs), quotedList(names))
	}
	return &wfs[0], nil
}

// pickExportVersion finds the version of w whose name, id or version id is want, or the only
// one when want is empty.
func pickExportVersion(w *exportfile.Workflow, want string) (*secmaster.WorkflowVersion, error) {
	labels := make([]string, len(w.Versions))
	for i, v := range w.Versions {
		labels[i] = versionLabel(v)
		if want != "" && (v.Version == want || v.Name == want || v.ID == want || v.VersionID == want) {
			return &w.Versions[i], nil
		}
	}
	switch {
	case len(w.Versions) == 0:
		return nil, fmt.Errorf("workflow %q has no versions in the export file", w.Name)
	case want != "":
		return nil, pickErrorf("workflow %q has no version %q (by label, name or id); it has %s", w.Name, want, listed(labels))
	case len(w.Versions) > 1:
		return nil, pickErrorf("workflow %q has %d versions; pick one with --version LABEL|ID: %s", w.Name, len(w.Versions), listed(labels))
	}
	return &w.Versions[0], nil
}

// versionLabel names a version in a hint by what tells versions apart: its label (v1, v2: the
// one push prints) and its id. Every version of a workflow usually has the workflow's name, so
// the name alone would list the same word several times.
func versionLabel(v secmaster.WorkflowVersion) string {
	label := v.Version
	if label == "" {
		label = v.Name
	}
	if v.ID == "" {
		return fmt.Sprintf("%q", label)
	}
	return fmt.Sprintf("%q (id %s)", label, v.ID)
}

// maxListed bounds how many names a message lists, so a large export file gives a short error.
const maxListed = 10

// quotedList is the names quoted and comma-separated, the first maxListed of them.
func quotedList(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = fmt.Sprintf("%q", n)
	}
	return listed(quoted)
}

// listed is the items comma-separated, the first maxListed of them.
func listed(items []string) string {
	if len(items) <= maxListed {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:maxListed], ", ") + fmt.Sprintf(" and %d more", len(items)-maxListed)
}
